// WhatsApp's counters on /metrics: what came in, what was ignored and why, what went out, and what could not.
import { Counter, type Registry } from 'prom-client';
import type { NotSentReason } from '../delivery';
import type { IgnoredReason, InboundKind } from './schema';

/**
 * Why an incoming message or notice got no turn: not for the bot (IgnoredReason), a delivery status, already
 * answered, older than 24 hours, for another number, not matching the schema, or taken while shutting down.
 */
export type Skipped = IgnoredReason | 'status' | 'duplicate' | 'expired' | 'other_number' | 'malformed' | 'shutdown';
/** Why a reply was not sent (see bot/delivery.ts). */
export type NotSent = NotSentReason;

export interface WhatsAppMetrics {
  received(kind: InboundKind): void;
  ignored(reason: Skipped, count?: number): void;
  sent(): void;
  notSent(reason: NotSent, count?: number): void;
  sendError(status: number): void;
  /** A retry, by HTTP status (0: no connection) and Meta's error code (throttling comes as 400 with a code). */
  retry(status: number, code?: number): void;
  /** A status "failed" for a message the bot sent, by Meta's error code (delivery failed after the send). */
  deliveryFailed(code: number | undefined): void;
}

export function whatsappMetrics(registry: Registry): WhatsAppMetrics {
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames, registers: [registry] });
  const received = counter('wegwijzer_whatsapp_received_total', 'WhatsApp messages that became a turn, by kind', ['kind']);
  const ignored = counter('wegwijzer_whatsapp_ignored_total', 'WhatsApp messages and notices that got no turn, by reason', ['reason']);
  const sent = counter('wegwijzer_whatsapp_sent_total', 'Messages sent through the Graph API', []);
  const notSent = counter('wegwijzer_whatsapp_not_sent_total', 'Replies not sent, by reason', ['reason']);
  const errors = counter('wegwijzer_whatsapp_send_errors_total', 'Graph API sends that finally failed, by HTTP status (0: no answer)', ['status']);
  const retries = counter('wegwijzer_whatsapp_send_retries_total', 'Graph API sends retried, by HTTP status (0: no connection) and Meta error code (none: no code)', ['status', 'code']);
  const failed = counter('wegwijzer_whatsapp_delivery_failed_total', 'Sent messages that WhatsApp later reported as failed, by Meta error code (none: no code)', ['code']);
  return {
    received: (kind) => received.inc({ kind }),
    ignored: (reason, count = 1) => ignored.inc({ reason }, count),
    sent: () => sent.inc(),
    notSent: (reason, count = 1) => notSent.inc({ reason }, count),
    sendError: (status) => errors.inc({ status: String(status) }),
    retry: (status, code) => retries.inc({ status: String(status), code: code === undefined ? 'none' : String(code) }),
    deliveryFailed: (code) => failed.inc({ code: code === undefined ? 'none' : String(code) }),
  };
}
