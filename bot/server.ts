// The HTTP surface: /api/messages through the CloudAdapter, health and readiness. Testable without listening.
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { Config } from './config';
import type { Logger } from './logger';
import { describeActivityError, InboundActivity } from './activitySchema';
import { isAllowedServiceUrl } from './serviceUrlPolicy';
import { connectorSink, directLineRouter, type DirectLineDeps } from './directline/router';
import { directLineCors, webRouter } from './web';

export interface ServerDeps {
  config: Config;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  /** True once knowledge and storage are loaded. */
  isReady: () => boolean;
  /** The local Direct Line (anonymous mode only); without it the widget must use Azure's Direct Line. */
  directLine?: Omit<DirectLineDeps, 'adapter' | 'bot' | 'logger'>;
  /** More routes (staff tools, metrics), mounted before the 404. */
  routers?: express.Router[];
}

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

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    if (deps.isReady()) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'starting' });
  });

  app.post('/api/messages', express.json({ limit: MAX_BODY }), async (req: Request, res: Response) => {
    if (!req.is('application/json')) return reject(res, 415, 'Content-Type must be application/json');
    const parsed = InboundActivity.safeParse(req.body);
    if (!parsed.success) return reject(res, 400, describeActivityError(parsed.error));
    if (anonymous && !isAllowedServiceUrl(parsed.data.serviceUrl, config.allowedServiceUrls)) {
      return reject(res, 400, 'serviceUrl is not allowed: without an app id only loopback or ALLOWED_SERVICE_URLS');
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
