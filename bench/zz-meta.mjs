import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const r = await build({
  entryPoints: ['src/index.ts'],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['module', 'main'],
  write: false,
  metafile: true,
  outfile: '/tmp/zz.js',
  alias: { 'postal-mime': './src/lib/no-postal-mime.ts' },
  external: ['node:*', 'cloudflare:*'],
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  logLevel: 'error',
})
const out = Object.values(r.metafile.outputs)[0]
const code = r.outputFiles[0].text
console.log('total', code.length, 'gzip', gzipSync(code).length)
const groups = {}
for (const [k, v] of Object.entries(out.inputs)) {
  const g = k.startsWith('node_modules/')
    ? k
        .split('/')
        .slice(0, k.includes('@') && k.split('/')[1].startsWith('@') ? 3 : 2)
        .join('/')
    : k.split('/').slice(0, 2).join('/')
  groups[g] = (groups[g] || 0) + v.bytesInOutput
}
console.table(
  Object.entries(groups)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30),
)
const files = Object.entries(out.inputs)
  .filter(([k]) => !k.startsWith('node_modules'))
  .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
  .slice(0, 30)
  .map(([k, v]) => [k, v.bytesInOutput])
console.table(files)
for (const p of ['node_modules/hono', 'node_modules/resend', 'node_modules/jose']) {
  console.log(p)
  console.table(
    Object.entries(out.inputs)
      .filter(([k]) => k.startsWith(p))
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
      .slice(0, 25)
      .map(([k, v]) => [k.slice(p.length), v.bytesInOutput]),
  )
}
