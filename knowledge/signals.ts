// Danger signals: phrases (per locale, from knowledge/signals.yaml) that make the bot answer urgent help first.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { LOCALES } from '../locales';
import { fold } from './normalize';
import { KNOWLEDGE_DIR } from './paths';

const SignalsFile = z.strictObject({
  urgent: z.strictObject({
    entry: z.string().min(1),
    phrases: z.record(z.enum(LOCALES), z.array(z.string().min(2)).min(1)),
  }),
});

export interface Signals { urgentEntry: string; urgentPhrases: string[] }

export function loadSignals(file = path.join(KNOWLEDGE_DIR, 'signals.yaml')): Signals {
  const parsed = SignalsFile.safeParse(YAML.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`knowledge/signals.yaml: ${z.prettifyError(parsed.error)}`);
  const phrases = LOCALES.flatMap((l) => parsed.data.urgent.phrases[l]).map(fold);
  return { urgentEntry: parsed.data.urgent.entry, urgentPhrases: [...new Set(phrases)] };
}

/** True when the message contains a danger phrase of any locale as whole words. Pure. */
export function signalsDanger(text: string, signals: Signals): boolean {
  const folded = ` ${fold(text)} `;
  return signals.urgentPhrases.some((phrase) => folded.includes(` ${phrase} `));
}
