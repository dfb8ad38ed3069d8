// Meta signs every webhook delivery: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with
// the app secret>`. Checked over the bytes as received (a parsed and re-serialised body would differ), in
// constant time. Pure.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header value Meta would send for this body. */
export function signatureOf(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** True only when `header` is exactly the signature of `rawBody` (missing, malformed or wrong: false). */
export function isSignedBy(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (typeof header !== 'string' || !/^sha256=[0-9a-f]{64}$/i.test(header.trim())) return false;
  const expected = Buffer.from(signatureOf(rawBody, appSecret), 'utf8');
  const given = Buffer.from(header.trim().toLowerCase(), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
