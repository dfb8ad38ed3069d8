// Meta delivers a message again when it did not get our 200 (and now and then anyway), so each message id is
// answered once. Seen ids are documents in the bot's store, `whatsapp/seen/<day the message was sent>/<hash>`:
// every replica reads the same store, and a restart forgets nothing. They live two days: a message older than
// the 24-hour customer-service window is never answered anyway (see the adapter), so an id older than that
// (plus a day for clocks and late redeliveries) can no longer matter, and the day in the key lets whole days
// be dropped without reading them. In front of the store, a bounded set in memory catches the same message
// arriving twice at once in this process (the store's read and write are not one step).
//
// Across replicas the store is read before it is written, so two replicas that get the same redelivery within
// the same few milliseconds could both answer; Meta's redeliveries come seconds to hours apart.
import type { DocumentStorage } from '../storage/documentStorage';

const PREFIX = 'whatsapp/seen/';
const DAY = 24 * 60 * 60 * 1000;

export interface SeenOptions {
  /** How long a seen id is kept (default two days). */
  ttlMs?: number;
  /** How many ids the in-memory set holds (default 10,000; the oldest go first). */
  memory?: number;
  now?: () => number;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export class SeenMessages {
  private readonly recent = new Set<string>();
  private readonly ttlMs: number;
  private readonly memory: number;
  private readonly now: () => number;

  constructor(private readonly storage: DocumentStorage, options: SeenOptions = {}) {
    this.ttlMs = options.ttlMs ?? 2 * DAY;
    this.memory = options.memory ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * True the first time a message id (already hashed) is claimed, false for every later claim. `sentAt` (when
   * the person sent it) picks the day the id is filed under, the same for every redelivery.
   */
  async claim(id: string, sentAt: number): Promise<boolean> {
    if (this.recent.has(id)) return false;
    this.recent.add(id);
    if (this.recent.size > this.memory) this.recent.delete(this.recent.values().next().value!);
    const key = `${PREFIX}${dayOf(sentAt)}/${id}`;
    if ((await this.storage.read([key]))[key]) return false;
    await this.storage.write({ [key]: { at: new Date(this.now()).toISOString() } });
    return true;
  }

  /** Deletes the ids of days older than the time they are kept; returns how many. */
  async purgeExpired(): Promise<number> {
    const oldest = dayOf(this.now() - this.ttlMs);
    const expired = (await this.storage.keys(PREFIX)).filter((key) => key.slice(PREFIX.length, PREFIX.length + 10) < oldest);
    for (let i = 0; i < expired.length; i += 500) await this.storage.delete(expired.slice(i, i + 500));
    return expired.length;
  }
}
