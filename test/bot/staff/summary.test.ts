// The dashboard's figures and exports, without HTTP.
import YAML from 'yaml';
import { z } from 'zod';
import { csvCell, evalItemsYaml, isoWeek, summarize, toCsv, type StoredLabel } from '../../../bot/staff/summary';
import { EvalItem } from '../../../scripts/eval';
import type { AnalyticsEvent } from '../../../bot/middleware/analytics';
import type { StoredComplaint } from '../../../bot/storage/records';

const now = new Date('2026-11-28T12:00:00Z');
const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
const event = (e: Partial<AnalyticsEvent>): AnalyticsEvent => ({ at: at(1), locale: 'nl', channel: 'webchat', outcome: 'answer', ...e });
const complaint = (c: Partial<StoredComplaint>): StoredComplaint => ({
  ref: 'WW-X', createdAt: at(2), organisation: { authority: 'DUO' }, what: '', when: '', want: '', locale: 'nl', channelId: 'webchat', ...c,
});

test('ISO weeks', () => {
  expect(isoWeek(new Date('2026-11-28T12:00:00Z'))).toBe('2026-W48');
  expect(isoWeek(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
  expect(isoWeek(new Date('2026-01-01T12:00:00Z'))).toBe('2026-W01');
});

test('groups unanswered questions by their folded text, counts outcomes, feedback, complaints and languages', () => {
  const s = summarize({
    analytics: [
      event({ outcome: 'fallback', question: 'Waar is het gemeentehuis?' }),
      event({ outcome: 'fallback', question: 'waar is het GEMEENTEHUIS', at: at(3) }),
      event({ outcome: 'choose', question: 'examen' }),
      event({ topic: 'exam-costs', locale: 'ar' }),
      event({ outcome: 'fallback', question: 'too old', at: at(100) }),
    ],
    feedback: [
      { topic: 'exam-costs', helped: true, locale: 'nl', createdAt: at(1) },
      { topic: 'exam-costs', helped: false, comment: 'te duur', locale: 'nl', createdAt: at(1) },
    ],
    complaints: [complaint({}), complaint({ kind: 'decision' }), complaint({ organisation: { name: 'Stichting X' }, kind: 'treatment' })],
  }, now, 8);
  expect(s.unanswered[0]).toMatchObject({ question: 'Waar is het gemeentehuis?', count: 2, outcome: 'fallback' });
  expect(s.unanswered.map((u) => u.question)).not.toContain('too old');
  expect(s.feedback).toEqual([{ topic: 'exam-costs', helped: 1, notHelped: 1, comments: ['te duur'] }]);
  expect(s.complaints).toEqual(expect.arrayContaining([
    { week: '2026-W48', organisation: 'DUO', kind: 'unknown', count: 1 },
    { week: '2026-W48', organisation: 'DUO', kind: 'decision', count: 1 },
    { week: '2026-W48', organisation: 'OTHER', kind: 'treatment', count: 1 },
  ]));
  expect(s.languages).toEqual([{ locale: 'nl', count: 3 }, { locale: 'ar', count: 1 }]);
  const week = s.turnsPerWeek.find((w) => w.week === '2026-W48')!;
  expect(week).toMatchObject({ fallback: 2, choose: 1, answer: 1 });
  expect(s.weeks.at(-1)).toBe('2026-W48');
});

test('CSV cells are quoted and never run as spreadsheet formulas', () => {
  expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  expect(csvCell('+31 6')).toBe(`"'+31 6"`);
  expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
  expect(csvCell('gewoon')).toBe('"gewoon"');
  expect(toCsv([{ a: 1, b: ['x', 'y'] }], ['a', 'b'])).toBe('"a","b"\r\n"1","x | y"\r\n');
});

test('staff labels join the unanswered questions of their locale, whatever the case or punctuation', () => {
  const s = summarize({
    analytics: [
      event({ outcome: 'fallback', question: 'Examen lezen inschrijven?' }),
      event({ outcome: 'fallback', question: 'examen lezen inschrijven', locale: 'en' }),
    ],
    feedback: [], complaints: [],
    labels: [{ question: 'examen LEZEN inschrijven', locale: 'nl', label: 'exam-registration', at: at(0) }],
  }, now, 8);
  expect(s.unanswered).toEqual(expect.arrayContaining([
    expect.objectContaining({ locale: 'nl', label: 'exam-registration' }),
    expect.objectContaining({ locale: 'en', label: '' }),
  ]));
});

test('labelled questions export as eval items of their locale; new topics as comments; unknown entries left out', () => {
  const labels: StoredLabel[] = [
    { question: 'pas kwijt wat nu', locale: 'nl', label: 'lost-card', at: at(2) },
    { question: 'waar parkeer ik mijn fiets', locale: 'nl', label: 'out-of-scope', at: at(1) },
    { question: 'kan ik inburgeren in Belgie', locale: 'nl', label: 'new-topic', at: at(1) },
    { question: 'removed entry', locale: 'nl', label: 'gone', at: at(1) },
    { question: 'lost card', locale: 'en', label: 'lost-card', at: at(1) },
    { question: 'urgent-help question', locale: 'nl', label: 'urgent-help', at: at(0) },
  ];
  const authorities: Record<string, string> = { 'lost-card': 'GEMEENTE', 'urgent-help': 'NONE' };
  const yaml = evalItemsYaml(labels, 'nl', (id) => authorities[id], now);
  const items = z.array(EvalItem).parse(YAML.parse(yaml));
  expect(items).toEqual([
    { q: 'pas kwijt wat nu', topic: 'lost-card', authority: 'GEMEENTE' },
    { q: 'waar parkeer ik mijn fiets', topic: null, authority: null },
    { q: 'urgent-help question', topic: 'urgent-help', authority: null },
  ]);
  expect(yaml).toContain('# - kan ik inburgeren in Belgie');
  expect(yaml).toMatch(/^# Questions from real conversations \(nl\)/);
  expect(z.array(EvalItem).parse(YAML.parse(evalItemsYaml([], 'ti', () => undefined, now)))).toEqual([]);
});
