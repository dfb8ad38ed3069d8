// Entry point: parse the configuration, build the app, listen, and shut down cleanly on SIGTERM/SIGINT.
import { buildApp, SHUTDOWN_GRACE_MS } from './app';
import { ConfigError, loadConfig } from './config';
import { KnowledgeError } from '../knowledge/load';

function start(): void {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let built;
  try {
    built = buildApp(config);
  } catch (error) {
    if (error instanceof KnowledgeError) {
      console.error(`Knowledge error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const { app, logger, kb } = built;
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({
      port, host: config.host, entries: kb.entries.length, auth: config.auth.appId ? 'bot-framework' : 'anonymous',
    }, `Wegwijzer listening: Emulator endpoint http://localhost:${port}/api/messages`);
  });
  server.on('error', (error) => {
    console.error(`Cannot listen on ${config.host}:${config.port}: ${error.message}`);
    process.exit(1);
  });
  let stopping = false;
  /**
   * Graceful shutdown: /readyz turns 503, the server stops accepting connections, turns in flight finish
   * (their replies included), idle keep-alive connections close, then buffered analytics are written and the
   * store is closed. After SHUTDOWN_GRACE_MS (10 s) anything still open is cut, and so are WhatsApp's sends.
   */
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing turns in flight');
    built.drain();
    server.close(() => {
      void built.close()
        .then(() => logger.info({}, 'stopped'))
        .finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    const idle = setInterval(() => server.closeIdleConnections(), 250);
    idle.unref();
    setTimeout(() => {
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

start();
