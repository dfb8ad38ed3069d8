// Hardening over HTTP: security headers, rate limits, Bot Framework authentication with real JWT validation
// (forged and genuine tokens against a key set we publish offline), staff token guessing, secrets in logs.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import os from 'node:os';
import { Writable } from 'node:stream';
import { buildApp } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { publishSigningKeys } from '../helpers/botkit';
import { CaptureChannel, emulatorActivity, post, startBot } from '../helpers/http';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const SECRET = 'app-password-that-must-never-be-logged';

function jwt(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg: 'RS256', typ: 'JWT', kid });
  const body = b64(claims);
  return `${head}.${body}.${sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key).toString('base64url')}`;
}

describe('Bot Framework authentication (app id set)', () => {
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let channel: CaptureChannel;
  let bot: Awaited<ReturnType<typeof startBot>>;

  beforeAll(async () => {
    publishSigningKeys([{ ...published.publicKey.export({ format: 'jwk' }), kid: 'published-key', use: 'sig', endorsements: ['emulator', 'webchat', 'msteams'] }]);
    channel = await new CaptureChannel().start();
    bot = await startBot({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: SECRET, LOG_LEVEL: 'debug' });
  });
  afterAll(async () => {
    await bot.stop();
    await channel.stop();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({ iss: 'https://api.botframework.com', aud: APP_ID, exp: now() + 600, nbf: now() - 10, serviceurl: channel.url });
  const send = (authorization?: string) => fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(emulatorActivity(channel, { text: 'Hoeveel kost het examen?', locale: 'nl' })),
  });

  test('no token: 401', async () => {
    expect((await send()).status).toBe(401);
  });

  test('a self-signed (forged) token: 401', async () => {
    const forged = await send(`Bearer ${jwt(attacker.privateKey, 'forged-key', claims())}`);
    expect(forged.status).toBe(401);
    // The forger's key under the published key's id: the signature does not verify.
    const stolenId = await send(`Bearer ${jwt(attacker.privateKey, 'published-key', claims())}`);
    expect(stolenId.status).toBe(401);
  });

  test('a token for another bot, or expired: 401', async () => {
    expect((await send(`Bearer ${jwt(published.privateKey, 'published-key', { ...claims(), aud: 'another-bot' })}`)).status).toBe(401);
    expect((await send(`Bearer ${jwt(published.privateKey, 'published-key', { ...claims(), exp: now() - 3600, nbf: now() - 7200 })}`)).status).toBe(401);
  });

  test('garbage in the header: 401, never a 500', async () => {
    for (const header of ['Bearer', 'Bearer abc', 'Basic dXNlcjpwYXNz', `Bearer ${'x'.repeat(5000)}`, 'Bearer a.b.c']) {
      const res = await send(header);
      expect([header.slice(0, 12), res.status]).toEqual([header.slice(0, 12), 401]);
    }
  });

  test('a genuine token (signed with the published key) is accepted', async () => {
    const res = await send(`Bearer ${jwt(published.privateKey, 'published-key', claims())}`);
    expect(res.status).toBe(200);
  });
});

test('secrets never appear in logs', async () => {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _e, done) { lines.push(String(chunk)); done(); } });
  const token = 'staff-token-that-must-not-be-logged-123';
  const app = buildApp(loadConfig({
    DATA_DIR: os.tmpdir() + '/wegwijzer-secrets-' + process.pid, LOG_LEVEL: 'trace', STAFF_TOKEN: token,
    DIRECTLINE_SECRET: 'directline-secret-that-must-not-be-logged-0123456789',
  }), { logger: createLogger('trace', sink) });
  const server = app.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
  await fetch(`${url}/staff/api/summary`, { headers: { Authorization: 'Bearer wrong-token-guess' } });
  await fetch(`${url}/staff/api/summary`, { headers: { Authorization: `Bearer ${token}` } });
  server.closeAllConnections();
  server.close();
  await app.close();
  const all = lines.join('\n');
  expect(all).not.toContain(token);
  expect(all).not.toContain('wrong-token-guess');
  expect(all).not.toContain('directline-secret-that-must-not-be-logged');
  // A bad configuration names the variable but never shows the secret's value.
  expect(() => loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: '', STAFF_TOKEN: 'short-secret' })).toThrow(/STAFF_TOKEN/);
  try { loadConfig({ STAFF_TOKEN: 'short-secret' }); } catch (error) { expect(String(error)).not.toContain('short-secret'); }
});

describe('headers and limits', () => {
  let channel: CaptureChannel;
  let bot: Awaited<ReturnType<typeof startBot>>;
  beforeAll(async () => {
    channel = await new CaptureChannel().start();
    bot = await startBot({ RATE_LIMIT_PER_MINUTE: '40', STAFF_TOKEN: 'staff-token-for-hardening-tests-0123', ALLOWED_ORIGINS: 'https://www.voorbeeldstad.nl' });
  });
  afterAll(async () => {
    await bot.stop();
    await channel.stop();
  });

  test('security headers on pages and the API; only the widget may be framed, only by ALLOWED_ORIGINS', async () => {
    const page = await fetch(`${bot.url}/`);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'self';");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(page.headers.get('x-powered-by')).toBeNull();
    const widget = await fetch(`${bot.url}/widget`);
    expect(widget.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://www.voorbeeldstad.nl;");
    const api = await post(bot, channel, emulatorActivity(channel, { text: 'hoi' }));
    expect(api.status).toBe(200);
  });

  test('one conversation flooding /api/messages gets 429 with Retry-After; another conversation still gets through', async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 130 && !limited; i++) {
      const res = await fetch(`${bot.url}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.${i}` },
        body: JSON.stringify(emulatorActivity(channel, { type: 'typing', conversation: { id: 'flood|livechat' } })),
      });
      if (res.status === 429) limited = res;
    }
    expect(limited?.headers.get('retry-after')).toBe('60');
  });

  test('too many requests from one address: 429 on every route (health checks excepted)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await fetch(`${bot.url}/privacy`)).status);
    expect(statuses).toContain(429);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });
});

test('guessing the staff token: 429 after ten wrong tries', async () => {
  const bot = await startBot({ STAFF_TOKEN: 'the-real-staff-token-0123456789' });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await fetch(`${bot.url}/staff/api/summary`, { headers: { Authorization: `Bearer guess-${i}` } })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
  } finally {
    await bot.stop();
  }
});
