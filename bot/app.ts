// Composition root: config → i18n → knowledge → storage → dialogs → bot → adapter → express app.
import path from 'node:path';
import { ShowTypingMiddleware, TranscriptLoggerMiddleware, type Middleware } from 'botbuilder';
import { createI18n, LOCALES, RESOURCES } from '../locales';
import { detectLocale } from '../locales/detect';
import { loadKnowledgeBase, type KnowledgeBase } from '../knowledge';
import { MainDialog } from '../dialogs/mainDialog';
import { commandTable, type CommandStrings } from '../dialogs/route';
import type { Config } from './config';
import { createAdapter } from './adapter';
import { createLogger, type Logger } from './logger';
import { localeMiddleware } from './middleware/locale';
import { memoryMiddleware } from './middleware/memory';
import { createRecords } from './storage/records';
import { createServer } from './server';
import { DirectLineStore } from './directline/store';
import { TokenService } from './directline/tokens';
import { loadOrCreateSecret } from './secrets';
import { createBotState } from './state';
import { SqliteStorage } from './storage/sqliteStorage';
import { BlobStorage } from './storage/blobStorage';
import type { DocumentStorage } from './storage/documentStorage';
import { serializeTurns } from './middleware/serialize';
import { createTelemetry, type Telemetry } from './middleware/analytics';
import { DocumentTranscriptStore } from './storage/transcriptStore';
import { schedulePurge } from './storage/retention';
import { openMetrics, staffRouter } from './staff/router';
import { WegwijzerBot } from './wegwijzerBot';
import { mentionMiddleware } from './channels/mentions';
import { outgoingMiddleware, type ClientView } from './channels/outgoing';
import { turnErrorHandler } from './adapter';
import { WhatsAppAdapter } from './whatsapp/adapter';
import { SeenMessages } from './whatsapp/dedupe';
import { GraphClient, type GraphOptions } from './whatsapp/graph';
import { loadOrCreateIdKey, NumberHasher } from './whatsapp/ids';
import { whatsappMetrics } from './whatsapp/metrics';
import { WHATSAPP_PATH, whatsappRouter } from './whatsapp/router';
import { whatsappLogic, whatsappTurns } from './whatsapp/turn';

export interface App {
  app: ReturnType<typeof createServer>;
  kb: KnowledgeBase;
  storage: DocumentStorage;
  logger: Logger;
  telemetry: Telemetry;
  transcripts: DocumentTranscriptStore;
  /** The WhatsApp adapter, when WhatsApp is configured. */
  whatsapp?: WhatsAppAdapter;
  /** From now on /readyz says 503, so a load balancer stops sending new traffic (graceful shutdown). */
  drain(): void;
  close(): Promise<void>;
}

/** Everything but the HTTP edge: knowledge, storage, state, dialogs, the bot and its middleware, in order. */
export interface Core {
  i18n: ReturnType<typeof createI18n>;
  kb: KnowledgeBase;
  storage: DocumentStorage;
  state: ReturnType<typeof createBotState>;
  bot: WegwijzerBot;
  telemetry: Telemetry;
  transcripts: DocumentTranscriptStore;
  middleware: Middleware[];
  /**
   * The same middleware with a channel's own turn handling around the locale middleware: `beforeLocale` right
   * before it (e.g. the channel's locale), `afterLocale` right after it, before memory, transcripts and analytics.
   */
  middlewareWith(extra: { beforeLocale?: Middleware[]; afterLocale?: Middleware[] }): Middleware[];
  /** The language detector of the locale middleware: a locale when sure, else undefined. */
  detect: (text: string) => ReturnType<typeof detectLocale>;
  /** Every supported language by its own name. */
  languages: { locale: (typeof LOCALES)[number]; name: string }[];
}

export function buildCore(config: Config, logger: Logger, options: { kb?: KnowledgeBase } = {}): Core {
  const i18n = createI18n();
  const kb = options.kb ?? loadKnowledgeBase({ municipality: config.municipality, overlayDir: config.knowledgeOverlayDir });
  const storage: DocumentStorage = config.storage.kind === 'blob'
    ? new BlobStorage(config.storage.connectionString, config.storage.container)
    : new SqliteStorage(path.join(config.dataDir, 'wegwijzer.sqlite'));
  const state = createBotState(storage);
  const records = createRecords(storage);
  const commands = commandTable(LOCALES.map((l) => RESOURCES[l] as unknown as CommandStrings));
  const languages = LOCALES.map((l) => ({ locale: l, name: (RESOURCES[l] as { language: { name: string } }).language.name }));
  const dialog = new MainDialog({ kb, state, records, commands, i18n, languages, handoff: config.handoff });
  const bot = new WegwijzerBot({ state, dialog, kb, i18n, chooseLanguage: (context, locale) => dialog.chooseLanguage(context, locale) });
  const telemetry = createTelemetry(storage, logger);
  const transcripts = new DocumentTranscriptStore(storage);
  // A message in Latin letters may be Arabic, Persian, Tigrinya or Ukrainian (the lexicons know);
  // else the n-gram detector.
  const detect = (text: string) => kb.romanizedLocale(text) ?? detectLocale(text);
  const first: Middleware[] = [
    serializeTurns(),
    // Before anything reads the text: "<at>Wegwijzer</at> klacht" (Teams) is "klacht".
    mentionMiddleware(),
    // Its send hook comes first, so memory, transcripts and analytics see the text as the channel gets it.
    outgoingMiddleware(state.conversationState.createProperty<ClientView>('client')),
  ];
  const locale = localeMiddleware(i18n, state.profile, config.defaultLocale, detect);
  const rest: Middleware[] = [
    memoryMiddleware(state.conversationData),
    // Staff read conversations back (redacted) and open them in the Emulator.
    new TranscriptLoggerMiddleware(transcripts),
    telemetry.middleware,
    // A turn that takes longer than half a second shows "typing" in Web Chat and the Emulator.
    new ShowTypingMiddleware(500, 2000),
  ];
  const middleware: Middleware[] = [...first, locale, ...rest];
  const middlewareWith: Core['middlewareWith'] = ({ beforeLocale = [], afterLocale = [] }) =>
    [...first, ...beforeLocale, locale, ...afterLocale, ...rest];
  return { i18n, kb, storage, state, bot, telemetry, transcripts, middleware, middlewareWith, detect, languages };
}

/**
 * How long a graceful shutdown lets work in flight finish: open connections (index.ts cuts them after this),
 * and WhatsApp turns, which run after their webhook was answered (their sends and retry waits are cut then).
 */
export const SHUTDOWN_GRACE_MS = 10_000;

/** Builds the whole bot and its HTTP app without listening (index.ts listens; tests use an ephemeral port). */
export function buildApp(config: Config, options: {
  logger?: Logger; kb?: KnowledgeBase;
  /** Graph API client settings for WhatsApp (tests shorten the retry delays). */
  graph?: Partial<GraphOptions>;
} = {}): App {
  const logger = options.logger ?? createLogger(config.logLevel);
  const core = buildCore(config, logger, options);
  const { i18n, kb, storage, state, bot, telemetry, transcripts, middleware } = core;
  const { adapter, authenticate } = createAdapter(config, { logger, i18n, state, onError: telemetry.error });
  for (const m of middleware) adapter.use(m);
  // The local Direct Line serves the widget on the embedded default; with Bot Framework credentials the
  // widget uses Azure Bot Service's Direct Line instead (see README).
  const directLine = config.auth.appId ? undefined : {
    tokens: new TokenService(loadOrCreateSecret(config.dataDir, 'directline.secret', config.directLineSecret)),
    store: new DirectLineStore(),
  };
  const routers = [config.staffToken
    ? staffRouter({
      token: config.staffToken, storage, transcripts, registry: telemetry.registry, flush: telemetry.flush,
      entries: kb.entries.map((e) => ({ id: e.id, title: e.text.nl.title, authority: e.authority })),
    })
    : openMetrics(telemetry.registry)];
  let draining = false;
  const whatsapp = config.whatsapp ? buildWhatsApp(config, config.whatsapp, core, logger, options.graph, () => draining) : undefined;
  if (whatsapp) routers.unshift(whatsapp.router);
  const app = createServer({
    config, adapter, authenticate, bot, logger, isReady: () => !draining, directLine, routers,
    ...(whatsapp ? { selfLimitedPosts: [WHATSAPP_PATH] } : {}),
  });
  const stopPurge = schedulePurge(storage, config, logger);
  return {
    app, kb, storage, logger, telemetry, transcripts, whatsapp: whatsapp?.adapter,
    drain() {
      draining = true;
      // WhatsApp's turns run after their webhook answered: their grace starts now, with the connections'.
      void whatsapp?.adapter.shutdown(SHUTDOWN_GRACE_MS);
    },
    async close() {
      stopPurge();
      // Webhook messages are processed after their response: let those in flight finish first (bounded).
      await whatsapp?.adapter.shutdown(SHUTDOWN_GRACE_MS);
      await telemetry.stop();
      await transcripts.close();
      await storage.close();
    },
  };
}

/**
 * WhatsApp on the Cloud API: the webhook router and our own BotAdapter, with the same middleware (plus its own
 * steps around the locale middleware: the conversation's language before it, the first message after it), the
 * same bot and the same turn error handling as the CloudAdapter. `draining`: the server is shutting down.
 */
function buildWhatsApp(
  config: Config, settings: NonNullable<Config['whatsapp']>, core: Core, logger: Logger, graph: Partial<GraphOptions> | undefined,
  draining: () => boolean,
) {
  const { i18n, kb, storage, state, bot, telemetry } = core;
  const metrics = whatsappMetrics(telemetry.registry);
  const adapter = new WhatsAppAdapter({
    graph: new GraphClient({
      baseUrl: settings.graphUrl, phoneNumberId: settings.phoneNumberId, accessToken: settings.accessToken,
      onRetry: (status, code) => metrics.retry(status, code), ...(graph ?? {}),
    }),
    hasher: new NumberHasher(loadOrCreateIdKey(config.dataDir, settings.idSecret)),
    seen: new SeenMessages(storage),
    logger, metrics,
    phoneNumberId: settings.phoneNumberId,
    defaultLocale: config.defaultLocale,
  });
  adapter.onTurnError = turnErrorHandler(config, { logger, i18n, state, onError: telemetry.error });
  const turns = whatsappTurns({ state, kb, detect: core.detect, languages: core.languages });
  for (const m of core.middlewareWith({ beforeLocale: [turns.beforeLocale], afterLocale: [turns.afterLocale] })) adapter.use(m);
  const logic = whatsappLogic({ bot, state, kb });
  const router = whatsappRouter({
    verifyToken: settings.verifyToken, appSecret: settings.appSecret, logger, draining,
    receive: (delivery) => adapter.receive(delivery, logic),
  });
  return { adapter, router };
}
