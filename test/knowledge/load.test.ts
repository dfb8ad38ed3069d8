// Loading content: the real knowledge base loads; a broken entry fails naming the file, the entry and the field.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { loadKnowledgeBase } from '../../knowledge';
import { KnowledgeError, loadAuthorities, loadEntries } from '../../knowledge/load';
import { AUTHORITIES } from '../../knowledge/schema';
import { ENTRIES_DIR } from '../../knowledge/paths';

const example = YAML.parse(fs.readFileSync(path.join(ENTRIES_DIR, 'exams', 'exam-costs.yaml'), 'utf8'));

/** Writes entries into a temporary entries folder and returns its path. */
function folderWith(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-kb-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : YAML.stringify(content));
  }
  return dir;
}

const variant = (id: string, suffix: string) => ({
  ...example, id, related: [],
  text: Object.fromEntries(Object.entries(example.text as Record<string, { title: string; questions: string[] }>).map(([l, t]) => [l, {
    ...t, title: `${t.title} ${suffix}`, questions: t.questions.map((q) => `${q} ${suffix}`),
  }])),
});

test('the shipped knowledge base loads, with at least 15 entries over DUO, IND, COA, GEMEENTE and OMBUDSMAN', () => {
  const kb = loadKnowledgeBase();
  expect(kb.entries.length).toBeGreaterThanOrEqual(15);
  const authorities = new Set(kb.entries.map((e) => e.authority));
  for (const a of ['DUO', 'IND', 'COA', 'GEMEENTE', 'OMBUDSMAN']) expect(authorities).toContain(a);
  for (const entry of kb.entries) {
    expect(entry.sources.every((s) => s.startsWith('https://'))).toBe(true);
    expect(entry.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
});

test('every authority has a website and only phone numbers from its published sources', () => {
  const authorities = loadAuthorities();
  expect(Object.keys(authorities).sort()).toEqual([...AUTHORITIES].sort());
  expect(authorities.DUO.phones.map((p) => p.number)).toEqual(['050 599 96 00']);
  expect(authorities.COA.phones).toEqual([]);
  expect(authorities.VLUCHTELINGENWERK.phones).toEqual([]);
});

test('a missing field is reported with file, entry id and field', () => {
  const broken = structuredClone(example);
  delete broken.text.en.answer;
  const dir = folderWith({ 'exams/exam-costs.yaml': broken });
  expect(() => loadEntries(dir)).toThrow(KnowledgeError);
  expect(() => loadEntries(dir)).toThrow(/exam-costs\.yaml \(entry "exam-costs"\): field text\.en\.answer/);
});

test('too few question variants are reported', () => {
  const broken = structuredClone(example);
  broken.text.nl.questions = ['Wat kost het?'];
  expect(() => loadEntries(folderWith({ 'exams/exam-costs.yaml': broken })))
    .toThrow(/field text\.nl\.questions: needs at least 6 question variants/);
});

test('a source that is not https is refused', () => {
  const broken = { ...structuredClone(example), sources: ['http://www.inburgeren.nl'] };
  expect(() => loadEntries(folderWith({ 'exams/exam-costs.yaml': broken }))).toThrow(/field sources\.0: must be an https:\/\/ URL/);
});

test('invalid YAML names the file', () => {
  expect(() => loadEntries(folderWith({ 'exams/exam-costs.yaml': 'id: [unclosed' }))).toThrow(/exam-costs\.yaml: invalid YAML/);
});

test('the file name must equal the id', () => {
  expect(() => loadEntries(folderWith({ 'exams/other-name.yaml': example })))
    .toThrow(/other-name\.yaml \(entry "exam-costs"\): field id: must equal the file name "other-name"/);
});

test('a related id that does not exist is reported', () => {
  const dir = folderWith({ 'exams/exam-costs.yaml': { ...example, related: ['no-such-entry'] } });
  expect(() => loadEntries(dir)).toThrow(/field related\.0: no other entry has id "no-such-entry"/);
});

test('the same question variant in two entries is reported', () => {
  const a = variant('entry-a', 'A');
  const b = variant('entry-b', 'B');
  b.text.nl.questions = [...b.text.nl.questions.slice(1), a.text.nl.questions[0]];
  const dir = folderWith({ 'x/entry-a.yaml': a, 'x/entry-b.yaml': b });
  expect(() => loadEntries(dir)).toThrow(/entry "entry-b"\): field text\.nl\.questions\.\d+: same question as entry "entry-a"/);
});

test('entries in several areas load with their area', () => {
  const dir = folderWith({ 'one/entry-a.yaml': variant('entry-a', 'A'), 'two/entry-b.yaml': variant('entry-b', 'B') });
  expect(loadEntries(dir).map((e) => [e.id, e.area])).toEqual([['entry-a', 'one'], ['entry-b', 'two']]);
});

test('every authority card is translated into every locale', () => {
  const authorities = loadAuthorities();
  const { LOCALES } = jest.requireActual('../../locales') as typeof import('../../locales');
  for (const [id, a] of Object.entries(authorities)) {
    for (const field of [a.short, a.name, a.handles, ...(a.hours ? [a.hours] : []), ...a.phones.flatMap((p) => (p.label ? [p.label] : []))]) {
      expect([id, LOCALES.filter((l) => !field[l])]).toEqual([id, []]);
    }
  }
});
