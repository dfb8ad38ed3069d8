// Subjects this assistant does not answer (knowledge/offtopic.yaml): cooking, the weather, sport, holidays,
// shopping, another country's rules. The search reads their words and example questions like an entry's, and a
// message they cover better than any entry is declined with the honest fallback instead of being offered entries
// that share its story's words. Pure after loading; no botbuilder.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { LOCALES, type Locale } from '../locales';
import { KNOWLEDGE_DIR } from './paths';

const FILE = 'knowledge/offtopic.yaml';

const SubjectText = z.strictObject({
  /** Example questions on the subject, in the locale's everyday words. */
  questions: z.array(z.string().min(3)).min(1),
  /** Words of the subject that no entry needs. */
  keywords: z.array(z.string().min(2)).default([]),
});

const OffTopicFile = z.strictObject({
  subjects: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, 'a subject id is lower-case words joined by "-"'), z.partialRecord(z.enum(LOCALES), SubjectText)),
});

/** One subject the assistant does not answer, with its text per locale (searched like an entry's). */
export interface OffTopicSubject {
  id: string;
  text: Partial<Record<Locale, { title: string; questions: string[]; keywords: string[] }>>;
}

/** Loads and checks knowledge/offtopic.yaml; errors name the file, subject, locale and field. */
export function loadOffTopic(file = path.join(KNOWLEDGE_DIR, 'offtopic.yaml')): OffTopicSubject[] {
  const parsed = OffTopicFile.safeParse(YAML.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${FILE}: ${z.prettifyError(parsed.error)}`);
  return Object.entries(parsed.data.subjects).map(([id, texts]) => ({
    id: `off-topic:${id}`,
    // The first example stands in for a title, which the search weighs like an entry's.
    text: Object.fromEntries(Object.entries(texts).map(([locale, t]) => [locale, { title: t.questions[0]!, questions: t.questions.slice(1), keywords: t.keywords }])),
  }));
}
