// The HTTP surface: /api/messages through the CloudAdapter, health and readiness. Testable without listening.
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import helmet from 'helmet';
import { RateLimiter } from './directline/rateLimiter';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { Config } from './config';
import type { Logger } from './logger';
import { describeActivityError, InboundActivity } from './activitySchema';
import { isAllowedServiceUrl } from './serviceUrlPolicy';
import type { Authenticate } from './adapter';
import { connectorSink, directLineRouter, type DirectLineDeps } from './directline/router';
import { directLineCors, webRouter } from './web';

export interface ServerDeps {
  config: Config;
  adapter: CloudAdapter;
  /** Token check before the adapter (which answers some forged tokens with 500); with an app id only. */
  authenticate?: Authenticate;
  bot: ActivityHandler;
  logger: Logger;
  /** True once knowledge and storage are loaded. */
  isReady: () => boolean;
  /** The local Direct Line (anonymous mode only); without it the widget must use Azure's Direct Line. */
  directLine?: Omit<DirectLineDeps, 'adapter' | 'bot' | 'logger'>;
  /** More routes (staff tools, metrics), mounted before the 404. */
  routers?: express.Router[];
  /**
   * POST paths among `routers` that limit their own callers, left out of the per-IP limit (WhatsApp's webhook:
   * Meta posts every message and status from a few shared addresses; it counts only unsigned posts itself).
   */
  selfLimitedPosts?: string[];
  /** Request limits (tests pass small ones). */
  limits?: ServerLimits;
}

export interface ServerLimits {
  /** Every route, per client IP (not /api/messages with an app id: Azure's channels share few addresses). */
  perIp: RateLimiter;
  /** /api/messages, per conversation: a flood in one conversation cannot starve the others. */
  perConversation: RateLimiter;
}

export const defaultServerLimits = (perIpPerMinute = 1200, perConversationPerMinute = 120): ServerLimits => ({
  perIp: new RateLimiter(perIpPerMinute, 60_000),
  perConversation: new RateLimiter(perConversationPerMinute, 60_000),
});

/** Largest accepted request body on /api/messages. */
export const MAX_BODY = '256kb';

const reject = (res: Response, status: number, error: string) => {
  res.status(status).json({ error });
};

export function createServer(deps: ServerDeps): express.Express {
  const { config, adapter, bot, logger } = deps;
  const anonymous = !config.auth.appId;
  const app = express();
  app.disable('x-powered-by');
  if (config.trustProxy) app.set('trust proxy', config.trustProxy);
  const limits = deps.limits ?? defaultServerLimits(config.rateLimitPerMinute, config.rateLimitConversationPerMinute);
  const widgetAncestors = ["'self'", ...config.allowedOrigins];

  // Security headers. The pages load only their own scripts and styles (Web Chat injects styles, hence
  // 'unsafe-inline' for styles only); only the widget frame may be embedded, and only by ALLOWED_ORIGINS.
  app.use(helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'"],
        'frame-ancestors': [(req) => ((req as Request).path === '/widget' ? widgetAncestors.join(' ') : "'self'")],
        'form-action': ["'self'"],
        // Local and test servers speak plain HTTP; behind TLS in production the proxy's HSTS applies.
        'upgrade-insecure-requests': config.env === 'production' ? [] : null,
      },
    },
    // frame-ancestors above decides embedding; X-Frame-Options cannot allow a list of sites.
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    // /widget.js is loaded by municipal sites on other origins.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    strictTransportSecurity: config.env === 'production',
  }));
  app.use((req, res, next) => {
    // Health checks are the platform's; Azure Bot Service posts from few shared addresses, so authenticated
    // channel traffic is limited per conversation instead.
    if (req.path === '/healthz' || req.path === '/readyz' || (req.path === '/api/messages' && req.method === 'POST' && !anonymous)) return next();
    if (req.method === 'POST' && deps.selfLimitedPosts?.includes(req.path)) return next();
    if (limits.perIp.take(req.ip ?? 'unknown')) return next();
    res.set('Retry-After', '60');
    reject(res, 429, 'too many requests');
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    if (deps.isReady()) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'starting' });
  });

  // The Agents Playground and health probes look at the endpoint before they post: it is there (HEAD is
  // answered by this route too, without a body). Activities are POSTed.
  app.get('/api/messages', (_req, res) => {
    res.set('Allow', 'GET, HEAD, POST').json({ status: 'ok', post: 'Bot Framework activities' });
  });

  app.post('/api/messages', express.json({ limit: MAX_BODY }), async (req: Request, res: Response) => {
    if (!req.is('application/json')) return reject(res, 415, 'Content-Type must be application/json');
    const parsed = InboundActivity.safeParse(req.body);
    if (!parsed.success) return reject(res, 400, describeActivityError(parsed.error));
    if (anonymous && !isAllowedServiceUrl(parsed.data.serviceUrl, config.allowedServiceUrls)) {
      return reject(res, 400, 'serviceUrl is not allowed: without an app id only loopback or ALLOWED_SERVICE_URLS');
    }
    if (!limits.perConversation.take(`${parsed.data.channelId}/${parsed.data.conversation.id}`)) {
      res.set('Retry-After', '60');
      return reject(res, 429, 'too many messages in this conversation');
    }
    if (!anonymous && deps.authenticate) {
      try {
        await deps.authenticate(req.body, req.get('authorization') ?? '');
      } catch (error) {
        // The Bot Framework's keys could not be fetched: our problem, not the caller's; say so without details.
        if (/request to https?:|Failed to load|ENOTFOUND|ECONNREFUSED|ETIMEDOUT/i.test(String((error as Error)?.message))) {
          logger.warn({ err: { message: (error as Error).message } }, 'cannot reach the Bot Framework key service');
          return reject(res, 503, 'authentication service unavailable');
        }
        return reject(res, 401, 'unauthorized');
      }
    }
    await adapter.process(req, res, (context) => bot.run(context));
  });

  if (deps.directLine) {
    const dl = { ...deps.directLine, adapter, bot, logger };
    app.use('/v3/directline', directLineCors(config), directLineRouter(dl));
    app.use('/v3/conversations', connectorSink(dl));
  }
  app.use(webRouter(config));
  for (const router of deps.routers ?? []) app.use(router);

  app.use((_req, res) => reject(res, 404, 'not found'));

  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    const status = typeof err?.status === 'number' ? err.status : typeof err?.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const reason = err?.type === 'entity.too.large' ? `request body is larger than ${typeof err.limit === 'number' ? `${Math.round(err.limit / 1024)} KB` : MAX_BODY}`
        : err?.type === 'entity.parse.failed' ? 'request body is not valid JSON'
          : 'bad request';
      if (!res.headersSent) reject(res, status, reason);
      return;
    }
    const ref = randomUUID().slice(0, 8);
    logger.error({ ref, path: req.path, err: { message: err?.message, stack: err?.stack } }, 'request failed');
    if (!res.headersSent) reject(res, 500, `internal error (ref ${ref})`);
  };
  app.use(onError);
  return app;
}
