// HTTP test kit: the real app on an ephemeral port, and a capture server acting as the channel (serviceUrl).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../../bot/app';
import { loadConfig, type Config } from '../../bot/config';
import type { KnowledgeBase } from '../../knowledge';
import { CaptureChannel, emulatorActivity, post as postTo } from '../kit/channel';
import { sharedKnowledgeBase } from './fixtures';

export { CaptureChannel, emulatorActivity };

export interface RunningBot { url: string; app: App; dataDir: string; stop(): Promise<void> }

/**
 * The knowledge base an app of these settings loads: the worker's shared one when the settings change nothing in
 * it (no municipality, no overlay), as loading and indexing all content took seconds per test file; otherwise
 * none, and the app loads its own.
 */
export function knowledgeFor(config: Config): KnowledgeBase | undefined {
  const ownMunicipality = Object.values(config.municipality).some(Boolean);
  return config.knowledgeOverlayDir || ownMunicipality ? undefined : sharedKnowledgeBase();
}

/** Starts the real app (real adapter, real SQLite file) on 127.0.0.1 with an ephemeral port. */
export async function startBot(env: Record<string, string> = {}, dataDir?: string): Promise<RunningBot> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-test-'));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', ...env });
  const app = buildApp(config, { kb: knowledgeFor(config) });
  const server = app.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, app, dataDir: dir,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}

export const post = (bot: RunningBot, channel: CaptureChannel, body: unknown, init: { raw?: string; contentType?: string } = {}) =>
  postTo(bot.url, channel, body, init);

/**
 * One running bot and one capture channel for a whole test file: started before its tests, stopped after.
 * Read `bot` and `channel` from the returned object inside tests (they exist once `beforeAll` has run).
 */
export function botForFile(env: Record<string, string> = {}): { bot: RunningBot; channel: CaptureChannel } {
  const live = {} as { bot: RunningBot; channel: CaptureChannel };
  beforeAll(async () => {
    live.channel = await new CaptureChannel().start();
    live.bot = await startBot(env);
  });
  afterAll(async () => {
    await live.bot?.stop();
    await live.channel?.stop();
  });
  return live;
}
