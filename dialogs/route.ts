// Decides what a message is: a global command, a number picking an offered choice, or a question. Pure.
import { fold } from '../knowledge/normalize';

export const COMMANDS = [
  'menu', 'help', 'restart', 'person', 'language',
  // Guided conversations, and going on with a paused one.
  'intake', 'intakeAgain', 'basics', 'route', 'complaint', 'continue',
  // The feedback buttons under an answer.
  'helped', 'notHelped',
  // The answer to "do you want to stop?" in the middle of a guided conversation.
  'stopYes', 'stopNo',
] as const;
export type Command = (typeof COMMANDS)[number];
export type CommandTable = ReadonlyMap<string, Command>;

export type Route =
  | { kind: 'command'; command: Command }
  | { kind: 'number'; index: number }
  | { kind: 'text'; text: string };

/** The parts of a locale's strings that become commands: typed phrases and the labels of command buttons. */
export interface CommandStrings {
  commands: Partial<Record<Command, string[]>>;
  buttons: { person: string; menu: string; language: string };
  guides: { intake: string; basics: string; route: string; complaint: string; continue: string; stopYes: string; stopNo: string };
  intake: { again: string };
  feedback: { yes: string; no: string };
}

/** Every phrase or button label that triggers a command, per locale. */
export function commandPhrases(s: CommandStrings): [string, Command][] {
  const typed = COMMANDS.flatMap((command) => (s.commands[command] ?? []).map((phrase) => [phrase, command] as [string, Command]));
  return [
    ...typed,
    [s.buttons.person, 'person'], [s.buttons.menu, 'menu'], [s.buttons.language, 'language'],
    [s.guides.intake, 'intake'], [s.guides.basics, 'basics'], [s.guides.route, 'route'], [s.guides.complaint, 'complaint'],
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
