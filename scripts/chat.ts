// `npm run chat`: talk to the bot in a terminal, for people without the Emulator. In-process by default (a
// throw-away data folder unless --data is given), or against a running server with --url.
//   npm run chat -- --locale ar
//   npm run chat -- --url http://localhost:3978 --channel sms
//   npm run chat -- --whatsapp --locale ar      (each reply as the WhatsApp channel sends it)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline/promises';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { buildApp } from '../bot/app';
import { loadConfig } from '../bot/config';
import { renderForWhatsApp } from '../bot/whatsapp/render';
import { isLocale } from '../locales';
import { CaptureChannel, emulatorActivity, post } from '../test/kit/channel';
import { formatReply, formatWhatsApp } from './lib/terminal';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      locale: { type: 'string', default: 'nl' },
      url: { type: 'string' },
      data: { type: 'string' },
      channel: { type: 'string', default: 'emulator' },
      whatsapp: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('npm run chat -- [--locale nl|en|ar|tr|fa|ti|so|uk] [--url http://host:port] [--data folder] [--channel emulator|sms|whatsapp] [--whatsapp]');
    return;
  }
  const locale = values.locale;
  if (!isLocale(locale)) throw new Error(`--locale must be one of nl, en, ar, tr, fa, ti, so, uk (got "${locale}")`);
  const channelId = values.whatsapp ? 'whatsapp' : values.channel;
  // The bot answers the 'whatsapp' channel as it does on WhatsApp (no cards, up to 10 choices as buttons);
  // each reply is then shown as the messages the WhatsApp channel would send for it.
  const show = channelId === 'whatsapp'
    ? (reply: Record<string, any>) => formatWhatsApp(renderForWhatsApp(reply, { to: 'terminal', locale }))
    : formatReply;
  const channel = await new CaptureChannel().start();
  let url = values.url?.replace(/\/$/, '');
  let stop = async () => {};
  if (!url) {
    const dataDir = values.data ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-chat-'));
    const app = buildApp(loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', MicrosoftAppId: '' }));
    const server = app.app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stop = async () => { server.closeAllConnections(); server.close(); await app.close(); };
  }
  const conversation = { id: `terminal-${Date.now().toString(36)}` };
  const from = { id: `terminal-user-${process.pid}`, name: 'You', role: 'user' };
  let choices: string[] = [];
  const send = async (activity: Record<string, unknown>) => {
    const { status, json, replies } = await post(url!, channel, emulatorActivity(channel, {
      conversation, from, locale: values.locale, channelId, ...activity,
    }));
    if (status >= 400) console.log(`(the bot answered HTTP ${status}: ${JSON.stringify(json)})`);
    for (const reply of replies) {
      const shown = show(reply);
      if (shown.text) console.log(`\nWegwijzer:\n${shown.text}\n`);
      if (shown.choices.length) choices = shown.choices;
    }
  };
  await send({ type: 'conversationUpdate', membersAdded: [from, { id: 'bot-1', name: 'Wegwijzer' }] });
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  rl.on('SIGINT', () => rl.close());
  try {
    for (;;) {
      let line: string;
      try { line = (await rl.question('> ')).trim(); } catch { break; }
      if (line === '/quit' || line === '/exit') break;
      if (!line) continue;
      // A number picks a button, as a click would.
      const picked = /^\d{1,2}$/.test(line) ? choices[Number(line) - 1] : undefined;
      await send({ type: 'message', text: picked ?? line });
    }
  } finally {
    rl.close();
    await channel.stop();
    await stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
