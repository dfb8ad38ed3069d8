// A stand-in for a Bot Framework channel: posts Emulator-shaped activities to /api/messages and captures the
// bot's replies on its own serviceUrl. The one test kit the HTTP tests, `npm run eval`, `npm run chat` and the
// benchmark share; plain Node (no jest, no botbuilder), so the compiled scripts can load it too.
import http, { type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';

export interface Captured { path: string; body: Record<string, any> }

/** Listens like a channel's connector: accepts the bot's reply POSTs and records them. */
export class CaptureChannel {
  readonly received: Captured[] = [];
  /** TCP connections the bot opened to this channel (a bot that reuses connections opens few). */
  connections = 0;
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
    this.server.on('connection', () => { this.connections += 1; });
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

/** POSTs a body to `<botUrl>/api/messages`; returns the status, the JSON answer and the replies captured meanwhile. */
export async function post(
  botUrl: string, channel: CaptureChannel, body: unknown, init: { raw?: string; contentType?: string } = {},
): Promise<{ status: number; json: any; replies: Record<string, any>[] }> {
  const before = channel.received.length;
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': init.contentType ?? 'application/json' },
    body: init.raw ?? JSON.stringify(body),
  });
  const text = await response.text();
  let json: any = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = text; }
  // Trace activities (the Emulator's inspector view) and typing indicators are not replies to the user.
  const replies = channel.received.slice(before).map((c) => c.body).filter((a) => a.type !== 'trace' && a.type !== 'typing');
  return { status: response.status, json, replies };
}

/** A TCP port that was free a moment ago (for child processes that must be told their port). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
