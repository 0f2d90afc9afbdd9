// Type-level proof, checked by `npm run typecheck`: a language missing a page message does not compile.
import type { PageMessages } from '../../src/i18n/pages'
import { en } from '../../src/i18n/pages/en'

const { sentTitle: _dropped, ...missingOne } = en

// @ts-expect-error: sentTitle is missing, so this object does not satisfy PageMessages
export const incomplete = { ...missingOne } satisfies PageMessages

// @ts-expect-error: a key the English source does not have is rejected too
export const extra = { ...en, notAKey: 'x' } satisfies PageMessages

// @ts-expect-error: every message is a string
export const wrongType = { ...en, sentTitle: 42 } satisfies PageMessages

export const complete = { ...en } satisfies PageMessages
