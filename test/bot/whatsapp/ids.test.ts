// Numbers become ids by a keyed hash; the key is configured or generated once into the data folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateIdKey, NumberHasher } from '../../../bot/whatsapp/ids';

const key = Buffer.alloc(32, 7);

test('one number is one id, however it is written; other numbers and other keys give other ids', () => {
  const hasher = new NumberHasher(key);
  const id = hasher.idOf({ phone: '31612345678' });
  expect(id).toMatch(/^wa\.[A-Za-z0-9_-]{32}$/);
  expect(hasher.idOf({ phone: '+31 6 1234 5678' })).toBe(id);
  expect(hasher.idOf({ phone: '31612345678', userId: 'NL.123' })).toBe(id);
  expect(hasher.idOf({ phone: '31612345679' })).not.toBe(id);
  expect(new NumberHasher(Buffer.alloc(32, 8)).idOf({ phone: '31612345678' })).not.toBe(id);
  expect(id).not.toContain('612345678');
});

test('a sender without a number (a WhatsApp username) gets an id from the business-scoped user id', () => {
  const hasher = new NumberHasher(key);
  expect(hasher.idOf({ userId: 'NL.1502576394655843' })).toMatch(/^wa\./);
  expect(hasher.idOf({ userId: 'NL.1502576394655843' })).not.toBe(hasher.idOf({ userId: 'NL.1502576394655844' }));
  expect(() => hasher.idOf({})).toThrow(/without number or user id/);
});

test("Meta's message ids, which carry the number, are hashed too", () => {
  const hasher = new NumberHasher(key);
  const wamid = `wamid.${Buffer.from('31612345678-1').toString('base64')}`;
  expect(hasher.messageId(wamid)).toMatch(/^wam\./);
  expect(hasher.messageId(wamid)).toBe(hasher.messageId(wamid));
  expect(hasher.messageId(wamid)).not.toContain(wamid.slice(6, 20));
});

test('a short key is refused', () => {
  expect(() => new NumberHasher(Buffer.alloc(16))).toThrow(/at least 32 bytes/);
});

test('the key is generated once into the data folder (readable by the owner only) and then reused; a configured one wins', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-ids-'));
  const first = loadOrCreateIdKey(dir);
  expect(first.length).toBeGreaterThanOrEqual(32);
  const file = path.join(dir, 'whatsapp-id.secret');
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(loadOrCreateIdKey(dir).equals(first)).toBe(true);
  const configured = 'x'.repeat(40);
  expect(loadOrCreateIdKey(dir, configured).toString('utf8')).toBe(configured);
  fs.rmSync(dir, { recursive: true, force: true });
});
