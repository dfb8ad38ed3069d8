// A WhatsApp number is personal data. Wegwijzer never stores it: conversation and user ids are a keyed hash of
// it (HMAC-SHA256), and so are message ids, because Meta's message ids ("wamid.…") carry the sender's number
// in base64. The key is WHATSAPP_ID_SECRET (several replicas must share it; production requires it), else one
// generated once into DATA_DIR for local use. It belongs in a secret store, not beside the data: numbers are
// few and predictable, so whoever holds a backup of the store and the key could hash every number and trace
// the ids back.
import { createHmac } from 'node:crypto';
import { loadOrCreateSecret } from '../secrets';

/** Where a reply goes: the phone number when WhatsApp gives it, else the business-scoped user id (BSUID). */
export interface Address { phone?: string; userId?: string }

export class NumberHasher {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('the WhatsApp id key must be at least 32 bytes');
  }

  private hash(kind: string, value: string): string {
    return createHmac('sha256', this.key).update(`${kind}:${value}`).digest('base64url').slice(0, 32);
  }

  /**
   * The conversation and user id of a sender: `wa.` and a hash of the number (digits only, so "+31 6…" and
   * "316…" are one person); a sender without a number (a WhatsApp username) by the hash of its BSUID.
   */
  idOf(address: Address): string {
    if (address.phone) return `wa.${this.hash('phone', address.phone.replace(/\D/g, ''))}`;
    if (address.userId) return `wa.${this.hash('user', address.userId)}`;
    throw new Error('a WhatsApp sender without number or user id');
  }

  /** A message id that can be stored and logged (Meta's own embeds the number). */
  messageId(wamid: string): string {
    return `wam.${this.hash('message', wamid)}`;
  }
}

/** The file in DATA_DIR that holds the generated key when WHATSAPP_ID_SECRET is not set. */
export const ID_KEY_FILE = 'whatsapp-id.secret';

/** The key: `configured` when set, else a random one generated once into `dataDir` (file mode 0600). */
export const loadOrCreateIdKey = (dataDir: string, configured?: string): Buffer => loadOrCreateSecret(dataDir, ID_KEY_FILE, configured);
