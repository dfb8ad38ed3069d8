// The store behind everything Wegwijzer keeps: botbuilder's Storage (read/write with eTags, delete) plus listing
// by key prefix, which complaints, feedback, analytics, transcripts and the retention purge need.
import type { Storage } from 'botbuilder';

export interface DocumentStorage extends Storage {
  /** Keys that start with `prefix`, e.g. `complaints/`, in key order. */
  keys(prefix: string): Promise<string[]>;
  /** Keys of documents last written before `cutoff` (for the retention purge). */
  modifiedBefore(cutoff: Date): Promise<string[]>;
  close(): Promise<void> | void;
}

/** True when `error` is an eTag conflict from any of our stores (or botbuilder's own). */
export const isETagConflict = (error: unknown): boolean => /eTag conflict/i.test(String((error as Error)?.message ?? ''));
