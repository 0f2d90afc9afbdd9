// The page shell: language switch, one stylesheet, optional nonce'd scripts, footer.

import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { LOCALES, type Locale } from '../domain/types'
import { LANGUAGE_NAMES, type PageMessages } from '../i18n/pages'
import { PAGE_SCRIPT } from './page-script'

export interface LayoutProps {
  t: PageMessages
  locale: Locale
  title: string
  /** path the language links point at (a GET page); '/' on pages that answer a POST */
  switchPath: string
  children?: Child
  /** end-of-body extras, e.g. a nonce'd script */
  tail?: Child
}

export function Layout({ t, locale, title, switchPath, children, tail }: LayoutProps) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={t.htmlLang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{`${title} · ${t.siteName}`}</title>
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href="/assets/site.css" />
        </head>
        <body>
          <header class="top">
            <a class="brand" href={`/?lang=${locale}`}>
              {t.siteName}
            </a>
            <nav class="lang" aria-label={t.languageLabel}>
              <ul>
                {LOCALES.map((l) => (
                  <li>
                    <a
                      href={`${switchPath}${switchPath.includes('?') ? '&' : '?'}lang=${l}`}
                      hreflang={l}
                      lang={l}
                      aria-current={l === locale ? 'true' : undefined}
                    >
                      {LANGUAGE_NAMES[l]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </header>
          <div class="wrap">
            <main id="main">{children}</main>
          </div>
          <footer>
            <p>{t.footerPrivacy}</p>
            <p>{t.footerNoMoney}</p>
            <p>
              <a href={`/privacy?lang=${locale}`}>{t.privacyLink}</a>
            </p>
          </footer>
          <script>{raw(PAGE_SCRIPT)}</script>
          {tail}
        </body>
      </html>
    </>
  )
}
