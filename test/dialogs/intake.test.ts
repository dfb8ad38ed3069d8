// "What applies to me?" under DialogTestClient: happy path, "I don't know", re-prompts in the user's
// language, every global command mid-dialog, and the saved overview used afterwards.
import { buttonsOf, dialogKit, textOf } from '../helpers/botkit';
import { sharedKnowledgeBase, sharedI18n } from '../helpers/fixtures';

const kb = sharedKnowledgeBase();
const i18n = sharedI18n();
const en = i18n.getFixedT('en');
const nl = i18n.getFixedT('nl');
const ar = i18n.getFixedT('ar');

/** The Dutch path of an asylum status holder from 2022 (the most common Wi2021 case). */
async function answerUpToNationality(kit: ReturnType<typeof dialogKit>) {
  await kit.say(nl('guides.intake'));
  await kit.say(nl('intake.startedFrom'));
  await kit.say(nl('intake.reasonAsylum'));
  await kit.say(nl('intake.ageAdult'));
}

describe('intake', () => {
  test('happy path (nl): the overview says Wi2021, names next steps, and the regime is saved', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    const first = await kit.say(nl('guides.intake'));
    expect(textOf(first)).toContain(nl('intake.started'));
    expect(buttonsOf(first)).toEqual([nl('intake.startedBefore2013'), nl('intake.startedBetween'), nl('intake.startedFrom'), nl('prompt.dontKnow')]);
    await kit.say(nl('intake.startedFrom'));
    await kit.say(nl('intake.reasonAsylum'));
    await kit.say(nl('intake.ageAdult'));
    const schooling = await kit.say(nl('intake.nationalityOther'));
    expect(textOf(schooling)).toContain(nl('intake.schooling'));
    const diplomas = await kit.say(nl('prompt.no'));
    expect(textOf(diplomas)).toContain(nl('intake.diplomas'));
    const study = await kit.say(nl('prompt.no'));
    expect(textOf(study)).toContain(nl('intake.study'));
    const overview = await kit.say(nl('prompt.no'));
    const text = textOf(overview);
    expect(text).toContain('Wet inburgering 2021');
    expect(text).toContain(nl('intake.saved', { regime: nl('regime.wi2021') }));
    expect(overview.at(-1)!.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    // The next three steps are buttons (entry titles), then "answer again".
    const buttons = buttonsOf(overview);
    expect(buttons[0]).toBe(kb.get('broad-intake')!.text.nl.title);
    expect(buttons.at(-1)).toBe(nl('intake.again'));
    const profile = await kit.profile();
    expect(profile?.regime).toBe('wi2021');
    expect(profile?.intake?.answers).toMatchObject({ started: 'from-2022', reason: 'asylum', nationality: 'other', wantsToStudy: 'no' });
  });

  test('the saved regime changes later answers, and the overview is shown again on return', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator', locale: 'en' });
    await kit.say(en('guides.intake'));
    for (const answer of [
      en('intake.startedBetween'), en('intake.reasonFamily'), en('intake.joinedOther'), en('intake.ageAdult'), en('intake.nationalityOther'),
      en('prompt.no'), en('prompt.no'),
    ]) {
      await kit.say(answer);
    }
    // Wi2013 for a family migrant (of a Dutch partner) from 2013-2021: an answer with regime variants
    // now uses the Wi2013 one.
    const entry = kb.entries.find((e) => e.variants?.wi2013 && e.variants?.wi2021)!;
    const answer = await kit.say(entry.text.en.title);
    expect(answer[0]!.text).toContain(en('answer.regimeNote', { regime: en('regime.wi2013') }));
    const again = await kit.say(en('guides.intake'));
    expect(textOf(again)).toContain(en('intake.existing'));
    expect(textOf(again)).toContain('Civic Integration Act 2013');
    // "Answer again" starts the questions anew.
    const redo = await kit.say(en('intake.again'));
    expect(textOf(redo)).toContain(en('intake.started'));
  });

  test('"I don\'t know" everywhere gives the honest "cannot tell yet" overview, pointing to DUO', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator', locale: 'en' });
    await kit.say(en('guides.intake'));
    // When, why, age, nationality, schooling, diplomas: six questions (no family or study question follows).
    let last = await kit.say(en('prompt.dontKnow'));
    for (let i = 0; i < 5; i++) last = await kit.say(en('prompt.dontKnow'));
    expect(textOf(last)).toContain(en('intake.outcome.unknown'));
    expect(textOf(last)).toContain(en('intake.savedNoRegime'));
    expect(last.at(-1)!.channelData?.wegwijzer?.authority).toBe('DUO');
  });

  test('a number picks a choice on a channel without buttons', async () => {
    const kit = dialogKit(kb, { channelId: 'sms', locale: 'en' });
    const first = await kit.say(en('guides.intake'));
    expect(first.at(-1)!.text).toContain(`3. ${en('intake.startedFrom')}`);
    const next = await kit.say('3');
    expect(textOf(next)).toContain(en('intake.reason'));
  });

  test('a Turkish family member of a refugee (2013-2021) is never told "not obliged": DUO says, since 1 May 2020 counts', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator', locale: 'en' });
    await kit.say(en('guides.intake'));
    await kit.say(en('intake.startedBetween'));
    const joined = await kit.say(en('intake.reasonFamily'));
    expect(textOf(joined)).toContain(en('intake.joined'));
    expect(buttonsOf(joined)).toEqual([en('intake.joinedRefugee'), en('intake.joinedEu'), en('intake.joinedOther'), en('prompt.dontKnow')]);
    await kit.say(en('intake.joinedRefugee'));
    await kit.say(en('intake.ageAdult'));
    await kit.say(en('intake.nationalityTurkish'));
    await kit.say(en('prompt.no'));
    const overview = await kit.say(en('prompt.no'));
    expect(textOf(overview)).toContain(en('intake.outcome.unknown'));
    expect(textOf(overview)).not.toContain(en('intake.outcome.notObliged'));
    expect(textOf(overview)).toContain(en('intake.because', { title: kb.get('turkish-nationals')!.text.en.title }));
    expect((await kit.profile())?.intake?.answers).toMatchObject({ reason: 'family', joined: 'refugee', nationality: 'turkish' });
  });

  test('the non-EU spouse of an EU citizen is told "probably not obliged" after two questions, with nothing more asked', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator', locale: 'en' });
    await kit.say(en('guides.intake'));
    await kit.say(en('intake.startedFrom'));
    await kit.say(en('intake.reasonFamily'));
    const overview = await kit.say(en('intake.joinedEu'));
    expect(textOf(overview)).toContain(en('intake.outcome.notObliged'));
    expect(textOf(overview)).not.toContain(en('intake.age'));
    expect(overview.at(-1)!.channelData?.wegwijzer?.authority).toBe('DUO');
  });

  test('someone who passed a part sees the law first, then what may count and that DUO decides (nl)', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    await answerUpToNationality(kit);
    await kit.say(nl('intake.nationalityOther'));
    await kit.say(nl('prompt.no'));
    await kit.say(nl('prompt.yes'));
    const overview = await kit.say(nl('prompt.no'));
    const text = textOf(overview);
    expect(text).toContain(nl('intake.outcome.wi2021'));
    expect(text).toContain(nl('intake.mayCount'));
    expect(text).toContain(kb.get('exemption-vs-dispensation')!.text.nl.title);
    expect(text).not.toContain(nl('intake.outcome.probablyExempt'));
  });

  test('an obligation from before 2013 is neither law: the overview says so and sends the person to DUO', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator', locale: 'en' });
    await kit.say(en('guides.intake'));
    await kit.say(en('intake.startedBefore2013'));
    for (const a of [en('intake.reasonAsylum'), en('intake.ageAdult'), en('intake.nationalityOther'), en('prompt.no')]) await kit.say(a);
    const overview = await kit.say(en('prompt.no'));
    expect(textOf(overview)).toContain(en('intake.outcome.before2013'));
    expect(textOf(overview)).not.toContain('Civic Integration Act 2013');
    expect(overview.at(-1)!.channelData?.wegwijzer?.authority).toBe('DUO');
    expect((await kit.profile())?.regime).toBeUndefined();
  });

  test('8 years at school age in the Netherlands: probably not obliged', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator', locale: 'en' });
    await kit.say(en('guides.intake'));
    for (const a of [en('intake.startedFrom'), en('intake.reasonOther'), en('intake.ageAdult')]) await kit.say(a);
    const schooling = await kit.say(en('intake.nationalityOther'));
    expect(textOf(schooling)).toContain(en('intake.schooling'));
    const overview = await kit.say(en('prompt.yes'));
    expect(textOf(overview)).toContain(en('intake.outcome.notObliged'));
  });

  test.each([
    ['en', en, 'banana'],
    ['ar', ar, 'موز'],
    ['nl', nl, 'misschien later'],
  ] as const)('invalid input is re-prompted in the user\'s language (%s)', async (locale, t, junk) => {
    const kit = dialogKit(kb, { channelId: 'emulator', locale });
    await kit.say(t('guides.intake'));
    const retry = await kit.say(junk);
    expect(retry).toHaveLength(1);
    expect(retry[0]!.text).toContain(t('prompt.retryChoice'));
    expect(retry[0]!.text).toContain(t('intake.started'));
    expect(buttonsOf(retry)).toContain(t('prompt.dontKnow'));
  });
});

describe('interruptions mid-intake, and resuming', () => {
  test('help explains and asks the same question again', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    await answerUpToNationality(kit);
    const help = await kit.say('help');
    expect(help[0]!.text).toContain(nl('guides.help', { guide: nl('guides.intake') }));
    expect(help.at(-1)!.text).toContain(nl('intake.nationality'));
    const next = await kit.say(nl('intake.nationalityOther'));
    expect(textOf(next)).toContain(nl('intake.schooling'));
  });

  test('language: the question comes back in the chosen language, and the answers so far are kept', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    await answerUpToNationality(kit);
    const choose = await kit.say('taal');
    expect(buttonsOf(choose)).toContain('English');
    const switched = await kit.say('English', 'nl');
    expect(textOf(switched)).toContain(en('language.chosen'));
    expect(switched.at(-1)!.text).toContain(en('intake.nationality'));
    expect(buttonsOf(switched)).toContain(en('intake.nationalityOther'));
    await kit.say(en('intake.nationalityOther'), 'nl');
    await kit.say(en('prompt.no'), 'nl');
    const overview = await kit.say(en('prompt.no'), 'nl');
    const study = textOf(overview);
    expect(study).toContain(en('intake.study'));
  });

  test('person: the person card comes, then the question again', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    await answerUpToNationality(kit);
    const person = await kit.say('persoon');
    expect(person[0]!.channelData?.wegwijzer?.topic).toBe(kb.menu.person);
    expect(textOf(person)).toContain(nl('guides.resumed'));
    expect(person.at(-1)!.text).toContain(nl('intake.nationality'));
  });

  test('menu pauses; "continue" resumes with the same question', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    await answerUpToNationality(kit);
    const menu = await kit.say('menu');
    expect(menu[0]!.text).toContain(nl('guides.paused', { guide: nl('guides.intake'), continue: nl('guides.continue') }));
    expect(buttonsOf(menu)[0]).toBe(nl('guides.continue'));
    const resumed = await kit.say(nl('guides.continue'));
    expect(resumed.at(-1)!.text).toContain(nl('intake.nationality'));
    const next = await kit.say(nl('intake.nationalityOther'));
    expect(textOf(next)).toContain(nl('intake.schooling'));
  });

  test('menu, then a question: the question is answered and the intake is left', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    await answerUpToNationality(kit);
    await kit.say('menu');
    const answer = await kit.say('Hoeveel kost het examen?');
    expect(answer[0]!.channelData?.wegwijzer?.topic).toBe('exam-costs');
    const after = await kit.say(nl('intake.nationalityOther'));
    expect(textOf(after)).not.toContain(nl('intake.schooling'));
  });

  test('stop asks first; "no" goes on, "yes" ends the intake and nothing is resumed after it', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    await answerUpToNationality(kit);
    const confirm = await kit.say('stop');
    expect(confirm[0]!.text).toContain(nl('guides.confirmStop', { guide: nl('guides.intake') }));
    expect(buttonsOf(confirm)).toEqual([nl('guides.stopYes'), nl('guides.stopNo')]);
    const goOn = await kit.say(nl('guides.stopNo'));
    expect(goOn.at(-1)!.text).toContain(nl('intake.nationality'));
    await kit.say('stop');
    const stopped = await kit.say(nl('guides.stopYes'));
    expect(stopped[0]!.text).toContain(nl('restart.text'));
    const after = await kit.say(nl('intake.nationalityOther'));
    expect(textOf(after)).not.toContain(nl('intake.schooling'));
  });

  test('starting another guided conversation leaves the intake for it', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    await answerUpToNationality(kit);
    const complaint = await kit.say('klacht');
    expect(textOf(complaint)).toContain(nl('complaint.kind'));
  });

  test('danger mid-intake: urgent help first', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    await answerUpToNationality(kit);
    const urgent = await kit.say('mijn man slaat mij');
    expect(urgent[0]!.channelData?.wegwijzer?.topic).toBe('urgent-help');
  });
});
