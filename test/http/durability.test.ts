// Nothing is lost: kill -9 of the real server process mid-conversation, restart on the same DATA_DIR, the
// conversation continues and stored complaints are still there; concurrent turns on one conversation do not
// overwrite each other.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SqliteStorage } from '../../bot/storage/sqliteStorage';
import { createRecords } from '../../bot/storage/records';
import type { ConversationData } from '../../bot/state';
import { CaptureChannel, emulatorActivity, post, startBot } from '../helpers/http';
import { post as postTo } from '../kit/channel';
import { freePort } from '../kit/channel';
import { sharedI18n } from '../helpers/fixtures';

const ROOT = path.join(__dirname, '..', '..');
const nl = sharedI18n().getFixedT('nl');
const REF = /WW-[0-9A-Z]{4}-[0-9A-Z]{4}/;

/** Starts `node dist/bot/index.js` as its own process and waits until /readyz answers. */
async function startProcess(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'bot', 'index.js')], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'development' },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok).catch(() => false);
    if (ready) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the bot did not become ready');
}

beforeAll(() => {
  // The real entry point, compiled as `npm start` would, for the tests that run it as its own process.
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
}, 180_000);

describe('kill -9', () => {
  let channel: CaptureChannel;
  beforeAll(async () => {
    channel = await new CaptureChannel().start();
  });
  afterAll(async () => { await channel.stop(); });

  test('mid-complaint: the process is killed, restarts on the same data, and the conversation and complaints survive', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-kill-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const say = async (conversation: string, text: string) => {
      const { status, replies } = await postTo(url, channel, emulatorActivity(channel, {
        conversation: { id: `${conversation}|livechat` }, from: { id: `${conversation}-user`, role: 'user' }, text, locale: 'nl',
      }));
      expect(status).toBe(200);
      return replies;
    };
    let bot = await startProcess(dataDir, port);
    try {
      // A first complaint, stored and acknowledged.
      for (const text of [nl('guides.complaint'), nl('complaint.kindTreatment'), 'DUO', 'Niemand nam de telefoon op, vijf dagen lang.', 'vorige week', nl('complaint.wantExplanation'), nl('complaint.correct')]) {
        await say('first', text);
      }
      const stored = await say('first', nl('complaint.consentYes'));
      const ref = stored[0]!.text.match(REF)![0];
      // A second complaint, half told.
      for (const text of [nl('guides.complaint'), nl('complaint.kindTreatment'), 'IND', 'Mijn afspraak werd twee keer zonder reden afgezegd.']) {
        await say('second', text);
      }
      bot.kill('SIGKILL');
      await new Promise((resolve) => bot.once('exit', resolve));
      bot = await startProcess(dataDir, port);
      const when = await say('second', 'in september');
      expect(when.at(-1)!.text).toContain(nl('complaint.want'));
      const summary = await say('second', nl('complaint.wantSolution'));
      expect(summary.at(-1)!.text).toContain('Mijn afspraak werd twee keer zonder reden afgezegd.');
      await say('second', nl('complaint.correct'));
      const second = (await say('second', nl('complaint.consentYes')))[0]!.text.match(REF)![0];
      bot.kill('SIGKILL');
      await new Promise((resolve) => bot.once('exit', resolve));
      const storage = new SqliteStorage(path.join(dataDir, 'wegwijzer.sqlite'));
      const records = createRecords(storage);
      expect(await records.getComplaint(ref)).toMatchObject({ organisation: { authority: 'DUO' } });
      expect(await records.getComplaint(second)).toMatchObject({ organisation: { authority: 'IND' } });
      storage.close();
    } finally {
      if (bot.exitCode === null) bot.kill('SIGKILL');
    }
  }, 120_000);
});

test('concurrent turns on one conversation are taken one after the other; none overwrites another', async () => {
  const channel = await new CaptureChannel().start();
  const bot = await startBot();
  try {
    const conversation = 'concurrent|livechat';
    const message = (text: string) => emulatorActivity(channel, { conversation: { id: conversation }, from: { id: 'c-user', role: 'user' }, text, locale: 'nl' });
    const questions = ['Hoeveel kost het examen?', 'Wat is DigiD?', 'Wanneer krijg ik een huis?', 'Wat doet het COA?', 'Wat is de PIP?'];
    const results = await Promise.all(questions.map((q) => post(bot, channel, message(q))));
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.replies.map((x) => x.text).join('')).not.toContain(nl('errors.busy'));
    }
    const key = `emulator/conversations/${conversation}/`;
    const saved = (await bot.app.storage.read([key]))[key] as { conversationData?: ConversationData };
    const userLines = (saved.conversationData?.recent ?? []).filter((l) => l.from === 'user').map((l) => l.text);
    expect(userLines.sort()).toEqual([...questions].sort());
  } finally {
    await bot.stop();
    await channel.stop();
  }
});

describe('SIGTERM', () => {
  test('stops accepting, finishes the turn in flight (reply delivered, state saved), closes the store, exits 0', async () => {
    // A channel that takes its time to accept the bot's reply, so the turn is still running at SIGTERM.
    const received: string[] = [];
    const slow = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => setTimeout(() => {
        received.push(String(JSON.parse(body || '{}').text ?? ''));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"r"}');
      }, 1500));
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const slowUrl = `http://127.0.0.1:${(slow.address() as net.AddressInfo).port}`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-term-'));
    const port = await freePort();
    const bot = await startProcess(dataDir, port);
    const exited = new Promise<number | null>((resolve) => bot.once('exit', (code) => resolve(code)));
    try {
      const inFlight = fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message', id: 'term-1', channelId: 'emulator', serviceUrl: slowUrl, text: 'Hoeveel kost het examen?', locale: 'nl',
          conversation: { id: 'term|livechat' }, from: { id: 'term-user', role: 'user' }, recipient: { id: 'bot', role: 'bot' },
        }),
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      bot.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 200));
      // No new connections while draining.
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
      expect((await inFlight).status).toBe(200);
      expect(received.some((text) => text.includes('€'))).toBe(true);
      expect(await exited).toBe(0);
      const storage = new SqliteStorage(path.join(dataDir, 'wegwijzer.sqlite'));
      const key = 'emulator/conversations/term|livechat/';
      expect((await storage.read([key]))[key]).toBeDefined();
      storage.close();
    } finally {
      if (bot.exitCode === null) bot.kill('SIGKILL');
      slow.closeAllConnections();
      slow.close();
    }
  }, 60_000);
});
