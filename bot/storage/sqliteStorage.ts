// botbuilder Storage on one SQLite file: WAL journal, full sync, and eTag optimistic concurrency.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { StoreItems } from 'botbuilder';
import type { DocumentStorage } from './documentStorage';

interface Row { key: string; value: string; etag: string }

/** SQLite's page cache per connection, in KiB. */
const PAGE_CACHE_KIB = 4096;

/** Thrown when a write carries an eTag that no longer matches the stored document. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/**
 * Stores bot state (and, later, complaints and feedback) as JSON documents keyed like botbuilder's
 * MemoryStorage. A write with an eTag that differs from the stored one is rejected, as botbuilder expects;
 * `*` or no eTag overwrites. All changes of one `write` commit together or not at all.
 */
export class SqliteStorage implements DocumentStorage {
  private readonly db: Database.Database;
  private readonly selectOne: Database.Statement<[string], Row>;
  private readonly selectETag: Database.Statement<[string], { etag: string }>;
  private readonly upsert: Database.Statement<[string, string, string, number]>;
  private readonly remove: Database.Statement<[string]>;
  private counter = 0;

  /** `now` is the clock for `updated_at` (tests of the retention purge move it). */
  constructor(readonly file: string, private readonly now: () => number = Date.now) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // FULL: a committed write survives power loss; a complaint is acknowledged only after commit.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    // Reads are single rows by key: a small page cache is enough, and the operating system caches the file. The
    // driver's default (16 MB) grows with the file and showed up in the memory benchmark.
    this.db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    this.db.exec(`CREATE TABLE IF NOT EXISTS documents (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      etag TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    )`);
    this.selectOne = this.db.prepare('SELECT key, value, etag FROM documents WHERE key = ?');
    this.selectETag = this.db.prepare('SELECT etag FROM documents WHERE key = ?');
    this.upsert = this.db.prepare(`INSERT INTO documents (key, value, etag, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT(key) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at`);
    this.remove = this.db.prepare('DELETE FROM documents WHERE key = ?');
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.selectOne.get(key);
      if (row) items[key] = { ...JSON.parse(row.value), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const apply = this.db.transaction((entries: [string, Record<string, unknown>][]) => {
      for (const [key, item] of entries) {
        const { eTag, ...value } = item;
        const existing = this.selectETag.get(key);
        if (existing && typeof eTag === 'string' && eTag !== '*' && eTag !== existing.etag) {
          throw new ETagConflictError(key);
        }
        this.upsert.run(key, JSON.stringify(value), this.nextETag(), this.now());
      }
    });
    apply(Object.entries(changes ?? {}) as [string, Record<string, unknown>][]);
  }

  async delete(keys: string[]): Promise<void> {
    const apply = this.db.transaction((all: string[]) => { for (const key of all) this.remove.run(key); });
    apply(keys);
  }

  /** Keys that start with `prefix`, e.g. `complaints/`. */
  async keys(prefix: string): Promise<string[]> {
    const rows = this.db.prepare('SELECT key FROM documents WHERE key >= ? AND key < ? ORDER BY key')
      .all(prefix, `${prefix}\uffff`) as { key: string }[];
    return rows.map((r) => r.key);
  }

  async modifiedBefore(cutoff: Date): Promise<string[]> {
    const rows = this.db.prepare('SELECT key FROM documents WHERE updated_at < ? ORDER BY key').all(cutoff.getTime()) as { key: string }[];
    return rows.map((r) => r.key);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private nextETag(): string {
    this.counter = (this.counter + 1) % 1_000_000;
    return `${Date.now().toString(36)}-${process.pid.toString(36)}-${this.counter.toString(36)}`;
  }
}
