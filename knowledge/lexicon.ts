// Loads the per-language search lexicon (stopwords, synonyms, spelling variants) from knowledge/lexicon/*.yaml.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { LOCALES, type Locale } from '../locales';
import { KNOWLEDGE_DIR } from './paths';

export interface Lexicon {
  stopwords: ReadonlySet<string>;
  /** Folded variant → canonical term. */
  canonical: ReadonlyMap<string, string>;
  /** Clitic prefixes stripped before matching (Arabic "ال", Tigrinya "ክ"/"ዝ"), longest first. */
  prefixes: readonly string[];
  /** Inflection endings stripped before matching (Ukrainian "іспиту" → "іспит"), longest first. */
  suffixes: readonly string[];
  /** Letters that must remain after a prefix or suffix is stripped. */
  minStem: number;
}

const LexiconFile = z.strictObject({
  stopwords: z.array(z.string().min(1)),
  synonyms: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
  prefixes: z.array(z.string().min(1)).default([]),
  suffixes: z.array(z.string().min(1)).default([]),
  minStem: z.number().int().min(1).default(3),
});

/** Reads and validates the lexicon of every locale; multi-word variants are ignored (search is per word). */
export function loadLexicons(dir = path.join(KNOWLEDGE_DIR, 'lexicon')): Record<Locale, Lexicon> {
  const result = {} as Record<Locale, Lexicon>;
  for (const locale of LOCALES) {
    const file = path.join(dir, `${locale}.yaml`);
    const parsed = LexiconFile.safeParse(YAML.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
    result[locale] = buildLexicon(parsed.data.stopwords, parsed.data.synonyms, parsed.data.prefixes, parsed.data.minStem, parsed.data.suffixes);
  }
  return result;
}

/** Builds a lexicon from plain lists; folding is done here so the data files may use accents. */
export function buildLexicon(
  stopwords: string[], synonyms: Record<string, string[]>, prefixes: string[] = [], minStem = 3, suffixes: string[] = [],
): Lexicon {
  const foldWord = (w: string) => w.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/ı/g, 'i').trim();
  const canonical = new Map<string, string>();
  for (const [term, variants] of Object.entries(synonyms)) {
    for (const variant of variants) {
      const folded = foldWord(variant);
      if (!folded.includes(' ')) canonical.set(folded, foldWord(term));
    }
  }
  const folded = [...new Set(prefixes.map(foldWord))].sort((a, b) => b.length - a.length);
  const endings = [...new Set(suffixes.map(foldWord))].sort((a, b) => b.length - a.length);
  return { stopwords: new Set(stopwords.map(foldWord)), canonical, prefixes: folded, suffixes: endings, minStem };
}
