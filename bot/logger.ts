// Structured JSON logs (pino). Never log message text or secrets: ids, kinds and timings only.
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'wegwijzer' },
      redact: { paths: ['*.MicrosoftAppPassword', '*.appPassword', 'req.headers.authorization'], censor: '[redacted]' },
    },
    destination,
  );
}
