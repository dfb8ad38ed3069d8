// Reads the knowledge entries and authorities from YAML, validates them and cross-checks what a schema cannot.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { LOCALES } from '../locales';
import { fold } from './normalize';
import { ENTRIES_DIR, KNOWLEDGE_DIR, PROJECT_ROOT } from './paths';
import { AuthoritiesFile, KnowledgeEntry, REGIMES, type LoadedEntry } from './schema';

/** A content problem; the message names the file, the entry and the field. */
export class KnowledgeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KnowledgeError';
  }
}

const shown = (file: string) => path.relative(PROJECT_ROOT, file) || file;

function readYaml(file: string): unknown {
  const source = fs.readFileSync(file, 'utf8');
  const doc = YAML.parseDocument(source, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new KnowledgeError(`${shown(file)}: invalid YAML: ${doc.errors[0]?.message ?? ''}`);
  }
  return doc.toJS();
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `field ${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Every `.yaml` file under `dir` (sub-folders included), sorted; throws a `KnowledgeError` when `dir` is missing. */
export function listYamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) throw new KnowledgeError(`${shown(dir)}: knowledge folder not found`);
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.yaml'))
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

/**
 * Parses one entry file; throws a `KnowledgeError` naming file, entry id and field. `root`: the entries folder,
 * whose first sub-folder on the way to `file` is the entry's `area`.
 */
export function parseEntryFile(file: string, root: string): LoadedEntry {
  const raw = readYaml(file);
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String((raw as { id: unknown }).id) : '?';
  const parsed = KnowledgeEntry.safeParse(raw);
  if (!parsed.success) {
    throw new KnowledgeError(`${shown(file)} (entry "${id}"): ${formatIssues(parsed.error)}`);
  }
  const entry = parsed.data;
  const expected = path.basename(file, '.yaml');
  if (entry.id !== expected) {
    throw new KnowledgeError(`${shown(file)} (entry "${entry.id}"): field id: must equal the file name "${expected}"`);
  }
  const area = path.relative(root, path.dirname(file)).split(path.sep)[0] || 'general';
  return { ...entry, area, file };
}

/** Checks across entries: unique ids, related ids exist, titles and question variants unique per locale. */
export function crossCheck(entries: LoadedEntry[]): void {
  const byId = new Map<string, LoadedEntry>();
  for (const entry of entries) {
    const twin = byId.get(entry.id);
    if (twin) throw new KnowledgeError(`${shown(entry.file)} (entry "${entry.id}"): field id: also used by ${shown(twin.file)}`);
    byId.set(entry.id, entry);
  }
  for (const entry of entries) {
    for (const [i, related] of entry.related.entries()) {
      if (related === entry.id || !byId.has(related)) {
        throw new KnowledgeError(`${shown(entry.file)} (entry "${entry.id}"): field related.${i}: no other entry has id "${related}"`);
      }
    }
  }
  for (const locale of LOCALES) {
    const titles = new Map<string, string>();
    const questions = new Map<string, string>();
    for (const entry of entries) {
      const text = entry.text[locale];
      if (!text) continue;
      for (const regime of REGIMES) {
        if (entry.variants?.[regime] && !entry.variants[regime]![locale]) {
          throw new KnowledgeError(`${shown(entry.file)} (entry "${entry.id}"): field variants.${regime}.${locale}: missing, but text.${locale} is there`);
        }
      }
      const lineKeys = Object.keys(entry.text.nl.lines ?? {}).sort().join(', ');
      if (Object.keys(text.lines ?? {}).sort().join(', ') !== lineKeys) {
        throw new KnowledgeError(`${shown(entry.file)} (entry "${entry.id}"): field text.${locale}.lines: must have the same lines as text.nl (${lineKeys || 'none'})`);
      }
      const title = fold(text.title);
      const titleOwner = titles.get(title);
      if (titleOwner) throw new KnowledgeError(`${shown(entry.file)} (entry "${entry.id}"): field text.${locale}.title: same title as entry "${titleOwner}"`);
      titles.set(title, entry.id);
      for (const [i, question] of text.questions.entries()) {
        const key = fold(question);
        const owner = questions.get(key);
        if (owner && owner !== entry.id) {
          throw new KnowledgeError(`${shown(entry.file)} (entry "${entry.id}"): field text.${locale}.questions.${i}: same question as entry "${owner}"`);
        }
        questions.set(key, entry.id);
      }
    }
  }
}

/**
 * Loads, validates and cross-checks every entry under `dir` (one entry per file, `<area>/<id>.yaml`).
 * With an `overlayDir` (a deployment's local content, same layout and schema), an overlay entry with the id
 * of a national entry replaces it, and other overlay entries are added.
 */
export function loadEntries(dir = ENTRIES_DIR, overlayDir?: string): LoadedEntry[] {
  const national = listYamlFiles(dir).map((file) => parseEntryFile(file, dir));
  if (national.length === 0) throw new KnowledgeError(`${shown(dir)}: no knowledge entries found`);
  if (!overlayDir) {
    crossCheck(national);
    return national;
  }
  const local = listYamlFiles(overlayDir).map((file) => ({ ...parseEntryFile(file, overlayDir), origin: 'overlay' as const }));
  const overridden = new Set(local.map((e) => e.id));
  const merged = [...national.filter((e) => !overridden.has(e.id)), ...local];
  crossCheck(merged);
  return merged;
}

/** Loads and validates `authorities.yaml`. */
export function loadAuthorities(file = path.join(KNOWLEDGE_DIR, 'authorities.yaml')): AuthoritiesFile {
  const parsed = AuthoritiesFile.safeParse(readYaml(file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [authority, ...field] = issue?.path ?? [];
    throw new KnowledgeError(`${shown(file)} (authority "${String(authority ?? '?')}"): field ${field.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
