// What a message is, decided once for both paths of the main dialog (a guided conversation waiting, or not).
import { fold } from '../../knowledge/normalize';
import { classify, type Classified, type ClassifyOptions, type CommandTable } from '../../dialogs/route';

const commands: CommandTable = new Map([['menu', 'menu'], ['help', 'help'], ['hulp', 'help'], ['ja geholpen', 'helped']]);
/** Keyed by the folded name, as the main dialog builds it. */
const languages = new Map([['Nederlands', 'nl'], ['English', 'en'], ['العربية', 'ar']].map(([name, l]) => [fold(name!), l!]));
const TITLE = 'Hoe meld ik me aan voor het examen?';

const options: ClassifyOptions<string, string, string> = {
  commands,
  languages,
  lastChoices: ['Menu', 'English', 'I want to die', TITLE, 'what does a course cost'],
  danger: (text) => (/\bdie\b/i.test(text) ? 'urgent-help' : undefined),
  titled: (text) => (text === TITLE ? 'exam-registration' : undefined),
};

const table: [string, string, Partial<ClassifyOptions<string, string, string>>, Classified][] = [
  ['nothing', '   ', {}, { kind: 'empty', text: '' }],
  ['a command, the whole message', ' Help! ', {}, { kind: 'command', command: 'help', text: 'Help!' }],
  ['a command phrase in a question is a question', 'how do I get help with rent?', {}, { kind: 'text', text: 'how do I get help with rent?' }],
  ['a command where commands are off (an answer to the open question)', 'hulp', { withCommands: false }, { kind: 'text', text: 'hulp' }],
  ['a language by its own name', 'English', {}, { kind: 'language', locale: 'en', text: 'English' }],
  ['a language in its own script', 'العربية', {}, { kind: 'language', locale: 'ar', text: 'العربية' }],
  ['danger', 'I want to die', {}, { kind: 'danger', urgent: 'urgent-help', text: 'I want to die' }],
  ['a follow-up button (an entry\'s title)', TITLE, {}, { kind: 'follow-up', titled: 'exam-registration', text: TITLE }],
  ['free text', 'what does a course cost', {}, { kind: 'text', text: 'what does a course cost' }],
  ['a number picks a command', '1', {}, { kind: 'command', command: 'menu', text: 'Menu' }],
  ['a number picks a language', '2', {}, { kind: 'language', locale: 'en', text: 'English' }],
  ['a number picks danger', '3', {}, { kind: 'danger', urgent: 'urgent-help', text: 'I want to die' }],
  ['a number picks a follow-up', '4', {}, { kind: 'follow-up', titled: 'exam-registration', text: TITLE }],
  ['a number picks free text', '5', {}, { kind: 'text', text: 'what does a course cost' }],
  ['a number beyond the choices stays a number', '9', {}, { kind: 'number', index: 8, text: '9' }],
  ['a number with nothing offered stays a number', '2', { lastChoices: undefined }, { kind: 'number', index: 1, text: '2' }],
  ['a long question is cut, and says so', `${'a'.repeat(12)}`, { maxLength: 10 }, { kind: 'text', text: 'a'.repeat(10), truncated: true }],
  ['danger after the cut is not looked at', 'aaaaaaaaaa die', { maxLength: 10 }, { kind: 'text', text: 'aaaaaaaaaa', truncated: true }],
];

test.each(table)('%s', (_name, text, overrides, expected) => {
  expect(classify(text, { ...options, ...overrides })).toEqual(expected);
});

test('a number is replaced once: a choice that is itself a number is not looked up again', () => {
  expect(classify('1', { ...options, lastChoices: ['2', 'Menu'] })).toEqual({ kind: 'number', index: 1, text: '2' });
});

test('the order: a command before a language, a language before danger, danger before a title', () => {
  const everything = { ...options, titled: () => 'any', danger: () => 'urgent' };
  expect(classify('menu', everything).kind).toBe('command');
  expect(classify('English', everything).kind).toBe('language');
  expect(classify('anything', everything).kind).toBe('danger');
  expect(classify('anything', { ...everything, danger: () => undefined }).kind).toBe('follow-up');
});
