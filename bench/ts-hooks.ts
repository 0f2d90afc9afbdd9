// Lets Node import the app's own TypeScript (src/**) from bench scripts: adds the .ts/.tsx
// extension to relative imports written without one, as the Worker bundler does.
import { existsSync } from 'node:fs'
import { registerHooks } from 'node:module'
import { fileURLToPath } from 'node:url'

registerHooks({
  resolve(specifier, context, next) {
    if ((specifier.startsWith('./') || specifier.startsWith('../')) && context.parentURL?.startsWith('file:')) {
      if (!/\.[cm]?[jt]sx?$/.test(specifier)) {
        for (const ext of ['.ts', '.tsx', '/index.ts']) {
          const url = new URL(specifier + ext, context.parentURL)
          if (existsSync(fileURLToPath(url))) return next(url.href, context)
        }
      }
    }
    return next(specifier, context)
  },
})
