// The retention purge on the real SQLite store with a moved clock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStorage } from '../../../bot/storage/sqliteStorage';
import { purge } from '../../../bot/storage/retention';

const DAY = 86_400_000;

test('removes transcripts, analytics, feedback and idle state after RETENTION_DAYS; complaints after their own term', async () => {
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const storage = new SqliteStorage(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-ret-')), 'db.sqlite'), () => clock);
  await storage.write({
    'transcripts/c1/1': { text: 'old' }, 'analytics/2026-01-01/a': { outcome: 'answer' }, 'feedback/2026-01-01/f': { helped: true },
    'emulator/conversations/c1/': { dialogState: {} }, 'complaints/WW-OLD': { ref: 'WW-OLD' },
  });
  clock += 80 * DAY;
  await storage.write({ 'transcripts/c2/1': { text: 'recent' }, 'complaints/WW-NEW': { ref: 'WW-NEW' } });
  const now = new Date(clock + 20 * DAY); // 100 days after the first writes, 20 after the second
  const result = await purge(storage, { retentionDays: 90, complaintRetentionDays: 365 }, now);
  expect(result).toEqual({ deleted: 4, complaints: 0 });
  expect((await storage.keys('')).sort()).toEqual(['complaints/WW-NEW', 'complaints/WW-OLD', 'transcripts/c2/1']);
  // A year on, the old complaint goes too.
  expect(await purge(storage, { retentionDays: 90, complaintRetentionDays: 365 }, new Date(Date.parse('2026-01-01T00:00:00Z') + 366 * DAY)))
    .toEqual({ deleted: 1, complaints: 1 });
  expect(await storage.keys('')).toEqual(['complaints/WW-NEW']);
  storage.close();
});
