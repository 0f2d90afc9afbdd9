// Fills a {placeholder} message with nodes (e.g. a date that must not wrap), keeping the text escaped.
import type { Child } from 'hono/jsx'

/** Like fill(), but the values may be JSX; the text around them stays plain, escaped text. */
export function fillNodes(template: string, values: Record<string, Child>): Child[] {
  return template.split(/(\{\w+\})/).map((part) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1]
    return name !== undefined && name in values ? values[name] : part
  })
}

/** A date or other phrase kept on one line: no break inside 2027年1月25日 or 25 January 2027. */
export function NoWrap({ children }: { children?: Child }) {
  return <span class="nowrap">{children}</span>
}
