// What each turn did, for the staff dashboard and Prometheus: one analytics event per user message (outcome,
// topic, language, channel; the question itself only when the bot could not answer it, redacted), and
// counters and a latency histogram. Events are buffered and written every few seconds (and on shutdown), so
// a turn never waits for them.
import { randomBytes } from 'node:crypto';
import { ActivityTypes, type Middleware } from 'botbuilder';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { wegwijzerOf, type WegwijzerChannelData } from '../cards/render';
import { cleanUserText, redact } from '../privacy/redact';
import type { DocumentStorage } from '../storage/documentStorage';
import { languageOf } from './locale';
import type { Logger } from '../logger';
import { RESOLVED_TEXT } from '../../dialogs/route';

export type Outcome = 'answer' | 'choose' | 'fallback' | 'authority' | 'guide';

export interface AnalyticsEvent {
  at: string;
  locale: string;
  channel: string;
  outcome: Outcome;
  topic?: string;
  /** Only for "did you mean" and fallback: what was asked (redacted), so staff can add knowledge. */
  question?: string;
}

/** How a turn ended, from the metadata of the first message the bot sent. Pure. */
export function outcomeOf(meta: WegwijzerChannelData | undefined): { outcome: Outcome; topic?: string } {
  switch (meta?.kind) {
    case undefined: case 'command': return { outcome: 'guide' };
    case 'fallback': return { outcome: 'fallback' };
    case 'did-you-mean': return { outcome: 'choose' };
    case 'answer': case 'urgent': return { outcome: 'answer', topic: meta.topic };
    // A guided conversation's result that shows an organisation's card counts as that card.
    case 'authority': case 'guide':
      return meta.authority ? { outcome: 'authority', topic: meta.authority } : { outcome: 'guide' };
  }
}

export interface Telemetry {
  middleware: Middleware;
  registry: Registry;
  /** Writes buffered events now (also called on a timer and at shutdown). */
  flush(): Promise<void>;
  /** Counts a failed turn (from the turn error handler). */
  error(channel: string, locale: string): void;
  stop(): Promise<void>;
}

export function createTelemetry(storage: DocumentStorage, logger: Logger, options: { flushMs?: number; maxBuffer?: number } = {}): Telemetry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'wegwijzer_process_' });
  const turns = new Counter({ name: 'wegwijzer_turns_total', help: 'User messages handled, by outcome', labelNames: ['locale', 'channel', 'outcome'] as const, registers: [registry] });
  const errors = new Counter({ name: 'wegwijzer_turn_errors_total', help: 'Turns that failed', labelNames: ['locale', 'channel'] as const, registers: [registry] });
  const latency = new Histogram({
    name: 'wegwijzer_turn_duration_seconds', help: 'Time to handle a user message, replies included', labelNames: ['locale', 'channel'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
  });
  let buffer: AnalyticsEvent[] = [];
  const flush = async () => {
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    const changes: Record<string, AnalyticsEvent> = {};
    for (const event of batch) changes[`analytics/${event.at.slice(0, 10)}/${event.at}-${randomBytes(4).toString('hex')}`] = event;
    try {
      await storage.write(changes);
    } catch (error) {
      logger.warn({ err: { message: (error as Error).message }, events: batch.length }, 'could not store analytics');
    }
  };
  const timer = setInterval(() => { void flush(); }, options.flushMs ?? 5000);
  timer.unref();

  const middleware: Middleware = {
    async onTurn(context, next) {
      const { activity } = context;
      if (activity.type !== ActivityTypes.Message) return next();
      const started = process.hrtime.bigint();
      let meta: WegwijzerChannelData | undefined;
      context.onSendActivities(async (_ctx, activities, nextSend) => {
        meta ??= activities.map(wegwijzerOf).find(Boolean);
        return nextSend();
      });
      await next();
      const { outcome, topic } = outcomeOf(meta);
      const locale = languageOf(context).locale;
      const channel = activity.channelId ?? 'unknown';
      turns.inc({ locale, channel, outcome });
      latency.observe({ locale, channel }, Number(process.hrtime.bigint() - started) / 1e9);
      // A number that picked an offered choice in a guided conversation stands for the choice's text.
      const resolved: unknown = context.turnState.get(RESOLVED_TEXT);
      const asked = typeof resolved === 'string' ? resolved : activity.text;
      const question = (outcome === 'fallback' || outcome === 'choose') && typeof asked === 'string'
        ? redact(cleanUserText(asked)).slice(0, 300) : undefined;
      buffer.push({ at: new Date().toISOString(), locale, channel, outcome, ...(topic ? { topic } : {}), ...(question ? { question } : {}) });
      if (buffer.length >= (options.maxBuffer ?? 200)) void flush();
    },
  };
  return {
    middleware, registry, flush,
    error: (channel, locale) => errors.inc({ locale, channel }),
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
