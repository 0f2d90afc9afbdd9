// Cloudflare Access in front of /admin: the Cf-Access-Jwt-Assertion header must be an RS256 JWT
// signed by one of the team's keys (https://<team>/cdn-cgi/access/certs), issued by the team, for
// this application's audience (ACCESS_AUD), and not expired. Verified with jose, never by hand.
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose'

export const ACCESS_HEADER = 'cf-access-jwt-assertion'

/** Access rotates its keys every six weeks and publishes the next one early; jose refetches on an unknown kid. */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>()

/** The team's key set, fetched once per isolate and cached by jose (refetched at most every 10 minutes). */
function teamKeys(teamDomain: string) {
  let keys = keySets.get(teamDomain)
  if (!keys) {
    keys = createRemoteJWKSet(new URL(`https://${teamDomain}/cdn-cgi/access/certs`), {
      timeoutDuration: 5_000,
      cacheMaxAge: 10 * 60_000,
    })
    keySets.set(teamDomain, keys)
  }
  return keys
}

export type AccessCheck = { ok: true; identity: JWTPayload } | { ok: false; reason: string }

export async function verifyAccess(
  token: string | undefined,
  access: { teamDomain: string; aud: string },
): Promise<AccessCheck> {
  if (!token) return { ok: false, reason: 'no Cf-Access-Jwt-Assertion header' }
  try {
    const { payload } = await jwtVerify(token, teamKeys(access.teamDomain), {
      algorithms: ['RS256'],
      issuer: `https://${access.teamDomain}`,
      audience: access.aud,
      requiredClaims: ['exp'],
    })
    return { ok: true, identity: payload }
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }
  }
}
