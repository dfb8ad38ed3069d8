// The WhatsApp adapter on its own: a fake Graph sender, a real store, and a turn function instead of the bot.
// Activities without the number, one number's messages in order, each message once, the 24-hour window,
// failed sends that end the turn's sending but not the turn (and are marked as not sent), odd messages in a
// batch, failed delivery statuses, and a shutdown with a deadline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { TurnContext } from '../../helpers/botkit';
import { SqliteStorage } from '../../../bot/storage/sqliteStorage';
import { notSentOf } from '../../../bot/delivery';
import { loadConfig } from '../../../bot/config';
import { turnErrorHandler } from '../../../bot/adapter';
import { createBotState } from '../../../bot/state';
import { WhatsAppAdapter, WINDOW_MS } from '../../../bot/whatsapp/adapter';
import { SeenMessages } from '../../../bot/whatsapp/dedupe';
import { GraphError } from '../../../bot/whatsapp/graph';
import { NumberHasher } from '../../../bot/whatsapp/ids';
import type { WhatsAppMetrics } from '../../../bot/whatsapp/metrics';
import { parseDelivery, type Delivery } from '../../../bot/whatsapp/schema';
import { buttonReply, delivery, PHONE_NUMBER_ID, text, userMessage } from '../../helpers/fakeGraph';
import { sharedI18n } from '../../helpers/fixtures';

let dir: string;
let storage: SqliteStorage;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-wa-adapter-'));
  storage = new SqliteStorage(path.join(dir, 'store.sqlite'));
});
afterEach(() => {
  storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const hasher = new NumberHasher(Buffer.alloc(32, 3));

type Send = (body: Record<string, any>, signal?: AbortSignal) => Promise<{ id?: string }>;

function setup(options: { failWith?: (body: Record<string, any>) => Error | undefined; now?: () => number; send?: Send } = {}) {
  const sent: Record<string, any>[] = [];
  const counted: string[] = [];
  const logs: string[] = [];
  const metrics: WhatsAppMetrics = {
    received: (kind) => counted.push(`received:${kind}`),
    ignored: (reason, n = 1) => counted.push(`ignored:${reason}:${n}`),
    sent: () => counted.push('sent'),
    notSent: (reason, n = 1) => counted.push(`notSent:${reason}:${n}`),
    sendError: (status) => counted.push(`error:${status}`),
    retry: () => undefined,
    deliveryFailed: (code) => counted.push(`deliveryFailed:${code}`),
  };
  const adapter = new WhatsAppAdapter({
    graph: {
      async send(body, signal) {
        if (options.send) return options.send(body, signal);
        const error = options.failWith?.(body);
        if (error) throw error;
        sent.push(body);
        return { id: `wamid.out-${sent.length}` };
      },
    },
    hasher, seen: new SeenMessages(storage), metrics, phoneNumberId: PHONE_NUMBER_ID, defaultLocale: 'nl',
    logger: pino({ level: 'info' }, { write: (line: string) => { logs.push(line); } }),
    ...(options.now ? { now: options.now } : {}),
  });
  return { adapter, sent, counted, logs };
}

const parsed = (body: unknown): Delivery => {
  const result = parseDelivery(body);
  if (!result.ok) throw new Error(result.error);
  return result.delivery;
};

test('a message becomes an activity with hashed ids and no trace of the number; the reply goes to the number', async () => {
  const { adapter, sent } = setup();
  const seen: any[] = [];
  adapter.receive(parsed(delivery([text('31611112222', 'Hallo daar')])), async (context) => {
    seen.push(JSON.parse(JSON.stringify(context.activity)));
    await context.sendActivity({ type: 'message', text: 'Dag!' });
  });
  await adapter.idle();
  const id = hasher.idOf({ phone: '31611112222' });
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatchObject({
    type: 'message', channelId: 'whatsapp', text: 'Hallo daar',
    conversation: { id }, from: { id, role: 'user' }, recipient: { id: PHONE_NUMBER_ID, role: 'bot' },
    channelData: { whatsapp: { kind: 'text', type: 'text' } },
  });
  expect(seen[0].id).toMatch(/^wam\./);
  expect(JSON.stringify(seen[0])).not.toContain('1111222');
  expect(sent).toEqual([{ messaging_product: 'whatsapp', recipient_type: 'individual', to: '31611112222', type: 'text', text: { body: 'Dag!', preview_url: false } }]);
});

test('a tapped button is the text of its turn; media and voice are marked as such', async () => {
  const { adapter } = setup();
  const activities: any[] = [];
  adapter.receive(parsed(delivery([
    buttonReply('31611112222', { id: 'Ja, dit klopt', title: 'Ja, dit klopt' }),
    userMessage('31611112222', { type: 'image', image: { id: 'm1' } }),
    userMessage('31611112222', { type: 'audio', audio: { id: 'm2', voice: true } }),
  ])), async (context) => { activities.push(context.activity); });
  await adapter.idle();
  expect(activities.map((a) => [a.text, a.channelData.whatsapp.kind])).toEqual([['Ja, dit klopt', 'choice'], [undefined, 'media'], [undefined, 'voice']]);
});

test("one number's messages run one after the other in arrival order; another number meanwhile", async () => {
  const { adapter } = setup();
  const events: string[] = [];
  let release!: () => void;
  const slow = new Promise<void>((resolve) => { release = resolve; });
  const logic = async (context: { activity: { text?: string } }) => {
    events.push(`start ${context.activity.text}`);
    if (context.activity.text === 'a1') await slow;
    events.push(`end ${context.activity.text}`);
  };
  adapter.receive(parsed(delivery([text('31600000001', 'a1'), text('31600000001', 'a2')])), logic as never);
  adapter.receive(parsed(delivery([text('31600000002', 'b1'), text('31600000001', 'a3')])), logic as never);
  // Poll until the other number's turn has run while a1 still waits.
  for (let i = 0; i < 1000 && !events.includes('end b1'); i++) await new Promise((r) => setImmediate(r));
  expect(events).toEqual(['start a1', 'start b1', 'end b1']);
  release();
  await adapter.idle();
  expect(events.filter((e) => e.endsWith('a1') || e.endsWith('a2') || e.endsWith('a3')))
    .toEqual(['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3']);
});

test('a message delivered twice runs once; an old one and one for another number do not run', async () => {
  const { adapter, counted } = setup();
  const texts: string[] = [];
  const message = text('31600000003', 'eens');
  const old = text('31600000003', 'oud', { timestamp: String(Math.floor((Date.now() - WINDOW_MS - 60_000) / 1000)) });
  const otherNumber = delivery([text('31600000003', 'elders')]);
  ((otherNumber.entry as any)[0].changes[0].value.metadata as { phone_number_id: string }).phone_number_id = '999';
  const logic = async (context: { activity: { text?: string } }) => { texts.push(context.activity.text ?? ''); };
  adapter.receive(parsed(delivery([message, message, old])), logic as never);
  adapter.receive(parsed(delivery([message])), logic as never);
  adapter.receive(parsed(otherNumber), logic as never);
  await adapter.idle();
  expect(texts).toEqual(['eens']);
  expect(counted).toEqual(expect.arrayContaining(['ignored:duplicate:1', 'ignored:expired:1', 'ignored:other_number:1']));
  expect(counted.filter((c) => c === 'ignored:duplicate:1')).toHaveLength(2);
});

test('a reply later than 24 hours after the last message is not sent, but counted and logged without text', async () => {
  let now = Date.now();
  const { adapter, sent, counted, logs } = setup({ now: () => now });
  adapter.receive(parsed(delivery([text('31600000004', 'vraag')])), async (context) => {
    await context.sendActivity({ type: 'message', text: 'Binnen de tijd' });
    now += WINDOW_MS + 1;
    await context.sendActivity({ type: 'message', text: 'Te laat verstuurd' });
  });
  await adapter.idle();
  expect(sent.map((b) => b.text.body)).toEqual(['Binnen de tijd']);
  expect(counted).toContain('notSent:outside_window:1');
  expect(logs.join('\n')).toMatch(/24 hours/);
  expect(logs.join('\n')).not.toContain('Te laat');
});

test('a send that fails ends the sending of that turn (counted), never the turn itself; the next turn sends again', async () => {
  let fail = true;
  const { adapter, sent, counted, logs } = setup({ failWith: () => (fail ? new GraphError(400, 1, 131026) : undefined) });
  const done: string[] = [];
  adapter.receive(parsed(delivery([text('31600000005', 'een')])), async (context) => {
    await context.sendActivity({ type: 'message', text: 'Eerste' });
    fail = false;
    await context.sendActivity({ type: 'message', text: 'Tweede' });
    done.push('turn finished');
  });
  await adapter.idle();
  expect(done).toEqual(['turn finished']);
  expect(sent).toEqual([]);
  expect(counted).toEqual(expect.arrayContaining(['error:400', 'notSent:failed:1', 'notSent:skipped:1']));
  expect(JSON.parse(logs.find((l) => l.includes('not sent'))!)).toMatchObject({ status: 400, code: 131026 });
  adapter.receive(parsed(delivery([text('31600000005', 'twee')])), async (context) => {
    await context.sendActivity({ type: 'message', text: 'Weer goed' });
  });
  await adapter.idle();
  expect(sent.map((b) => b.text.body)).toEqual(['Weer goed']);
});

test('a sender known only by a business-scoped user id is answered through "recipient"', async () => {
  const { adapter, sent } = setup();
  const message = userMessage('x', { type: 'text', text: { body: 'hoi' } });
  delete message.from;
  message.from_user_id = 'NL.1502576394655843';
  adapter.receive(parsed(delivery([message])), async (context) => {
    await context.sendActivity({ type: 'message', text: 'Hallo' });
  });
  await adapter.idle();
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ recipient: 'NL.1502576394655843', type: 'text' });
  expect(sent[0]).not.toHaveProperty('to');
});

test('typing, events and traces are not sent; later messages cannot be written (no number is kept)', async () => {
  const { adapter, sent } = setup();
  adapter.receive(parsed(delivery([text('31600000006', 'hoi')])), async (context) => {
    await context.sendActivities([{ type: 'typing' }, { type: 'event', name: 'wegwijzer/language' }, { type: 'trace', name: 'x' }]);
  });
  await adapter.idle();
  expect(sent).toEqual([]);
  await expect(adapter.continueConversation({}, async () => undefined)).rejects.toThrow(/numbers are not stored/);
});

test('a turn that fails is handled like on the CloudAdapter: logged with a reference, the person told in words', async () => {
  const { adapter, sent, logs } = setup();
  const i18n = sharedI18n();
  const state = createBotState(storage);
  adapter.onTurnError = turnErrorHandler(loadConfig({ LOG_LEVEL: 'silent' }), {
    logger: pino({ level: 'info' }, { write: (line: string) => { logs.push(line); } }), i18n, state,
  });
  adapter.receive(parsed(delivery([text('31600000007', 'hoi')])), async () => {
    throw new Error('broken dialog');
  });
  await adapter.idle();
  const failed = JSON.parse(logs.find((l) => l.includes('turn failed'))!);
  expect(failed).toMatchObject({ err: { message: 'broken dialog' }, channelId: 'whatsapp', conversationId: hasher.idOf({ phone: '31600000007' }) });
  expect(sent).toHaveLength(1);
  expect(sent[0]!.text.body).toBe(i18n.getFixedT('nl')('errors.generic', { ref: failed.ref }).replace(/\*\*/g, '*'));
  expect(logs.join('\n')).not.toContain('31600000007');
});

/** Records, after the adapter, which replies of the turn were not delivered and why. */
function recordNotSent(context: TurnContext, into: (string | undefined)[]): void {
  context.onSendActivities(async (_ctx, activities, next) => {
    const responses = await next();
    into.push(...activities.map((a) => notSentOf(a)));
    return responses;
  });
}

test('replies not delivered are marked on the activity, for memory and transcripts; delivered ones are not', async () => {
  let now = Date.now();
  let fail = false;
  const { adapter } = setup({ now: () => now, failWith: () => (fail ? new GraphError(400, 1, 131026) : undefined) });
  const marks: (string | undefined)[] = [];
  adapter.receive(parsed(delivery([text('31600000008', 'vraag')])), async (context) => {
    recordNotSent(context, marks);
    await context.sendActivity({ type: 'message', text: 'Verstuurd' });
    fail = true;
    await context.sendActivity({ type: 'message', text: 'Geweigerd' });
    await context.sendActivity({ type: 'message', text: 'Overgeslagen' });
  });
  await adapter.idle();
  adapter.receive(parsed(delivery([text('31600000009', 'vraag')])), async (context) => {
    recordNotSent(context, marks);
    now += WINDOW_MS + 1;
    await context.sendActivity({ type: 'message', text: 'Te laat' });
  });
  await adapter.idle();
  expect(marks).toEqual([undefined, 'failed', 'skipped', 'outside_window']);
});

test('one malformed message in a batch is skipped and counted; the others are answered, and the log names only the field', async () => {
  const { adapter, sent, counted, logs } = setup();
  const bad = text('31600000010', 'geheime inhoud');
  bad.timestamp = 'gisteren';
  adapter.receive(parsed(delivery([bad, text('31600000010', 'goed')])), async (context) => {
    await context.sendActivity({ type: 'message', text: `Antwoord op ${context.activity.text}` });
  });
  await adapter.idle();
  expect(sent.map((b) => b.text.body)).toEqual(['Antwoord op goed']);
  expect(counted).toContain('ignored:malformed:1');
  const line = logs.find((l) => l.includes('not in the expected shape'))!;
  expect(JSON.parse(line).reasons).toEqual([expect.stringMatching(/messages\.0\.timestamp must be a Unix time in seconds/)]);
  expect(logs.join('\n')).not.toContain('geheime inhoud');
  expect(logs.join('\n')).not.toContain('31600000010');
});

test('failed delivery statuses are counted by error code; other statuses only as statuses', async () => {
  const { adapter, counted } = setup();
  const body = delivery([], {
    statuses: [
      { id: 'wamid.a', status: 'failed', timestamp: '1', recipient_id: '31600000011', errors: [{ code: 131026, title: 'Undeliverable' }] },
      { id: 'wamid.b', status: 'failed', timestamp: '1', recipient_id: '31600000011' },
      { id: 'wamid.c', status: 'read', timestamp: '1', recipient_id: '31600000011' },
    ],
  });
  adapter.receive(parsed(body), async () => undefined);
  await adapter.idle();
  expect(counted).toEqual(expect.arrayContaining(['ignored:status:3', 'deliveryFailed:131026', 'deliveryFailed:undefined']));
  expect(counted.filter((c) => c.startsWith('deliveryFailed'))).toHaveLength(2);
});

test('a time in the future (a clock ahead) counts as now: it cannot stretch the 24-hour window', async () => {
  const now = Date.now();
  const { adapter } = setup({ now: () => now });
  const times: number[] = [];
  const ahead = String(Math.floor(now / 1000) + 6 * 60 * 60);
  adapter.receive(parsed(delivery([text('31600000012', 'hoi', { timestamp: ahead })])), async (context) => {
    times.push(new Date(context.activity.timestamp!).getTime());
  });
  await adapter.idle();
  expect(times).toEqual([now]);
});

test('a photo, video or document with a caption is a text turn of its caption, marked as such', async () => {
  const { adapter } = setup();
  const activities: any[] = [];
  adapter.receive(parsed(delivery([
    userMessage('31600000013', { type: 'image', image: { id: 'm1', caption: '  Wat moet ik met deze brief?  ' } }),
    userMessage('31600000013', { type: 'document', document: { id: 'm2', filename: 'brief.pdf', caption: '' } }),
  ])), async (context) => { activities.push(context.activity); });
  await adapter.idle();
  expect(activities.map((a) => [a.text, a.channelData.whatsapp])).toEqual([
    ['Wat moet ik met deze brief?', { kind: 'caption', type: 'image' }],
    [undefined, { kind: 'media', type: 'document' }],
  ]);
});

test('shutdown: turns in flight get their grace, then their sends and waits are cut; messages still queued are skipped', async () => {
  let calls = 0;
  // A Graph API that never answers: only the shutdown's signal ends the request.
  const hanging: Send = (_body, signal) => {
    calls += 1;
    return new Promise((_resolve, reject) => {
      const stop = () => reject(new GraphError(0, 1, undefined, 'aborted'));
      if (signal?.aborted) stop();
      else signal?.addEventListener('abort', stop, { once: true });
    });
  };
  const { adapter, counted } = setup({ send: hanging });
  const marks: (string | undefined)[] = [];
  const finished: string[] = [];
  adapter.receive(parsed(delivery([text('31600000014', 'een'), text('31600000014', 'twee')])), async (context) => {
    recordNotSent(context, marks);
    await context.sendActivity({ type: 'message', text: 'Eerste' });
    await context.sendActivity({ type: 'message', text: 'Tweede' });
    finished.push(context.activity.text ?? '');
  });
  for (let i = 0; i < 1000 && calls === 0; i++) await new Promise((r) => setImmediate(r));
  expect(calls).toBe(1);
  await adapter.shutdown(0);
  expect(finished).toEqual(['een']);
  expect(marks).toEqual(['shutdown', 'shutdown']);
  expect(calls).toBe(1);
  expect(counted).toEqual(expect.arrayContaining(['notSent:shutdown:1', 'ignored:shutdown:1']));
  expect(counted.some((c) => c.startsWith('error:'))).toBe(false);
});
