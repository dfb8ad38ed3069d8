// The webhook Meta calls. GET /api/whatsapp: the subscription handshake (the challenge echoed when the verify
// token matches). POST /api/whatsapp: deliveries, accepted only with a valid X-Hub-Signature-256 over the raw
// body (401 before anything is parsed or run), then checked by zod (400 for an envelope that is not Meta's;
// single odd messages are skipped and counted, see ./schema.ts), answered 200 at once and processed after the
// response (Meta waits only a few seconds and delivers again when it gets no 200).
//
// Rate limits: Meta posts every message and every delivery status (several per reply) from a few shared
// addresses, so a valid delivery is not counted against the per-address limit (the server leaves this path
// to us). Only deliveries that fail the signature are counted, per address: guessing gets 429.
// Shutdown: while the server drains, deliveries get 503 and are not taken; Meta delivers them again later, to
// this replica when it is back or to another one (their messages are not yet claimed, so they are answered).
import express, { type Router } from 'express';
import type { Logger } from '../logger';
import { RateLimiter } from '../directline/rateLimiter';
import { sameSecret } from '../secrets';
import { parseDelivery, type Delivery } from './schema';
import { isSignedBy } from './signature';

export const WHATSAPP_PATH = '/api/whatsapp';

/**
 * Largest delivery accepted. Meta's webhook payloads are at most 3 MB (a batch of messages and statuses); a
 * larger body cannot be Meta's. The signature is checked on the whole body, so it must be read whole.
 */
export const WHATSAPP_MAX_BODY = '3mb';

export interface WhatsAppRouterDeps {
  verifyToken: string;
  appSecret: string;
  logger: Logger;
  /** Takes a checked delivery; must return at once (processing happens after the response). */
  receive(delivery: Delivery): void;
  /** True while the server shuts down: deliveries get 503 (default: never). */
  draining?: () => boolean;
  /** Deliveries with a missing or wrong signature, per client address (default 30 a minute). */
  signatureFailures?: RateLimiter;
}

export function whatsappRouter(deps: WhatsAppRouterDeps): Router {
  const router = express.Router();
  const failures = deps.signatureFailures ?? new RateLimiter(30, 60_000);

  router.get(WHATSAPP_PATH, (req, res) => {
    const mode = req.query['hub.mode'];
    const challenge = req.query['hub.challenge'];
    if (mode === 'subscribe' && sameSecret(req.query['hub.verify_token'], deps.verifyToken) && typeof challenge === 'string') {
      res.status(200).type('text/plain').send(challenge);
      return;
    }
    res.status(403).json({ error: 'forbidden' });
  });

  // The raw bytes, whatever the content type: the signature is over them, not over parsed JSON. `inflate`
  // stays on: Meta's documentation describes no compressed deliveries, and a sender that compresses signs the
  // JSON it compressed (the HMAC is then over the decoded bytes, which is what is checked here). Refusing a
  // Content-Encoding instead would turn every such delivery into an error that Meta retries for days. The
  // size limit applies to the decoded body.
  router.post(WHATSAPP_PATH, express.raw({ type: () => true, limit: WHATSAPP_MAX_BODY, inflate: true }), (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!isSignedBy(raw, req.get('x-hub-signature-256'), deps.appSecret)) {
      if (!failures.take(req.ip ?? 'unknown')) {
        res.set('Retry-After', '60').status(429).json({ error: 'too many requests' });
        return;
      }
      res.status(401).json({ error: 'missing or invalid X-Hub-Signature-256' });
      return;
    }
    if (deps.draining?.()) {
      res.set('Retry-After', '30').status(503).json({ error: 'shutting down; deliver again later' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      res.status(400).json({ error: 'request body is not valid JSON' });
      return;
    }
    const parsed = parseDelivery(body);
    if (!parsed.ok) {
      deps.logger.warn({ reason: parsed.error }, 'WhatsApp delivery refused');
      res.status(400).json({ error: parsed.error });
      return;
    }
    res.status(200).json({ status: 'received' });
    deps.receive(parsed.delivery);
  });

  return router;
}
