// `npm run eval`: runs the public eval set through the real bot over HTTP and reports accuracy per locale.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import YAML from 'yaml';
import { z } from 'zod';
import { buildApp } from '../bot/app';
import { loadConfig } from '../bot/config';
import { LOCALES } from '../locales';
import { PROJECT_ROOT } from '../knowledge/paths';
import { CaptureChannel, emulatorActivity, post } from './lib/channel';

export const EvalItem = z.strictObject({
  q: z.string().min(1),
  topic: z.string().nullable(),
  authority: z.string().nullable(),
});
export type EvalItem = z.infer<typeof EvalItem>;

export const EVAL_DIR = path.join(PROJECT_ROOT, 'test', 'eval');

/** The eval questions of one locale, validated (`test/eval/questions.<locale>.yaml`). */
export function loadEvalSet(locale: string): EvalItem[] {
  const file = path.join(EVAL_DIR, `questions.${locale}.yaml`);
  if (!fs.existsSync(file)) return [];
  return z.array(EvalItem).parse(YAML.parse(fs.readFileSync(file, 'utf8')));
}

interface Outcome { item: EvalItem; kind: 'answer' | 'choose' | 'fallback' | 'other'; top: string | null; authority: string | null }

export interface LocaleReport {
  locale: string; questions: number; inScope: number; outOfScope: number;
  topicTop1: number; authority: number; declined: number; answeredDirectly: number; directPrecision: number;
  confusions: string[];
}

function report(locale: string, outcomes: Outcome[]): LocaleReport {
  const inScope = outcomes.filter((o) => o.item.topic !== null);
  const oos = outcomes.filter((o) => o.item.topic === null);
  const direct = inScope.filter((o) => o.kind === 'answer');
  const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((1000 * n) / d) / 10);
  return {
    locale,
    questions: outcomes.length,
    inScope: inScope.length,
    outOfScope: oos.length,
    topicTop1: pct(inScope.filter((o) => o.top === o.item.topic).length, inScope.length),
    authority: pct(inScope.filter((o) => o.authority === o.item.authority).length, inScope.length),
    declined: pct(oos.filter((o) => o.kind === 'fallback').length, oos.length),
    answeredDirectly: pct(direct.length, inScope.length),
    directPrecision: pct(direct.filter((o) => o.top === o.item.topic).length, direct.length),
    confusions: outcomes
      .filter((o) => o.top !== o.item.topic && !(o.item.topic === null && o.kind === 'fallback'))
      .map((o) => `${o.item.topic ?? '(out of scope)'} → ${o.top ?? 'fallback'} [${o.kind}]: ${o.item.q}`),
  };
}

/** Runs every locale's eval set through a fresh app; the top topic of "did you mean" is its first choice. */
export async function runEval(): Promise<LocaleReport[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-eval-'));
  const built = buildApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  const server = built.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const channel = await new CaptureChannel().start();
  const authorityOf = (id: string | null) => {
    const entry = id ? built.kb.get(id) : undefined;
    return entry && entry.authority !== 'NONE' ? entry.authority : null;
  };
  try {
    const reports: LocaleReport[] = [];
    for (const locale of LOCALES) {
      const outcomes: Outcome[] = [];
      for (const [i, item] of loadEvalSet(locale).entries()) {
        const activity = emulatorActivity(channel, { text: item.q, locale, conversation: { id: `eval-${locale}-${i}` } });
        const { replies } = await post(url, channel, activity);
        const meta = replies.find((r) => r.channelData?.wegwijzer)?.channelData.wegwijzer;
        const kind = meta?.topic === 'fallback' ? 'fallback' : meta?.topic === 'did-you-mean' ? 'choose' : meta ? 'answer' : 'other';
        const top = kind === 'answer' ? meta.topic : kind === 'choose' ? meta.candidates?.[0] ?? null : null;
        outcomes.push({ item, kind, top, authority: authorityOf(top) });
      }
      if (outcomes.length) reports.push(report(locale, outcomes));
    }
    return reports;
  } finally {
    await channel.stop();
    server.closeAllConnections();
    server.close();
    built.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const reports = await runEval();
  console.log('| locale | questions | topic top-1 | authority | out of scope declined | answered directly | direct answers correct |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of reports) {
    console.log(`| ${r.locale} | ${r.questions} (${r.outOfScope} out of scope) | ${r.topicTop1}% | ${r.authority}% | ${r.declined}% | ${r.answeredDirectly}% | ${r.directPrecision}% |`);
  }
  if (process.argv.includes('--confusions')) {
    for (const r of reports) {
      console.log(`\nConfusions (${r.locale}, ${r.confusions.length}):`);
      for (const line of r.confusions) console.log(`  ${line}`);
    }
  } else {
    console.log(`\nConfusions: ${reports.map((r) => `${r.locale} ${r.confusions.length}`).join(', ')} (run with --confusions to list them)`);
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
