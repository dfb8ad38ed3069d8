// WhatsApp test kit: a local stand-in for Meta's Graph API (records every send; can answer 429 or 500 first, or
// hold a request unanswered until the test releases it),
// webhook deliveries as Meta shapes them, signed or not, and the real app with WhatsApp on, pointed at the fake.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { buildApp, type App } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { signatureOf } from '../../bot/whatsapp/signature';
import { knowledgeFor } from './http';

export const PHONE_NUMBER_ID = '106540352242922';
export const ACCESS_TOKEN = 'test-access-token-that-is-long-enough';
export const APP_SECRET = 'test-app-secret-0123456789abcdef';
export const VERIFY_TOKEN = 'test-verify-token';

/** One request the bot made to the fake Graph API, and what the fake answered. */
export interface GraphRequest { path: string; authorization: string; body: Record<string, any>; status: number }

export class FakeGraph {
  /** Every request, answered or refused, in order. */
  readonly requests: GraphRequest[] = [];
  url = '';
  private server?: Server;
  private planned: { status: number; retryAfter?: string; error?: { code: number; message: string } }[] = [];
  private gates: Promise<void>[] = [];
  private counter = 0;
  /** Requests received and held, not yet answered (see `hold`). */
  held = 0;

  async start(): Promise<this> {
    const app = express();
    app.post('/:version/:phoneNumberId/messages', express.json({ limit: '1mb' }), async (req, res) => {
      const gate = this.gates.shift();
      if (gate) {
        this.held += 1;
        await gate;
        this.held -= 1;
      }
      const next = this.planned.shift();
      const status = next?.status ?? 200;
      this.requests.push({ path: req.path, authorization: req.get('authorization') ?? '', body: req.body, status });
      if (next?.retryAfter !== undefined) res.set('Retry-After', next.retryAfter);
      if (status !== 200) {
        res.status(status).json({ error: { ...(next?.error ?? { code: status === 429 ? 130429 : 1, message: 'planned failure' }), type: 'OAuthException', fbtrace_id: 'trace' } });
        return;
      }
      this.counter += 1;
      res.json({ messaging_product: 'whatsapp', contacts: [{ input: req.body.to, wa_id: req.body.to }], messages: [{ id: `wamid.sent-${this.counter}` }] });
    });
    this.server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => this.server!.once('listening', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v27.0`;
    return this;
  }

  /** The next `times` requests get `status` (with Retry-After and a Graph error body when given). */
  fail(status: number, times = 1, options: { retryAfter?: string; error?: { code: number; message: string } } = {}): void {
    for (let i = 0; i < times; i++) this.planned.push({ status, ...options });
  }

  /**
   * The next request is held without an answer until the returned function is called; then it is answered
   * (and recorded) as any other. A client that gives up meanwhile (a timeout) gets nothing.
   */
  hold(): () => void {
    let release!: () => void;
    this.gates.push(new Promise<void>((resolve) => { release = resolve; }));
    return release;
  }

  /** The bodies accepted for one recipient, in order. */
  sentTo(to: string): Record<string, any>[] {
    return this.requests.filter((r) => r.status === 200 && r.body.to === to).map((r) => r.body);
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

/** The text a person reads in a sent body: a text message's body, or an interactive message's body. */
export const readable = (body: Record<string, any>): string =>
  body.type === 'text' ? body.text.body : body.type === 'interactive' ? body.interactive.body.text : '';

/** The options of an interactive message: its buttons or list rows, as { id, title }. */
export const optionsOf = (body: Record<string, any> | undefined): { id: string; title: string }[] => {
  if (body?.type !== 'interactive') return [];
  if (body.interactive.type === 'button') return body.interactive.action.buttons.map((b: any) => b.reply);
  return body.interactive.action.sections.flatMap((s: any) => s.rows);
};

let messageCounter = 0;
const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/** A message of a WhatsApp user as Meta sends it (without the envelope); `id` and `timestamp` may be given. */
export function userMessage(from: string, content: Record<string, unknown>, options: { id?: string; timestamp?: string } = {}): Record<string, unknown> {
  messageCounter += 1;
  return {
    from,
    // Real ids embed the number too: they must never be stored or logged as they are.
    id: options.id ?? `wamid.${Buffer.from(`${from}-${messageCounter}`).toString('base64')}`,
    timestamp: options.timestamp ?? nowSeconds(),
    ...content,
  };
}

export const text = (from: string, body: string, options?: { id?: string; timestamp?: string }) =>
  userMessage(from, { type: 'text', text: { body } }, options);
export const buttonReply = (from: string, option: { id: string; title: string }) =>
  userMessage(from, { type: 'interactive', interactive: { type: 'button_reply', button_reply: option } });
export const listReply = (from: string, option: { id: string; title: string }) =>
  userMessage(from, { type: 'interactive', interactive: { type: 'list_reply', list_reply: { ...option, description: '' } } });
/** The reply a tap on `option` of the interactive message `body` sends. */
export const tap = (from: string, body: Record<string, any> | undefined, option: { id: string; title: string }) =>
  (body?.interactive?.type === 'list' ? listReply(from, option) : buttonReply(from, option));

/** A delivery (the webhook's JSON body) with these messages, statuses and contacts. */
export function delivery(messages: Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  const contacts = [...new Set(messages.map((m) => m.from))].map((waId) => ({ profile: { name: 'Test User' }, wa_id: waId }));
  return {
    object: 'whatsapp_business_account',
    entry: [{
      id: '102290129340398',
      changes: [{
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
          ...(messages.length ? { contacts, messages } : {}),
          ...extra,
        },
      }],
    }],
  };
}

/** A delivery with only the status of a message the bot sent (a failed one with Meta's error codes). */
export const statusDelivery = (recipient: string, status = 'delivered', errorCodes: number[] = []) => delivery([], {
  statuses: [{
    id: 'wamid.sent-1', status, timestamp: nowSeconds(), recipient_id: recipient, pricing: { billable: false },
    ...(errorCodes.length ? { errors: errorCodes.map((code) => ({ code, title: 'planned failure' })) } : {}),
  }],
});

/** POSTs a delivery to /api/whatsapp, signed with the app secret unless told otherwise. */
export async function postDelivery(
  botUrl: string, body: unknown, options: { signature?: string | null; raw?: string; secret?: string } = {},
): Promise<{ status: number; json: any }> {
  const raw = options.raw ?? JSON.stringify(body);
  const signature = options.signature === undefined ? signatureOf(raw, options.secret ?? APP_SECRET) : options.signature;
  const response = await fetch(`${botUrl}/api/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-hub-signature-256': signature }) },
    body: raw,
  });
  const answer = await response.text();
  let json: any = answer;
  try { json = JSON.parse(answer); } catch { /* not JSON */ }
  return { status: response.status, json };
}

export interface WhatsAppBot { url: string; app: App; dataDir: string; logs: string[]; stop(): Promise<void> }

/** The real app (real SQLite) with WhatsApp on and the Graph API at `graph`; retry delays of a millisecond. */
export async function startWhatsAppBot(graph: FakeGraph, env: Record<string, string> = {}): Promise<WhatsAppBot> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-whatsapp-'));
  const config = loadConfig({
    DATA_DIR: dataDir, LOG_LEVEL: 'info',
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN, WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID, WHATSAPP_GRAPH_URL: graph.url,
    ...env,
  });
  // Every log line is kept, so tests can check that no number, text or secret is ever written.
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => { logs.push(line); } });
  const app = buildApp(config, { logger, kb: knowledgeFor(config), graph: { baseDelayMs: 1, maxDelayMs: 50 } });
  const server = app.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, app, dataDir, logs,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}
