// Complaints and feedback as documents in the bot's store (keys `complaints/<ref>`, `feedback/<day>/<id>`).
// Everything stored here is redacted first; nothing holds a user or conversation id.
import { randomBytes } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { AuthorityId } from '../../knowledge';
import type { Locale } from '../../locales';
import { cleanUserText, redact } from '../privacy/redact';

export interface ComplaintInput {
  /** An organisation Wegwijzer knows, or the name the person typed for another one. */
  organisation: { authority: AuthorityId } | { name: string };
  what: string;
  when: string;
  want: string;
  /** What it is about: how the person was treated, a decision, or not known. */
  kind?: 'treatment' | 'decision' | 'unknown';
  locale: Locale;
  channelId: string;
}

export interface StoredComplaint extends ComplaintInput {
  ref: string;
  createdAt: string;
}

export interface FeedbackInput {
  topic: string;
  helped: boolean;
  comment?: string;
  locale: Locale;
  channelId: string;
}

export interface Records {
  /** Stores the complaint and resolves with its reference only after the write has committed. */
  saveComplaint(complaint: ComplaintInput): Promise<string>;
  getComplaint(ref: string): Promise<StoredComplaint | undefined>;
  saveFeedback(feedback: FeedbackInput): Promise<void>;
}

/** Crockford base32 without I, L, O, U: easy to read out over the phone. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A reference such as `WW-7K3M-9PQ2`: 40 random bits, readable, no personal data in it. */
export function newReference(): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = 0; i < 8; i++) {
    code = ALPHABET[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return `WW-${code.slice(0, 4)}-${code.slice(4)}`;
}

export const complaintKey = (ref: string) => `complaints/${ref}`;

export function createRecords(storage: Storage, now: () => Date = () => new Date()): Records {
  return {
    async saveComplaint(input) {
      for (;;) {
        const ref = newReference();
        const key = complaintKey(ref);
        if ((await storage.read([key]))[key]) continue; // 1 in 10^12 per try; never reuse a reference
        const organisation = 'name' in input.organisation ? { name: redact(input.organisation.name) } : input.organisation;
        const stored: StoredComplaint = {
          ...input, organisation, what: redact(input.what), when: redact(input.when), want: redact(input.want),
          ref, createdAt: now().toISOString(),
        };
        await storage.write({ [key]: stored });
        return ref;
      }
    },
    async getComplaint(ref) {
      const key = complaintKey(ref);
      const item = (await storage.read([key]))[key] as (StoredComplaint & { eTag?: string }) | undefined;
      if (!item) return undefined;
      const { eTag: _eTag, ...complaint } = item;
      return complaint;
    },
    async saveFeedback(input) {
      const at = now();
      const key = `feedback/${at.toISOString().slice(0, 10)}/${randomBytes(8).toString('hex')}`;
      const comment = input.comment ? redact(cleanUserText(input.comment)) : undefined;
      await storage.write({ [key]: { ...input, ...(comment ? { comment } : {}), createdAt: at.toISOString() } });
    },
  };
}
