// HTTP test kit: the real app on an ephemeral port, and a capture server acting as the channel (serviceUrl).
import fs from 'node:fs';
import http, { type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../../bot/app';
import { loadConfig } from '../../bot/config';

export interface Captured { path: string; body: Record<string, any> }

/** Listens like a channel's connector: accepts the bot's reply POSTs and records them. */
export class CaptureChannel {
  readonly received: Captured[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (chunk) => { data += chunk; });
      req.on('end', () => {
        const body = data ? JSON.parse(data) : {};
        this.received.push({ path: decodeURIComponent(req.url ?? ''), body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `reply-${this.received.length}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

export interface RunningBot { url: string; app: App; dataDir: string; stop(): Promise<void> }

/** Starts the real app (real adapter, real SQLite file) on 127.0.0.1 with an ephemeral port. */
export async function startBot(env: Record<string, string> = {}, dataDir?: string): Promise<RunningBot> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-test-'));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', ...env });
  const app = buildApp(config);
  const server = app.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, app, dataDir: dir,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      app.close();
    },
  };
}

let counter = 0;

/** An Emulator-shaped activity (channelId emulator, serviceUrl = the capture server, no auth header). */
export function emulatorActivity(channel: CaptureChannel, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    type: 'message',
    id: `act-${counter}`,
    channelId: 'emulator',
    serviceUrl: channel.url,
    conversation: { id: 'emu-conv-1|livechat' },
    from: { id: 'user-1', name: 'User', role: 'user' },
    recipient: { id: 'bot-1', name: 'Wegwijzer', role: 'bot' },
    timestamp: new Date().toISOString(),
    ...overrides,
  };
}

/** POSTs a body to /api/messages; returns the status, the JSON answer and the replies captured meanwhile. */
export async function post(
  bot: RunningBot, channel: CaptureChannel, body: unknown, init: { raw?: string; contentType?: string } = {},
): Promise<{ status: number; json: any; replies: Record<string, any>[] }> {
  const before = channel.received.length;
  const response = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': init.contentType ?? 'application/json' },
    body: init.raw ?? JSON.stringify(body),
  });
  const text = await response.text();
  let json: any = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = text; }
  // Trace activities (the Emulator's inspector view) are not replies to the user.
  const replies = channel.received.slice(before).map((c) => c.body).filter((a) => a.type !== 'trace');
  return { status: response.status, json, replies };
}
