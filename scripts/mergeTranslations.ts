// `npm run kb:merge-translations -- <locale>`: moves translations from knowledge/staging/<locale>/<id>.yaml
// into the entries, beside the Dutch and English text, so a reviewer sees them side by side.
import fs from 'node:fs';
import path from 'node:path';
import YAML, { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { z } from 'zod';
import { isLocale } from '../locales';
import { listYamlFiles, loadEntries } from '../knowledge/load';
import { ENTRIES_DIR, KNOWLEDGE_DIR } from '../knowledge/paths';
import { REGIMES } from '../knowledge/schema';
import { fold } from '../knowledge/normalize';

const Staged = z.strictObject({
  id: z.string(),
  locale: z.string(),
  text: z.strictObject({
    title: z.string().min(1),
    answer: z.string().min(1),
    /** An answer made of lines (urgent help) has its lines translated too, with the same keys. */
    lines: z.record(z.string(), z.string().min(1)).optional(),
    questions: z.array(z.string().min(1)).min(4),
    keywords: z.array(z.union([z.string(), z.number()]).transform(String)).min(4),
  }),
  variants: z.partialRecord(z.enum(REGIMES), z.string().min(1)).optional(),
});

const block = (text: string) => Object.assign(new Scalar(text.trimEnd() + '\n'), { type: Scalar.BLOCK_LITERAL });

/**
 * Merges one staged translation into its entry file; returns the entry file. A question variant already used
 * by another entry in that locale (`seen`) is dropped, since search needs each variant to name one entry.
 */
export function mergeOne(stagedFile: string, entryFiles: Map<string, string>, seen: Set<string>): string {
  const staged = Staged.parse(YAML.parse(fs.readFileSync(stagedFile, 'utf8')));
  staged.text.questions = staged.text.questions.filter((q) => !seen.has(fold(q)));
  for (const q of staged.text.questions) seen.add(fold(q));
  const file = entryFiles.get(staged.id);
  if (!file) throw new Error(`${stagedFile}: no entry has id "${staged.id}"`);
  const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'));
  const locale = staged.locale;
  const { lines } = staged.text;
  const text = doc.createNode({
    title: staged.text.title, answer: '', ...(lines ? { lines } : {}), questions: staged.text.questions, keywords: staged.text.keywords,
  });
  if (!isMap(text)) throw new Error('unexpected YAML node');
  for (const pair of text.items) {
    if (!isScalar(pair.key)) continue;
    if (pair.key.value === 'answer') pair.value = block(staged.text.answer);
    if (pair.key.value === 'keywords' && isSeq(pair.value)) pair.value.flow = true;
  }
  doc.setIn(['text', locale], text);
  for (const regime of REGIMES) {
    const variant = staged.variants?.[regime];
    if (variant && doc.hasIn(['variants', regime])) doc.setIn(['variants', regime, locale], block(variant));
  }
  fs.writeFileSync(file, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
  return file;
}

const StagedPhrasings = z.strictObject({
  id: z.string(),
  questions: z.array(z.string().min(2)).default([]),
  keywords: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
});

/**
 * Adds extra question variants and keywords in `locale` to one entry (from knowledge/staging-variants/).
 * Variants that another entry already has in that locale are skipped.
 */
export function mergePhrasings(stagedFile: string, entryFiles: Map<string, string>, locale: string, seen: Map<string, string>): number {
  const staged = StagedPhrasings.parse(YAML.parse(fs.readFileSync(stagedFile, 'utf8')));
  const file = entryFiles.get(staged.id);
  if (!file) throw new Error(`${stagedFile}: no entry has id "${staged.id}"`);
  const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'));
  const questions = doc.getIn(['text', locale, 'questions'], true);
  const keywords = doc.getIn(['text', locale, 'keywords'], true);
  if (!isSeq(questions) || !isSeq(keywords)) throw new Error(`${file}: no text.${locale} to add to`);
  let added = 0;
  for (const q of staged.questions) {
    const key = fold(q);
    if (seen.has(key)) continue;
    seen.set(key, staged.id);
    questions.add(doc.createNode(q));
    added++;
  }
  const known = new Set(keywords.items.map((k) => fold(String(isScalar(k) ? k.value : k))));
  for (const k of staged.keywords) if (!known.has(fold(k))) { keywords.add(doc.createNode(k)); known.add(fold(k)); }
  fs.writeFileSync(file, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
  return added;
}

function main(): void {
  const locale = process.argv[2];
  if (!isLocale(locale)) throw new Error('usage: npm run kb:merge-translations -- <locale> [--phrasings]');
  const phrasings = process.argv.includes('--phrasings');
  const entryFiles = new Map(listYamlFiles(ENTRIES_DIR).map((file) => [path.basename(file, '.yaml'), file] as const));
  const dir = path.join(KNOWLEDGE_DIR, phrasings ? 'staging-variants' : 'staging', locale);
  const staged = listYamlFiles(dir);
  let merge: (file: string) => number;
  if (phrasings) {
    const seen = new Map<string, string>();
    for (const e of loadEntries()) for (const q of [e.text[locale]?.title ?? '', ...(e.text[locale]?.questions ?? [])]) seen.set(fold(q), e.id);
    merge = (file) => mergePhrasings(file, entryFiles, locale, seen);
  } else {
    const seen = new Set<string>();
    merge = (file) => (mergeOne(file, entryFiles, seen), 1);
  }
  const count = staged.reduce((sum, file) => sum + merge(file), 0);
  loadEntries();
  for (const file of staged) fs.rmSync(file);
  console.log(phrasings
    ? `added ${count} ${locale} question variants to ${staged.length} entries; all entries still load`
    : `merged ${count} ${locale} translations; all entries still load`);
}

if (require.main === module) main();
