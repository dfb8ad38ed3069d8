// Transcripts for staff, in the bot's own store: every activity of a conversation, text PII-redacted, under
// `transcripts/<conversation>/<time>-<seq>`, so staff can open a conversation in the Emulator (its
// `.transcript` format is a JSON array of activities) and the retention purge can drop old ones.
import type { Activity, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';
import { redact } from '../privacy/redact';
import type { DocumentStorage } from './documentStorage';

const PREFIX = 'transcripts/';
const conversationPrefix = (conversationId: string) => `${PREFIX}${encodeURIComponent(conversationId)}/`;

/**
 * The activity as stored: the user's text redacted, without `value` (card submissions may hold anything).
 * The bot's own text is kept as sent: it comes from the knowledge base (official phone numbers must stay) and
 * anything it repeats of the user's words was redacted when it was told.
 */
export function storedActivity(activity: Partial<Activity>): Partial<Activity> {
  const { text, value: _value, ...rest } = activity as Partial<Activity> & { value?: unknown };
  const fromBot = activity.from?.role === 'bot';
  return { ...rest, ...(typeof text === 'string' ? { text: fromBot ? text : redact(text) } : {}) };
}

/**
 * Activities are buffered and written together (every `flushMs`, at 200 pending, before any read, and on
 * close): one durable write per batch instead of one per activity keeps turns fast. A crash loses at most the
 * last second of transcript, never state or a complaint (those are written directly).
 */
export class DocumentTranscriptStore implements TranscriptStore {
  private seq = 0;
  private pending: Record<string, unknown> = {};
  private count = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly storage: DocumentStorage, flushMs = 1000) {
    this.timer = setInterval(() => { void this.flush().catch(() => undefined); }, flushMs);
    this.timer.unref();
  }

  async logActivity(activity: Activity): Promise<void> {
    if (activity.type === 'typing' || activity.type === 'trace') return;
    const conversationId = activity.conversation?.id;
    if (!conversationId) return;
    const at = activity.timestamp ? new Date(activity.timestamp).getTime() : Date.now();
    this.seq = (this.seq + 1) % 1_000_000;
    const key = `${conversationPrefix(conversationId)}${String(at).padStart(15, '0')}-${String(this.seq).padStart(6, '0')}`;
    this.pending[key] = JSON.parse(JSON.stringify(storedActivity(activity)));
    if (++this.count >= 200) await this.flush();
  }

  /** Writes what is buffered now. */
  async flush(): Promise<void> {
    if (this.count === 0) return;
    const batch = this.pending;
    this.pending = {};
    this.count = 0;
    await this.storage.write(batch as Record<string, Record<string, unknown>>);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  async getTranscriptActivities(_channelId: string, conversationId: string): Promise<PagedResult<Activity>> {
    await this.flush();
    const keys = await this.storage.keys(conversationPrefix(conversationId));
    const items = await this.storage.read(keys);
    const activities = keys.flatMap((k) => {
      const item = items[k] as (Activity & { eTag?: string }) | undefined;
      if (!item) return [];
      const { eTag: _eTag, ...activity } = item;
      return [activity as Activity];
    });
    return { items: activities, continuationToken: '' };
  }

  async listTranscripts(): Promise<PagedResult<TranscriptInfo>> {
    await this.flush();
    const keys = await this.storage.keys(PREFIX);
    const byConversation = new Map<string, number>();
    for (const key of keys) {
      const [, conversation, stamp] = key.split('/');
      const at = Number(stamp?.split('-')[0] ?? 0);
      const id = decodeURIComponent(conversation ?? '');
      if (!byConversation.has(id) || at < byConversation.get(id)!) byConversation.set(id, at);
    }
    const items = [...byConversation].map(([id, at]) => ({ channelId: '', id, created: new Date(at) }))
      .sort((a, b) => b.created.getTime() - a.created.getTime());
    return { items, continuationToken: '' };
  }

  async deleteTranscript(_channelId: string, conversationId: string): Promise<void> {
    await this.storage.delete(await this.storage.keys(conversationPrefix(conversationId)));
  }
}
