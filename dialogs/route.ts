// Decides what a message is: a global command, a number picking an offered choice, or a question. Pure.
import { fold } from '../knowledge/normalize';

export const COMMANDS = ['menu', 'help', 'restart', 'person', 'language'] as const;
export type Command = (typeof COMMANDS)[number];
export type CommandTable = ReadonlyMap<string, Command>;

export type Route =
  | { kind: 'command'; command: Command }
  | { kind: 'number'; index: number }
  | { kind: 'text'; text: string };

/** Builds the table of command phrases (folded) from every locale's `commands` strings. */
export function commandTable(phrasesPerLocale: Record<Command, string[]>[]): CommandTable {
  const table = new Map<string, Command>();
  for (const phrases of phrasesPerLocale) {
    for (const command of COMMANDS) for (const phrase of phrases[command] ?? []) table.set(fold(phrase), command);
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
