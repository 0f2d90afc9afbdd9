// The English-only pages for the people who run SIMKeep (/admin, /dev/mailbox): the same noindex
// document shell and the same plain data table, so the two stay alike.
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'

/** A noindex English page; `head` adds the page's own styles. */
export function PlainPage({ title, head, children }: { title: string; head: Child; children: Child }) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{title}</title>
          {head}
        </head>
        <body>{children}</body>
      </html>
    </>
  )
}

/** A table with one header row of column names; the rows are the caller's. */
export function DataTable({ columns, children }: { columns: string[]; children: Child }) {
  return (
    <table>
      <thead>
        <tr>
          {columns.map((name) => (
            <th scope="col">{name}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  )
}
