// Quality gates: axe-core on live pages, the Nu HTML Checker over saved HTML, email CSS support.
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AxeBuilder } from '@axe-core/playwright'
import { doIUseEmail } from '@jsx-email/doiuse-email'
import type { Page } from 'playwright-core'
import { ROOT } from './app.ts'

/** A promise that rejects after `ms` instead of waiting forever. */
export function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

export const EMAIL_CLIENTS = ['gmail.*', 'outlook.*', 'apple-mail.*']

/** axe-core with its default rule set (WCAG A/AA and best practices); returns readable violations. */
export async function axeViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  let builder = new AxeBuilder({ page })
  for (const selector of exclude) builder = builder.exclude(selector)
  const result = await bounded(builder.analyze(), 60_000, `axe on ${page.url()}`)
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`)
        .join('\n'),
  )
}

/** Page-structure rules that do not apply to an email, which a mail client embeds in its own page. */
export const EMAIL_AXE_SKIPPED = ['landmark-one-main', 'region', 'page-has-heading-one']

/** axe-core on an email's html, shown alone in `page` (no scripts of its own, no network). */
export async function emailAxeViolations(page: Page, html: string): Promise<string[]> {
  await page.route('**/*', (route) => route.abort())
  await page.setContent(html, { waitUntil: 'load' })
  const result = await bounded(
    new AxeBuilder({ page }).disableRules(EMAIL_AXE_SKIPPED).analyze(),
    60_000,
    'axe on an email',
  )
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`)
        .join('\n'),
  )
}

/**
 * doiuse-email "not supported" findings that degrade gracefully and so do not fail the gate, each
 * with its reason (docs/quality.md lists them too). Only these exact feature × client pairs pass:
 * the same feature failing in any other client is an error like everything else.
 */
export const EMAIL_CSS_ALLOWED: Array<{ feature: string; clients: string[]; why: string }> = [
  {
    feature: '`role attribute`',
    clients: ['outlook.windows-mail'],
    why: 'role="presentation" on layout tables is for screen readers; a client that drops it loses nothing',
  },
  {
    feature: '`border-radius`',
    clients: ['outlook.windows', 'outlook.windows-mail'],
    why: 'square corners in Outlook for Windows; purely cosmetic',
  },
  {
    feature: '`white-space`',
    clients: ['outlook.windows', 'outlook.windows-mail'],
    why: 'keeps a date such as 12月24日星期四 on one line; Outlook for Windows may break it across lines, still readable',
  },
  {
    feature: '`<body> element`',
    clients: ['outlook.macos', 'outlook.ios', 'outlook.android'],
    why: 'Outlook for Mac/iOS/Android replace <body>; the layout must not depend on its styles (a wrapper table carries them)',
  },
]

const allowed = new Set(
  EMAIL_CSS_ALLOWED.flatMap((a) => a.clients.map((client) => `${a.feature} is not supported by \`${client}\``)),
)

/** Email CSS/HTML features that Gmail, Outlook or Apple Mail do not support (doiuse-email errors). */
export function emailCssErrors(html: string): string[] {
  const result = doIUseEmail(html, { emailClients: EMAIL_CLIENTS })
  if (result.success) return []
  return result.errors.filter((e) => !allowed.has(e))
}

export interface VnuMessage {
  file: string
  type: string
  subType?: string
  message: string
  extract?: string
  line?: number
}

/** Runs the Nu HTML Checker once over every .html file under `dir`; returns errors only. */
export function vnuErrors(dir: string, timeoutMs = 180_000): Promise<VnuMessage[]> {
  const jar = join(ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar')
  return new Promise((resolve, reject) => {
    const child = spawn('java', ['-Xss2m', '-jar', jar, '--format', 'json', '--errors-only', '--skip-non-html', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.stderr.on('data', (d) => {
      err += d
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`vnu timed out after ${timeoutMs} ms`))
    }, timeoutMs)
    child.on('error', (e) => {
      clearTimeout(timer)
      reject(new Error(`could not run java for vnu (install a JRE: apt-get install -y default-jre-headless): ${e}`))
    })
    child.on('exit', () => {
      clearTimeout(timer)
      const text = (err.trim() || out.trim()) ?? ''
      try {
        const parsed = JSON.parse(text || '{"messages":[]}') as {
          messages: Array<{
            url?: string
            type: string
            subType?: string
            message: string
            extract?: string
            lastLine?: number
          }>
        }
        resolve(
          parsed.messages
            .filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal')
            .map((m) => ({
              file: (m.url ?? '').replace(/^file:/, ''),
              type: m.type,
              subType: m.subType,
              message: m.message,
              extract: m.extract,
              line: m.lastLine,
            })),
        )
      } catch {
        reject(new Error(`vnu printed something that is not JSON:\n${text.slice(0, 2000)}`))
      }
    })
  })
}

/**
 * Where pages, emails and reports of a run are kept: under .state/ (git-ignored, and outside Biome's
 * files, which would otherwise lint the saved HTML in `npm test`).
 */
export function artifactsDir(name: string): string {
  const dir = join(ROOT, '.state', name)
  mkdirSync(dir, { recursive: true })
  return dir
}

export function save(dir: string, file: string, content: string | Buffer): string {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, file)
  writeFileSync(path, content)
  return path
}
