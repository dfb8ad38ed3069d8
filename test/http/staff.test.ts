// Staff tools over HTTP: the token, the summary after real conversations, CSV, transcripts in the Emulator's
// format (redacted), /metrics.
import YAML from 'yaml';
import { z } from 'zod';
import { EvalItem } from '../../scripts/eval';
import { CaptureChannel, emulatorActivity, post, startBot, type RunningBot } from '../helpers/http';
import { sharedI18n } from '../helpers/fixtures';

const TOKEN = 'staff-token-for-tests-0123456789';
const nl = sharedI18n().getFixedT('nl');
let bot: RunningBot;
let channel: CaptureChannel;

beforeAll(async () => {
  channel = await new CaptureChannel().start();
  bot = await startBot({ STAFF_TOKEN: TOKEN });
  const say = (conversation: string, text: string, locale = 'nl') => post(bot, channel, emulatorActivity(channel, {
    conversation: { id: conversation }, from: { id: `${conversation}-u`, role: 'user' }, text, locale,
  }));
  await say('staff-1', 'Waar kan ik mijn fiets parkeren bij het zwembad?');
  await say('staff-2', 'waar kan ik mijn fiets parkeren bij het zwembad');
  await say('staff-1', 'Mijn BSN is 111222333');
  await say('staff-1', 'Hoeveel kost het examen?');
  await say('staff-1', nl('feedback.no'));
  await say('staff-1', 'Ik wilde de prijs voor =HYPERLINK("x") weten');
  await say('staff-3', 'كم تكلفة الامتحان؟', 'ar');
  for (const text of [nl('guides.complaint'), nl('complaint.kindDecision'), 'DUO', nl('prompt.yes'), 'Ze gaven een boete zonder uitleg, veel te hoog.', 'maart', nl('complaint.wantExplanation'), nl('complaint.correct'), nl('complaint.consentYes')]) {
    await say('staff-4', text);
  }
});
afterAll(async () => {
  await bot.stop();
  await channel.stop();
});

const get = (path: string, token?: string) => fetch(`${bot.url}${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});

test('the API refuses without the token or with a wrong one; the page itself asks for it', async () => {
  expect((await get('/staff/api/summary')).status).toBe(401);
  expect((await get('/staff/api/summary', 'wrong-token')).status).toBe(401);
  expect((await get('/staff/api/summary', `${TOKEN}x`)).status).toBe(401);
  expect((await get('/staff/api/transcripts')).status).toBe(401);
  expect((await get('/metrics')).status).toBe(401);
  const page = await get('/staff');
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('id="token"');
  expect((await get('/staff/api/summary?weeks=abc', TOKEN)).status).toBe(400);
});

test('the summary groups unanswered questions (redacted), counts feedback, complaints and languages', async () => {
  const res = await get('/staff/api/summary', TOKEN);
  expect(res.status).toBe(200);
  const s = await res.json();
  const bike = s.unanswered.find((u: { question: string }) => /fiets/i.test(u.question));
  expect(bike).toMatchObject({ count: 2, outcome: 'fallback' });
  expect(JSON.stringify(s)).not.toContain('111222333');
  expect(s.feedback).toEqual(expect.arrayContaining([expect.objectContaining({ topic: 'exam-costs', notHelped: 1 })]));
  expect(s.complaints).toEqual([expect.objectContaining({ organisation: 'DUO', kind: 'decision', count: 1 })]);
  expect(s.languages).toEqual(expect.arrayContaining([{ locale: 'ar', count: 1 }]));
});

test('CSV export: UTF-8 with BOM, formulas defused, unknown exports 404', async () => {
  const res = await get('/staff/api/export/feedback.csv', TOKEN);
  expect(res.headers.get('content-type')).toMatch(/text\/csv/);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // so Excel opens it as UTF-8
  const csv = bytes.toString('utf8');
  expect(csv).toContain('"topic","helped","notHelped","comments"');
  expect(csv).not.toMatch(/(^|,)"=HYPERLINK/m);
  expect((await get('/staff/api/export/secrets.csv', TOKEN)).status).toBe(404);
});

test('staff label an unanswered question with the entry that answers it, and export the labels as eval items', async () => {
  const send = (body: unknown, token = TOKEN) => fetch(`${bot.url}/staff/api/labels`, {
    method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const entries = await (await get('/staff/api/entries', TOKEN)).json();
  expect(entries).toEqual(expect.arrayContaining([{ id: 'exam-costs', title: expect.any(String), authority: 'DUO' }]));
  const { unanswered } = await (await get('/staff/api/summary', TOKEN)).json();
  const bike = unanswered.find((u: { question: string }) => /fiets/i.test(u.question));
  expect(bike).toMatchObject({ locale: 'nl', label: '' });

  expect((await send({ question: bike.question, locale: 'nl', label: 'out-of-scope' }, 'wrong')).status).toBe(401);
  expect((await send({ question: bike.question, locale: 'nl', label: 'no-such-entry' })).status).toBe(400);
  expect((await send({ question: bike.question, locale: 'xx', label: 'out-of-scope' })).status).toBe(400);
  expect((await send({ question: '', locale: 'nl', label: 'out-of-scope' })).status).toBe(400);
  expect((await fetch(`${bot.url}/staff/api/labels`, { method: 'PUT', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: '{"question":' })).status).toBe(400);
  expect((await send({ question: bike.question, locale: 'nl', label: 'exam-costs' })).status).toBe(200);
  // A second choice replaces the first.
  expect((await send({ question: bike.question, locale: 'nl', label: 'out-of-scope' })).status).toBe(200);
  expect((await send({ question: 'Kan ik mijn inburgering in België doen?', locale: 'nl', label: 'new-topic' })).status).toBe(200);

  const after = await (await get('/staff/api/summary', TOKEN)).json();
  expect(after.unanswered.find((u: { question: string }) => /fiets/i.test(u.question))).toMatchObject({ label: 'out-of-scope' });
  const res = await get('/staff/api/eval-items/nl.yaml', TOKEN);
  expect(res.headers.get('content-disposition')).toContain('questions.nl.staff.yaml');
  const yaml = await res.text();
  expect(z.array(EvalItem).parse(YAML.parse(yaml))).toEqual([{ q: bike.question, topic: null, authority: null }]);
  expect(yaml).toContain('# - Kan ik mijn inburgering in België doen?');
  expect((await get('/staff/api/eval-items/xx.yaml', TOKEN)).status).toBe(404);
  expect((await get('/staff/api/eval-items/nl.yaml')).status).toBe(401);
  // Removing a label.
  expect((await send({ question: bike.question, locale: 'nl', label: '' })).status).toBe(200);
  expect(z.array(EvalItem).parse(YAML.parse(await (await get('/staff/api/eval-items/nl.yaml', TOKEN)).text()))).toEqual([]);
});

test('a transcript in the Emulator format: user and bot activities in order, redacted, no typing', async () => {
  const list = await (await get('/staff/api/transcripts', TOKEN)).json();
  expect(list.map((t: { id: string }) => t.id)).toContain('staff-1');
  const res = await get('/staff/api/transcripts/staff-1', TOKEN);
  expect(res.headers.get('content-disposition')).toContain('.transcript');
  const activities = await res.json();
  expect(Array.isArray(activities)).toBe(true);
  expect(activities[0]).toMatchObject({ type: 'message', from: { role: 'user' }, text: 'Waar kan ik mijn fiets parkeren bij het zwembad?' });
  expect(activities.some((a: { from: { role: string } }) => a.from.role === 'bot')).toBe(true);
  expect(activities.every((a: { type: string }) => a.type !== 'typing')).toBe(true);
  expect(JSON.stringify(activities)).not.toContain('111222333');
  expect(JSON.stringify(activities)).toContain('[BSN]');
  expect((await get('/staff/api/transcripts/nobody', TOKEN)).status).toBe(404);
});

test('/metrics for Prometheus with the token: turns by outcome, latency, errors', async () => {
  const text = await (await get('/metrics', TOKEN)).text();
  const fallbacks = Number(/wegwijzer_turns_total\{locale="nl",channel="emulator",outcome="fallback"\} (\d+)/.exec(text)?.[1]);
  expect(fallbacks).toBeGreaterThanOrEqual(2);
  expect(text).toMatch(/wegwijzer_turns_total\{locale="ar",channel="emulator",outcome="answer"\} 1/);
  expect(text).toContain('wegwijzer_turn_duration_seconds_bucket');
  expect(text).toContain('wegwijzer_turn_errors_total');
});

test('without STAFF_TOKEN there is no staff page or API; /metrics is open', async () => {
  const other = await startBot();
  try {
    expect((await fetch(`${other.url}/staff`)).status).toBe(404);
    expect((await fetch(`${other.url}/staff/api/summary`)).status).toBe(404);
    expect((await fetch(`${other.url}/metrics`)).status).toBe(200);
  } finally {
    await other.stop();
  }
});
