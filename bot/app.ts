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
import { loadOrCreateSecret, TokenService } from './directline/tokens';
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

export interface App {
  app: ReturnType<typeof createServer>;
  kb: KnowledgeBase;
  storage: DocumentStorage;
  logger: Logger;
  telemetry: Telemetry;
  transcripts: DocumentTranscriptStore;
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
  const middleware: Middleware[] = [
    serializeTurns(),
    // A message in Latin letters may be Arabic, Persian, Tigrinya or Ukrainian (the lexicons know); else the n-gram detector.
    localeMiddleware(i18n, state.profile, config.defaultLocale, (text) => kb.romanizedLocale(text) ?? detectLocale(text)),
    memoryMiddleware(state.conversationData),
    // Staff read conversations back (redacted) and open them in the Emulator.
    new TranscriptLoggerMiddleware(transcripts),
    telemetry.middleware,
    // A turn that takes longer than half a second shows "typing" in Web Chat and the Emulator.
    new ShowTypingMiddleware(500, 2000),
  ];
  return { i18n, kb, storage, state, bot, telemetry, transcripts, middleware };
}

/** Builds the whole bot and its HTTP app without listening (index.ts listens; tests use an ephemeral port). */
export function buildApp(config: Config, options: { logger?: Logger; kb?: KnowledgeBase } = {}): App {
  const logger = options.logger ?? createLogger(config.logLevel);
  const { i18n, kb, storage, state, bot, telemetry, transcripts, middleware } = buildCore(config, logger, options);
  const { adapter, authenticate } = createAdapter(config, { logger, i18n, state, onError: telemetry.error });
  for (const m of middleware) adapter.use(m);
  // The local Direct Line serves the widget on the embedded default; with Bot Framework credentials the
  // widget uses Azure Bot Service's Direct Line instead (see README).
  const directLine = config.auth.appId ? undefined : {
    tokens: new TokenService(loadOrCreateSecret(config.dataDir, config.directLineSecret)),
    store: new DirectLineStore(),
  };
  const routers = [config.staffToken
    ? staffRouter({
      token: config.staffToken, storage, transcripts, registry: telemetry.registry, flush: telemetry.flush,
      entries: kb.entries.map((e) => ({ id: e.id, title: e.text.nl.title, authority: e.authority })),
    })
    : openMetrics(telemetry.registry)];
  let draining = false;
  const app = createServer({ config, adapter, authenticate, bot, logger, isReady: () => !draining, directLine, routers });
  const stopPurge = schedulePurge(storage, config, logger);
  return {
    app, kb, storage, logger, telemetry, transcripts,
    drain() { draining = true; },
    async close() {
      stopPurge();
      await telemetry.stop();
      await transcripts.close();
      await storage.close();
    },
  };
}
