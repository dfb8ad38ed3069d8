// Secrets Wegwijzer keeps or compares: a key generated once into DATA_DIR when none is configured, and a
// constant-time comparison of a given secret with the expected one.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A key: `configured` when set, else a random one generated once into `dataDir/fileName` (file mode 0600) and
 * read back on every later start, so what it signs or hashes stays valid across restarts of one deployment.
 */
export function loadOrCreateSecret(dataDir: string, fileName: string, configured?: string): Buffer {
  if (configured) return Buffer.from(configured, 'utf8');
  const file = path.join(dataDir, fileName);
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48);
  fs.writeFileSync(file, secret.toString('base64url'), { mode: 0o600 });
  return secret;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * True when `given` is the expected secret. Both are hashed first, so the comparison takes the same time
 * whatever the lengths, and runs in constant time (no guessing character by character).
 */
export const sameSecret = (given: unknown, expected: string): boolean =>
  typeof given === 'string' && given.length > 0 && timingSafeEqual(digest(given), digest(expected));
