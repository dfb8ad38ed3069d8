// The local Direct Line's conversations: each an ordered list of activities read by watermark. In memory:
// the local Direct Line is for one instance (production uses Azure Bot Service's Direct Line).
import { randomBytes } from 'node:crypto';

export interface StoredActivity extends Record<string, unknown> { id: string }

interface Conversation {
  id: string;
  userId: string;
  activities: StoredActivity[];
  started: boolean;
  touchedAt: number;
}

export interface StoreLimits {
  /** Conversations kept; the least recently used is dropped beyond this. */
  maxConversations: number;
  /** Activities kept per conversation; the oldest are dropped beyond this (the watermark keeps counting). */
  maxActivities: number;
  /** A conversation untouched this long is forgotten. */
  idleMs: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = { maxConversations: 10_000, maxActivities: 500, idleMs: 24 * 60 * 60 * 1000 };

export class DirectLineStore {
  private readonly conversations = new Map<string, Conversation & { dropped: number }>();

  constructor(private readonly limits: StoreLimits = DEFAULT_STORE_LIMITS, private readonly now: () => number = Date.now) {}

  create(userId: string): string {
    this.sweep();
    const id = randomBytes(12).toString('base64url');
    this.conversations.set(id, { id, userId, activities: [], started: false, touchedAt: this.now(), dropped: 0 });
    return id;
  }

  has(id: string): boolean {
    return this.touch(id) !== undefined;
  }

  /** Marks the conversation started; true the first time (then the bot is told a user joined). */
  start(id: string): boolean {
    const conversation = this.touch(id);
    if (!conversation || conversation.started) return false;
    conversation.started = true;
    return true;
  }

  /** Appends an activity and returns its id (`<conversation>|<sequence>`). */
  append(id: string, activity: Record<string, unknown>): StoredActivity | undefined {
    const conversation = this.touch(id);
    if (!conversation) return undefined;
    const sequence = conversation.dropped + conversation.activities.length;
    const stored: StoredActivity = { ...activity, id: `${id}|${String(sequence).padStart(7, '0')}` };
    conversation.activities.push(stored);
    if (conversation.activities.length > this.limits.maxActivities) {
      conversation.activities.shift();
      conversation.dropped += 1;
    }
    return stored;
  }

  /** Activities after `watermark` (a count of activities already read) and the new watermark. */
  since(id: string, watermark: number): { activities: StoredActivity[]; watermark: string } | undefined {
    const conversation = this.touch(id);
    if (!conversation) return undefined;
    const total = conversation.dropped + conversation.activities.length;
    const from = Math.max(0, Math.min(watermark, total) - conversation.dropped);
    return { activities: conversation.activities.slice(from), watermark: String(total) };
  }

  get size(): number {
    return this.conversations.size;
  }

  private touch(id: string) {
    const conversation = this.conversations.get(id);
    if (!conversation) return undefined;
    if (this.now() - conversation.touchedAt > this.limits.idleMs) {
      this.conversations.delete(id);
      return undefined;
    }
    conversation.touchedAt = this.now();
    // Re-insert so Map order is least recently used first.
    this.conversations.delete(id);
    this.conversations.set(id, conversation);
    return conversation;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, c] of this.conversations) if (now - c.touchedAt > this.limits.idleMs) this.conversations.delete(id);
    while (this.conversations.size >= this.limits.maxConversations) {
      const oldest = this.conversations.keys().next().value;
      if (oldest === undefined) break;
      this.conversations.delete(oldest);
    }
  }
}
