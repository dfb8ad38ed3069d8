// Structured JSON logs (pino). Never log message text or secrets: ids, kinds and timings only.
import pino, { type Logger } from 'pino';

export type { Logger };

/** As config fields (bot/config.ts) and as environment variables. */
const SECRET_FIELDS = [
  'MicrosoftAppPassword', 'appPassword', 'accessToken', 'appSecret', 'verifyToken', 'idSecret',
  'WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_ID_SECRET',
];
const REDACTED = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  'req.headers.authorization', 'req.headers["x-hub-signature-256"]',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'wegwijzer' },
      // Secrets a log call could carry by mistake (the config, a request): never written. WhatsApp's four and
      // the signature header, at the top level and one or two levels down (pino's wildcards are one level each).
      redact: { paths: REDACTED, censor: '[redacted]' },
    },
    destination,
  );
}
