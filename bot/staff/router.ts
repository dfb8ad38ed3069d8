// Staff tools, only when STAFF_TOKEN is set: the dashboard page, its JSON and CSV API, transcripts in the
// Emulator's format, and /metrics. The API wants `Authorization: Bearer <token>`, compared in constant time.
import { createHash } from 'node:crypto';
import path from 'node:path';
import express, { type Router } from 'express';
import { z } from 'zod';
import type { Registry } from 'prom-client';
import { RateLimiter } from '../directline/rateLimiter';
import { sameSecret } from '../secrets';
import { PROJECT_ROOT } from '../../knowledge/paths';
import type { DocumentStorage } from '../storage/documentStorage';
import type { StoredComplaint } from '../storage/records';
import type { DocumentTranscriptStore } from '../storage/transcriptStore';
import type { AnalyticsEvent } from '../middleware/analytics';
import { LOCALES } from '../../locales';
import { evalItemsYaml, labelKey, NEW_TOPIC, OUT_OF_SCOPE, summarize, toCsv, type StoredFeedback, type StoredLabel, type Summary } from './summary';

const WEB_DIR = path.join(PROJECT_ROOT, 'web');

/**
 * Express middleware: 401 unless the request carries the bearer token (hashes compared in constant time);
 * after 10 wrong tokens in a minute from one address, 429 (no guessing).
 */
export function requireToken(token: string, failures = new RateLimiter(10, 60_000)): express.RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (sameSecret(given, token)) return next();
    if (!failures.take(req.ip ?? 'unknown')) {
      res.set('Retry-After', '60').status(429).json({ error: 'too many requests' });
      return;
    }
    res.set('WWW-Authenticate', 'Bearer').status(401).json({ error: 'unauthorized', message: 'Send the staff token as "Authorization: Bearer <token>".' });
  };
}

async function readAll<T>(storage: DocumentStorage, prefix: string, filter: (key: string) => boolean = () => true): Promise<T[]> {
  const keys = (await storage.keys(prefix)).filter(filter);
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += 500) {
    const items = await storage.read(keys.slice(i, i + 500));
    for (const key of keys.slice(i, i + 500)) {
      const item = items[key] as (T & { eTag?: string }) | undefined;
      if (item) { const { eTag: _e, ...rest } = item; out.push(rest as T); }
    }
  }
  return out;
}

const Query = z.strictObject({ weeks: z.coerce.number().int().min(1).max(52).default(8) });
const EXPORTS: Record<string, { rows: (s: Summary) => Record<string, unknown>[]; columns: string[] }> = {
  unanswered: { rows: (s) => s.unanswered, columns: ['question', 'locale', 'count', 'outcome', 'lastAt', 'label'] },
  feedback: { rows: (s) => s.feedback, columns: ['topic', 'helped', 'notHelped', 'comments'] },
  complaints: { rows: (s) => s.complaints, columns: ['week', 'organisation', 'kind', 'count'] },
  languages: { rows: (s) => s.languages, columns: ['locale', 'count'] },
  weeks: { rows: (s) => s.turnsPerWeek, columns: ['week', 'answer', 'choose', 'fallback', 'authority', 'guide'] },
};

export interface StaffEntry { id: string; title: string; authority: string }

/** A label for one unanswered question; an empty label removes it. */
const LabelBody = z.strictObject({
  question: z.string().min(1).max(2000),
  locale: z.enum(LOCALES),
  label: z.string().max(100),
});
const labelDocument = (locale: string, question: string) => `labels/${createHash('sha256').update(labelKey(locale, question)).digest('hex').slice(0, 40)}`;

export interface StaffDeps {
  token: string;
  storage: DocumentStorage;
  transcripts: DocumentTranscriptStore;
  registry: Registry;
  /** The knowledge entries staff can label a question with (id, Dutch title, organisation). */
  entries: readonly StaffEntry[];
  /** Writes buffered analytics first, so the figures include the last seconds. */
  flush(): Promise<void>;
  now?: () => Date;
}

export function staffRouter(deps: StaffDeps): Router {
  const router = express.Router();
  const auth = requireToken(deps.token);

  const summary = async (weeks: number) => {
    await deps.flush();
    const now = deps.now?.() ?? new Date();
    const since = new Date(now.getTime() - weeks * 7 * 86_400_000).toISOString().slice(0, 10);
    const recent = (key: string) => (key.split('/')[1] ?? '') >= since;
    const [analytics, feedback, complaints, labels] = await Promise.all([
      readAll<AnalyticsEvent>(deps.storage, 'analytics/', recent),
      readAll<StoredFeedback>(deps.storage, 'feedback/', recent),
      readAll<StoredComplaint>(deps.storage, 'complaints/'),
      readAll<StoredLabel>(deps.storage, 'labels/'),
    ]);
    return summarize({ analytics, feedback, complaints, labels }, now, weeks);
  };
  const parseQuery = (query: unknown, res: express.Response) => {
    const parsed = Query.safeParse(query);
    if (!parsed.success) res.status(400).json({ error: 'bad query', message: z.prettifyError(parsed.error) });
    return parsed.success ? parsed.data : undefined;
  };

  router.get('/staff', (_req, res) => {
    res.set('Cache-Control', 'no-store').sendFile(path.join(WEB_DIR, 'staff.html'));
  });
  router.get('/staff/api/summary', auth, async (req, res) => {
    const query = parseQuery(req.query, res);
    if (query) res.set('Cache-Control', 'no-store').json(await summary(query.weeks));
  });
  router.get('/staff/api/export/:file', auth, async (req, res) => {
    const name = String(req.params.file).replace(/\.csv$/, '');
    const spec = EXPORTS[name];
    if (!spec) return res.status(404).json({ error: 'not found', message: `Exports: ${Object.keys(EXPORTS).map((k) => `${k}.csv`).join(', ')}` });
    const query = parseQuery(req.query, res);
    if (!query) return;
    res.type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="wegwijzer-${name}.csv"`)
      .send(`\ufeff${toCsv(spec.rows(await summary(query.weeks)), spec.columns)}`);
  });
  const authorityOf = new Map(deps.entries.map((e) => [e.id, e.authority]));
  router.get('/staff/api/entries', auth, (_req, res) => {
    res.set('Cache-Control', 'no-store').json(deps.entries);
  });
  // Staff say which entry answers a question the bot could not answer (or that it needs a new topic, or is out of
  // scope); the labels become eval items, so real traffic grows the eval set.
  router.put('/staff/api/labels', auth, express.json({ limit: '16kb' }), async (req, res) => {
    const parsed = LabelBody.safeParse(req.body);
    if (!parsed.success) return res.status(400).json({ error: 'bad label', message: z.prettifyError(parsed.error) });
    const { question, locale, label } = parsed.data;
    if (label && label !== NEW_TOPIC && label !== OUT_OF_SCOPE && !authorityOf.has(label)) {
      return res.status(400).json({ error: 'bad label', message: `"${label}" is no entry id, "${NEW_TOPIC}" or "${OUT_OF_SCOPE}".` });
    }
    const key = labelDocument(locale, question);
    if (label) await deps.storage.write({ [key]: { question, locale, label, at: (deps.now?.() ?? new Date()).toISOString() } satisfies StoredLabel });
    else await deps.storage.delete([key]);
    res.json({ question, locale, label });
  });
  router.get('/staff/api/eval-items/:locale', auth, async (req, res) => {
    const locale = String(req.params.locale).replace(/\.yaml$/, '');
    if (!(LOCALES as readonly string[]).includes(locale)) return res.status(404).json({ error: 'not found', message: `Locales: ${LOCALES.join(', ')}` });
    const labels = await readAll<StoredLabel>(deps.storage, 'labels/');
    res.type('text/yaml; charset=utf-8').set('Content-Disposition', `attachment; filename="questions.${locale}.staff.yaml"`).set('Cache-Control', 'no-store')
      .send(evalItemsYaml(labels, locale, (id) => authorityOf.get(id), deps.now?.() ?? new Date()));
  });
  router.get('/staff/api/transcripts', auth, async (_req, res) => {
    const list = await deps.transcripts.listTranscripts();
    res.set('Cache-Control', 'no-store').json(list.items.slice(0, 500).map((t) => ({ id: t.id, created: t.created })));
  });
  router.get('/staff/api/transcripts/:id', auth, async (req, res) => {
    const id = String(req.params.id);
    if (id.length > 300) return res.status(400).json({ error: 'bad id' });
    const { items } = await deps.transcripts.getTranscriptActivities('', id);
    if (items.length === 0) return res.status(404).json({ error: 'not found', message: 'No transcript for this conversation id.' });
    const file = id.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60);
    res.set('Content-Disposition', `attachment; filename="${file}.transcript"`).set('Cache-Control', 'no-store').json(items);
  });
  router.get('/metrics', auth, metricsHandler(deps.registry));
  return router;
}

/** Prometheus' text exposition of the registry. */
const metricsHandler = (registry: Registry): express.RequestHandler => async (_req, res) => {
  res.type(registry.contentType).send(await registry.metrics());
};

/**
 * /metrics without a staff token: open (the default HOST is loopback; put it behind the network's own access rules).
 */
export function openMetrics(registry: Registry): Router {
  const router = express.Router();
  router.get('/metrics', metricsHandler(registry));
  return router;
}
