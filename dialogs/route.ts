// Decides what a message is: a global command, a number picking an offered choice, or a question. Pure.
import { fold } from '../knowledge/normalize';
import { GUIDE_IDS, type GuideName } from '../knowledge/guides';

export const COMMANDS = [
  'menu', 'help', 'restart', 'person', 'language',
  // Guided conversations, and going on with a paused one.
  ...GUIDE_IDS, 'intakeAgain', 'continue',
  // The feedback buttons under an answer.
  'helped', 'notHelped',
  // The answer to "do you want to stop?" in the middle of a guided conversation.
  'stopYes', 'stopNo',
] as const;
export type Command = (typeof COMMANDS)[number];
export type CommandTable = ReadonlyMap<string, Command>;

/**
 * Turn-state key of the text a waiting question receives when it is not the message as sent: "2" that picked an
 * offered choice while a guided conversation waits stands for that choice's text. The activity itself is never
 * changed; whatever reads the message after the dialogs (the open question, analytics) reads this first.
 */
export const RESOLVED_TEXT = Symbol('wegwijzer.resolvedText');

export type Route =
  | { kind: 'command'; command: Command }
  | { kind: 'number'; index: number }
  | { kind: 'text'; text: string };

/** The parts of a locale's strings that become commands: typed phrases and the labels of command buttons. */
export interface CommandStrings {
  commands: Partial<Record<Command, string[]>>;
  buttons: { person: string; menu: string; language: string };
  guides: Record<GuideName | 'continue' | 'stopYes' | 'stopNo', string>;
  intake: { again: string };
  feedback: { yes: string; no: string };
}

/** Every phrase or button label that triggers a command, per locale. */
export function commandPhrases(s: CommandStrings): [string, Command][] {
  const typed = COMMANDS.flatMap((command) => (s.commands[command] ?? []).map((phrase) => [phrase, command] as [string, Command]));
  return [
    ...typed,
    [s.buttons.person, 'person'], [s.buttons.menu, 'menu'], [s.buttons.language, 'language'],
    ...GUIDE_IDS.map((g) => [s.guides[g], g] as [string, Command]),
    [s.guides.continue, 'continue'], [s.guides.stopYes, 'stopYes'], [s.guides.stopNo, 'stopNo'], [s.intake.again, 'intakeAgain'], [s.feedback.yes, 'helped'], [s.feedback.no, 'notHelped'],
  ];
}

/**
 * Builds the table of command phrases (folded) from every locale's strings. A phrase that would mean two
 * different commands is a content error and fails at load time, naming the phrase.
 */
export function commandTable(perLocale: CommandStrings[]): CommandTable {
  const table = new Map<string, Command>();
  for (const strings of perLocale) {
    for (const [phrase, command] of commandPhrases(strings)) {
      const folded = fold(phrase);
      const existing = table.get(folded);
      if (existing && existing !== command) {
        throw new Error(`locales: "${phrase}" is a phrase for both "${existing}" and "${command}"`);
      }
      table.set(folded, command);
    }
  }
  return table;
}

/**
 * Commands are recognised only when the whole message is the command ("menu", "Help!"), so a question that
 * merely contains the word ("how do I get help with rent?") is still a question.
 */
export function route(text: string, table: CommandTable): Route {
  const folded = fold(text);
  const command = table.get(folded);
  if (command) return { kind: 'command', command };
  if (/^\d{1,2}$/.test(folded)) return { kind: 'number', index: Number(folded) - 1 };
  return { kind: 'text', text };
}

/** What `classify` needs to know besides the text; lookups are passed in, so the function stays pure. */
export interface ClassifyOptions<L extends string, U, T> {
  commands: CommandTable;
  /** Each language's own name, folded → its locale ("Nederlands", "العربية"). */
  languages: ReadonlyMap<string, L>;
  /** What the last message's buttons (or numbered list) send, in order: "2" is the second. None: a number stays one. */
  lastChoices?: readonly string[];
  /** `false`: a command phrase is not a command here (an answer to the open question that happens to be one). */
  withCommands?: boolean;
  /** Longest text looked at; the rest is cut off (and `truncated` set). */
  maxLength?: number;
  /** Urgent help for a message that signals danger. */
  danger(text: string): U | undefined;
  /** The entry whose exact title this is (a follow-up or choice button). */
  titled(text: string): T | undefined;
}

/** What a message is, with the text it stands for (a number's choice, cut to `maxLength`). */
export type Classified<L extends string = string, U = unknown, T = unknown> = { text: string; truncated?: boolean } & (
  | { kind: 'empty' }
  | { kind: 'command'; command: Command }
  | { kind: 'language'; locale: L }
  | { kind: 'danger'; urgent: U }
  | { kind: 'follow-up'; titled: T }
  /** A number that picks nothing offered; it is then a question like any other. */
  | { kind: 'number'; index: number }
  | { kind: 'text' }
);

/**
 * Classifies a message once, in this order: a number is first replaced by the choice it picks; then a command
 * (the whole message), a language by its own name, danger, an entry's title, and otherwise free text.
 * @example
 * classify('2', { ...options, lastChoices: ['Menu', 'Help'] }) // { kind: 'command', command: 'help', text: 'Help' }
 */
export function classify<L extends string, U, T>(raw: string, options: ClassifyOptions<L, U, T>): Classified<L, U, T> {
  let full = raw.trim();
  if (!full) return { kind: 'empty', text: '' };
  let routed = route(full, options.commands);
  if (routed.kind === 'number') {
    const value = options.lastChoices?.[routed.index];
    if (value !== undefined) {
      full = value;
      routed = route(full, options.commands);
    }
  }
  const max = options.maxLength ?? Infinity;
  const text = full.slice(0, max);
  const base = full.length > max ? { text, truncated: true } : { text };
  if (text !== full) routed = route(text, options.commands);
  if (routed.kind === 'command' && options.withCommands !== false) return { ...base, kind: 'command', command: routed.command };
  const locale = options.languages.get(fold(text));
  if (locale) return { ...base, kind: 'language', locale };
  const urgent = options.danger(text);
  if (urgent) return { ...base, kind: 'danger', urgent };
  const titled = options.titled(text);
  if (titled) return { ...base, kind: 'follow-up', titled };
  return routed.kind === 'number' ? { ...base, kind: 'number', index: routed.index } : { ...base, kind: 'text' };
}
