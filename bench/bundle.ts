// Bundle sizes from `wrangler deploy --dry-run --outdir`: SIMKeep against bare Hono (+ resend) Workers.
import { join } from 'node:path'
import { ROOT, tempDir, wranglerSync } from './lib.ts'

export interface BundleSize {
  name: string
  totalKiB: number
  gzipKiB: number
}

function measure(name: string, config: string): BundleSize {
  const out = tempDir('bundle')
  try {
    const text = wranglerSync(['deploy', '--dry-run', '--outdir', out.path, '--config', config], {
      timeoutMs: 180_000,
    })
    const m = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(text)
    if (!m) throw new Error(`no "Total Upload" line in wrangler output:\n${text.slice(-2000)}`)
    return { name, totalKiB: Number(m[1]), gzipKiB: Number(m[2]) }
  } finally {
    out.remove()
  }
}

export function runBundle(): BundleSize[] {
  return [
    measure('SIMKeep', join(ROOT, 'wrangler.toml')),
    measure('bare Hono + resend', join(ROOT, 'bench/baseline-resend/wrangler.toml')),
    measure('bare Hono', join(ROOT, 'bench/baseline-hello/wrangler.toml')),
  ]
}

if (import.meta.main) console.table(runBundle())
