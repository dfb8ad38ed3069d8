// Seen message ids: claimed once, shared through the store (replicas, restarts), kept two days.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStorage } from '../../../bot/storage/sqliteStorage';
import { SeenMessages } from '../../../bot/whatsapp/dedupe';

let dir: string;
let storage: SqliteStorage;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-seen-'));
  storage = new SqliteStorage(path.join(dir, 'store.sqlite'));
});
afterEach(() => {
  storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const DAY = 24 * 60 * 60 * 1000;
const sentAt = Date.parse('2026-12-06T10:00:00Z');

test('an id is claimed once; two claims at the same moment give one winner', async () => {
  const seen = new SeenMessages(storage);
  const results = await Promise.all([seen.claim('wam.a', sentAt), seen.claim('wam.a', sentAt)]);
  expect(results.sort()).toEqual([false, true]);
  expect(await seen.claim('wam.a', sentAt)).toBe(false);
  expect(await seen.claim('wam.b', sentAt)).toBe(true);
});

test('another replica, or this one after a restart, knows the id from the store', async () => {
  await new SeenMessages(storage).claim('wam.a', sentAt);
  expect(await new SeenMessages(storage).claim('wam.a', sentAt)).toBe(false);
  expect(await storage.keys('whatsapp/seen/2026-12-06/')).toEqual(['whatsapp/seen/2026-12-06/wam.a']);
});

test('the memory set is bounded; the store still remembers what the memory let go', async () => {
  const seen = new SeenMessages(storage, { memory: 2 });
  for (const id of ['wam.1', 'wam.2', 'wam.3']) expect(await seen.claim(id, sentAt)).toBe(true);
  expect(await seen.claim('wam.1', sentAt)).toBe(false);
});

test('ids of days older than two days are purged, newer ones kept', async () => {
  let now = sentAt;
  const seen = new SeenMessages(storage, { now: () => now });
  await seen.claim('wam.old', sentAt - 3 * DAY);
  await seen.claim('wam.recent', sentAt - DAY);
  await seen.claim('wam.today', sentAt);
  expect(await seen.purgeExpired()).toBe(1);
  expect((await storage.keys('whatsapp/seen/')).map((k) => k.split('/').at(-1))).toEqual(['wam.recent', 'wam.today']);
  now += 3 * DAY;
  expect(await seen.purgeExpired()).toBe(2);
  expect(await storage.keys('whatsapp/seen/')).toEqual([]);
});
