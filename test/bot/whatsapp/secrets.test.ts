// Secrets: one generator for the keys kept in DATA_DIR (the Direct Line secret, the WhatsApp id key), one
// constant-time comparison (the staff token, the WhatsApp verify token), and the logger never writes the
// WhatsApp secrets or the signature header, even when a log call carries them by mistake.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../../bot/logger';
import { loadOrCreateSecret, sameSecret } from '../../../bot/secrets';
import { ID_KEY_FILE, loadOrCreateIdKey } from '../../../bot/whatsapp/ids';

test('a key is generated once per file name (owner-only), then reused; a configured one wins', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-secrets-'));
  const a = loadOrCreateSecret(dir, 'a.secret');
  const b = loadOrCreateSecret(dir, 'b.secret');
  expect(a.length).toBeGreaterThanOrEqual(32);
  expect(a.equals(b)).toBe(false);
  expect(loadOrCreateSecret(dir, 'a.secret').equals(a)).toBe(true);
  expect(fs.statSync(path.join(dir, 'a.secret')).mode & 0o777).toBe(0o600);
  expect(loadOrCreateSecret(dir, 'a.secret', 'c'.repeat(40)).toString('utf8')).toBe('c'.repeat(40));
  // The WhatsApp id key is the same generator under its own file name.
  expect(loadOrCreateIdKey(dir).equals(loadOrCreateSecret(dir, ID_KEY_FILE))).toBe(true);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a secret matches only itself', () => {
  expect(sameSecret('verify-token', 'verify-token')).toBe(true);
  expect(sameSecret('verify-tokeN', 'verify-token')).toBe(false);
  expect(sameSecret('verify', 'verify-token')).toBe(false);
  expect(sameSecret('', 'verify-token')).toBe(false);
  expect(sameSecret(undefined, 'verify-token')).toBe(false);
  expect(sameSecret(['verify-token'], 'verify-token')).toBe(false);
});

test('the logger redacts the WhatsApp secrets and the signature header wherever a log call puts them', () => {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => { lines.push(line); } });
  const whatsapp = { verifyToken: 'vt-secret-1', appSecret: 'as-secret-2', accessToken: 'at-secret-3', idSecret: 'id-secret-4', phoneNumberId: '1065' };
  logger.info({ ...whatsapp }, 'top level');
  logger.info({ whatsapp }, 'one level down');
  logger.info({ config: { whatsapp } }, 'two levels down');
  logger.info({ env: { WHATSAPP_ACCESS_TOKEN: 'at-secret-3', WHATSAPP_APP_SECRET: 'as-secret-2', WHATSAPP_VERIFY_TOKEN: 'vt-secret-1', WHATSAPP_ID_SECRET: 'id-secret-4' } }, 'environment');
  logger.info({ req: { headers: { 'x-hub-signature-256': 'sha256=abcdef0123' } } }, 'request');
  const all = lines.join('\n');
  for (const secret of ['vt-secret-1', 'as-secret-2', 'at-secret-3', 'id-secret-4', 'sha256=abcdef0123']) expect(all).not.toContain(secret);
  expect(all).toContain('[redacted]');
  // What is not secret stays readable.
  expect(JSON.parse(lines[1]!).whatsapp.phoneNumberId).toBe('1065');
});
