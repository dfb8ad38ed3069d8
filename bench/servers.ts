// Child processes for the HTTP benchmark: `node dist/bench/servers.js <bare|echo|edge|sink> <port>`.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../bot/config';
import { bareServer, echoServer, edgeServer } from './reference';
import { SqliteStorage } from '../bot/storage/sqliteStorage';

const [kind, portText] = process.argv.slice(2);
const port = Number(portText);

if (kind === 'sink') {
  // The channel's connector: accepts every reply with 200 at once.
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1"}'); });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, '127.0.0.1', () => process.send?.('ready'));
} else {
  const edge = () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wegwijzer-bench-edge-'));
    const config = loadConfig({
      DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'development',
      RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_CONVERSATION_PER_MINUTE: '1000000',
    });
    return edgeServer(config, new SqliteStorage(path.join(dataDir, 'state.sqlite')));
  };
  const app = kind === 'bare' ? bareServer() : kind === 'echo' ? echoServer() : kind === 'edge' ? edge() : undefined;
  if (!app) throw new Error(`unknown server "${kind}"`);
  const server = app.listen(port, '127.0.0.1', () => process.send?.('ready'));
  server.keepAliveTimeout = 60_000;
}
