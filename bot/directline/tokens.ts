// Direct Line tokens for the local widget: one conversation and one user per token, HMAC-signed, short-lived.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenClaims { conversationId: string; userId: string; expiresAt: number }
export type Verified = { ok: true; claims: TokenClaims } | { ok: false; reason: 'invalid' | 'expired' };

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class TokenService {
  constructor(
    private readonly secret: Buffer,
    /** Lifetime of a token; the client refreshes before it ends. */
    readonly ttlSeconds = 1800,
    private readonly now: () => number = Date.now,
  ) {
    if (secret.length < 32) throw new Error('Direct Line secret must be at least 32 bytes');
  }

  issue(conversationId: string, userId: string): { token: string; expires_in: number } {
    const claims: TokenClaims = { conversationId, userId, expiresAt: this.now() + this.ttlSeconds * 1000 };
    const body = b64(JSON.stringify(claims));
    return { token: `dl1.${body}.${this.sign(body)}`, expires_in: this.ttlSeconds };
  }

  verify(token: string | undefined): Verified {
    const [version, body, signature] = (token ?? '').split('.');
    if (version !== 'dl1' || !body || !signature) return { ok: false, reason: 'invalid' };
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (typeof claims.expiresAt !== 'number' || typeof claims.conversationId !== 'string') return { ok: false, reason: 'invalid' };
    if (claims.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
