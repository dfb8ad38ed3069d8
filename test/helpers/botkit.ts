// The one test helper that touches botbuilder's test tools, so a move to another SDK changes one file.
export { TestAdapter, MemoryStorage, TurnContext, ActivityTypes } from 'botbuilder';
export { DialogTestClient } from 'botbuilder-testing';
import { AutoSaveStateMiddleware, MemoryStorage, type Activity, type Middleware, type Storage } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { LOCALES, RESOURCES, type Locale } from '../../locales';
import type { KnowledgeBase } from '../../knowledge';
import { MainDialog } from '../../dialogs/mainDialog';
import { commandTable, type CommandStrings } from '../../dialogs/route';
import type { HandoffMode } from '../../dialogs/handoffDialog';
import { localeMiddleware } from '../../bot/middleware/locale';
import { memoryMiddleware } from '../../bot/middleware/memory';
import { createBotState, type BotState, type UserProfile } from '../../bot/state';
import { createRecords, type Records } from '../../bot/storage/records';

export type Reply = Partial<Activity>;

export interface DialogKit {
  client: DialogTestClient;
  state: BotState;
  storage: Storage;
  records: Records;
  /** Sends one message and returns every reply of that turn. */
  say(text: string, locale?: Locale): Promise<Reply[]>;
  /** The user's saved profile, as stored. */
  profile(): Promise<UserProfile | undefined>;
}

/**
 * The real MainDialog (with every guided dialog) under `DialogTestClient`, with the locale and memory
 * middleware, on memory storage (or the given one). `records` may be replaced to simulate a failing store.
 */
export function dialogKit(kb: KnowledgeBase, options: {
  locale?: Locale; channelId?: string; handoff?: HandoffMode; records?: Records; storage?: Storage;
  /** Receives "sent: <text>" for every message at the moment it is sent (to check order against other events). */
  log?: string[];
} = {}): DialogKit {
  const storage = options.storage ?? new MemoryStorage();
  const state = createBotState(storage);
  const i18n = sharedI18n();
  const records = options.records ?? createRecords(storage);
  const commands = commandTable(LOCALES.map((l) => RESOURCES[l] as unknown as CommandStrings));
  const languages = LOCALES.map((l) => ({ locale: l, name: (RESOURCES[l] as { language: { name: string } }).language.name }));
  const dialog = new MainDialog({ kb, state, records, commands, i18n, languages, handoff: options.handoff });
  const client = new DialogTestClient(options.channelId ?? 'test', dialog, undefined, [
    localeMiddleware(i18n, state.profile, 'nl'),
    memoryMiddleware(state.conversationData),
    new AutoSaveStateMiddleware(state.userState),
    {
      async onTurn(context, next) {
        context.onSendActivities(async (_ctx, activities, nextSend) => {
          for (const a of activities) options.log?.push(`sent: ${a.text ?? a.type}`);
          return nextSend();
        });
        await next();
      },
    } satisfies Middleware,
  ], state.conversationState);
  const say = async (text: string, locale: Locale = options.locale ?? 'nl') => {
    const replies: Reply[] = [];
    const first = await client.sendActivity({ type: 'message', text, locale } as Partial<Activity>);
    if (first) replies.push(first);
    for (let next = client.getNextReply(); next; next = client.getNextReply()) replies.push(next);
    return replies;
  };
  const channelId = options.channelId ?? 'test';
  const profile = async () => {
    // UserState's key for the test adapter's user ("user1"), as botbuilder builds it.
    const key = `${channelId}/users/user1/`;
    const stored = (await storage.read([key]))[key] as { profile?: UserProfile } | undefined;
    return stored?.profile;
  };
  return { client, state, storage, records, say, profile };
}

/** All reply texts of a turn, joined. */
export const textOf = (replies: Reply[]) => replies.map((r) => r.text ?? '').join('\n---\n');
/** The button titles of the last reply (the open question's choices). */
export const buttonsOf = (replies: Reply[]) => (replies.at(-1)?.suggestedActions?.actions ?? []).map((a) => String(a.title));

import { AuthenticationConstants } from 'botframework-connector';
// Not exported from the package root; its static key cache is what the adapter reads.
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';
import { sharedI18n } from './fixtures';

/**
 * Offline stand-in for the Bot Framework's published signing keys: fills the SDK's own key cache for the
 * channel and Emulator metadata addresses with `keys` (JWKs), marked fresh, so token validation runs for real
 * against them without reaching login.botframework.com.
 */
export function publishSigningKeys(keys: Record<string, unknown>[]): void {
  for (const url of [AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl, AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl]) {
    const metadata = (JwtTokenExtractor as unknown as { getOrAddOpenIdMetadata(url: string, proxy?: unknown, hours?: number): { lastUpdated: number; keys: unknown[] } })
      .getOrAddOpenIdMetadata(url, undefined, 24);
    metadata.lastUpdated = Date.now();
    metadata.keys = keys;
  }
}
