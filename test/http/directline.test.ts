// The local Direct Line: a conversation through the same bot, tokens that only open their own conversation,
// and bad requests refused with 4xx.
import fs from 'node:fs';
import path from 'node:path';
import { TokenService } from '../../bot/directline/tokens';
import { startBot, type RunningBot } from '../helpers/http';

let bot: RunningBot;
beforeAll(async () => { bot = await startBot(); });
afterAll(async () => { await bot.stop(); });

/** The JSON body of a response, untyped for assertions. */
const json = async (res: Response): Promise<any> => res.json();
const dl = (p: string) => `${bot.url}/v3/directline${p}`;
const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

async function start(locale = 'nl-NL') {
  const generated = await json(await fetch(dl('/tokens/generate'), { method: 'POST' }));
  const started = await fetch(dl('/conversations'), { method: 'POST', headers: auth(generated.token), body: JSON.stringify({ locale }) });
  expect(started.status).toBe(201);
  return generated as { conversationId: string; token: string; userId: string; expires_in: number };
}

const activities = async (conversationId: string, token: string, watermark = '') =>
  fetch(dl(`/conversations/${conversationId}/activities?watermark=${watermark}`), { headers: auth(token) });

const join = async (c: { conversationId: string; token: string }, language: string) => fetch(dl(`/conversations/${c.conversationId}/activities`), {
  method: 'POST', headers: auth(c.token), body: JSON.stringify({ type: 'event', name: 'webchat/join', value: { language }, locale: 'nl-NL' }),
});

test('the bot greets when the widget joins, in the widget\'s language, once per conversation', async () => {
  const c = await start();
  // Connecting alone greets nobody: the widget has not said its language yet.
  expect((await json(await activities(c.conversationId, c.token))).activities).toHaveLength(0);
  expect((await join(c, 'ar')).status).toBe(200);
  const first = await json(await activities(c.conversationId, c.token));
  const greetings = first.activities.filter((a: { from: { role: string } }) => a.from.role === 'bot');
  expect(greetings).toHaveLength(1);
  expect(greetings[0].text).toContain('Wegwijzer');
  expect(greetings[0].text).toMatch(/\p{Script=Arabic}/u);
  // A resumed conversation joins again: no second greeting.
  await join(c, 'ar');
  const again = await json(await activities(c.conversationId, c.token, first.watermark));
  expect(again.activities.filter((a: { from: { role: string } }) => a.from.role === 'bot')).toHaveLength(0);
});

test('a language chosen in the widget\'s menu is saved and confirmed in that language, with an event for the widget', async () => {
  const c = await start();
  await join(c, 'nl');
  const first = await json(await activities(c.conversationId, c.token));
  await fetch(dl(`/conversations/${c.conversationId}/activities`), {
    method: 'POST', headers: auth(c.token), body: JSON.stringify({ type: 'event', name: 'webchat/language', value: { language: 'uk' } }),
  });
  const next = (await json(await activities(c.conversationId, c.token, first.watermark))).activities
    .filter((a: { from: { role: string } }) => a.from.role === 'bot');
  expect(next[0].text).toMatch(/\p{Script=Cyrillic}/u);
  expect(next[1]).toMatchObject({ type: 'event', name: 'wegwijzer/language', value: { language: 'uk' } });
  // Saved: a later English message from an English Web Chat is still answered in Ukrainian.
  await fetch(dl(`/conversations/${c.conversationId}/activities`), {
    method: 'POST', headers: auth(c.token), body: JSON.stringify({ type: 'message', text: 'How much does the integration exam cost?', locale: 'en-US' }),
  });
  const answer = (await json(await activities(c.conversationId, c.token))).activities.filter((a: { from: { role: string }; type: string }) => a.from.role === 'bot' && a.type === 'message').at(-1);
  expect(answer.text).toMatch(/\p{Script=Cyrillic}/u);
});

test('a message is echoed with its clientActivityID and answered', async () => {
  const c = await start();
  await join(c, 'nl');
  const first = await json(await activities(c.conversationId, c.token));

  const posted = await fetch(dl(`/conversations/${c.conversationId}/activities`), {
    method: 'POST', headers: auth(c.token),
    body: JSON.stringify({ type: 'message', text: 'Wat kost het inburgeringsexamen?', locale: 'nl-NL', channelData: { clientActivityID: 'abc-1' } }),
  });
  expect(posted.status).toBe(200);
  const { id } = await json(posted);
  const next = await json(await activities(c.conversationId, c.token, first.watermark));
  const [echo, answer] = next.activities;
  expect(echo).toMatchObject({ id, from: { id: c.userId, role: 'user' }, channelData: { clientActivityID: 'abc-1' } });
  expect(answer.from.role).toBe('bot');
  expect(answer.channelData.wegwijzer.topic).toBe('exam-costs');
  expect(answer.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(Number(next.watermark)).toBe(first.activities.length + 2);
});

test('a token opens only its own conversation (403 for another one)', async () => {
  const a = await start();
  const b = await start();
  expect((await activities(b.conversationId, a.token)).status).toBe(403);
  const post = await fetch(dl(`/conversations/${b.conversationId}/activities`), {
    method: 'POST', headers: auth(a.token), body: JSON.stringify({ type: 'message', text: 'hallo' }),
  });
  expect(post.status).toBe(403);
});

test('a missing or forged token gets 401, an expired one 403', async () => {
  const c = await start();
  expect((await fetch(dl(`/conversations/${c.conversationId}/activities`))).status).toBe(401);
  const [version, body] = c.token.split('.');
  expect((await activities(c.conversationId, `${version}.${body}.forgedsignature`)).status).toBe(401);
  const otherSecret = new TokenService(Buffer.alloc(32, 7)).issue(c.conversationId, c.userId).token;
  expect((await activities(c.conversationId, otherSecret)).status).toBe(401);
  const secret = fs.readFileSync(path.join(bot.dataDir, 'directline.secret'), 'utf8').trim();
  const past = new TokenService(Buffer.from(secret, 'base64url'), 60, () => Date.now() - 3_600_000);
  const expired = await activities(c.conversationId, past.issue(c.conversationId, c.userId).token);
  expect(expired.status).toBe(403);
  expect((await json(expired)).error.code).toBe('TokenExpired');
});

test('a token can be refreshed and the new one works', async () => {
  const c = await start();
  const refreshed = await json(await fetch(dl('/tokens/refresh'), { method: 'POST', headers: auth(c.token) }));
  expect(refreshed.conversationId).toBe(c.conversationId);
  expect((await activities(c.conversationId, refreshed.token)).status).toBe(200);
});

test.each([
  ['not JSON', '{"type": "message",', 400],
  ['an unknown activity type', JSON.stringify({ type: 'deleteUserData' }), 400],
  ['a file upload', JSON.stringify({ type: 'message', attachments: [{ contentType: 'image/png' }] }), 400],
  ['text over 5000 characters', JSON.stringify({ type: 'message', text: 'x'.repeat(5001) }), 400],
  ['a body over 32 KB', JSON.stringify({ type: 'message', value: 'x'.repeat(40_000) }), 413],
])('%s is refused', async (_name, body, status) => {
  const c = await start();
  const res = await fetch(dl(`/conversations/${c.conversationId}/activities`), { method: 'POST', headers: auth(c.token), body });
  expect(res.status).toBe(status);
});

test('the connector endpoint refuses replies for unknown conversations', async () => {
  const res = await fetch(`${bot.url}/v3/conversations/nope/activities`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'x' }),
  });
  expect(res.status).toBe(404);
});

test('a token posting too fast is rate limited (429), others are not affected', async () => {
  const c = await start();
  const other = await start();
  let last = 0;
  for (let i = 0; i < 31; i++) {
    last = (await fetch(dl(`/conversations/${c.conversationId}/activities`), {
      method: 'POST', headers: auth(c.token), body: JSON.stringify({ type: 'typing' }),
    })).status;
  }
  expect(last).toBe(429);
  const ok = await fetch(dl(`/conversations/${other.conversationId}/activities`), {
    method: 'POST', headers: auth(other.token), body: JSON.stringify({ type: 'typing' }),
  });
  expect(ok.status).toBe(200);
});

test('the Web Chat bundle, the embed script and the pages are served locally', async () => {
  const bundle = await fetch(`${bot.url}/webchat.js`);
  expect(bundle.status).toBe(200);
  expect((await bundle.text()).length).toBeGreaterThan(1_000_000);
  const embed = await (await fetch(`${bot.url}/widget.js`)).text();
  expect(embed).toContain('"open":');
  const page = await (await fetch(`${bot.url}/?lang=en`)).text();
  expect(page).toContain('<html lang="en" dir="ltr">');
  const arabic = await (await fetch(`${bot.url}/?lang=ar`)).text();
  expect(arabic).toContain('<html lang="ar" dir="rtl">');
  const frame = await fetch(`${bot.url}/widget?lang=nl`);
  expect(frame.headers.get('content-security-policy')).toContain("frame-ancestors 'self';");
  expect(frame.headers.get('content-security-policy')).toContain("script-src 'self';");
});
