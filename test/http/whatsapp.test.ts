// WhatsApp end to end: signed webhook deliveries into the real app (real SQLite), replies captured by a local
// fake of the Graph API. The handshake; signed, unsigned and tampered deliveries (200 before the Graph API is
// even called); the first message and the language, kept for short messages, taps, photos and voice notes; a
// question answered with the right organisation; "did you mean" by a tap; a whole complaint by list and button
// replies; redelivery; media, captions, voice and statuses; long answers; 50 people at once; retries, failures
// and the 24-hour window; rate limits, the agent desk and shutting down; and no number anywhere it could stay.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRecords } from '../../bot/storage/records';
import { loadOrCreateIdKey, NumberHasher } from '../../bot/whatsapp/ids';
import { signatureOf } from '../../bot/whatsapp/signature';
import {
  ACCESS_TOKEN, APP_SECRET, FakeGraph, PHONE_NUMBER_ID, VERIFY_TOKEN, buttonReply, delivery, optionsOf, postDelivery,
  readable, startWhatsAppBot, statusDelivery, tap, text, userMessage, type WhatsAppBot,
} from '../helpers/fakeGraph';
import { sharedKnowledgeBase, sharedI18n } from '../helpers/fixtures';

const i18n = sharedI18n();
const nl = i18n.getFixedT('nl');
const en = i18n.getFixedT('en');
const ar = i18n.getFixedT('ar');
const kb = sharedKnowledgeBase();
const REF = /WW-[0-9A-Z]{4}-[0-9A-Z]{4}/;

let graph: FakeGraph;
let bot: WhatsAppBot;

beforeAll(async () => {
  graph = await new FakeGraph().start();
  bot = await startWhatsAppBot(graph);
});
afterAll(async () => {
  await bot?.stop();
  await graph?.stop();
});

/** A fresh Dutch mobile number per test, so conversations never meet. */
let numbers = 0;
const newNumber = () => `3161234${String(5000 + ++numbers).padStart(4, '0')}`;

/** Delivers one message from `from` (to the main bot unless told) and returns what was sent to `from` for it. */
async function say(from: string, message: Record<string, unknown>, to: WhatsAppBot = bot): Promise<Record<string, any>[]> {
  const before = graph.sentTo(from).length;
  const { status } = await postDelivery(to.url, delivery([message]));
  expect(status).toBe(200);
  await to.app.whatsapp!.idle();
  return graph.sentTo(from).slice(before);
}

/** Taps the option whose id (the offered value) is `value` in the last interactive message. */
async function choose(from: string, sent: Record<string, any>[], value: string) {
  const body = sent.filter((b) => b.type === 'interactive').at(-1);
  const option = optionsOf(body).find((o) => o.id === value);
  if (!option) throw new Error(`"${value}" is not offered; offered: ${JSON.stringify(optionsOf(body))}`);
  const reply = tap(from, body, option);
  tapped.push({ from, kind: (reply.interactive as { type: string }).type });
  return say(from, reply);
}
const tapped: { from: string; kind: string }[] = [];

/** A counter's value on /metrics: the line of `name` that has every one of `labels` (e.g. 'status="429"'). */
const metric = async (name: string, labels = '', url = bot.url) => {
  const body = await (await fetch(`${url}/metrics`)).text();
  const wanted = labels ? labels.split(',') : [];
  const line = body.split('\n').find((l) => {
    const match = /^(\w+)(?:\{(.*)\})? /.exec(l);
    const have = match?.[2] ? match[2].split(',') : [];
    return match?.[1] === name && wanted.every((w) => have.includes(w)) && (wanted.length > 0 || have.length === 0);
  });
  return line ? Number(line.split(' ').at(-1)) : 0;
};

/** A text as a person reads it: without the direction marks and isolates of right-to-left text. */
const unmarked = (value: string) => value.replace(/[\u200e\u200f\u061c\u2066-\u2069]/g, '');

/** Polls (without sleeping) until `done` holds; fails after many rounds. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 5000 && !done(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(done()).toBe(true);
}

describe('the subscription handshake', () => {
  test('the challenge comes back as text when the verify token matches', async () => {
    const response = await fetch(`${bot.url}/api/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('1158201444');
  });

  test.each([
    ['a wrong token', `hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`],
    ['no token', `hub.mode=subscribe&hub.challenge=1`],
    ['another mode', `hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`],
  ])('%s gets 403 and no challenge', async (_name, query) => {
    const response = await fetch(`${bot.url}/api/whatsapp?${query}`);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('"1"');
  });
});

describe('signatures and payloads', () => {
  test('a signed delivery gets 200 and an answer; unsigned, tampered and wrongly keyed ones get 401 and nothing runs', async () => {
    const from = newNumber();
    const body = delivery([text(from, 'DUO')]);
    const raw = JSON.stringify(body);
    const received = await metric('wegwijzer_whatsapp_received_total', 'kind="text"');
    expect((await postDelivery(bot.url, body, { signature: null })).status).toBe(401);
    expect((await postDelivery(bot.url, body, { secret: 'another-app-secret' })).status).toBe(401);
    const tampered = raw.replace('DUO', 'IND');
    expect((await postDelivery(bot.url, body, { raw: tampered, signature: signatureOf(raw, APP_SECRET) })).status).toBe(401);
    expect((await postDelivery(bot.url, body, { signature: 'sha256=' })).status).toBe(401);
    await bot.app.whatsapp!.idle();
    expect(graph.sentTo(from)).toEqual([]);
    expect(await metric('wegwijzer_whatsapp_received_total', 'kind="text"')).toBe(received);

    const signed = await postDelivery(bot.url, body);
    expect(signed.status).toBe(200);
    await bot.app.whatsapp!.idle();
    expect(graph.sentTo(from).map(readable).join('\n')).toContain('DUO (Dienst Uitvoering Onderwijs)');
    expect(await metric('wegwijzer_whatsapp_received_total', 'kind="text"')).toBe(received + 1);
  });

  test('one malformed message in a signed batch is skipped and counted, the rest answered; a wrong envelope gets 400', async () => {
    const from = newNumber();
    const broken = text(from, 'IND');
    delete broken.timestamp;
    const malformed = await metric('wegwijzer_whatsapp_ignored_total', 'reason="malformed"');
    const batch = await postDelivery(bot.url, delivery([broken, text(from, 'DUO')]));
    expect(batch.status).toBe(200);
    await bot.app.whatsapp!.idle();
    const all = graph.sentTo(from).map(readable).join('\n');
    expect(all).toContain('DUO (Dienst Uitvoering Onderwijs)');
    expect(all).not.toContain('IND (Immigratie- en Naturalisatiedienst)');
    expect(await metric('wegwijzer_whatsapp_ignored_total', 'reason="malformed"')).toBe(malformed + 1);
    expect(bot.logs.find((l) => l.includes('not in the expected shape'))).toMatch(/messages\.0\.timestamp/);

    const otherObject = await postDelivery(bot.url, { object: 'page', entry: [] });
    expect(otherObject.status).toBe(400);
    expect(otherObject.json.error).toMatch(/object/);
    const noMetadata = delivery([text(from, 'COA')]);
    delete ((noMetadata.entry as any)[0].changes[0].value).metadata;
    expect((await postDelivery(bot.url, noMetadata)).status).toBe(400);
    await bot.app.whatsapp!.idle();
    expect(graph.sentTo(from).map(readable).join('\n')).not.toContain('COA (Centraal Orgaan');
  });

  test('bad JSON: signed gets 400, unsigned or wrongly signed 401 (the signature comes first)', async () => {
    expect((await postDelivery(bot.url, undefined, { raw: '{"object":' })).status).toBe(400);
    expect((await postDelivery(bot.url, undefined, { raw: '{"object":', signature: null })).status).toBe(401);
    expect((await postDelivery(bot.url, undefined, { raw: '{"object":', secret: 'another-app-secret' })).status).toBe(401);
  });

  test('the 200 comes at once: the POST is answered while the reply to the Graph API is still pending', async () => {
    const from = newNumber();
    const release = graph.hold();
    const answer = await postDelivery(bot.url, delivery([text(from, 'DUO')]));
    expect(answer.status).toBe(200);
    // The bot's request reaches the Graph API after the 200, and is held there: unanswered, nothing recorded.
    await until(() => graph.held === 1);
    expect(graph.sentTo(from)).toEqual([]);
    release();
    await bot.app.whatsapp!.idle();
    expect(graph.sentTo(from).map(readable).join('\n')).toContain('DUO (Dienst Uitvoering Onderwijs)');
  });

  test('a delivery of a few MB (Meta batches up to 3 MB) is taken whole', async () => {
    const from = newNumber();
    const statuses = await metric('wegwijzer_whatsapp_ignored_total', 'reason="status"');
    const one = (statusDelivery(from) as any).entry[0].changes[0].value.statuses[0];
    const many = Array.from({ length: 4000 }, (_, i) => ({ ...one, id: `wamid.sent-${i}`, padding: 'x'.repeat(300) }));
    const body = delivery([], { statuses: many });
    expect(JSON.stringify(body).length).toBeGreaterThan(1024 * 1024);
    expect((await postDelivery(bot.url, body)).status).toBe(200);
    expect(await metric('wegwijzer_whatsapp_ignored_total', 'reason="status"')).toBe(statuses + 4000);
  });

  test('every request to the Graph API carries the bearer token and goes to the configured number', async () => {
    const from = newNumber();
    await say(from, text(from, 'IND'));
    const mine = graph.requests.filter((r) => r.body.to === from);
    expect(mine.length).toBeGreaterThan(0);
    for (const request of mine) {
      expect(request.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
      expect(request.path).toBe(`/v27.0/${PHONE_NUMBER_ID}/messages`);
      expect(request.body).toMatchObject({ messaging_product: 'whatsapp', to: from });
    }
  });
});

describe('the first message and the language', () => {
  test('a greeting gets the welcome in Dutch with the languages as a list, not "I have no answer"; the choice is saved', async () => {
    const from = newNumber();
    const sent = await say(from, text(from, 'hi'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.interactive.type).toBe('list');
    expect(readable(sent[0]!)).toContain(nl('language.choose'));
    expect(sent.map(readable).join('\n')).not.toContain(nl('fallback.text').slice(0, 30));
    const ids = optionsOf(sent[0]).map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining(['Nederlands', 'English', 'العربية']));
    // The way to urgent help is there from the first message on.
    expect(ids).toContain(kb.textOf(kb.urgentEntry!, 'nl').text.title);

    const chosen = await choose(from, sent, 'العربية');
    expect(chosen.map(readable).join('\n')).toContain(ar('language.chosen'));
    // Saved: a later message in Latin letters is still answered in Arabic.
    const later = await say(from, text(from, 'menu'));
    expect(later.map(readable).join('\n')).toContain(ar('menu.text'));
  });

  test('a first message whose language is sure is greeted in that language and answered', async () => {
    const from = newNumber();
    const sent = await say(from, text(from, 'How much does the integration exam cost?'));
    const all = sent.map(readable).join('\n');
    expect(readable(sent[0]!)).toContain(en('welcome.text').split('\n\n')[0]!.replace(/\*\*/g, '*'));
    expect(optionsOf(sent[0]).map((o) => o.id)).toContain(en('guides.complaint'));
    expect(all).toContain(`*${kb.textOf(kb.get('exam-costs')!, 'en').text.title}*`);
    // Greeted once per conversation.
    const next = await say(from, text(from, 'How do I register for the integration exam?'));
    expect(next.length).toBeGreaterThan(0);
    expect(next.map(readable).join('\n')).not.toContain(en('welcome.text').split('\n\n')[0]!.replace(/\*\*/g, '*'));
  });
});

describe('the language of the conversation', () => {
  test('a sure Arabic first message sets it: "2", a tap, a photo and a voice note are all answered in Arabic', async () => {
    const from = newNumber();
    const first = await say(from, text(from, 'كيف أسجل لامتحان الاندماج؟'));
    expect(readable(first[0]!)).toContain(ar('welcome.text').split('\n\n')[0]!.replace(/\*\*/g, '*'));
    const answer = first.at(-1)!;
    const offered = optionsOf(answer).map((o) => o.id);
    expect(offered.length).toBeGreaterThanOrEqual(2);

    // "2": too short to recognise; the second choice is answered in Arabic (its Arabic title heads the answer).
    const second = kb.findByTitle(offered[1]!)?.entry;
    expect(second).toBeDefined();
    const byNumber = await say(from, text(from, '2'));
    expect(unmarked(byNumber.map(readable).join('\n'))).toContain(`*${kb.textOf(second!, 'ar').text.title}*`);

    // A tap on a short menu button ("make a complaint", two words): the complaint's first question in Arabic.
    const menu = first[0]!;
    expect(optionsOf(menu).map((o) => o.id)).toContain(ar('guides.complaint'));
    const tapped = await choose(from, [menu], ar('guides.complaint'));
    expect(optionsOf(tapped.at(-1)).map((o) => o.id)).toContain(ar('complaint.kindTreatment'));

    // A photo and a voice note: no text at all.
    const photo = await say(from, userMessage(from, { type: 'image', image: { id: 'media-7', mime_type: 'image/jpeg' } }));
    expect(photo.map(readable)).toEqual([expect.stringContaining(ar('input.textOnly'))]);
    const voice = await say(from, userMessage(from, { type: 'audio', audio: { id: 'media-8', mime_type: 'audio/ogg', voice: true } }));
    expect(voice).toHaveLength(1);
    expect(readable(voice[0]!)).toContain(ar('whatsapp.voice'));
  });

  test('a message of four words or more in another language changes it, and the new one is kept', async () => {
    const from = newNumber();
    await say(from, text(from, 'كيف أسجل لامتحان الاندماج؟'));
    const english = await say(from, text(from, 'How much does the integration exam cost?'));
    expect(english.map(readable).join('\n')).toContain(`*${kb.textOf(kb.get('exam-costs')!, 'en').text.title}*`);
    const photo = await say(from, userMessage(from, { type: 'sticker', sticker: { id: 'media-9' } }));
    expect(photo.map(readable)).toEqual([en('input.textOnly')]);
  });
});

describe('conversations', () => {
  test('a question is answered with the right organisation, its number tappable', async () => {
    const from = newNumber();
    const message = text(from, 'Hoe meld ik me aan voor het inburgeringsexamen?');
    const sent = await say(from, message);
    const all = sent.map(readable).join('\n');
    expect(all).toContain(kb.textOf(kb.get('exam-registration')!, 'nl').text.title);
    expect(all).toContain('DUO (Dienst Uitvoering Onderwijs)');
    expect(all).toContain('+31 50 599 96 00');
    expect(all).not.toMatch(/\*\*|\]\(/); // WhatsApp's own formatting, no markdown
    // The transcript says which organisation, under the hashed conversation id.
    const id = new NumberHasher(loadOrCreateIdKey(bot.dataDir)).idOf({ phone: from });
    const transcript = await bot.app.transcripts.getTranscriptActivities('whatsapp', id);
    const answer = transcript.items.find((a) => a.channelData?.wegwijzer?.topic === 'exam-registration');
    expect(answer?.channelData.wegwijzer.authority).toBe('DUO');
    // The conversation keeps the language the detector was sure of, beside its dialog state.
    const key = `whatsapp/conversations/${id}/`;
    const state = (await bot.app.storage.read([key]))[key] as { whatsapp?: { locale?: string } };
    expect(state.whatsapp?.locale).toBe('nl');
  });

  test('"did you mean" is answered by tapping one of its choices', async () => {
    const from = newNumber();
    const sent = await say(from, text(from, 'boete'));
    expect(readable(sent.at(-1)!)).toContain(nl('choose.text'));
    const offered = optionsOf(sent.at(-1));
    const entries = offered.map((o) => kb.findByTitle(o.id)?.entry).filter((e) => e !== undefined);
    expect(entries.length).toBeGreaterThanOrEqual(2);
    const pick = entries[1]!;
    const answered = await choose(from, sent, kb.textOf(pick, 'nl').text.title);
    // The answer to the entry tapped: its title heads the reply (in WhatsApp's bold).
    expect(readable(answered[0]!)).toContain(`*${kb.textOf(pick, 'nl').text.title}*`);
  });

  test('"did you mean" answered by a reply button: the same id, the same answer', async () => {
    // The renderer shows these choices as a list because entry titles are longer than a button's 20 characters
    // (render.test.ts: "up to 3 as reply buttons when every title fits"). A reply button carries the offered value
    // as its id just like a list row does, and the adapter reads both alike; here the row is answered as a button.
    const from = newNumber();
    const sent = await say(from, text(from, 'boete'));
    expect(readable(sent.at(-1)!)).toContain(nl('choose.text'));
    const rows = optionsOf(sent.at(-1));
    const pick = rows.map((o) => kb.findByTitle(o.id)?.entry).filter((e) => e !== undefined)[0]!;
    const row = rows.find((o) => o.id === kb.textOf(pick, 'nl').text.title)!;
    const answered = await say(from, buttonReply(from, { id: row.id, title: row.title.slice(0, 20) }));
    expect(readable(answered[0]!)).toContain(`*${kb.textOf(pick, 'nl').text.title}*`);
  });

  test('a complete complaint over list and button replies is stored, without the number', async () => {
    const from = newNumber();
    let sent = await say(from, text(from, 'hallo'));
    sent = await choose(from, sent, 'Nederlands');
    sent = await choose(from, sent, nl('guides.complaint'));
    sent = await choose(from, sent, nl('complaint.kindTreatment'));
    sent = await choose(from, sent, 'COA');
    sent = await say(from, text(from, 'Mijn post wordt al weken niet aan mij gegeven. Bel me op 06-12345678.'));
    sent = await say(from, text(from, 'sinds oktober'));
    sent = await choose(from, sent, nl('complaint.wantExplanation'));
    expect(sent.map(readable).join('\n')).toContain('Mijn post wordt al weken niet aan mij gegeven.');
    sent = await choose(from, sent, nl('complaint.correct'));
    sent = await choose(from, sent, nl('complaint.consentYes'));
    // Both kinds of WhatsApp replies carried the dialog.
    const taps = tapped.filter((t) => t.from === from).map((t) => t.kind);
    expect(taps).toEqual(expect.arrayContaining(['button_reply', 'list_reply']));
    const ref = sent.map(readable).join('\n').match(REF)?.[0];
    expect(ref).toBeDefined();
    const stored = await createRecords(bot.app.storage).getComplaint(ref!);
    expect(stored).toMatchObject({ organisation: { authority: 'COA' }, locale: 'nl', channelId: 'whatsapp', want: nl('complaint.wantExplanation') });
    expect(stored!.what).toContain('[telefoon]');
    expect(JSON.stringify(stored)).not.toContain(from);
    expect(JSON.stringify(stored)).not.toContain('12345678');
  });

  test('a redelivered message is answered once, also when it comes back later', async () => {
    const from = newNumber();
    const message = text(from, 'IND');
    const first = await say(from, message);
    expect(first.length).toBeGreaterThan(0);
    const duplicates = await metric('wegwijzer_whatsapp_ignored_total', 'reason="duplicate"');
    // The same delivery twice at once, and once more afterwards.
    await Promise.all([postDelivery(bot.url, delivery([message])), postDelivery(bot.url, delivery([message]))]);
    await bot.app.whatsapp!.idle();
    expect(await say(from, message)).toEqual([]);
    expect(graph.sentTo(from)).toHaveLength(first.length);
    expect(await metric('wegwijzer_whatsapp_ignored_total', 'reason="duplicate"')).toBe(duplicates + 3);
  });

  test('photos, documents, locations and stickers get the text-only reply; a voice note the phone number; statuses nothing; failed statuses are counted', async () => {
    const from = newNumber();
    await say(from, text(from, 'Ik wil graag Nederlands praten, ik heb een vraag.'));
    for (const content of [
      { type: 'image', image: { id: 'media-1', mime_type: 'image/jpeg', sha256: 'x' } },
      { type: 'document', document: { id: 'media-2', filename: 'brief.pdf', mime_type: 'application/pdf' } },
      { type: 'location', location: { latitude: 52.09, longitude: 5.12 } },
      { type: 'sticker', sticker: { id: 'media-3', mime_type: 'image/webp', animated: false } },
    ]) {
      const sent = await say(from, userMessage(from, content));
      expect(sent.map(readable)).toEqual([nl('input.textOnly')]);
    }
    // Asked about DUO before: the voice reply gives DUO's number from the knowledge base, tappable.
    await say(from, text(from, 'DUO'));
    const voice = await say(from, userMessage(from, { type: 'audio', audio: { id: 'media-4', mime_type: 'audio/ogg; codecs=opus', voice: true } }));
    expect(voice).toHaveLength(1);
    expect(readable(voice[0]!)).toBe(`${nl('whatsapp.voice')} ${nl('whatsapp.voiceCall', { name: 'DUO (Dienst Uitvoering Onderwijs)', phone: '+31 50 599 96 00' })}`);

    const statuses = await metric('wegwijzer_whatsapp_ignored_total', 'reason="status"');
    const before = graph.sentTo(from).length;
    for (const body of [statusDelivery(from), statusDelivery(from, 'read')]) expect((await postDelivery(bot.url, body)).status).toBe(200);
    const reaction = userMessage(from, { type: 'reaction', reaction: { message_id: 'wamid.sent-1', emoji: '👍' } });
    expect((await postDelivery(bot.url, delivery([reaction]))).status).toBe(200);
    await bot.app.whatsapp!.idle();
    expect(graph.sentTo(from)).toHaveLength(before);
    expect(await metric('wegwijzer_whatsapp_ignored_total', 'reason="status"')).toBe(statuses + 2);

    // A message that WhatsApp could not deliver after all: counted by Meta's error code.
    const failed = await metric('wegwijzer_whatsapp_delivery_failed_total', 'code="131026"');
    expect((await postDelivery(bot.url, statusDelivery(from, 'failed', [131026]))).status).toBe(200);
    await bot.app.whatsapp!.idle();
    expect(await metric('wegwijzer_whatsapp_delivery_failed_total', 'code="131026"')).toBe(failed + 1);
    expect(graph.sentTo(from)).toHaveLength(before);
  });

  test('a photo with a caption: the caption is answered, after a line that the photo itself was not read', async () => {
    const from = newNumber();
    await say(from, text(from, 'Ik wil graag Nederlands praten, ik heb een vraag.'));
    const sent = await say(from, userMessage(from, { type: 'image', image: { id: 'media-6', mime_type: 'image/jpeg', caption: 'DUO' } }));
    expect(readable(sent[0]!)).toBe(nl('input.attachmentIgnored'));
    expect(sent.slice(1).map(readable).join('\n')).toContain('DUO (Dienst Uitvoering Onderwijs)');
    expect(await metric('wegwijzer_whatsapp_received_total', 'kind="caption"')).toBeGreaterThanOrEqual(1);
  });

  test('a voice note as the very first message is greeted and answered in Dutch with a number from the knowledge base', async () => {
    const from = newNumber();
    const sent = await say(from, userMessage(from, { type: 'audio', audio: { id: 'media-5', mime_type: 'audio/ogg', voice: true } }));
    expect(sent).toHaveLength(2);
    expect(readable(sent[0]!)).toContain(nl('language.choose'));
    expect(readable(sent[1]!)).toContain('+31 50 599 96 00');
  });

  test('50 people at once: everyone gets their own answers, and no reply goes to another number', async () => {
    const names = ['DUO', 'IND', 'COA', 'gemeente'];
    const people = Array.from({ length: 50 }, (_, i) => ({ from: newNumber(), asks: names[i % names.length]! }));
    const before = graph.requests.length;
    const all = async (message: (from: string) => Record<string, unknown>) => {
      const answers = await Promise.all(people.map((p) => postDelivery(bot.url, delivery([message(p.from)]))));
      expect(answers.every((a) => a.status === 200)).toBe(true);
      await bot.app.whatsapp!.idle();
    };
    // First everyone asks for an organisation, all at once.
    await all((from) => text(from, people.find((p) => p.from === from)!.asks));
    const asked = new Set(people.map((p) => p.from));
    expect(graph.requests.slice(before).every((r) => asked.has(r.body.to))).toBe(true);
    // Each card's heading, in WhatsApp's bold.
    const cards: Record<string, string> = {
      DUO: '*DUO (Dienst Uitvoering Onderwijs)*', IND: '*IND (Immigratie- en Naturalisatiedienst)*',
      COA: '*COA (Centraal Orgaan opvang asielzoekers)*', gemeente: '*Uw gemeente*',
    };
    for (const name of names) {
      // Everyone who asked the same gets as many messages: none lost, none extra.
      const counts = people.filter((p) => p.asks === name).map((p) => graph.sentTo(p.from).length);
      expect(new Set(counts).size).toBe(1);
      expect(counts[0]).toBeGreaterThanOrEqual(2);
    }
    for (const p of people) {
      const seen = graph.sentTo(p.from).map(readable).join('\n');
      expect(seen).toContain(cards[p.asks]);
      for (const other of names.filter((n) => n !== p.asks)) expect(seen).not.toContain(cards[other]);
    }
    // Then everyone types a BSN, all at once: a turn that sends twice (the warning, then the answer), with other
    // people's turns running in between.
    const sentBefore = new Map(people.map((p) => [p.from, graph.sentTo(p.from).length]));
    await all((from) => text(from, 'Mijn bsn is 111222333, waar heb ik die nodig?'));
    const second = people.map((p) => graph.sentTo(p.from).slice(sentBefore.get(p.from)));
    expect(new Set(second.map((s) => s.length)).size).toBe(1);
    for (const replies of second) {
      expect(replies.length).toBeGreaterThanOrEqual(2);
      expect(replies.filter((r) => readable(r) === nl('privacy.numberWarning'))).toHaveLength(1);
    }
  });
});

describe('long answers', () => {
  let local: WhatsAppBot;
  const overlay = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-overlay-'));
  const title = 'Wat staat er in de lange proefuitleg over wachtkamers?';
  beforeAll(async () => {
    // A deployment's own entry with an answer of many lines: longer than one WhatsApp message may be.
    const line = (n: number) => `Regel ${n} van de proefuitleg. ${'Dit is een zin over de wachtkamer en wat u daar kunt doen. '.repeat(6).trim()}`;
    const words = ['een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien', 'elf', 'twaalf'];
    const lines = Object.fromEntries(words.map((w, i) => [`regel-${w}`, line(i + 1)]));
    const text = (t: string) => ({
      title: t, answer: 'Hier volgt een lange uitleg, in delen.',
      lines, questions: ['proefuitleg wachtkamer', 'lange proefuitleg', 'wachtkamer proef', 'uitleg wachtkamers proef', 'proef wachtkamer lang', 'wachtkamerproef uitleg'],
      keywords: ['proefuitleg', 'wachtkamerproef', 'wachtkamers', 'proef'],
    });
    fs.mkdirSync(path.join(overlay, 'local'), { recursive: true });
    fs.writeFileSync(path.join(overlay, 'local', 'long-test-entry.yaml'), JSON.stringify({
      id: 'long-test-entry', authority: 'DUO', regime: [], sources: ['https://www.inburgeren.nl'], reviewed: '2026-11-28', related: [],
      text: { nl: text(title), en: text('What does the long test explanation about waiting rooms say?') },
    }));
    local = await startWhatsAppBot(graph, { KNOWLEDGE_OVERLAY_DIR: overlay });
  });
  afterAll(async () => {
    await local?.stop();
    fs.rmSync(overlay, { recursive: true, force: true });
  });

  test('arrive in parts of at most 4,096 characters, in order, with the buttons last', async () => {
    const from = newNumber();
    const before = graph.sentTo(from).length;
    expect((await postDelivery(local.url, delivery([text(from, 'hallo')]))).status).toBe(200);
    expect((await postDelivery(local.url, delivery([text(from, title)]))).status).toBe(200);
    await local.app.whatsapp!.idle();
    const sent = graph.sentTo(from).slice(before + 1);
    const parts = sent.filter((b) => b.type === 'text');
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const part of parts) expect(part.text.body.length).toBeLessThanOrEqual(4096);
    const whole = parts.map((p) => p.text.body).join('\n');
    expect(whole.indexOf('Regel 1 van')).toBeLessThan(whole.indexOf('Regel 12 van'));
    expect(whole).toContain('Regel 12 van');
    expect(sent.at(-1)!.type).toBe('interactive');
    expect(sent.at(-1)!.interactive.body.text.length).toBeLessThanOrEqual(1024);
  });
});

describe('failures', () => {
  test('a 429 is retried after its Retry-After, and a 500 too: the reply arrives and /metrics counts the retries', async () => {
    const from = newNumber();
    const retries429 = await metric('wegwijzer_whatsapp_send_retries_total', 'status="429"');
    const retries500 = await metric('wegwijzer_whatsapp_send_retries_total', 'status="500"');
    graph.fail(429, 1, { retryAfter: '0' });
    graph.fail(500, 1);
    const sent = await say(from, text(from, 'DUO'));
    expect(sent.map(readable).join('\n')).toContain('DUO (Dienst Uitvoering Onderwijs)');
    const attempts = graph.requests.filter((r) => r.body.to === from).map((r) => r.status);
    expect(attempts.slice(0, 3)).toEqual([429, 500, 200]);
    expect(await metric('wegwijzer_whatsapp_send_retries_total', 'status="429"')).toBe(retries429 + 1);
    expect(await metric('wegwijzer_whatsapp_send_retries_total', 'status="500"')).toBe(retries500 + 1);
  });

  test("Meta's throttling as a 400 with code 130429 is retried, and counted with its code", async () => {
    const from = newNumber();
    const retries = await metric('wegwijzer_whatsapp_send_retries_total', 'status="400",code="130429"');
    graph.fail(400, 1, { error: { code: 130429, message: '(#130429) Rate limit hit' } });
    const sent = await say(from, text(from, 'IND'));
    expect(sent.map(readable).join('\n')).toContain('IND (Immigratie- en Naturalisatiedienst)');
    expect(graph.requests.filter((r) => r.body.to === from).map((r) => r.status).slice(0, 2)).toEqual([400, 200]);
    expect(await metric('wegwijzer_whatsapp_send_retries_total', 'status="400",code="130429"')).toBe(retries + 1);
  });

  test('choices that were never shown (their send failed) are not remembered: "2" picks from the last ones shown', async () => {
    const from = newNumber();
    // Shown: the languages (a list; the second is English).
    const welcome = await say(from, text(from, 'hallo'));
    expect(optionsOf(welcome[0]).map((o) => o.id)[1]).toBe('English');
    // Not shown: Meta refuses the "did you mean" list.
    graph.fail(400, 1, { error: { code: 131026, message: 'Message undeliverable' } });
    expect(await say(from, text(from, 'boete'))).toEqual([]);
    const id = new NumberHasher(loadOrCreateIdKey(bot.dataDir)).idOf({ phone: from });
    const transcript = await bot.app.transcripts.getTranscriptActivities('whatsapp', id);
    expect(transcript.items.some((a) => a.from?.role === 'bot' && a.channelData?.notSent === 'failed')).toBe(true);
    // "2" is the second choice the person saw.
    const chosen = await say(from, text(from, '2'));
    expect(chosen.map(readable).join('\n')).toContain(en('language.chosen'));
  });

  test('a send that fails for good is logged without text and counted, and the conversation goes on where it was', async () => {
    const from = newNumber();
    await say(from, text(from, 'Ik wil graag een klacht indienen over de opvang.'));
    let sent = await say(from, text(from, nl('guides.complaint')));
    const errors = await metric('wegwijzer_whatsapp_send_errors_total', 'status="400"');
    // Meta refuses the next message: the question about the organisation never arrives.
    graph.fail(400, 1, { error: { code: 131026, message: `Message undeliverable to ${from}` } });
    const lost = await say(from, buttonReply(from, optionsOf(sent.at(-1)).find((o) => o.id === nl('complaint.kindTreatment'))!));
    expect(lost).toEqual([]);
    expect(await metric('wegwijzer_whatsapp_send_errors_total', 'status="400"')).toBe(errors + 1);
    const line = bot.logs.find((l) => l.includes('WhatsApp reply not sent'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ status: 400, code: 131026 });
    expect(line).not.toContain(from);
    // The state was saved: the dialog waits for the organisation, so "COA" is the answer, not a question.
    sent = await say(from, text(from, 'COA'));
    expect(sent.map(readable).join('\n')).toContain(nl('complaint.what'));
  });

  test('a message older than 24 hours is not answered (outside the customer-service window)', async () => {
    const from = newNumber();
    const expired = await metric('wegwijzer_whatsapp_ignored_total', 'reason="expired"');
    const old = String(Math.floor(Date.now() / 1000) - 25 * 60 * 60);
    expect(await say(from, text(from, 'DUO', { timestamp: old }))).toEqual([]);
    expect(await metric('wegwijzer_whatsapp_ignored_total', 'reason="expired"')).toBe(expired + 1);
  });
});

describe('limits, the agent desk and shutting down', () => {
  let local: WhatsAppBot;
  beforeAll(async () => {
    local = await startWhatsAppBot(graph, { RATE_LIMIT_PER_MINUTE: '10', HANDOFF: 'agent-desk' });
  });
  afterAll(async () => {
    await local?.stop();
  });

  test("Meta's signed deliveries are not held to the per-address limit; unsigned ones are counted on their own", async () => {
    const from = newNumber();
    // A busy number: more signed deliveries (statuses) from Meta's one address than RATE_LIMIT_PER_MINUTE allows.
    for (let i = 0; i < 15; i++) expect((await postDelivery(local.url, statusDelivery(from))).status).toBe(200);
    const unsigned = [];
    for (let i = 0; i < 31; i++) unsigned.push((await postDelivery(local.url, statusDelivery(from), { signature: null })).status);
    expect(unsigned.slice(0, 30).every((status) => status === 401)).toBe(true);
    expect(unsigned[30]).toBe(429);
    // Signed deliveries still go through.
    expect((await postDelivery(local.url, statusDelivery(from))).status).toBe(200);
  });

  test('with HANDOFF=agent-desk, "talk to a person" on WhatsApp gives the contact details, not a handoff no one answers', async () => {
    const from = newNumber();
    await say(from, text(from, 'Ik wil graag Nederlands praten, ik heb een vraag.'), local);
    await say(from, text(from, 'DUO'), local);
    const person = await say(from, text(from, 'met een mens praten'), local);
    const all = person.map(readable).join('\n');
    expect(all).not.toContain(nl('handoff.initiated'));
    expect(all).toContain(nl('handoff.noDesk', { name: 'DUO (Dienst Uitvoering Onderwijs)' }).replace(/\*\*/g, '*'));
    expect(all).toContain('+31 50 599 96 00');
  });

  test('while shutting down, deliveries get 503 (Meta delivers them again) and nothing runs', async () => {
    const from = newNumber();
    const seen = (await local.app.storage.keys('whatsapp/seen/')).length;
    local.app.drain();
    const answer = await postDelivery(local.url, delivery([text(from, 'DUO')]));
    expect(answer.status).toBe(503);
    expect(answer.json.error).toMatch(/deliver again later/);
    await local.app.whatsapp!.idle();
    expect(graph.sentTo(from)).toEqual([]);
    // Not claimed: Meta's redelivery (after a restart, or to another replica) is answered.
    expect(await local.app.storage.keys('whatsapp/seen/')).toHaveLength(seen);
  });
});

describe('privacy', () => {
  test('no number in the store (state, transcripts, analytics, seen ids) or the logs, and no secret in the logs', async () => {
    const from = newNumber();
    await say(from, text(from, 'Hoe meld ik me aan voor het inburgeringsexamen? Mijn nummer is +31 6 1234 9999.'));
    await say(from, text(from, 'Dit is een vraag waar geen antwoord op is, over paarse olifanten.'));
    await bot.app.telemetry.flush();
    await bot.app.transcripts.flush();
    const keys = await bot.app.storage.keys('');
    const everything = JSON.stringify(await bot.app.storage.read(keys));
    expect(keys.some((k) => k.startsWith('transcripts/'))).toBe(true);
    expect(keys.some((k) => k.startsWith('whatsapp/seen/'))).toBe(true);
    for (const secret of [from, from.slice(2), '612349999', APP_SECRET, ACCESS_TOKEN, VERIFY_TOKEN]) {
      expect(everything).not.toContain(secret);
      expect(bot.logs.join('\n')).not.toContain(secret);
    }
    // Meta's message ids embed the number: only their hashes are kept.
    expect(everything).not.toContain('wamid.');
    expect(bot.logs.join('\n')).not.toContain('wamid.');
  });
});
