// The staff dashboard's figures, computed from stored documents. Pure: documents in, summary out.
import YAML from 'yaml';
import { fold } from '../../knowledge/normalize';
import type { AnalyticsEvent } from '../middleware/analytics';
import type { StoredComplaint } from '../storage/records';

export interface StoredFeedback { topic: string; helped: boolean; comment?: string; locale: string; createdAt: string }

/** What staff decided for a question the bot could not answer: the entry that answers it, or why none does. */
export const NEW_TOPIC = 'new-topic';
export const OUT_OF_SCOPE = 'out-of-scope';
export interface StoredLabel { question: string; locale: string; label: string; at: string }

/** The key a question's label is stored under: its locale and folded text, so a relabel replaces the old one. */
export const labelKey = (locale: string, question: string) => `${locale}|${fold(question)}`;

export interface Summary {
  since: string;
  weeks: string[];
  turnsPerWeek: { week: string; answer: number; choose: number; fallback: number; authority: number; guide: number }[];
  /**
   * Questions the bot could not answer ("did you mean" or fallback), grouped by locale and folded text, with the
   * label staff gave them (an entry id, NEW_TOPIC or OUT_OF_SCOPE; empty while unlabelled).
   */
  unanswered: { question: string; locale: string; count: number; outcome: 'choose' | 'fallback'; lastAt: string; label: string }[];
  feedback: { topic: string; helped: number; notHelped: number; comments: string[] }[];
  complaints: { week: string; organisation: string; kind: string; count: number }[];
  languages: { locale: string; count: number }[];
  channels: { channel: string; count: number }[];
}

/** ISO 8601 week, e.g. "2026-W48". */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const countBy = <T>(items: T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

export function summarize(
  docs: { analytics: AnalyticsEvent[]; feedback: StoredFeedback[]; complaints: StoredComplaint[]; labels?: StoredLabel[] },
  now: Date, weeks = 8,
): Summary {
  const since = new Date(now.getTime() - weeks * 7 * 86_400_000);
  const inWindow = <T>(items: T[], at: (item: T) => string) => items.filter((i) => new Date(at(i)) >= since);
  const analytics = inWindow(docs.analytics, (e) => e.at);
  const feedback = inWindow(docs.feedback, (f) => f.createdAt);
  const complaints = inWindow(docs.complaints, (c) => c.createdAt);
  const weekList: string[] = [];
  for (let t = since.getTime(); t <= now.getTime() + 7 * 86_400_000; t += 7 * 86_400_000) {
    const w = isoWeek(new Date(Math.min(t, now.getTime())));
    if (!weekList.includes(w)) weekList.push(w);
  }

  const turnsPerWeek = weekList.map((week) => {
    const row = { week, answer: 0, choose: 0, fallback: 0, authority: 0, guide: 0 };
    for (const e of analytics) if (isoWeek(new Date(e.at)) === week) row[e.outcome] += 1;
    return row;
  });

  const groups = new Map<string, Summary['unanswered'][number]>();
  for (const e of analytics) {
    if ((e.outcome !== 'fallback' && e.outcome !== 'choose') || !e.question) continue;
    const k = `${e.outcome}|${labelKey(e.locale, e.question)}`;
    const group = groups.get(k);
    if (group) {
      group.count += 1;
      if (e.at > group.lastAt) group.lastAt = e.at;
    } else {
      groups.set(k, { question: e.question, locale: e.locale, count: 1, outcome: e.outcome, lastAt: e.at, label: '' });
    }
  }
  const labels = new Map((docs.labels ?? []).map((l) => [labelKey(l.locale, l.question), l.label]));
  for (const group of groups.values()) group.label = labels.get(labelKey(group.locale, group.question)) ?? '';
  const unanswered = [...groups.values()].sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt)).slice(0, 100);

  const byTopic = new Map<string, Summary['feedback'][number]>();
  for (const f of feedback) {
    const row = byTopic.get(f.topic) ?? { topic: f.topic, helped: 0, notHelped: 0, comments: [] };
    if (f.helped) row.helped += 1; else row.notHelped += 1;
    if (f.comment && row.comments.length < 10) row.comments.push(f.comment);
    byTopic.set(f.topic, row);
  }
  const feedbackRows = [...byTopic.values()].sort((a, b) => b.notHelped - a.notHelped || b.helped - a.helped);

  const complaintCounts = countBy(complaints, (c) => {
    const organisation = 'authority' in c.organisation ? c.organisation.authority : 'OTHER';
    return `${isoWeek(new Date(c.createdAt))}|${organisation}|${c.kind ?? 'unknown'}`;
  });
  const complaintRows = [...complaintCounts].map(([k, count]) => {
    const [week, organisation, kind] = k.split('|') as [string, string, string];
    return { week, organisation, kind, count };
  }).sort((a, b) => a.week.localeCompare(b.week) || b.count - a.count);

  const toRows = <K extends string>(counts: Map<string, number>, name: K) =>
    [...counts].map(([value, count]) => ({ [name]: value, count }) as Record<K, string> & { count: number }).sort((a, b) => b.count - a.count);

  return {
    since: since.toISOString(),
    weeks: weekList,
    turnsPerWeek,
    unanswered,
    feedback: feedbackRows,
    complaints: complaintRows,
    languages: toRows(countBy(analytics, (e) => e.locale), 'locale'),
    channels: toRows(countBy(analytics, (e) => e.channel), 'channel'),
  };
}

/** One CSV cell: quoted, quotes doubled, and a leading = + - @ defused so a spreadsheet never runs it as a formula. */
export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  return [columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(Array.isArray(r[c]) ? (r[c] as unknown[]).join(' | ') : r[c])).join(','))].join('\r\n') + '\r\n';
}

/**
 * Labelled questions of one locale as eval items (the format of test/eval/questions.<locale>.yaml): an entry label
 * gives the topic and its organisation, "out of scope" an item the bot must decline; questions that need a new
 * topic cannot be items yet and are listed as comments for the content editors. Pure.
 */
export function evalItemsYaml(
  labels: readonly StoredLabel[], locale: string, authorityOf: (entryId: string) => string | undefined, now: Date,
): string {
  const mine = labels.filter((l) => l.locale === locale).sort((a, b) => a.at.localeCompare(b.at));
  const items = mine.flatMap((l): { q: string; topic: string | null; authority: string | null }[] => {
    if (l.label === OUT_OF_SCOPE) return [{ q: l.question, topic: null, authority: null }];
    const authority = authorityOf(l.label);
    return authority === undefined ? [] : [{ q: l.question, topic: l.label, authority: authority === 'NONE' ? null : authority }];
  });
  const newTopics = mine.filter((l) => l.label === NEW_TOPIC).map((l) => `# - ${l.question.replace(/\s+/g, ' ')}`);
  const head = [
    `# Questions from real conversations (${locale}) that ended in "did you mean" or the fallback, labelled by staff;`,
    `# exported ${now.toISOString().slice(0, 10)}. Review, then add them to test/eval/questions.${locale}.yaml.`,
  ];
  const body = items.length ? YAML.stringify(items, { lineWidth: 0 }) : '[]\n';
  return [...head, ...(newTopics.length ? ['# Need a new topic (no entry answers them yet):', ...newTopics] : []), body].join('\n');
}
