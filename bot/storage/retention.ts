// The retention purge: transcripts, analytics, feedback and idle conversation and user state older than
// RETENTION_DAYS are deleted; complaints after COMPLAINT_RETENTION_DAYS. Runs at start-up and once a day.
import type { Logger } from '../logger';
import type { DocumentStorage } from './documentStorage';

const DAY = 24 * 60 * 60 * 1000;

export interface RetentionPolicy { retentionDays: number; complaintRetentionDays: number }

export async function purge(storage: DocumentStorage, policy: RetentionPolicy, now = new Date()): Promise<{ deleted: number; complaints: number }> {
  const old = (await storage.modifiedBefore(new Date(now.getTime() - policy.retentionDays * DAY)))
    .filter((key) => !key.startsWith('complaints/'));
  const oldComplaints = (await storage.modifiedBefore(new Date(now.getTime() - policy.complaintRetentionDays * DAY)))
    .filter((key) => key.startsWith('complaints/'));
  for (let i = 0; i < old.length; i += 500) await storage.delete(old.slice(i, i + 500));
  if (oldComplaints.length) await storage.delete(oldComplaints);
  return { deleted: old.length, complaints: oldComplaints.length };
}

/** Purges now and then every day; returns a stop function. */
export function schedulePurge(storage: DocumentStorage, policy: RetentionPolicy, logger: Logger): () => void {
  const run = () => purge(storage, policy)
    .then((result) => { if (result.deleted || result.complaints) logger.info(result, 'retention purge'); })
    .catch((error: Error) => logger.warn({ err: { message: error.message } }, 'retention purge failed'));
  void run();
  const timer = setInterval(run, DAY);
  timer.unref();
  return () => clearInterval(timer);
}
