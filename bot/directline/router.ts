// The Direct Line 3.0 subset that Bot Framework Web Chat (polling) uses, served by the bot itself, and the
// connector endpoint where the bot posts its replies for those conversations. For one instance, no cloud.
import express, { type Request, type Response, type Router } from 'express';
import type { Activity, ActivityHandler, CloudAdapter } from 'botbuilder';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../logger';
import { RateLimiter } from './rateLimiter';
import type { DirectLineStore } from './store';
import type { TokenClaims, TokenService } from './tokens';

export const BOT_ACCOUNT = { id: 'wegwijzer', name: 'Wegwijzer', role: 'bot' } as const;

export interface DirectLineLimits { perIp: RateLimiter; tokensPerIp: RateLimiter; postsPerToken: RateLimiter; pollsPerToken: RateLimiter }

export const defaultLimits = (): DirectLineLimits => ({
  perIp: new RateLimiter(1200, 60_000),
  tokensPerIp: new RateLimiter(30, 60_000),
  postsPerToken: new RateLimiter(30, 60_000),
  pollsPerToken: new RateLimiter(300, 60_000),
});

export interface DirectLineDeps {
  tokens: TokenService;
  store: DirectLineStore;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  limits?: DirectLineLimits;
}

const StartBody = z.looseObject({
  user: z.looseObject({ id: z.string().max(128).optional(), name: z.string().max(128).optional() }).optional(),
  locale: z.string().max(20).optional(),
}).optional();

const ClientActivity = z.looseObject({
  type: z.enum(['message', 'event', 'typing']),
  text: z.string().max(5000).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(20).optional(),
  localTimestamp: z.string().max(64).optional(),
  localTimezone: z.string().max(64).optional(),
  name: z.string().max(128).optional(),
  value: z.unknown().optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
  attachments: z.array(z.unknown()).max(0, { error: 'attachments are not accepted' }).optional(),
});

const reject = (res: Response, status: number, code: string, message: string) => {
  res.status(status).json({ error: { code, message } });
};

const clientIp = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** The bot posts its replies here (loopback), so the serviceUrl is this server seen from itself. */
function selfUrl(req: Request): string {
  const port = req.socket.localPort;
  return req.socket.localFamily === 'IPv6' && req.socket.localAddress !== '::ffff:127.0.0.1'
    ? `http://[::1]:${port}` : `http://127.0.0.1:${port}`;
}

const isLoopback = (address: string | undefined) =>
  !!address && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));

export function directLineRouter(deps: DirectLineDeps): Router {
  const { tokens, store, logger } = deps;
  const limits = deps.limits ?? defaultLimits();
  const router = express.Router();
  router.use(express.json({ limit: '32kb' }));
  router.use((req, res, next) => {
    if (!limits.perIp.take(clientIp(req))) return reject(res, 429, 'TooManyRequests', 'too many requests');
    next();
  });

  /** The token's claims, or a 401/403 answer; `conversationId` must match when given. */
  const authorize = (req: Request, res: Response, conversationId?: string): TokenClaims | undefined => {
    const header = req.get('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const verified = tokens.verify(token);
    if (!verified.ok) {
      if (verified.reason === 'expired') reject(res, 403, 'TokenExpired', 'token expired');
      else reject(res, 401, 'BadArgument', 'missing or invalid token');
      return undefined;
    }
    if (conversationId !== undefined && verified.claims.conversationId !== conversationId) {
      reject(res, 403, 'Forbidden', 'this token is for another conversation');
      return undefined;
    }
    if (!store.has(verified.claims.conversationId)) {
      reject(res, 404, 'NotFound', 'conversation ended');
      return undefined;
    }
    return verified.claims;
  };

  /** Runs one activity through the same adapter and bot as /api/messages; replies arrive at the sink. */
  const toBot = async (req: Request, claims: TokenClaims, activity: Record<string, unknown>) => {
    const full = {
      ...activity,
      channelId: 'webchat',
      serviceUrl: selfUrl(req),
      conversation: { id: claims.conversationId },
      from: { id: claims.userId, role: 'user' },
      recipient: BOT_ACCOUNT,
      timestamp: new Date().toISOString(),
    } as unknown as Activity;
    await deps.adapter.processActivityDirect('', full, (context) => deps.bot.run(context));
  };

  router.post('/tokens/generate', (req, res) => {
    if (!limits.tokensPerIp.take(clientIp(req))) return reject(res, 429, 'TooManyRequests', 'too many requests');
    const userId = `u_${randomBytes(9).toString('base64url')}`;
    const conversationId = store.create(userId);
    res.json({ conversationId, userId, ...tokens.issue(conversationId, userId) });
  });

  router.post('/tokens/refresh', (req, res) => {
    const claims = authorize(req, res);
    if (!claims) return;
    res.json({ conversationId: claims.conversationId, ...tokens.issue(claims.conversationId, claims.userId) });
  });

  router.post('/conversations', async (req, res) => {
    const claims = authorize(req, res);
    if (!claims) return;
    const body = StartBody.safeParse(req.body);
    if (!body.success) return reject(res, 400, 'BadArgument', 'invalid body');
    if (store.start(claims.conversationId)) {
      try {
        await toBot(req, claims, {
          type: 'conversationUpdate',
          membersAdded: [{ id: claims.userId, role: 'user' }, BOT_ACCOUNT],
          ...(body.data?.locale ? { locale: body.data.locale } : {}),
        });
      } catch (error) {
        logger.warn({ err: { message: (error as Error).message } }, 'direct line: greeting failed');
      }
    }
    res.status(201).json({ conversationId: claims.conversationId, ...tokens.issue(claims.conversationId, claims.userId) });
  });

  router.get('/conversations/:id', (req, res) => {
    const claims = authorize(req, res, req.params.id);
    if (!claims) return;
    res.json({ conversationId: claims.conversationId, ...tokens.issue(claims.conversationId, claims.userId) });
  });

  router.get('/conversations/:id/activities', (req, res) => {
    const claims = authorize(req, res, req.params.id);
    if (!claims) return;
    if (!limits.pollsPerToken.take(claims.conversationId)) return reject(res, 429, 'TooManyRequests', 'polling too fast');
    const raw = typeof req.query.watermark === 'string' ? req.query.watermark : '';
    const watermark = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
    res.json(store.since(claims.conversationId, watermark));
  });

  router.post('/conversations/:id/activities', async (req, res) => {
    const claims = authorize(req, res, req.params.id);
    if (!claims) return;
    if (!limits.postsPerToken.take(claims.conversationId)) return reject(res, 429, 'TooManyRequests', 'too many messages');
    const parsed = ClientActivity.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return reject(res, 400, 'BadArgument', `invalid activity: ${issue?.path.join('.') || 'body'} ${issue?.message ?? ''}`.trim());
    }
    const { type, text, textFormat, locale, localTimestamp, localTimezone, name, value, channelData, entities } = parsed.data;
    const activity = Object.fromEntries(Object.entries({
      type, text, textFormat, locale, localTimestamp, localTimezone, name, value, channelData, entities,
    }).filter(([, v]) => v !== undefined));
    // Web Chat waits for its own activity to come back with its clientActivityID before it shows "sent".
    const echoed = store.append(claims.conversationId, {
      ...activity,
      from: { id: claims.userId, role: 'user' },
      conversation: { id: claims.conversationId },
      timestamp: new Date().toISOString(),
      channelId: 'webchat',
    });
    if (!echoed) return reject(res, 404, 'NotFound', 'conversation ended');
    try {
      await toBot(req, claims, { ...activity, id: echoed.id });
    } catch (error) {
      logger.error({ err: { message: (error as Error).message } }, 'direct line: bot turn failed');
      return reject(res, 502, 'ServiceError', 'the bot could not be reached');
    }
    res.json({ id: echoed.id });
  });

  return router;
}

/** Where the bot's connector posts replies for local Direct Line conversations (loopback only). */
export function connectorSink(deps: Pick<DirectLineDeps, 'store'>): Router {
  const router = express.Router();
  router.use(express.json({ limit: '256kb' }));
  const accept = (req: Request, res: Response) => {
    if (!isLoopback(req.socket.remoteAddress)) return reject(res, 403, 'Forbidden', 'replies are accepted from this server only');
    const conversationId = String(req.params.conversationId);
    const body = req.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || typeof body.type !== 'string') return reject(res, 400, 'BadArgument', 'invalid activity');
    const stored = deps.store.append(conversationId, {
      ...body,
      from: BOT_ACCOUNT,
      conversation: { id: conversationId },
      timestamp: new Date().toISOString(),
    });
    if (!stored) return reject(res, 404, 'NotFound', 'unknown conversation');
    res.json({ id: stored.id });
  };
  router.post('/:conversationId/activities', accept);
  router.post('/:conversationId/activities/:replyToId', accept);
  return router;
}
