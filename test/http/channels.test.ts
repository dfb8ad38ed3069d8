// Other channels through the HTTP endpoint, on the text actually sent: Teams @mentions, right-to-left marks on
// clients that do not set the direction (and none in our widget), plain text in parts on SMS, and the endpoint
// answering the probes of the Agents Playground.
import { RESOURCES } from '../../locales';
import { formatText } from '../../bot/channels/format';
import { SMS_PART_LENGTH } from '../../bot/channels/outgoing';
import { botForFile, emulatorActivity, post } from '../helpers/http';

const live = botForFile();

const RLM = '\u200F';
const RLI = '\u2067';
const PDI = '\u2069';
const MARKS = /[\u200F\u2067]/;
const ARABIC = /[\u0600-\u06ff]/;

const send = (overrides: Record<string, unknown>) => post(live.bot, live.channel, emulatorActivity(live.channel, overrides));
const nl = RESOURCES.nl as { complaint: { intro: string }; route: { situations: { complaint: string } } };

/** A line of a reply, its list number or bullet and emphasis set aside: marked when it has Arabic letters. */
function expectMarked(text: string) {
  const lines = text.split('\n').filter((l) => ARABIC.test(l));
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toMatch(new RegExp(`^(\\d+\\. |- )?[*_]*${RLM}${RLI}[^\\n]*${PDI}[*_]*$`));
}

describe('Teams @mentions', () => {
  const mention = { type: 'mention', text: '<at>Wegwijzer</at>', mentioned: { id: 'bot-1', name: 'Wegwijzer' } };

  test('"<at>Wegwijzer</at> klacht" in a Teams channel starts the complaint, as "klacht" does', async () => {
    const { status, replies } = await send({
      channelId: 'msteams', conversation: { id: 'teams-1', conversationType: 'channel' }, text: '<at>Wegwijzer</at> klacht', entities: [mention],
    });
    expect(status).toBe(200);
    expect(replies[0]!.text).toContain(nl.complaint.intro);
    // Without the mention entity the name stays in the text, and the bot does not see "klacht".
    const unmarked = await send({ channelId: 'msteams', conversation: { id: 'teams-2' }, text: '<at>Wegwijzer</at> klacht' });
    expect(unmarked.replies[0]!.text).not.toContain(nl.complaint.intro);
  });

  test('a mention inside a question is removed from it, and the question answered', async () => {
    const { replies } = await send({
      channelId: 'msteams', conversation: { id: 'teams-3' }, text: 'Hoi <at>Wegwijzer</at>, wat kost het inburgeringsexamen?', entities: [mention],
    });
    expect(replies[0]!.channelData.wegwijzer.topic).toBe('exam-costs');
  });
});

describe('right to left where the client does not set the direction', () => {
  const question = 'كم سعر امتحان inburgering؟';

  test('Teams: every Arabic line of the answer is marked, numbers and Latin words inside its isolate; "2" picks the second choice', async () => {
    const { replies } = await send({ channelId: 'msteams', conversation: { id: 'rtl-teams' }, text: question, locale: 'ar' });
    const text = replies[0]!.text as string;
    expect(replies[0]!.channelData.wegwijzer.topic).toBe('exam-costs');
    expectMarked(text);
    expect(text).toMatch(new RegExp(`${RLI}[^${PDI}\\n]*€ 50[^${PDI}\\n]*${PDI}`));
    expect(text).toMatch(new RegExp(`${RLI}[^${PDI}\\n]*Wet inburgering 2013[^${PDI}\\n]*${PDI}`));
    // The organisation's card too: its phone line and its button's title.
    const card = replies[0]!.attachments[0].content;
    expect(card.actions[0].title).toMatch(new RegExp(`^${RLM}${RLI}.*inburgeren\\.nl.*${PDI}$`));
    expect(card.actions[0].url).toBe('https://www.inburgeren.nl');
    expect(card.body.map((b: { text?: string }) => b.text).find((t: string) => t?.includes('050 599 96 00'))).toMatch(new RegExp(`^\\*\\*${RLM}${RLI}`));
    // Teams has no suggested actions here: the choices are a numbered list, marked like every line.
    const second = new RegExp(`\\n2\\. ${RLM}${RLI}([^${PDI}]+)${PDI}`).exec(text)?.[1];
    expect(second).toBeDefined();
    const next = await send({ channelId: 'msteams', conversation: { id: 'rtl-teams' }, text: '2', locale: 'ar' });
    expect(next.replies[0]!.text).toContain(second);
  });

  test('Emulator: button titles are marked, what they send is not, and a click is answered', async () => {
    const { replies } = await send({ conversation: { id: 'rtl-emulator' }, text: question, locale: 'ar' });
    expectMarked(replies[0]!.text);
    const actions = replies[0]!.suggestedActions.actions as { title: string; value: string }[];
    const arabic = actions.filter((a) => ARABIC.test(a.value));
    expect(arabic.length).toBeGreaterThan(0);
    for (const a of arabic) {
      expect(a.title).toBe(`${RLM}${RLI}${a.value}${PDI}`);
      expect(a.value).not.toMatch(MARKS);
    }
    const next = await send({ conversation: { id: 'rtl-emulator' }, text: arabic[0]!.value, locale: 'ar' });
    expect(next.replies[0]!.channelData.wegwijzer.topic).not.toMatch(/fallback|did-you-mean/);
  });

  test('Persian on Web Chat outside our widget is marked; Dutch is not', async () => {
    const fa = await send({ channelId: 'webchat', conversation: { id: 'rtl-webchat-fa' }, text: 'هزینه آزمون ادغام چقدر است؟', locale: 'fa' });
    expectMarked(fa.replies[0]!.text);
    const dutch = await send({ channelId: 'msteams', conversation: { id: 'rtl-teams-nl' }, text: 'Wat kost het inburgeringsexamen?', locale: 'nl' });
    expect(dutch.replies[0]!.text).not.toMatch(MARKS);
  });

  test('our widget sets the direction itself (it says so by joining): its text stays as it was', async () => {
    const conversation = { id: 'rtl-widget' };
    const joined = await send({ type: 'event', name: 'webchat/join', value: { language: 'ar' }, channelId: 'webchat', conversation, locale: 'ar' });
    expect(joined.replies[0]!.text).toMatch(ARABIC);
    expect(joined.replies[0]!.text).not.toMatch(MARKS);
    const { replies } = await send({ channelId: 'webchat', conversation, text: question, locale: 'ar' });
    expect(replies[0]!.channelData.wegwijzer.topic).toBe('exam-costs');
    expect(replies[0]!.text).toMatch(ARABIC);
    expect(replies[0]!.text).not.toMatch(MARKS);
    expect(replies[0]!.text).toContain('**');
    for (const a of replies[0]!.suggestedActions.actions) expect(a.title).not.toMatch(MARKS);
  });
});

describe('Web Chat outside our widget (the Agents Playground)', () => {
  test('choosing a language is saved and confirmed without the widget\'s event, which other clients refuse', async () => {
    const conversation = { id: 'playground-webchat' };
    const from = { id: 'playground-user', name: 'User', role: 'user' };
    await send({ channelId: 'webchat', conversation, from, text: 'taal', locale: 'en-US' });
    const chosen = await send({ channelId: 'webchat', conversation, from, text: 'العربية', locale: 'en-US' });
    expect(chosen.replies.map((r) => r.type)).toEqual(['message']);
    expect(chosen.replies[0]!.text).toMatch(ARABIC);
    // Saved: the next message, in Dutch from an English client, is answered in Arabic.
    const next = await send({ channelId: 'webchat', conversation, from, text: 'menu', locale: 'en-US' });
    expect(next.replies[0]!.text).toMatch(ARABIC);
    // Our widget gets the event, and follows the language with its menu and direction.
    const widget = { id: 'widget-language' };
    const widgetUser = { id: 'widget-user', name: 'User', role: 'user' };
    await send({ type: 'event', name: 'webchat/join', value: { language: 'nl' }, channelId: 'webchat', conversation: widget, from: widgetUser });
    await send({ channelId: 'webchat', conversation: widget, from: widgetUser, text: 'taal' });
    const inWidget = await send({ channelId: 'webchat', conversation: widget, from: widgetUser, text: 'العربية' });
    expect(inWidget.replies.map((r) => r.type)).toEqual(['message', 'event']);
    expect(inWidget.replies[1]).toMatchObject({ name: 'wegwijzer/language', value: { language: 'ar' } });
  });
});

describe('SMS', () => {
  /** Markdown that must not reach a phone: bold, italics around words, links, escapes. */
  const MARKDOWN = /\*\*|\]\(|(^|\s)_\S|\S_(\s|$)|\\[\\`*_{}[\]()#+\-.!|<>~]/m;

  test('an answer arrives as plain text in parts of at most the SMS length, the choices numbered in the last part; "2" picks the second', async () => {
    const sms = (text: string) => send({ channelId: 'sms', conversation: { id: 'sms-parts' }, text });
    const { replies } = await sms('Wat kost het inburgeringsexamen?');
    expect(replies.length).toBeGreaterThan(1);
    for (const r of replies) {
      expect(r.textFormat).toBe('plain');
      expect(r.text.length).toBeLessThanOrEqual(SMS_PART_LENGTH);
      expect(r.text).not.toMatch(MARKDOWN);
      expect(r.suggestedActions).toBeUndefined();
    }
    // The first part carries the answer's metadata and starts with its title; the authority as text.
    expect(replies[0]!.channelData.wegwijzer.topic).toBe('exam-costs');
    expect(replies[0]!.text.startsWith('Wat kost het inburgeringsexamen?\n\n')).toBe(true);
    const all = replies.map((r) => r.text).join('\n\n');
    expect(all).toContain('Bron: https://www.inburgeren.nl/');
    expect(all).toMatch(/DUO \(Dienst Uitvoering Onderwijs\)\n.*\nTelefoon: \u2066050 599 96 00\u2069/);
    // Only the last part has the numbered choices.
    const last = replies.at(-1)!.text as string;
    expect(last).toMatch(/^1\. .+\n2\. (.+)/);
    for (const r of replies.slice(0, -1)) expect(r.text).not.toMatch(/^1\. /m);
    const second = /\n2\. (.+)/.exec(last)![1]!;
    const next = await sms('2');
    expect(next.replies[0]!.text.startsWith(`${second}\n\n`)).toBe(true);
  });

  test('eleven choices arrive whole, with their question, and "10" picks the tenth', async () => {
    const sms = (text: string) => send({ channelId: 'sms', conversation: { id: 'sms-route' }, text });
    await sms('menu');
    const third = await sms('3');
    const last = third.replies.at(-1)!.text as string;
    expect(last).toMatch(/^[^\n]+\n\n1\. .+(\n\d+\. .+){10}$/);
    // The tenth is "a complaint about an organisation": it starts the complaint.
    expect(/\n10\. (.+)/.exec(last)![1]).toBe(nl.route.situations.complaint);
    const { replies } = await sms('10');
    expect(replies[0]!.text).toBe(formatText(nl.complaint.intro, 'plain'));
  });

  test('in Arabic every part is marked and still fits', async () => {
    const { replies } = await send({ channelId: 'sms', conversation: { id: 'sms-ar' }, text: 'كم سعر امتحان inburgering؟', locale: 'ar' });
    expect(replies.length).toBeGreaterThan(1);
    for (const r of replies) {
      expect(r.text.length).toBeLessThanOrEqual(SMS_PART_LENGTH);
      expect(r.text).not.toMatch(MARKDOWN);
      if (ARABIC.test(r.text)) expectMarked(r.text);
    }
    expect(replies.at(-1)!.text).toMatch(new RegExp(`^1\\. ${RLM}${RLI}`));
  });
});

describe('/api/messages for probes', () => {
  test('HEAD answers 200 without a body, GET says it is there', async () => {
    const head = await fetch(`${live.bot.url}/api/messages`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const get = await fetch(`${live.bot.url}/api/messages`);
    expect(get.status).toBe(200);
    expect(await get.json()).toMatchObject({ status: 'ok' });
    const elsewhere = await fetch(`${live.bot.url}/api/nothing`, { method: 'HEAD' });
    expect(elsewhere.status).toBe(404);
  });
});
