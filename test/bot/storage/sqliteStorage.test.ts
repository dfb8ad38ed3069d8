// The SQLite storage behaves like botbuilder expects: read/write/delete, eTag conflicts, durable across reopen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ETagConflictError, SqliteStorage } from '../../../bot/storage/sqliteStorage';

let dir: string;
let file: string;
let storage: SqliteStorage;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-store-'));
  file = path.join(dir, 'nested', 'state.sqlite');
  storage = new SqliteStorage(file);
});
afterEach(() => {
  storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a written document is read back with an eTag; unknown keys are absent', async () => {
  await storage.write({ 'a/1': { name: 'Fatima', count: 2 } });
  const items = await storage.read(['a/1', 'missing']);
  expect(items['a/1']).toMatchObject({ name: 'Fatima', count: 2 });
  expect(typeof items['a/1']!.eTag).toBe('string');
  expect(items.missing).toBeUndefined();
});

test('delete removes documents', async () => {
  await storage.write({ x: { v: 1 }, y: { v: 2 } });
  await storage.delete(['x']);
  expect(Object.keys(await storage.read(['x', 'y']))).toEqual(['y']);
});

test('a write with the current eTag succeeds and gets a new eTag', async () => {
  await storage.write({ doc: { v: 1 } });
  const first = (await storage.read(['doc'])).doc!;
  await storage.write({ doc: { ...first, v: 2 } });
  const second = (await storage.read(['doc'])).doc!;
  expect(second.v).toBe(2);
  expect(second.eTag).not.toBe(first.eTag);
});

test('a stale eTag is rejected and nothing in that batch is written', async () => {
  await storage.write({ doc: { v: 1 } });
  const stale = (await storage.read(['doc'])).doc!;
  await storage.write({ doc: { ...stale, v: 2 } });
  await expect(storage.write({ other: { v: 9 }, doc: { ...stale, v: 3 } })).rejects.toBeInstanceOf(ETagConflictError);
  const after = await storage.read(['doc', 'other']);
  expect(after.doc!.v).toBe(2);
  expect(after.other).toBeUndefined();
});

test('"*" and a missing eTag overwrite unconditionally', async () => {
  await storage.write({ doc: { v: 1 } });
  await storage.write({ doc: { v: 2, eTag: '*' } });
  await storage.write({ doc: { v: 3 } });
  expect((await storage.read(['doc'])).doc!.v).toBe(3);
});

test('data survives closing and reopening the file, in WAL mode', async () => {
  await storage.write({ 'conversation/1': { dialogState: { stack: [1, 2] } } });
  storage.close();
  storage = new SqliteStorage(file);
  expect((await storage.read(['conversation/1']))['conversation/1']).toMatchObject({ dialogState: { stack: [1, 2] } });
  expect(fs.existsSync(`${file}-wal`)).toBe(true);
});

test('keys lists documents under a prefix', async () => {
  await storage.write({ 'complaints/b': {}, 'complaints/a': {}, 'users/x': {} });
  expect(await storage.keys('complaints/')).toEqual(['complaints/a', 'complaints/b']);
});
