// `npm run kb:check`: validates all content and prints a coverage table; exits 1 naming the file and entry.
import path from 'node:path';
import { composeAnswer, loadKnowledgeBase } from '../knowledge';
import { KnowledgeError } from '../knowledge/load';
import { PROJECT_ROOT } from '../knowledge/paths';
import { REGIMES, type LoadedEntry } from '../knowledge/schema';
import { LOCALES } from '../locales';

const MAX_AGE_DAYS = 365;

/** Entries whose review date is in the future or older than a year: one line each, naming file and entry. */
export function staleEntries(entries: LoadedEntry[], today = new Date()): string[] {
  const day = 24 * 60 * 60 * 1000;
  return entries.flatMap((e) => {
    const age = (today.getTime() - new Date(`${e.reviewed}T00:00:00Z`).getTime()) / day;
    const where = `${path.relative(PROJECT_ROOT, e.file)} (entry "${e.id}"): field reviewed`;
    if (age < -1) return [`${where}: ${e.reviewed} is in the future`];
    if (age > MAX_AGE_DAYS) return [`${where}: ${e.reviewed} is more than ${MAX_AGE_DAYS} days ago; review the entry against its sources`];
    return [];
  });
}

/** Answers longer than people read on a phone (~120 words; the check allows a little over). */
export const MAX_ANSWER_WORDS = 130;
/** Translations keep Dutch terms with a short explanation in brackets, which makes them longer. */
export const MAX_TRANSLATED_ANSWER_WORDS = 180;

export function longAnswers(entries: LoadedEntry[], max = MAX_ANSWER_WORDS): string[] {
  const limit = (field: string) => (/\.(nl|en)(\.|$)/.test(field) ? max : Math.max(max, MAX_TRANSLATED_ANSWER_WORDS));
  return entries.flatMap((e) => {
    const answers = LOCALES.flatMap((l) => [
      ...(e.text[l] ? [[e.text[l]!.lines ? `text.${l}.answer and lines` : `text.${l}.answer`, composeAnswer(e.text[l]!)] as const] : []),
      ...REGIMES.flatMap((r) => (e.variants?.[r]?.[l] ? [[`variants.${r}.${l}`, e.variants[r]![l]!] as const] : [])),
    ]);
    return answers
      .map(([field, text]) => [field, text.split(/\s+/).filter(Boolean).length] as const)
      .filter(([field, words]) => words > limit(field))
      .map(([field, words]) => `${path.relative(PROJECT_ROOT, e.file)} (entry "${e.id}"): field ${field}: ${words} words; at most ${limit(field)}`);
  });
}

/**
 * Translations that are missing (`text.<locale>`, or a regime variant in a locale the entry is translated
 * into). For national entries this fails the check; a deployment's overlay may be Dutch-only (then the bot
 * shows the Dutch text with a notice), so there it is reported but does not fail.
 */
export function missingTranslations(entries: LoadedEntry[]): { failures: string[]; warnings: string[] } {
  const failures: string[] = [];
  const warnings: string[] = [];
  for (const e of entries) {
    const missing = LOCALES.filter((l) => !e.text[l]);
    if (missing.length === 0) continue;
    const line = `${path.relative(PROJECT_ROOT, e.file)} (entry "${e.id}"): field text: no translation in ${missing.join(', ')}`;
    (e.origin === 'overlay' ? warnings : failures).push(line);
  }
  return { failures, warnings };
}

/** Entries per area (rows) and authority (columns), as a markdown table. */
export function coverageTable(entries: LoadedEntry[]): string {
  const areas = [...new Set(entries.map((e) => e.area))].sort();
  const authorities = [...new Set(entries.map((e) => e.authority))].sort();
  const lines = [`| area | ${authorities.join(' | ')} | total |`, `|---|${authorities.map(() => '---').join('|')}|---|`];
  for (const area of areas) {
    const inArea = entries.filter((e) => e.area === area);
    lines.push(`| ${area} | ${authorities.map((a) => inArea.filter((e) => e.authority === a).length || '').join(' | ')} | ${inArea.length} |`);
  }
  lines.push(`| **total** | ${authorities.map((a) => entries.filter((e) => e.authority === a).length).join(' | ')} | ${entries.length} |`);
  return lines.join('\n');
}

function main(): void {
  const at = process.argv.indexOf('--overlay');
  const overlayDir = at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]!) : undefined;
  let entries: LoadedEntry[];
  try {
    entries = loadKnowledgeBase({ overlayDir }).entries;
  } catch (error) {
    if (error instanceof KnowledgeError) {
      console.error(`kb:check failed: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const translations = missingTranslations(entries);
  const stale = [...staleEntries(entries), ...longAnswers(entries), ...translations.failures];
  console.log(coverageTable(entries));
  if (translations.warnings.length) console.log(`\nLocal entries shown in Dutch for now:\n${translations.warnings.join('\n')}`);
  if (stale.length) {
    console.error(`\nkb:check failed:\n${stale.join('\n')}`);
    process.exit(1);
  }
  const local = entries.filter((e) => e.origin === 'overlay').length;
  if (overlayDir) console.log(`\nOverlay ${path.relative(process.cwd(), overlayDir)}: ${local} local entries (overrides and additions)`);
  console.log(`\nkb:check: ${entries.length} entries OK (schema, https sources, review dates, answer length, translations in all locales, related ids, unique questions, authorities)`);
}

if (require.main === module) main();
