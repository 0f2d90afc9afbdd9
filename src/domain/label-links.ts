// Does a card label carry a web or email address? Labels appear in emails we send, so a label must not
// become a way to put someone's link in front of a reader.
//
// Decisions:
// - Checked after NFKC, so full-width letters and punctuation (ｈｔｔｐｓ：／／) count as their ASCII twins.
// - Refused: anything with a scheme (`https://`, `hxxp://`), `www.`, an address (`a@b.c`), and a bare
//   domain whose last part is a top-level domain that mail clients turn into links, or that is
//   followed by a path. "St.John" or "No.2" stay fine.

const SCHEME = /[a-z][a-z0-9+.-]*:\/\//i
const WWW = /(^|[^a-z0-9])www\./i
const ADDRESS = /[^\s@]+@[^\s@]+\.[^\s@]+/
const DOMAIN = /(?:^|[^a-z0-9-])((?:[a-z0-9-]+\.)+([a-z]{2,63}))(\/?)/gi

// Generic TLDs seen in phishing and the region's country codes; a bare "name.tld" with one of these
// is linked by common mail clients.
const LINKED_TLDS = new Set(
  (
    'com net org info biz io co me app xyz top link click site online shop store live life club vip ' +
    'cc tk ml ga cf gq ly gl to ws su ru cn hk mo tw sg my uk us de jp kr in au ca fr'
  ).split(' '),
)

export function hasLinkOrAddress(label: string): boolean {
  const text = label.normalize('NFKC')
  if (SCHEME.test(text) || WWW.test(text) || ADDRESS.test(text)) return true
  for (const m of text.matchAll(DOMAIN)) {
    const tld = (m[2] ?? '').toLowerCase()
    if (m[3] === '/' || LINKED_TLDS.has(tld)) return true
  }
  return false
}
