// The knowledge base as the bot uses it: entries, authorities, search and direct look-ups. No botbuilder here.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { LOCALES, type Locale } from '../locales';
import { loadLexicons, romanizedLocaleOf, type Lexicon } from './lexicon';
import { loadOffTopic } from './offTopic';
import { KnowledgeError, loadAuthorities, loadEntries } from './load';
import { fold } from './normalize';
import { ENTRIES_DIR, KNOWLEDGE_DIR } from './paths';
import { AUTHORITIES, inLocale, type Authority, type AuthorityId, type EntryText, type LoadedEntry, type Regime } from './schema';
import { createSearch, type KnowledgeSearch } from './search';
import { dangersIn, loadSignals, type Danger, type Signals } from './signals';
import { loadGuides, type Guides } from './guides';
import { applySituation, loadSituations, situationOf, type Situations } from './situations';

export { decide, DEFAULT_THRESHOLDS, type Decision, type Thresholds } from './decide';
export type { Hit, KnowledgeSearch } from './search';
export { isRomanized } from './search';
export type { Authority, AuthorityId, EntryText, LoadedEntry, Regime } from './schema';
export type { Danger } from './signals';

/**
 * The answer text of an entry: `answer` alone, or for an answer made of lines the intro, then the lines as a
 * markdown list, the keys in `first` at the top (the others in their own order). Pure.
 * @example composeAnswer(urgentHelp.text.nl, ['suicide']) // "...\n- Denkt u aan zelfdoding? ...\n- Levensgevaar: ..."
 */
export function composeAnswer(text: EntryText, first: readonly string[] = []): string {
  if (!text.lines) return text.answer;
  const keys = Object.keys(text.lines);
  const order = [...first.filter((k) => keys.includes(k)), ...keys.filter((k) => !first.includes(k))];
  return `${text.answer.trimEnd()}\n${order.map((k) => `- ${text.lines![k]}`).join('\n')}`;
}

/**
 * What to answer when a message signals danger: the urgent-help entry, the dangers found (most urgent first) and
 * `first`, the entry's line keys to put at the top (pass it to `answerFor`).
 */
export interface UrgentHelp { entry: LoadedEntry; dangers: Danger[]; first: string[] }
export { inLocale } from './schema';
export { forAuthority, guideOfferedOn, GUIDE_IDS, isGuide, type GuideName, type Guides } from './guides';

/** The deployment's own municipality (from MUNICIPALITY_* settings); empty means "unknown". */
export interface Municipality { name?: string; url?: string; phone?: string }

const MenuFile = z.strictObject({ welcome: z.array(z.string()).min(1).max(6), person: z.string() });
type Menu = z.infer<typeof MenuFile>;

/** What a knowledge base is made of (see `loadKnowledgeBase`). */
export interface KnowledgeParts {
  /** Loaded and cross-checked (`loadEntries`). */
  entries: LoadedEntry[];
  authorities: Record<AuthorityId, Authority>;
  search: KnowledgeSearch;
  /** knowledge/menu.yaml: the entry ids on the welcome menu (`welcome`) and the one for "talk to a person". */
  menu: Menu;
  /** Default: none configured. */
  municipality?: Municipality;
  signals: Signals;
  guides: Guides;
  /** Situation rules applied to the search's hits; none: the search's order stands. */
  situations?: Situations;
  /** The search lexicons, for recognising a language written in Latin letters. */
  lexicons?: Record<Locale, Lexicon>;
}

/**
 * The knowledge base as the bot uses it: the search (with the situation rules applied), look-ups by id, title and
 * organisation name, urgent help, and each entry's text in the person's language. The constructor checks what
 * the parts must agree on and throws a `KnowledgeError` otherwise; `loadKnowledgeBase` builds it from the files.
 */
export class KnowledgeBase {
  /** Ranked hits for a message, best first; a matching situation rule puts its entry first. */
  readonly search: KnowledgeSearch;
  private readonly byId: Map<string, LoadedEntry>;
  private readonly byTitle = new Map<string, { entry: LoadedEntry; locale: Locale }>();
  private readonly byAuthorityName = new Map<string, AuthorityId>();

  readonly entries: LoadedEntry[];
  readonly menu: Menu;
  readonly municipality: Municipality;
  /** The structure of the guided conversations (knowledge/guides.yaml). */
  readonly guides: Guides;
  private readonly authorities: Record<AuthorityId, Authority>;
  private readonly signals: Signals;
  private readonly lexicons?: Record<Locale, Lexicon>;

  constructor(parts: KnowledgeParts) {
    const { entries, authorities, menu, municipality = {}, signals, guides, situations } = parts;
    this.entries = entries;
    this.menu = menu;
    this.municipality = municipality;
    this.guides = guides;
    this.authorities = authorities;
    this.signals = signals;
    this.lexicons = parts.lexicons;
    // A situation rule ("complained, no answer") puts its entry first; otherwise the search's order stands.
    this.search = situations
      ? (query, locale) => {
        const hits = parts.search(query, locale);
        const rule = situationOf(query, situations);
        const entry = rule && this.byId.get(rule.entry);
        return entry ? applySituation(hits, entry, locale) : hits;
      }
      : parts.search;
    this.byId = new Map(entries.map((e) => [e.id, e]));
    for (const entry of entries) {
      for (const locale of LOCALES) {
        const text = entry.text[locale];
        if (text) this.byTitle.set(fold(text.title), { entry, locale });
      }
    }
    for (const id of AUTHORITIES) {
      for (const locale of LOCALES) this.byAuthorityName.set(fold(inLocale(authorities[id].short, locale)), id);
      this.byAuthorityName.set(fold(id), id);
    }
    if (municipality.name) this.byAuthorityName.set(fold(municipality.name), 'GEMEENTE');
    for (const id of [...menu.welcome, menu.person, signals.urgentEntry]) {
      if (!this.byId.has(id)) throw new KnowledgeError(`knowledge/menu.yaml or signals.yaml: no entry has id "${id}"`);
    }
    const lines = Object.keys(this.byId.get(signals.urgentEntry)?.text.nl.lines ?? {});
    for (const danger of signals.dangers) {
      for (const line of danger.lines) {
        if (!lines.includes(line)) {
          throw new KnowledgeError(`knowledge/signals.yaml: danger "${danger.kind}": its line "${line}" is not a line of entry "${signals.urgentEntry}" (${lines.join(', ') || 'it has none'})`);
        }
      }
    }
  }

  /**
   * The language written in another script that a Latin-letter message is in (Arabizi, Persian, Tigrinya or
   * Ukrainian in Latin letters), or undefined when unsure.
   */
  romanizedLocale(text: string): Locale | undefined {
    return this.lexicons ? romanizedLocaleOf(text, this.lexicons) : undefined;
  }

  /** The urgent-help entry, always answered first when a message signals danger. */
  get urgentEntry(): LoadedEntry | undefined {
    return this.byId.get(this.signals.urgentEntry);
  }

  /**
   * Urgent help when the message signals danger (it is answered before anything else), with the lines for the
   * dangers it signals first; undefined when it signals none.
   */
  urgentHelpFor(text: string): UrgentHelp | undefined {
    const dangers = dangersIn(text, this.signals);
    const entry = this.byId.get(this.signals.urgentEntry);
    if (dangers.length === 0 || !entry) return undefined;
    return { entry, dangers, first: [...new Set(dangers.flatMap((d) => d.lines))] };
  }

  /** The entry with this id, or undefined. */
  get(id: string): LoadedEntry | undefined {
    return this.byId.get(id);
  }

  /** The entry whose title (in any locale) is exactly this text: how follow-up buttons answer without search. */
  findByTitle(text: string): { entry: LoadedEntry; locale: Locale } | undefined {
    return this.byTitle.get(fold(text));
  }

  /** The authority a user named by itself ("DUO", "gemeente", "municipality"), if any. */
  findAuthority(text: string): AuthorityId | undefined {
    return this.byAuthorityName.get(fold(text));
  }

  /** An organisation's contact details (for the deployment's own municipality see `municipality`). */
  authority(id: AuthorityId): Authority {
    return this.authorities[id];
  }

  /** The entry's text in `locale`, or in Dutch (leading) while that translation is missing. */
  textOf(entry: LoadedEntry, locale: Locale): { text: EntryText; locale: Locale } {
    const text = entry.text[locale];
    return text ? { text, locale } : { text: entry.text.nl, locale: 'nl' };
  }

  /**
   * The answer in `locale` (Dutch while the translation is missing), using the regime's variant when the
   * user's regime is known. `first`: line keys to put at the top (see `composeAnswer`). Returns the text and the
   * locale it is in; `regime` is set only when a variant was used.
   */
  answerFor(
    entry: LoadedEntry, locale: Locale, regime?: Regime, first: readonly string[] = [],
  ): { text: string; regime?: Regime; locale: Locale } {
    const { text, locale: shown } = this.textOf(entry, locale);
    const variant = regime ? entry.variants?.[regime]?.[shown] : undefined;
    return variant ? { text: variant, regime, locale: shown } : { text: composeAnswer(text, first), locale: shown };
  }
}

/** Where `loadKnowledgeBase` reads from; every field is optional. */
export interface LoadOptions {
  /** Default: knowledge/entries. */
  entriesDir?: string;
  /** A deployment's local entries: same id overrides a national entry, a new id is added. */
  overlayDir?: string;
  municipality?: Municipality;
}

/**
 * Loads and validates all content; throws a `KnowledgeError` naming file, entry and field on bad content.
 * @example loadKnowledgeBase({ municipality: { name: 'Utrecht' } }).search('examen aanmelden', 'nl')[0]?.entry.id
 */
export function loadKnowledgeBase(options: LoadOptions = {}): KnowledgeBase {
  const entries = loadEntries(options.entriesDir ?? ENTRIES_DIR, options.overlayDir);
  const authorities = loadAuthorities();
  const lexicons = loadLexicons();
  const menuFile = path.join(KNOWLEDGE_DIR, 'menu.yaml');
  const menu = MenuFile.safeParse(YAML.parse(fs.readFileSync(menuFile, 'utf8')));
  if (!menu.success) throw new KnowledgeError(`knowledge/menu.yaml: ${z.prettifyError(menu.error)}`);
  return new KnowledgeBase({
    entries, authorities, menu: menu.data, municipality: options.municipality,
    search: createSearch(entries, lexicons, { offTopic: loadOffTopic() }),
    signals: loadSignals(), guides: loadGuides(entries), lexicons, situations: loadSituations(undefined, new Set(entries.map((e) => e.id))),
  });
}
