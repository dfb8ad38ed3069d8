// The staff dashboard's figures, computed from stored documents. Pure: documents in, summary out.
import { fold } from '../../knowledge/normalize';
import type { AnalyticsEvent } from '../middleware/analytics';
import type { StoredComplaint } from '../storage/records';

export interface StoredFeedback { topic: string; helped: boolean; comment?: string; locale: string; createdAt: string }

export interface Summary {
  since: string;
  weeks: string[];
  turnsPerWeek: { week: string; answer: number; choose: number; fallback: number; authority: number; guide: number }[];
  /** Questions the bot could not answer ("did you mean" or fallback), grouped by their folded text. */
  unanswered: { question: string; count: number; outcome: 'choose' | 'fallback'; lastAt: string }[];
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
  docs: { analytics: AnalyticsEvent[]; feedback: StoredFeedback[]; complaints: StoredComplaint[] },
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
    const k = `${e.outcome}|${fold(e.question)}`;
    const group = groups.get(k);
    if (group) {
      group.count += 1;
      if (e.at > group.lastAt) group.lastAt = e.at;
    } else {
      groups.set(k, { question: e.question, count: 1, outcome: e.outcome, lastAt: e.at });
    }
  }
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
