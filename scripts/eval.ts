// `npm run eval`: runs the eval sets through the real bot over HTTP and reports accuracy per locale, and for the
// blind set per style too. `-- --tune` reports the blind set's tuning half instead of its test half; `-- --romanized`
// adds the romanized set; `-- --confusions` lists the misses of the public set and of the tuning half (never of
// the test half).
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
import { CaptureChannel, emulatorActivity, post } from '../test/kit/channel';

/** How a message is written (the blind set labels each one). */
export const STYLES = ['plain', 'short', 'typos', 'story', 'colloquial', 'romanized'] as const;

export const EvalItem = z.strictObject({
  q: z.string().min(1),
  topic: z.string().nullable(),
  authority: z.string().nullable(),
  style: z.enum(STYLES).optional(),
});
export type EvalItem = z.infer<typeof EvalItem>;

export const EVAL_DIR = path.join(PROJECT_ROOT, 'test', 'eval');

/**
 * The eval sets: `questions` (public, written from the topic list; weights were tuned on it), the blind set
 * written without seeing the entries, split once into `blind-tune` (tuning allowed) and `blind-test` (reported),
 * and `romanized-tune`: Arabic, Persian, Tigrinya and Ukrainian typed in Latin letters, written blind and used to
 * choose how such messages are read, `blind-tune2` to `blind-tune17`: later blind sets by other writers, and
 * `romanized-tune2`: a second romanized set, by other writers, in many more spelling habits; each later set was
 * measured once as it came and then used for tuning.
 */
export type EvalSetName = 'questions' | 'blind-tune' | 'blind-test' | 'romanized-tune' | 'blind-tune2' | 'blind-tune3' | 'blind-tune4' | 'romanized-tune2' | 'blind-tune5' | 'blind-tune6' | 'blind-tune7' | 'blind-tune8' | 'blind-tune9' | 'blind-tune10' | 'blind-tune11' | 'blind-tune12' | 'blind-tune13' | 'blind-tune14' | 'blind-tune15' | 'blind-tune16' | 'blind-tune17';

/** The questions of one set and locale, validated (`test/eval/<set>.<locale>.yaml`). */
export function loadEvalSet(locale: string, set: EvalSetName = 'questions'): EvalItem[] {
  const file = path.join(EVAL_DIR, `${set}.${locale}.yaml`);
  if (!fs.existsSync(file)) return [];
  return z.array(EvalItem).parse(YAML.parse(fs.readFileSync(file, 'utf8')));
}

export interface Outcome {
  item: EvalItem;
  kind: 'answer' | 'choose' | 'fallback' | 'other';
  /** The answered topic, or the first "did you mean" choice. */
  top: string | null;
  /** Every topic offered: the answer and its "or did you mean" alternatives, or all "did you mean" choices. */
  offered: string[];
  authority: string | null;
}

export interface LocaleReport {
  locale: string; questions: number; inScope: number; outOfScope: number;
  topicTop1: number; authority: number; declined: number; answeredDirectly: number; directPrecision: number;
  confusions: string[];
}

const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((1000 * n) / d) / 10);

function report(locale: string, outcomes: Outcome[]): LocaleReport {
  const inScope = outcomes.filter((o) => o.item.topic !== null);
  const oos = outcomes.filter((o) => o.item.topic === null);
  const direct = inScope.filter((o) => o.kind === 'answer');
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

/** What a person gets, in the terms of the blind set's targets. */
export interface StyleFigures {
  inScope: number;
  /** Answered with the right entry at once. */
  atOnce: number;
  /** Right at once, or one tap away: the first "did you mean" choice, or an "or did you mean" under the answer. */
  oneClick: number;
  /** "Did you mean" without the right entry among the choices. */
  chooseWrong: number;
  /** In-scope messages that ended in the fallback. */
  fallback: number;
  /** Answered directly, but by an entry of another organisation. */
  wrongOrganisation: number;
  outOfScope: number;
  /** Out-of-scope messages that got the fallback. */
  declined: number;
}

/** The blind set's figures for a group of outcomes (percentages of in-scope or out-of-scope messages). Pure. */
export function figures(outcomes: Outcome[]): StyleFigures {
  const inScope = outcomes.filter((o) => o.item.topic !== null);
  const oos = outcomes.filter((o) => o.item.topic === null);
  const right = (o: Outcome) => o.kind === 'answer' && o.top === o.item.topic;
  return {
    inScope: inScope.length,
    atOnce: pct(inScope.filter(right).length, inScope.length),
    oneClick: pct(inScope.filter((o) => right(o) || (o.kind === 'choose' && o.top === o.item.topic) || (o.kind === 'answer' && o.offered.includes(o.item.topic!))).length, inScope.length),
    chooseWrong: pct(inScope.filter((o) => o.kind === 'choose' && !o.offered.includes(o.item.topic!)).length, inScope.length),
    fallback: pct(inScope.filter((o) => o.kind === 'fallback').length, inScope.length),
    wrongOrganisation: pct(inScope.filter((o) => o.kind === 'answer' && o.authority !== o.item.authority).length, inScope.length),
    outOfScope: oos.length,
    declined: pct(oos.filter((o) => o.kind === 'fallback').length, oos.length),
  };
}

/** Runs one set of every locale through a fresh app; outcomes per locale. */
export async function runEvalSet(set: EvalSetName = 'questions'): Promise<Map<string, Outcome[]>> {
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
    const results = new Map<string, Outcome[]>();
    for (const locale of LOCALES) {
      const outcomes: Outcome[] = [];
      for (const [i, item] of loadEvalSet(locale, set).entries()) {
        const activity = emulatorActivity(channel, { text: item.q, locale, conversation: { id: `eval-${set}-${locale}-${i}` } });
        const { replies } = await post(url, channel, activity);
        const meta = replies.find((r) => r.channelData?.wegwijzer)?.channelData.wegwijzer;
        const kind = meta?.topic === 'fallback' ? 'fallback' : meta?.topic === 'did-you-mean' ? 'choose' : meta ? 'answer' : 'other';
        const offered: string[] = kind === 'answer' ? [meta.topic, ...(meta.alternatives ?? [])] : kind === 'choose' ? meta.candidates ?? [] : [];
        const top = offered[0] ?? null;
        outcomes.push({ item, kind, top, offered, authority: authorityOf(top) });
      }
      if (outcomes.length) results.set(locale, outcomes);
    }
    return results;
  } finally {
    await channel.stop();
    server.closeAllConnections();
    server.close();
    built.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs the public eval set; the top topic of "did you mean" is its first choice. */
export async function runEval(): Promise<LocaleReport[]> {
  const results = await runEvalSet('questions');
  return [...results.entries()].map(([locale, outcomes]) => report(locale, outcomes));
}

const FIGURE_HEADER = '| right at once | within one click | did you mean, without the right one | fallback | wrong organisation answered | out of scope declined |';
const figureRow = (f: StyleFigures) =>
  `${f.atOnce}% | ${f.oneClick}% | ${f.chooseWrong}% | ${f.fallback}% | ${f.wrongOrganisation}% | ${f.outOfScope ? `${f.declined}% (${f.outOfScope})` : '–'} |`;

/** The blind-set figures of each locale, as a markdown table (without a total). */
function printByLocale(results: Map<string, Outcome[]>): void {
  console.log(`| locale | messages ${FIGURE_HEADER}`);
  console.log(`|---|---|---|---|---|---|---|---|`);
  for (const [locale, outcomes] of results) console.log(`| ${locale} | ${outcomes.length} | ${figureRow(figures(outcomes))}`);
}

/** The figures of each locale with a total, then of each style. */
function printByLocaleAndStyle(results: Map<string, Outcome[]>): void {
  printByLocale(results);
  const all = [...results.values()].flat();
  console.log(`| all | ${all.length} | ${figureRow(figures(all))}`);
  console.log(`\n| style | messages ${FIGURE_HEADER}`);
  console.log(`|---|---|---|---|---|---|---|---|`);
  for (const style of STYLES) {
    const group = all.filter((o) => o.item.style === style);
    if (group.length) console.log(`| ${style} | ${group.length} | ${figureRow(figures(group))}`);
  }
}

/** The blind sets written later, each printed with its flag. */
const LATER_SETS: [flag: string, set: EvalSetName, name: string][] = [
  ['--second', 'blind-tune2', 'Second'], ['--third', 'blind-tune3', 'Third'], ['--fourth', 'blind-tune4', 'Fourth'],
  ['--fifth', 'blind-tune5', 'Fifth'], ['--sixth', 'blind-tune6', 'Sixth'],
  ['--seventh', 'blind-tune7', 'Seventh'], ['--eighth', 'blind-tune8', 'Eighth'], ['--ninth', 'blind-tune9', 'Ninth'],
  ['--tenth', 'blind-tune10', 'Tenth'], ['--eleventh', 'blind-tune11', 'Eleventh'],
  ['--twelfth', 'blind-tune12', 'Twelfth'], ['--thirteenth', 'blind-tune13', 'Thirteenth'],
  ['--fourteenth', 'blind-tune14', 'Fourteenth'], ['--fifteenth', 'blind-tune15', 'Fifteenth'],
  ['--sixteenth', 'blind-tune16', 'Sixteenth'], ['--seventeenth', 'blind-tune17', 'Seventeenth'],
  ['--romanized2', 'romanized-tune2', 'Second romanized'],
];
/** The later sets by blind writers other than the romanized one (`blind-tune2` ...), in the order written. */
export const LATER_BLIND_SETS: readonly EvalSetName[] = LATER_SETS.map(([, set]) => set).filter((set) => set.startsWith('blind-tune'));
/** Every set choices may be tuned on: all but the test half. */
export const TUNING_SETS: readonly EvalSetName[] = ['questions', 'blind-tune', 'romanized-tune', ...LATER_SETS.map(([, set]) => set)];

async function main(): Promise<void> {
  const reports = await runEval();
  console.log('Public eval set (`test/eval/questions.<locale>.yaml`; the weights were tuned on it):\n');
  console.log('| locale | questions | topic top-1 | authority | out of scope declined | answered directly | direct answers correct |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of reports) {
    console.log(`| ${r.locale} | ${r.questions} (${r.outOfScope} out of scope) | ${r.topicTop1}% | ${r.authority}% | ${r.declined}% | ${r.answeredDirectly}% | ${r.directPrecision}% |`);
  }
  const tune = process.argv.includes('--tune');
  const set: EvalSetName = tune ? 'blind-tune' : 'blind-test';
  const blind = await runEvalSet(set);
  if (blind.size) {
    console.log(`\nBlind set, ${tune ? 'tuning half (`test/eval/blind-tune.<locale>.yaml`)' : 'test half (`test/eval/blind-test.<locale>.yaml`; nothing is tuned on it)'}:\n`);
    printByLocaleAndStyle(blind);
  }
  if (process.argv.includes('--romanized')) {
    const romanized = await runEvalSet('romanized-tune');
    console.log('\nRomanized set (`test/eval/romanized-tune.<locale>.yaml`; written blind, then used for tuning):\n');
    printByLocale(romanized);
  }
  for (const [flag, set, name] of LATER_SETS) {
    if (!process.argv.includes(flag)) continue;
    console.log(`\n${name} blind set (\`test/eval/${set}.<locale>.yaml\`; written blind, then used for tuning):\n`);
    printByLocaleAndStyle(await runEvalSet(set));
  }
  const confusions = process.argv.includes('--confusions');
  if (confusions) {
    for (const r of reports) {
      console.log(`\nConfusions (${r.locale}, ${r.confusions.length}):`);
      for (const line of r.confusions) console.log(`  ${line}`);
    }
    if (tune) {
      for (const [locale, outcomes] of blind) {
        const lines = report(locale, outcomes).confusions;
        console.log(`\nConfusions, blind tuning half (${locale}, ${lines.length}):`);
        for (const line of lines) console.log(`  ${line}`);
      }
    }
  } else {
    console.log(`\nConfusions: ${reports.map((r) => `${r.locale} ${r.confusions.length}`).join(', ')} (run with --confusions to list them; with --tune also the blind tuning half)`);
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
