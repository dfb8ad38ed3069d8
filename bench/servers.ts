// Child processes for the HTTP benchmark: `node dist/bench/servers.js <bare|echo|sink> <port>`.
import http from 'node:http';
import { bareServer, echoServer } from '../bot/reference';

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
  const app = kind === 'bare' ? bareServer() : kind === 'echo' ? echoServer() : undefined;
  if (!app) throw new Error(`unknown server "${kind}"`);
  const server = app.listen(port, '127.0.0.1', () => process.send?.('ready'));
  server.keepAliveTimeout = 60_000;
}
