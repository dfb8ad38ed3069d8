// "A complaint that counts" under DialogTestClient: complaint vs objection, the summary, consent, durable
// storage before the reference, the letters, the ombudsman, and what happens when storing fails.
import { createRecords, type Records } from '../../bot/storage/records';
import { buttonsOf, dialogKit, MemoryStorage, textOf } from '../helpers/botkit';
import { sharedKnowledgeBase, sharedI18n } from '../helpers/fixtures';

const kb = sharedKnowledgeBase();
const i18n = sharedI18n();
const en = i18n.getFixedT('en');
const nl = i18n.getFixedT('nl');
const REF = /WW-[0-9A-Z]{4}-[0-9A-Z]{4}/;

/** Records over memory storage that can be told to fail, and that log the order of events. */
function flakyRecords() {
  const storage = new MemoryStorage();
  const real = createRecords(storage);
  const log: string[] = [];
  let failures = 0;
  const records: Records & { failNext(n: number): void; log: string[] } = {
    log,
    failNext(n) { failures = n; },
    async saveComplaint(c) {
      if (failures > 0) { failures--; log.push('save failed'); throw new Error('disk full'); }
      const ref = await real.saveComplaint(c);
      log.push(`saved ${ref}`);
      return ref;
    },
    getComplaint: (ref) => real.getComplaint(ref),
    saveFeedback: (f) => real.saveFeedback(f),
  };
  return records;
}

/**
 * Starts a complaint about how an organisation treated the user, up to the organisation;
 * returns the bot's reply to that.
 */
async function complainAbout(kit: ReturnType<typeof dialogKit>, organisation: string, t = nl) {
  await kit.say(t('guides.complaint'));
  await kit.say(t('complaint.kindTreatment'));
  return kit.say(organisation);
}

async function tellComplaint(kit: ReturnType<typeof dialogKit>, t = en, what = 'The man at the desk shouted at me and my BSN 111222333 was read out loud.') {
  await complainAbout(kit, 'COA', t);
  await kit.say(what);
  await kit.say('last Monday');
  return kit.say(t('complaint.wantExplanation'));
}

test('happy path: summary, consent, stored before the reference, route, letters in Dutch and English, ombudsman', async () => {
  const records = flakyRecords();
  const kit = dialogKit(kb, { channelId: 'emulator', locale: 'en', records, log: records.log });
  const summary = await tellComplaint(kit);
  records.log.length = 0;
  expect(summary[0]!.textFormat).toBe('plain');
  expect(summary[0]!.text).toContain('The man at the desk shouted at me');
  expect(summary[0]!.text).toContain(`${en('complaint.summaryWant')}: ${en('complaint.wantExplanation')}`);
  expect(buttonsOf(summary)).toEqual([en('complaint.correct'), en('complaint.change')]);
  const consent = await kit.say(en('complaint.correct'));
  expect(consent[0]!.text).toContain(en('complaint.consent'));
  expect(records.log.filter((l) => l.startsWith('saved'))).toEqual([]);
  const done = await kit.say(en('complaint.consentYes'));
  const ref = done[0]!.text!.match(REF)![0];
  // The write finished before the message with the reference was sent.
  const saved = records.log.indexOf(`saved ${ref}`);
  const told = records.log.findIndex((l) => l.startsWith('sent:') && l.includes(ref));
  expect(saved).toBeGreaterThanOrEqual(0);
  expect(told).toBeGreaterThan(saved);
  expect(done[0]!.text).toContain(en('complaint.stored', { ref }));
  // Stored durably, redacted, without user or conversation ids.
  const stored = await records.getComplaint(ref);
  expect(stored).toMatchObject({ ref, organisation: { authority: 'COA' }, when: 'last Monday', want: en('complaint.wantExplanation'), locale: 'en' });
  expect(stored!.what).toContain('[BSN]');
  expect(JSON.stringify(stored)).not.toContain('111222333');
  expect(JSON.stringify(stored)).not.toMatch(/user1|Convo1/);
  // The organisation's own route (COA), then the Dutch letter and the English one, both plain text.
  expect(done[1]!.channelData?.wegwijzer?.topic).toBe('complain-coa');
  const letters = done.filter((r) => r.textFormat === 'plain');
  expect(letters).toHaveLength(2);
  expect(letters[0]!.text).toContain(nl('complaint.letter.greeting'));
  expect(letters[0]!.text).toContain('The man at the desk shouted at me'); // their own words, unchanged
  expect(letters[0]!.text).toContain(nl('complaint.wantExplanation'));
  expect(letters[1]!.text).toContain(en('complaint.letter.greeting'));
  // Then the way to the ombudsman.
  expect(done.at(-1)!.text).toContain(en('complaint.escalate'));
  expect(buttonsOf(done)[0]).toBe(kb.get('nationale-ombudsman')!.text.en.title);
});

test('when storing fails there is no reference; asking again and succeeding gives one', async () => {
  const records = flakyRecords();
  const kit = dialogKit(kb, { channelId: 'emulator', locale: 'en', records });
  await tellComplaint(kit);
  await kit.say(en('complaint.correct'));
  records.failNext(1);
  const failed = await kit.say(en('complaint.consentYes'));
  expect(textOf(failed)).toContain(en('complaint.storeFailed'));
  expect(textOf(failed)).not.toMatch(REF);
  expect(failed.at(-1)!.text).toContain(en('complaint.consent'));
  const ok = await kit.say(en('complaint.consentYes'));
  expect(ok[0]!.text).toMatch(REF);
  expect(records.log.filter((l) => !l.startsWith('sent:'))).toEqual(['save failed', expect.stringMatching(/^saved WW-/)]);
});

test('no consent: nothing stored, no reference, but the route and the letter are given', async () => {
  const records = flakyRecords();
  const kit = dialogKit(kb, { channelId: 'emulator', locale: 'en', records });
  await tellComplaint(kit);
  await kit.say(en('complaint.correct'));
  const done = await kit.say(en('complaint.consentNo'));
  expect(done[0]!.text).toContain(en('complaint.notStored'));
  expect(textOf(done)).not.toMatch(REF);
  expect(records.log).toEqual([]);
  expect(done.filter((r) => r.textFormat === 'plain')).toHaveLength(2);
});

test('a decision: the objection route with its deadline; "no" ends there', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator' });
  await kit.say('klacht indienen');
  await kit.say(nl('complaint.kindDecision'));
  const objection = await kit.say('DUO');
  expect(objection[0]!.channelData?.wegwijzer?.topic).toBe('object-duo-decision');
  expect(objection[0]!.text).toContain(nl('complaint.decisionInfo'));
  expect(objection[0]!.text).toMatch(/6 weken/);
  expect(objection.at(-1)!.text).toContain(nl('complaint.alsoComplain'));
  const ended = await kit.say(nl('prompt.no'));
  expect(ended.at(-1)!.text).toContain(nl('menu.text'));
  const after = await kit.say('Hoeveel kost het examen?');
  expect(after[0]!.channelData?.wegwijzer?.topic).toBe('exam-costs');
});

test('another organisation: its name is asked; "no, start again" goes back to the organisation question', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator' });
  const name = await complainAbout(kit, nl('complaint.otherOrganisation'));
  expect(name[0]!.text).toContain(nl('complaint.organisationName'));
  await kit.say('Woningcorporatie <b>Thuis</b>');
  const short = await kit.say('kort');
  expect(short[0]!.text).toContain(nl('prompt.retryShort'));
  await kit.say('De verhuurder repareert de verwarming al drie maanden niet.');
  await kit.say(nl('complaint.unknownWhen'));
  const summary = await kit.say('Dat de verwarming gemaakt wordt');
  expect(summary[0]!.text).toContain(`${nl('complaint.summaryOrganisation')}: Woningcorporatie <b>Thuis</b>`);
  expect(summary[0]!.text).toContain(`${nl('complaint.summaryWhen')}: ${nl('complaint.unknownWhen')}`);
  const again = await kit.say(nl('complaint.change'));
  expect(again[0]!.text).toContain(nl('complaint.organisation'));
  expect(textOf(again)).not.toContain(nl('complaint.intro'));
});

test('"Een uitleg" is the answer to the question, not the help command', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator' });
  await complainAbout(kit, 'DUO');
  await kit.say('Ik kreeg drie keer een ander antwoord aan de telefoon.');
  await kit.say('in oktober');
  const summary = await kit.say(nl('complaint.wantExplanation'));
  expect(summary[0]!.text).toContain(nl('complaint.summary'));
});

test('switching language mid-complaint: the summary comes in the new language, the person\'s words unchanged', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator' });
  await complainAbout(kit, 'IND');
  await kit.say('Niemand belt mij terug over mijn aanvraag.');
  await kit.say('taal');
  const switched = await kit.say('English');
  expect(switched.at(-1)!.text).toContain(en('complaint.when'));
  await kit.say('since March');
  const summary = await kit.say(en('complaint.wantSolution'));
  expect(summary[0]!.text).toContain(`${en('complaint.summaryWhat')}: Niemand belt mij terug over mijn aanvraag.`);
});

test('an answer about complaining offers the complaint conversation as its first button', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator' });
  const answer = await kit.say(kb.get('complain-ind')!.text.nl.title);
  expect(buttonsOf(answer)[0]).toBe(nl('guides.complaint'));
  const started = await kit.say(buttonsOf(answer)[0]!);
  expect(textOf(started)).toContain(nl('complaint.kind'));
});

test('typed "uitleg" (also a help word) to "what do you want?" is taken as the answer', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator' });
  await complainAbout(kit, 'DUO');
  await kit.say('Ik kreeg drie keer een ander antwoord aan de telefoon.');
  await kit.say('in oktober');
  const summary = await kit.say('uitleg');
  expect(summary[0]!.text).toContain(`${nl('complaint.summaryWant')}: uitleg`);
});

test('an organisation typed with markdown is shown as typed, never as a link', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator' });
  await complainAbout(kit, nl('complaint.otherOrganisation'));
  await kit.say('[Klik hier](https://evil.example) *nu*');
  await kit.say('Ze hebben mijn brief nooit beantwoord, al twee maanden.');
  await kit.say('sinds september');
  await kit.say(nl('complaint.wantSolution'));
  await kit.say(nl('complaint.correct'));
  const done = await kit.say(nl('complaint.consentNo'));
  for (const reply of done.filter((r) => r.textFormat !== 'plain')) {
    expect(reply.text).not.toContain('[Klik hier](https://evil.example)');
  }
  expect(textOf(done)).toContain('\\[Klik hier\\]\\(https://evil\\.example\\) \\*nu\\*');
});

test('answers are redacted as they are told: no BSN in the stored dialog state, summary or letter', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator' });
  await complainAbout(kit, 'DUO');
  await kit.say('Aan de telefoon moest ik mijn BSN 111222333 hardop zeggen in de wachtkamer.');
  const memory = JSON.stringify((kit.storage as unknown as { memory: Record<string, string> }).memory);
  expect(memory).not.toContain('111222333');
  await kit.say('gisteren');
  const summary = await kit.say(nl('complaint.wantApology'));
  expect(summary[0]!.text).toContain('[BSN]');
});

test('a choice answered with its label in another language is accepted (the client said en-US, the person answered in Dutch)', async () => {
  const english = dialogKit(kb, { channelId: 'emulator', locale: 'en', records: createRecords(new MemoryStorage()) });
  await english.say(en('guides.complaint'));
  const expected = await english.say(en('complaint.kindTreatment'));
  const mixed = dialogKit(kb, { channelId: 'emulator', locale: 'en', records: createRecords(new MemoryStorage()) });
  await mixed.say(en('guides.complaint'));
  const reply = await mixed.say(nl('complaint.kindTreatment'));
  expect(textOf(reply)).toBe(textOf(expected));
  expect(buttonsOf(reply)).toEqual(buttonsOf(expected));
});
