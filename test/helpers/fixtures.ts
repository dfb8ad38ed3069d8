// The real knowledge base and i18n, loaded only when a test asks for them, i18n once per test file and the
// knowledge base once per jest worker (through the cache test/helpers/environment.js keeps beside the test files):
// loading and indexing all content takes seconds and would otherwise be the slowest step of most unit tests. Both
// are read-only to the code under test, as in the running bot, where one instance of each serves every
// conversation.
import path from 'node:path';
import { loadKnowledgeBase, type KnowledgeBase, type KnowledgeSearch, type LoadedEntry } from '../../knowledge';
import { loadLexicons } from '../../knowledge/lexicon';
import { loadEntries } from '../../knowledge/load';
import { createSearch } from '../../knowledge/search';
import { createI18n } from '../../locales';

let kb: KnowledgeBase | undefined;
let i18n: ReturnType<typeof createI18n> | undefined;

/** The knowledge base with all content of `knowledge/`, as the bot loads it (no overlay, no municipality). */
export function sharedKnowledgeBase(): KnowledgeBase {
  if (!kb) {
    const workerCache = (globalThis as { __wegwijzerWorkerCache?: Map<string, unknown> }).__wegwijzerWorkerCache;
    kb = (workerCache?.get('knowledgeBase') as KnowledgeBase | undefined) ?? loadKnowledgeBase();
    workerCache?.set('knowledgeBase', kb);
  }
  return kb;
}

/** An i18next instance with every locale's resources; use `getFixedT(locale)`, never change its language. */
export function sharedI18n(): ReturnType<typeof createI18n> {
  i18n ??= createI18n();
  return i18n;
}

/**
 * A small knowledge base of its own for the unit tests of search and decision (`test/knowledge/fixture/entries`),
 * loaded and indexed by the same loader and search as the real one, so that editing real content never breaks a
 * test of the mechanism. Content-wide checks stay in the eval (`test/eval/`). Only the entries are the fixture's:
 * the search lexicons are the real ones (they are part of how the search works, not content it finds).
 */
export const FIXTURE_ENTRIES_DIR = path.join(__dirname, '..', 'knowledge', 'fixture', 'entries');

export interface FixtureKnowledge {
  entries: LoadedEntry[];
  lexicons: ReturnType<typeof loadLexicons>;
  search: KnowledgeSearch;
}

let fixture: FixtureKnowledge | undefined;

export function fixtureKnowledge(): FixtureKnowledge {
  if (!fixture) {
    const entries = loadEntries(FIXTURE_ENTRIES_DIR);
    const lexicons = loadLexicons();
    fixture = { entries, lexicons, search: createSearch(entries, lexicons) };
  }
  return fixture;
}
