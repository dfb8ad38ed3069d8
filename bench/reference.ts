// Pieces for the benchmark (`npm run bench`), and only for it: the bot run in process without HTTP, the two
// HTTP references it is compared with (a bare express server doing the same two hops, and a plain botbuilder
// echo bot on CloudAdapter), and Wegwijzer's own HTTP edge with that echo in place of its work (what the edge
// and the adapter cost, apart from middleware, dialogs and search).
import express from 'express';
import {
  ActivityHandler, BotAdapter, CloudAdapter, ConfigurationBotFrameworkAuthentication, TurnContext,
  type Activity, type ConversationReference, type ResourceResponse,
} from 'botbuilder';
import type { KnowledgeBase } from '../knowledge';
import { createI18n } from '../locales';
import { createAdapter } from '../bot/adapter';
import { buildCore } from '../bot/app';
import type { Config } from '../bot/config';
import { createLogger } from '../bot/logger';
import { createServer } from '../bot/server';
import { createBotState } from '../bot/state';
import type { DocumentStorage } from '../bot/storage/documentStorage';

/** An adapter that runs turns in this process and keeps replies in memory (no network). */
class InProcessAdapter extends BotAdapter {
  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    return activities.map((_a, i) => ({ id: String(i) }));
  }

  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}
  async continueConversation(_reference: Partial<ConversationReference>, _logic: (context: TurnContext) => Promise<void>): Promise<void> {}
  run(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return this.runMiddleware(new TurnContext(this, activity), logic);
  }
}

/** The whole bot (middleware, dialogs, search, rendering, state in the configured store) without HTTP. */
export function inProcessBot(config: Config, kb?: KnowledgeBase) {
  const core = buildCore(config, createLogger('silent'), { kb });
  const adapter = new InProcessAdapter();
  for (const m of core.middleware) adapter.use(m);
  return {
    turn(conversationId: string, text: string, locale = 'nl'): Promise<void> {
      return adapter.run({
        type: 'message', id: `${conversationId}-${Date.now()}`, channelId: 'webchat', serviceUrl: 'http://127.0.0.1:1',
        conversation: { id: conversationId } as Activity['conversation'], from: { id: `${conversationId}-user`, name: 'User', role: 'user' },
        recipient: { id: 'bot', name: 'Wegwijzer', role: 'bot' }, text, locale, timestamp: new Date(),
      }, (context) => core.bot.run(context));
    },
    async close() {
      await core.telemetry.stop();
      await core.transcripts.close();
      await core.storage.close();
    },
  };
}

/** The ceiling: receive, post one reply to serviceUrl, answer 200. No SDK, no state, no work. */
export function bareServer(): express.Express {
  const app = express();
  app.post('/api/messages', express.json({ limit: '256kb' }), async (req, res) => {
    const a = req.body as Activity;
    await fetch(`${a.serviceUrl}/v3/conversations/${encodeURIComponent(a.conversation.id)}/activities/${encodeURIComponent(a.id ?? '')}`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: `Echo: ${a.text ?? ''}`, replyToId: a.id, conversation: a.conversation }),
    });
    res.status(200).end();
  });
  return app;
}

/** The peer: a plain echo bot on CloudAdapter (anonymous), the best any bot on this SDK does without work. */
export function echoServer(): express.Express {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
    await next();
  });
  const app = express();
  app.post('/api/messages', express.json({ limit: '256kb' }), async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return app;
}

/**
 * Wegwijzer's HTTP edge (limits, validation, headers, rate limits), its adapter (with connector clients reused)
 * and an echo in place of middleware, dialogs, search and state: the same work as the echo bot, through our
 * transport. Its state store is only there for the turn error handler; nothing is stored.
 */
export function edgeServer(config: Config, storage: DocumentStorage): express.Express {
  const logger = createLogger('silent');
  const state = createBotState(storage);
  const { adapter } = createAdapter(config, { logger, i18n: createI18n(), state });
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
    await next();
  });
  return createServer({ config, adapter, bot, logger, isReady: () => true });
}
