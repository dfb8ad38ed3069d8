// Danger signals: phrases per danger and locale (knowledge/signals.yaml) that make the bot answer urgent help
// first, with the line for that danger at the top. Pure matching, no botbuilder.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { LOCALES } from '../locales';
import { compilePhraseBook, KIND, KindName, kindsIn, PhrasePrefixes, PhraseSets, type PhraseBook } from './phrases';
import { KNOWLEDGE_DIR } from './paths';

const SignalsFile = z.strictObject({
  /** The entry answered when a message signals danger. */
  entry: z.string().min(1),
  sets: PhraseSets,
  /** Idioms and questions that only look like danger ("ik schaam me dood"): their words are ignored. */
  idioms: z.partialRecord(z.enum(LOCALES), z.array(z.string().min(2))).default({}),
  prefixes: PhrasePrefixes,
  /** Dangers, most urgent first (when a message signals several, their lines come in this order). */
  dangers: z.array(z.strictObject({
    kind: KindName,
    /** The urgent entry's line that goes first for this danger, or its lines, in that order. */
    line: z.union([z.string().regex(KIND), z.array(z.string().regex(KIND)).min(1)]),
    phrases: z.record(z.enum(LOCALES), z.array(z.string().min(2)).min(1)),
  })).min(1),
});

/** A danger a message may signal (`kind`, e.g. `suicide`) and the urgent-help entry's `lines` shown first for it. */
export interface Danger { kind: string; lines: string[] }

/** The danger signals as loaded from knowledge/signals.yaml. */
export interface Signals {
  /** The id of the entry answered when a message signals danger (`urgent-help`). */
  urgentEntry: string;
  /** Most urgent first. */
  dangers: Danger[];
  /** The dangers' phrases, by danger kind. */
  book: PhraseBook;
}

/** Reads, checks and compiles knowledge/signals.yaml; throws an error naming the file and field on bad content. */
export function loadSignals(file = path.join(KNOWLEDGE_DIR, 'signals.yaml')): Signals {
  const parsed = SignalsFile.safeParse(YAML.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`knowledge/signals.yaml: ${z.prettifyError(parsed.error)}`);
  const { entry, prefixes, dangers, idioms, sets } = parsed.data;
  const kinds = new Set<string>();
  for (const d of dangers) {
    if (kinds.has(d.kind)) throw new Error(`knowledge/signals.yaml: danger "${d.kind}" is listed twice`);
    kinds.add(d.kind);
  }
  const book = compilePhraseBook(dangers, { sets, idioms, prefixes }, 'knowledge/signals.yaml', (kind, locale, i) => `dangers.${kind}.phrases.${locale}.${i}`);
  return { urgentEntry: entry, dangers: dangers.map(({ kind, line }) => ({ kind, lines: typeof line === 'string' ? [line] : line })), book };
}

/**
 * The dangers a message signals, most urgent first (empty when none). Pure.
 * @example dangersIn('ik wil niet meer leven', signals).some((d) => d.kind === 'suicide') // true
 */
export function dangersIn(text: string, signals: Signals): Danger[] {
  const found = kindsIn(text, signals.book);
  return found.size ? signals.dangers.filter((d) => found.has(d.kind)) : [];
}
