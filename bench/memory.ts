// Memory with many conversations: `node --expose-gc dist/bench/memory.js <n>` runs one turn in each of n
// conversations through the in-process bot (SQLite state) and prints the RSS after garbage collection.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../bot/config';
import { inProcessBot } from './reference';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 10_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-bench-mem-'));
  const bot = inProcessBot(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  const questions = ['Hoeveel kost het examen?', 'Wat is DigiD?', 'Wanneer krijg ik een huis?', 'How do I register for the exam?', 'Wat doet het COA?'];
  for (let i = 0; i < n; i++) await bot.turn(`mem-${i}`, questions[i % questions.length]!, i % 4 === 3 ? 'en' : 'nl');
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
  (globalThis as { gc?: () => void }).gc?.();
  const rss = process.memoryUsage().rss / 1024 / 1024;
  await bot.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ conversations: n, rss_mb: Math.round(rss * 10) / 10 }));
}

main().catch((error) => { console.error(error); process.exit(1); });
