// Every guided conversation, interrupted by every global command at an open question, and resumed.
import { LOCALES, RESOURCES } from '../../locales';
import { fold } from '../../knowledge/normalize';
import { commandTable, type CommandStrings } from '../../dialogs/route';
import { buttonsOf, dialogKit, type Reply } from '../helpers/botkit';
import { sharedKnowledgeBase, sharedI18n } from '../helpers/fixtures';

const kb = sharedKnowledgeBase();
const i18n = sharedI18n();
const nl = i18n.getFixedT('nl');
const en = i18n.getFixedT('en');

type Kit = ReturnType<typeof dialogKit>;
/** Each guide, brought to an open question (returns that question's replies). */
const GUIDES: [string, (kit: Kit) => Promise<Reply[]>][] = [
  ['intake', async (kit) => { await kit.say(nl('guides.intake')); return kit.say(nl('intake.startedFrom')); }],
  ['basics', async (kit) => { await kit.say(nl('guides.basics')); return kit.say(nl('basics.done')); }],
  ['route', async (kit) => kit.say(nl('guides.route'))],
  ['complaint', async (kit) => { await kit.say(nl('guides.complaint')); await kit.say(nl('complaint.kindTreatment')); return kit.say('DUO'); }],
];

const question = (replies: Reply[]) => replies.at(-1)!.text!;

describe.each(GUIDES)('%s', (_guide, open) => {
  test('help: explains, then the same question', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    const asked = await open(kit);
    const replies = await kit.say('help');
    expect(replies[0]!.text).toContain(nl('guides.help', { guide: nl(`guides.${_guide}`) }));
    expect(question(replies)).toBe(question(asked));
  });

  test('language: the same question in the chosen language', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    const asked = await open(kit);
    await kit.say('taal');
    const replies = await kit.say('English');
    expect(replies[0]!.text).toContain(en('language.chosen'));
    expect(buttonsOf(replies)).toHaveLength(buttonsOf(asked).length);
    expect(question(replies)).not.toBe(question(asked));
    const back = await kit.say('Nederlands');
    expect(question(back)).toBe(question(asked));
  });

  test('person: contact details, then the same question', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    const asked = await open(kit);
    const replies = await kit.say('persoon');
    expect(replies.some((r) => r.text?.includes(nl('guides.resumed')))).toBe(true);
    expect(question(replies)).toBe(question(asked));
  });

  test('menu, then continue: the same question', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    const asked = await open(kit);
    const menu = await kit.say('menu');
    expect(buttonsOf(menu)[0]).toBe(nl('guides.continue'));
    const replies = await kit.say('verder');
    expect(question(replies)).toBe(question(asked));
  });

  test('menu, a question answered meanwhile, then continue: the same question', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    const asked = await open(kit);
    await kit.say('menu');
    const answer = await kit.say('Hoeveel kost het examen?');
    expect(answer[0]!.channelData?.wegwijzer?.topic).toBe('exam-costs');
    const replies = await kit.say('verder');
    expect(question(replies)).toBe(question(asked));
  });

  test('without buttons, numbers pick from the last list: "1" after menu continues, a number after "taal" picks a language', async () => {
    const kit = dialogKit(kb, { channelId: 'sms' });
    const asked = await open(kit);
    await kit.say('menu');
    const resumed = await kit.say('1');
    expect(question(resumed)).toBe(question(asked));
    const languages = await kit.say('taal');
    const english = languages[0]!.text!.split('\n').find((line) => line.endsWith('. English'))!.split('.')[0]!;
    const switched = await kit.say(english);
    expect(switched[0]!.text).toContain(en('language.chosen'));
    expect(question(switched)).not.toBe(question(asked));
  });

  test('restart: asked to confirm; "no" resumes, "yes" ends the conversation and the menu comes', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    const asked = await open(kit);
    await kit.say('opnieuw beginnen');
    expect(question(await kit.say(nl('guides.stopNo')))).toBe(question(asked));
    await kit.say('opnieuw beginnen');
    const replies = await kit.say(nl('guides.stopYes'));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain(nl('restart.text'));
    expect(buttonsOf(replies)).toContain(nl('guides.intake'));
  });
});

test('no answer button in any guided question is also a command phrase (it would trigger the command)', () => {
  const table = commandTable(LOCALES.map((l) => RESOURCES[l] as unknown as CommandStrings));
  const labels = [
    'prompt.yes', 'prompt.no', 'prompt.dontKnow', 'prompt.skip',
    ...['startedBefore2013', 'startedBetween', 'startedFrom', 'reasonAsylum', 'reasonFamily', 'reasonWork', 'reasonStudy', 'reasonProtection',
      'reasonOther', 'joinedRefugee', 'joinedEu', 'joinedOther', 'ageUnder18', 'ageAdult', 'ageAow', 'nationalityEu', 'nationalityTurkish', 'nationalityOther'].map((k) => `intake.${k}`),
    ...['done', 'notYet', 'notForMe', 'more'].map((k) => `basics.${k}`),
    ...kb.guides.route.map((r) => `route.situations.${r.id}`),
    ...['kindTreatment', 'kindDecision', 'otherOrganisation', 'unknownWhen', 'wantApology', 'wantExplanation', 'wantSolution',
      'correct', 'change', 'consentYes', 'consentNo'].map((k) => `complaint.${k}`),
  ];
  const clashes = LOCALES.flatMap((locale) => labels.flatMap((k) => {
    const label = i18n.getFixedT(locale)(k);
    return table.has(fold(label)) ? [`${locale} ${k} "${label}" → ${table.get(fold(label))}`] : [];
  }));
  expect(clashes).toEqual([]);
});

test('a phrase that means two different commands fails at load time, naming it', () => {
  const nlStrings = RESOURCES.nl as unknown as CommandStrings;
  const broken = { ...nlStrings, commands: { ...nlStrings.commands, help: [...(nlStrings.commands.help ?? []), 'menu'] } };
  expect(() => commandTable([broken])).toThrow('"menu" is a phrase for both');
});

test('a complaint reached through "who do I need?" survives every interruption (it is a dialog of its own)', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator' });
  await kit.say(nl('guides.route'));
  await kit.say(nl('route.situations.complaint'));
  const asked = await kit.say(nl('complaint.kindTreatment'));
  expect(question(await kit.say('persoon'))).toBe(question(asked));
  expect(question(await kit.say('help'))).toBe(question(asked));
  await kit.say('menu');
  expect(question(await kit.say('verder'))).toBe(question(asked));
  const help = await kit.say('help');
  expect(help[0]!.text).toContain(nl('guides.help', { guide: nl('guides.complaint') }));
});
