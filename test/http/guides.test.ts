// The guided conversations end to end through /api/messages (real adapter, real SQLite), each in Dutch and in
// one other language; a server restart in the middle of a complaint; a stored complaint after a restart.
import { LOCALES, type Locale } from '../../locales';
import { createRecords } from '../../bot/storage/records';
import { SqliteStorage } from '../../bot/storage/sqliteStorage';
import path from 'node:path';
import { CaptureChannel, emulatorActivity, post, startBot, type RunningBot } from '../helpers/http';
import { sharedKnowledgeBase, sharedI18n } from '../helpers/fixtures';

const i18n = sharedI18n();
const t = (locale: Locale) => i18n.getFixedT(locale);
const nl = t('nl');
const REF = /WW-[0-9A-Z]{4}-[0-9A-Z]{4}/;

let bot: RunningBot;
const kb = sharedKnowledgeBase();
let channel: CaptureChannel;

beforeAll(async () => {
  channel = await new CaptureChannel().start();
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
  await channel.stop();
});

/** One user turn in a conversation; returns the bot's replies. */
async function say(conversation: string, text: string, locale: Locale, on: RunningBot = bot) {
  const { status, replies } = await post(on, channel, emulatorActivity(channel, {
    conversation: { id: `${conversation}|livechat` }, from: { id: `${conversation}-user`, name: 'User', role: 'user' }, text, locale,
  }));
  expect(status).toBe(200);
  return replies;
}
const last = (replies: Record<string, any>[]) => replies.at(-1)!;
/** Button titles as read (right-to-left titles carry direction marks on the Emulator: bot/channels/outgoing.ts). */
const buttons = (replies: Record<string, any>[]) =>
  (last(replies).suggestedActions?.actions ?? []).map((a: { title: string }) => a.title.replace(/[\u200F\u2067\u2069]/g, ''));

describe.each([['nl'], ['ar']] as [Locale][])('intake (%s)', (locale) => {
  test('from the menu button to a saved overview', async () => {
    const s = t(locale);
    const c = `intake-${locale}`;
    const first = await say(c, s('guides.intake'), locale);
    expect(last(first).text).toContain(s('intake.started'));
    await say(c, s('intake.startedFrom'), locale);
    await say(c, s('intake.reasonAsylum'), locale);
    await say(c, s('intake.ageAdult'), locale);
    await say(c, s('intake.nationalityOther'), locale);
    await say(c, s('prompt.no'), locale);
    await say(c, s('prompt.no'), locale);
    const overview = await say(c, s('prompt.dontKnow'), locale);
    expect(last(overview).text).toContain(s('intake.outcome.wi2021'));
    expect(last(overview).channelData.wegwijzer.authority).toBe('GEMEENTE');
    expect(buttons(overview).at(-1)).toBe(s('intake.again'));
  });
});

describe.each([['nl'], ['ti']] as [Locale][])('basics (%s)', (locale) => {
  test('two items answered, progress kept for the next visit', async () => {
    const s = t(locale);
    const c = `basics-${locale}`;
    await say(c, s('guides.basics'), locale);
    await say(c, s('basics.done'), locale);
    await say(c, s('basics.notYet'), locale);
    await say(c, 'menu', locale);
    const back = await say(c, s('guides.basics'), locale);
    expect(back.map((r) => r.text).join('\n')).toContain(s('basics.welcomeBack', { done: s('basics.items.registration') }));
  });
});

describe.each([['nl', 'exam', 'DUO'], ['fa', 'permit', 'IND']] as [Locale, string, string][])('route (%s)', (locale, situation, authority) => {
  test(`"${situation}" → ${authority}`, async () => {
    const s = t(locale);
    const c = `route-${locale}`;
    const ask = await say(c, s('guides.route'), locale);
    expect(buttons(ask)).toContain(s(`route.situations.${situation}`));
    const result = await say(c, s(`route.situations.${situation}`), locale);
    expect(last(result).channelData.wegwijzer.authority).toBe(authority);
    expect(last(result).text).toContain(s('route.prepare'));
  });
});

describe.each([['nl'], ['so']] as [Locale][])('person and feedback (%s)', (locale) => {
  test('"did this help?" after an answer, then a person for that organisation', async () => {
    const s = t(locale);
    const c = `person-${locale}`;
    const answer = await say(c, kb.textOf(kb.get('exam-costs')!, locale).text.title, locale);
    expect(buttons(answer).slice(-2)).toEqual([s('feedback.yes'), s('feedback.no')]);
    const thanks = await say(c, s('feedback.yes'), locale);
    expect(thanks[0]!.text).toBe(s('feedback.thanks'));
    await say(c, s('guides.route'), locale);
    await say(c, s('route.situations.azc'), locale);
    const person = await say(c, s('buttons.person'), locale);
    expect(person[0]!.channelData.wegwijzer.authority).toBe('COA');
    expect(person[0]!.text).toContain(s('handoff.urgent', { button: s('handoff.urgentButton') }));
    const menu = await say(c, s('buttons.menu'), locale);
    expect(buttons(menu)).toContain(s('guides.complaint'));
  });
});

describe('complaint', () => {
  test('Ukrainian, complete: stored, reference, Dutch letter and Ukrainian letter', async () => {
    const s = t('uk');
    const c = 'complaint-uk';
    await say(c, s('guides.complaint'), 'uk');
    await say(c, s('complaint.kindTreatment'), 'uk');
    await say(c, 'IND', 'uk');
    await say(c, 'Мені ніхто не відповідає вже два місяці.', 'uk');
    await say(c, 'з вересня', 'uk');
    await say(c, s('complaint.wantSolution'), 'uk');
    await say(c, s('complaint.correct'), 'uk');
    const done = await say(c, s('complaint.consentYes'), 'uk');
    const ref = done[0]!.text.match(REF)![0];
    const letters = done.filter((r) => r.textFormat === 'plain');
    expect(letters.map((l) => l.text.includes('Мені ніхто не відповідає вже два місяці.'))).toEqual([true, true]);
    expect(letters[0]!.text).toContain(nl('complaint.letter.greeting'));
    expect(letters[1]!.text).toContain(s('complaint.letter.greeting'));
    const stored = await createRecords(bot.app.storage).getComplaint(ref);
    expect(stored).toMatchObject({ organisation: { authority: 'IND' }, locale: 'uk', channelId: 'emulator' });
  });

  test('Dutch, with a server restart in the middle; the complaint is still there after another restart', async () => {
    const dataDir = bot.dataDir;
    const c = 'complaint-restart';
    await say(c, nl('guides.complaint'), 'nl');
    await say(c, nl('complaint.kindTreatment'), 'nl');
    await say(c, 'COA', 'nl');
    await say(c, 'Mijn post wordt al weken niet aan mij gegeven op de locatie.', 'nl');
    // The server goes away and comes back on the same data folder.
    await bot.stop();
    bot = await startBot({}, dataDir);
    const when = await say(c, 'sinds oktober', 'nl');
    expect(last(when).text).toContain(nl('complaint.want'));
    const summary = await say(c, nl('complaint.wantSolution'), 'nl');
    expect(last(summary).text).toContain('Mijn post wordt al weken niet aan mij gegeven op de locatie.');
    await say(c, nl('complaint.correct'), 'nl');
    const done = await say(c, nl('complaint.consentYes'), 'nl');
    const ref = done[0]!.text.match(REF)![0];
    expect(done.filter((r) => r.textFormat === 'plain')).toHaveLength(1); // Dutch only: no second letter
    await bot.stop();
    // Read straight from the file, as an operator would, before the bot starts again.
    const storage = new SqliteStorage(path.join(dataDir, 'wegwijzer.sqlite'));
    expect(await createRecords(storage).getComplaint(ref)).toMatchObject({ ref, what: 'Mijn post wordt al weken niet aan mij gegeven op de locatie.' });
    storage.close();
    bot = await startBot({}, dataDir);
    expect(await createRecords(bot.app.storage).getComplaint(ref)).toMatchObject({ ref, organisation: { authority: 'COA' } });
  });
});

describe.each(LOCALES.map((l) => [l]))('every guided conversation in %s', (locale) => {
  test('intake, basics, route, complaint, person: each reaches its end in this language', async () => {
    const s = t(locale);
    const c = `all-${locale}`;
    const texts = (replies: Record<string, any>[]) => replies.map((r) => r.text ?? '').join('\n');
    await say(c, s('guides.intake'), locale);
    let replies: Record<string, any>[] = [];
    for (let i = 0; i < 6; i++) replies = await say(c, s('prompt.dontKnow'), locale);
    expect(texts(replies)).toContain(s('intake.outcome.unknown'));

    replies = await say(c, s('guides.basics'), locale);
    expect(texts(replies)).toContain(s('basics.items.registration'));
    replies = await say(c, s('basics.done'), locale);
    expect(texts(replies)).toContain(s('basics.items.income'));

    await say(c, s('guides.route'), locale);
    replies = await say(c, s('route.situations.exam'), locale);
    expect(last(replies).channelData.wegwijzer.authority).toBe('DUO');

    await say(c, s('guides.complaint'), locale);
    await say(c, s('complaint.kindTreatment'), locale);
    await say(c, s('complaint.otherOrganisation'), locale);
    await say(c, 'Stichting Voorbeeld', locale);
    await say(c, '— '.repeat(3) + 'x'.repeat(12), locale);
    await say(c, s('complaint.unknownWhen'), locale);
    replies = await say(c, s('complaint.wantApology'), locale);
    expect(last(replies).text).toContain(s('complaint.confirm'));
    await say(c, s('complaint.correct'), locale);
    replies = await say(c, s('complaint.consentYes'), locale);
    expect(replies[0]!.text).toMatch(REF);
    expect(texts(replies)).toContain(s('complaint.escalate'));

    replies = await say(c, s('buttons.person'), locale);
    // The last organisation in the conversation (the general complaint route: the ombudsman).
    expect(replies[0]!.channelData.wegwijzer.topic).toBe('authority:OMBUDSMAN');
  });
});
