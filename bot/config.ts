// Every environment variable Wegwijzer reads, parsed and checked once at start-up.
import path from 'node:path';
import { z } from 'zod';
import { LOCALES } from '../locales';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** `agent-desk`: "talk to a person" sends the Bot Framework handoff event to a connected agent hub. */
const HANDOFF_MODES = ['none', 'agent-desk'] as const;

/** Treats an empty string like an unset variable, so `PORT=` in a .env file means "use the default". */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess(unsetIfEmpty, schema.default(fallback as never));

const port = z.coerce.number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must be between 0 and 65535' })
  .max(65535, { error: 'must be between 0 and 65535' });

const originList = z.string().transform((value, ctx) => {
  const origins: string[] = [];
  for (const item of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    try {
      const url = new URL(item);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
      origins.push(url.origin);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${item}" is not an http(s) URL` });
      return z.NEVER;
    }
  }
  return origins;
});

/** Meta's Graph API base with its version (v27.0, released 4 November 2026). */
export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com/v27.0';
/**
 * True for a URL whose host is this machine: 127.0.0.0/8, ::1 or localhost. The Graph API URL may be plain
 * http only there (a local fake in tests); anywhere else the bearer token would cross the network in clear.
 */
const isLoopbackUrl = (value: string): boolean => {
  const host = new URL(value).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
};

/** WhatsApp is on only when all four are set. */
const WHATSAPP_REQUIRED = ['WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID'] as const;

const EnvSchema = z.object({
  NODE_ENV: withDefault(z.enum(['development', 'production', 'test']), 'development'),
  PORT: withDefault(port, 3978),
  HOST: withDefault(z.string().min(1), '127.0.0.1'),
  DATA_DIR: withDefault(z.string().min(1), './data'),
  MicrosoftAppId: withDefault(z.string().trim(), ''),
  MicrosoftAppPassword: withDefault(z.string(), ''),
  MicrosoftAppTenantId: withDefault(z.string().trim(), ''),
  MicrosoftAppType: withDefault(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']), 'MultiTenant'),
  ALLOWED_SERVICE_URLS: z.preprocess((v) => v ?? '', originList),
  MUNICIPALITY_NAME: optional(z.string().trim().min(1).max(80)),
  MUNICIPALITY_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
  MUNICIPALITY_PHONE: optional(z.string().trim().regex(/^\+?[0-9][0-9 ()-]{2,20}$/, {
    error: 'must be a phone number of digits, spaces, brackets or hyphens',
  })),
  KNOWLEDGE_OVERLAY_DIR: optional(z.string().trim().min(1)),
  DIRECTLINE_SECRET: optional(z.string().min(32, { error: 'must be at least 32 characters' })),
  ALLOWED_ORIGINS: z.preprocess((v) => v ?? '', originList),
  DEFAULT_LOCALE: withDefault(z.enum(LOCALES, { error: `must be one of ${LOCALES.join(', ')}` }), 'nl'),
  LOG_LEVEL: withDefault(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }), 'info'),
  STORAGE: withDefault(z.enum(['sqlite', 'blob'], { error: 'must be sqlite or blob' }), 'sqlite'),
  AZURE_STORAGE_CONNECTION_STRING: optional(z.string().trim().min(1)),
  AZURE_STORAGE_CONTAINER: withDefault(z.string().trim().regex(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/, {
    error: 'must be 3-63 lower-case letters, digits or hyphens (an Azure container name)',
  }), 'wegwijzer'),
  RETENTION_DAYS: withDefault(z.coerce.number({ error: 'must be a number of days' }).int().min(1).max(3650), 90),
  COMPLAINT_RETENTION_DAYS: withDefault(z.coerce.number({ error: 'must be a number of days' }).int().min(1).max(3650), 365),
  STAFF_TOKEN: optional(z.string().min(24, { error: 'must be at least 24 characters' })),
  RATE_LIMIT_PER_MINUTE: withDefault(z.coerce.number({ error: 'must be a number' }).int().min(10).max(1_000_000), 1200),
  RATE_LIMIT_CONVERSATION_PER_MINUTE: withDefault(z.coerce.number({ error: 'must be a number' }).int().min(10).max(1_000_000), 120),
  TRUST_PROXY: withDefault(z.string().trim().regex(/^(|loopback|uniquelocal|linklocal|\d+)$/, {
    error: 'must be empty, loopback, uniquelocal, linklocal or a number of proxies',
  }), ''),
  HANDOFF: withDefault(z.enum(HANDOFF_MODES, { error: `must be one of ${HANDOFF_MODES.join(', ')}` }), 'none'),
  WHATSAPP_VERIFY_TOKEN: optional(z.string().min(1)),
  WHATSAPP_APP_SECRET: optional(z.string().min(1)),
  WHATSAPP_ACCESS_TOKEN: optional(z.string().min(1)),
  WHATSAPP_PHONE_NUMBER_ID: optional(z.string().trim().regex(/^\d{1,30}$/, { error: 'must be the numeric phone number id from Meta (not the phone number)' })),
  WHATSAPP_GRAPH_URL: withDefault(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    // (An unreadable URL is already reported by the check above.)
    .refine((url) => !URL.canParse(url) || url.startsWith('https:') || isLoopbackUrl(url), {
      error: 'must be an https URL (plain http only to this machine: the access token goes with every request)',
    }), DEFAULT_GRAPH_URL),
  WHATSAPP_ID_SECRET: optional(z.string().min(32, { error: 'must be at least 32 characters' })),
}).superRefine((env, ctx) => {
  const missing = WHATSAPP_REQUIRED.filter((name) => !env[name]);
  if (missing.length > 0 && missing.length < WHATSAPP_REQUIRED.length) {
    for (const name of missing) {
      ctx.addIssue({ code: 'custom', path: [name], message: `is required when any of ${WHATSAPP_REQUIRED.join(', ')} is set (WhatsApp needs all four)` });
    }
  }
  if (missing.length === 0 && env.STORAGE === 'blob' && !env.WHATSAPP_ID_SECRET) {
    ctx.addIssue({
      code: 'custom', path: ['WHATSAPP_ID_SECRET'],
      message: 'is required when STORAGE is blob and WhatsApp is on (every replica must turn a number into the same id)',
    });
  }
  if (missing.length === 0 && env.NODE_ENV === 'production' && !env.WHATSAPP_ID_SECRET && env.STORAGE !== 'blob') {
    ctx.addIssue({
      code: 'custom', path: ['WHATSAPP_ID_SECRET'],
      message: 'is required when NODE_ENV is production and WhatsApp is on (from a secret store: a key generated into DATA_DIR '
        + 'travels with every backup of the data, and with it the ids of numbers can be traced back)',
    });
  }
  if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
    ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required when MicrosoftAppType is SingleTenant' });
  }
  if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
  }
  if (env.STORAGE === 'blob' && !env.AZURE_STORAGE_CONNECTION_STRING) {
    ctx.addIssue({ code: 'custom', path: ['AZURE_STORAGE_CONNECTION_STRING'], message: 'is required when STORAGE is blob' });
  }
  if (env.NODE_ENV === 'production' && !env.MicrosoftAppId) {
    ctx.addIssue({
      code: 'custom', path: ['MicrosoftAppId'],
      message: 'is required when NODE_ENV is production (anonymous mode is for local testing only)',
    });
  }
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  auth: { appId: string; appPassword: string; tenantId: string; appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' };
  /** Origins (besides loopback) that anonymous mode may post replies to. */
  allowedServiceUrls: string[];
  municipality: { name?: string; url?: string; phone?: string };
  /** Signs local Direct Line tokens; generated into DATA_DIR when unset. */
  directLineSecret?: string;
  /** Sites (origins) that may embed the widget; the bot's own origin always may. */
  allowedOrigins: string[];
  /** Folder with the deployment's local knowledge entries (overrides and additions). */
  knowledgeOverlayDir?: string;
  defaultLocale: (typeof LOCALES)[number];
  logLevel: (typeof LOG_LEVELS)[number];
  /** Where state and documents live: one SQLite file, or Azure Blob Storage shared by several replicas. */
  storage: { kind: 'sqlite' } | { kind: 'blob'; connectionString: string; container: string };
  /** Days that transcripts, analytics, feedback and idle conversation state are kept; complaints their own. */
  retentionDays: number;
  complaintRetentionDays: number;
  /** Enables /staff; the staff API wants it as a bearer token. */
  staffToken?: string;
  /** Requests per minute per client IP on every route (Direct Line and /api/messages have their own limits too). */
  rateLimitPerMinute: number;
  /** Messages per minute per conversation on /api/messages. */
  rateLimitConversationPerMinute: number;
  /** Express 'trust proxy': which proxies' X-Forwarded-For to believe for the client IP. Empty: none. */
  trustProxy?: string | number;
  /** How "talk to a person" works: contact details only, or a handoff event to an agent desk. */
  handoff: (typeof HANDOFF_MODES)[number];
  /** The WhatsApp Cloud API channel; undefined (off) unless all four of its secrets are set. */
  whatsapp?: WhatsAppConfig;
}

export interface WhatsAppConfig {
  /** The token Meta sends back in the webhook handshake. */
  verifyToken: string;
  /** The Meta app's secret: the key of X-Hub-Signature-256. */
  appSecret: string;
  /** A permanent (system user) access token with whatsapp_business_messaging. */
  accessToken: string;
  /** The id Meta gives the business phone number (not the number itself). */
  phoneNumberId: string;
  /** The Graph API base with its version, without a trailing slash. */
  graphUrl: string;
  /** Key of the hash that turns numbers into ids; generated into DATA_DIR when unset (not in production). */
  idSecret?: string;
}

/** Raised for a bad environment; `message` is one line per problem, each naming the variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const SECRET = new Set([
  'MicrosoftAppPassword', 'DIRECTLINE_SECRET', 'AZURE_STORAGE_CONNECTION_STRING', 'STAFF_TOKEN',
  'WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_ID_SECRET',
]);

/**
 * Parses the environment into a typed `Config`. Throws `ConfigError` naming each bad variable.
 * @example loadConfig({ PORT: '8080' }).port === 8080
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const raw = env[name];
      const shown = raw === undefined || SECRET.has(name) ? '' : ` (got "${raw.slice(0, 40)}")`;
      return `Configuration error: ${name} ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    auth: { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, tenantId: e.MicrosoftAppTenantId, appType: e.MicrosoftAppType },
    allowedServiceUrls: e.ALLOWED_SERVICE_URLS,
    municipality: { name: e.MUNICIPALITY_NAME, url: e.MUNICIPALITY_URL, phone: e.MUNICIPALITY_PHONE },
    directLineSecret: e.DIRECTLINE_SECRET,
    allowedOrigins: e.ALLOWED_ORIGINS,
    knowledgeOverlayDir: e.KNOWLEDGE_OVERLAY_DIR ? path.resolve(e.KNOWLEDGE_OVERLAY_DIR) : undefined,
    defaultLocale: e.DEFAULT_LOCALE,
    logLevel: e.LOG_LEVEL,
    handoff: e.HANDOFF,
    storage: e.STORAGE === 'blob'
      ? { kind: 'blob', connectionString: e.AZURE_STORAGE_CONNECTION_STRING as string, container: e.AZURE_STORAGE_CONTAINER }
      : { kind: 'sqlite' },
    retentionDays: e.RETENTION_DAYS,
    complaintRetentionDays: e.COMPLAINT_RETENTION_DAYS,
    staffToken: e.STAFF_TOKEN,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    rateLimitConversationPerMinute: e.RATE_LIMIT_CONVERSATION_PER_MINUTE,
    trustProxy: e.TRUST_PROXY === '' ? undefined : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
    whatsapp: e.WHATSAPP_VERIFY_TOKEN && e.WHATSAPP_APP_SECRET && e.WHATSAPP_ACCESS_TOKEN && e.WHATSAPP_PHONE_NUMBER_ID
      ? {
        verifyToken: e.WHATSAPP_VERIFY_TOKEN,
        appSecret: e.WHATSAPP_APP_SECRET,
        accessToken: e.WHATSAPP_ACCESS_TOKEN,
        phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID,
        graphUrl: e.WHATSAPP_GRAPH_URL.replace(/\/+$/, ''),
        idSecret: e.WHATSAPP_ID_SECRET,
      }
      : undefined,
  };
}
