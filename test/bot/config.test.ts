// Configuration: defaults, good values, and bad values that stop start-up with the variable named.
import path from 'node:path';
import { ConfigError, loadConfig } from '../../bot/config';

describe('When the environment is empty', () => {
  const config = loadConfig({});
  test('the defaults serve the Emulator anonymously on 3978 in Dutch', () => {
    expect(config.port).toBe(3978);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.auth.appId).toBe('');
    expect(config.auth.appType).toBe('MultiTenant');
    expect(config.defaultLocale).toBe('nl');
    expect(config.logLevel).toBe('info');
    expect(config.municipality).toEqual({});
    expect(config.allowedServiceUrls).toEqual([]);
  });
});

test('good values are parsed and typed', () => {
  const config = loadConfig({
    PORT: '8080', HOST: '0.0.0.0', DATA_DIR: '/var/lib/wegwijzer', DEFAULT_LOCALE: 'en', LOG_LEVEL: 'debug',
    MUNICIPALITY_NAME: 'Utrecht', MUNICIPALITY_URL: 'https://www.utrecht.nl', MUNICIPALITY_PHONE: '14 030',
    MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 'tenant',
    ALLOWED_SERVICE_URLS: 'https://webchat.botframework.com/, https://europe.directline.botframework.com',
  });
  expect(config.port).toBe(8080);
  expect(config.dataDir).toBe('/var/lib/wegwijzer');
  expect(config.defaultLocale).toBe('en');
  expect(config.municipality).toEqual({ name: 'Utrecht', url: 'https://www.utrecht.nl', phone: '14 030' });
  expect(config.auth).toEqual({ appId: 'app', appPassword: 'secret', tenantId: 'tenant', appType: 'SingleTenant' });
  expect(config.allowedServiceUrls).toEqual(['https://webchat.botframework.com', 'https://europe.directline.botframework.com']);
});

test('an empty value means "use the default"', () => {
  expect(loadConfig({ PORT: '', LOG_LEVEL: '' }).port).toBe(3978);
});

test.each([
  ['PORT', 'abc', /^Configuration error: PORT must be a number \(got "abc"\)$/],
  ['PORT', '70000', /PORT must be between 0 and 65535/],
  ['PORT', '3.5', /PORT must be a whole number/],
  ['DEFAULT_LOCALE', 'fr', /DEFAULT_LOCALE must be one of nl, en/],
  ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
  ['MUNICIPALITY_URL', 'utrecht', /MUNICIPALITY_URL must be an http\(s\) URL/],
  ['MUNICIPALITY_PHONE', 'call us', /MUNICIPALITY_PHONE must be a phone number/],
  ['MicrosoftAppType', 'Anything', /MicrosoftAppType/],
  ['ALLOWED_SERVICE_URLS', 'ftp://x', /ALLOWED_SERVICE_URLS "ftp:\/\/x" is not an http\(s\) URL/],
])('%s=%s stops start-up with one line naming it', (name, value, message) => {
  let error: unknown;
  try {
    loadConfig({ [name]: value });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  const lines = (error as ConfigError).message.split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
});

test('an app id without a password is refused, and the password is never echoed', () => {
  expect(() => loadConfig({ MicrosoftAppId: 'app' })).toThrow(/MicrosoftAppPassword is required when MicrosoftAppId is set/);
  let message = '';
  try { loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'topsecret', MicrosoftAppType: 'SingleTenant' }); } catch (e) { message = (e as Error).message; }
  expect(message).toMatch(/MicrosoftAppTenantId is required/);
  expect(message).not.toContain('topsecret');
});

test('production requires Bot Framework credentials (anonymous mode is for local testing only)', () => {
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId is required when NODE_ENV is production/);
  expect(loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'a', MicrosoftAppPassword: 'b' }).env).toBe('production');
});

describe('WhatsApp', () => {
  const all = {
    WHATSAPP_VERIFY_TOKEN: 'verify-me', WHATSAPP_APP_SECRET: 'app-secret-value', WHATSAPP_ACCESS_TOKEN: 'EAAG-access-token-value',
    WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
  };

  test('is off unless configured', () => {
    expect(loadConfig({}).whatsapp).toBeUndefined();
  });

  test("is on with all four settings, on Meta's current Graph API version unless another URL is given", () => {
    expect(loadConfig(all).whatsapp).toEqual({
      verifyToken: 'verify-me', appSecret: 'app-secret-value', accessToken: 'EAAG-access-token-value',
      phoneNumberId: '106540352242922', graphUrl: 'https://graph.facebook.com/v27.0', idSecret: undefined,
    });
    expect(loadConfig({ ...all, WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9999/v26.0/' }).whatsapp?.graphUrl).toBe('http://127.0.0.1:9999/v26.0');
  });

  test('a partial set stops start-up naming each missing setting, and never echoes a secret', () => {
    let error: unknown;
    try { loadConfig({ WHATSAPP_APP_SECRET: all.WHATSAPP_APP_SECRET, WHATSAPP_ACCESS_TOKEN: all.WHATSAPP_ACCESS_TOKEN }); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as ConfigError).message.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Configuration error: WHATSAPP_VERIFY_TOKEN is required when any of .* is set/);
    expect(lines[1]).toMatch(/^Configuration error: WHATSAPP_PHONE_NUMBER_ID is required/);
    expect((error as Error).message).not.toContain('app-secret-value');
    expect((error as Error).message).not.toContain('EAAG-access-token-value');
  });

  test.each([
    ['WHATSAPP_PHONE_NUMBER_ID', '+31 6 12345678', /WHATSAPP_PHONE_NUMBER_ID must be the numeric phone number id/],
    ['WHATSAPP_GRAPH_URL', 'graph.facebook.com', /WHATSAPP_GRAPH_URL must be an http\(s\) URL/],
    ['WHATSAPP_ID_SECRET', 'short', /WHATSAPP_ID_SECRET must be at least 32 characters$/],
  ])('%s=%s is refused', (name, value, message) => {
    expect(() => loadConfig({ ...all, [name]: value })).toThrow(message);
  });

  test('a bad secret value is named but not shown', () => {
    let message = '';
    try { loadConfig({ ...all, WHATSAPP_ID_SECRET: 'short-but-secret' }); } catch (e) { message = (e as Error).message; }
    expect(message).toMatch(/WHATSAPP_ID_SECRET/);
    expect(message).not.toContain('short-but-secret');
  });

  test('the Graph API URL must be https (the access token goes with every request), except to this machine', () => {
    for (const url of ['http://graph.facebook.com/v27.0', 'http://10.0.0.5:8080/v27.0', 'http://127.0.0.1.example.com/v27.0']) {
      expect(() => loadConfig({ ...all, WHATSAPP_GRAPH_URL: url })).toThrow(/WHATSAPP_GRAPH_URL must be an https URL/);
    }
    for (const url of ['https://graph.facebook.com/v27.0', 'http://localhost:9999/v27.0', 'http://127.0.0.1:9999/v27.0', 'http://127.1.2.3/v27.0', 'http://[::1]:9999/v27.0']) {
      expect(loadConfig({ ...all, WHATSAPP_GRAPH_URL: url }).whatsapp?.graphUrl).toBe(url);
    }
  });

  test('in production the key that turns numbers into ids must come from the configuration, not from DATA_DIR', () => {
    const production = { NODE_ENV: 'production', MicrosoftAppId: 'a', MicrosoftAppPassword: 'b' };
    expect(() => loadConfig({ ...production, ...all })).toThrow(/WHATSAPP_ID_SECRET is required when NODE_ENV is production and WhatsApp is on/);
    expect(loadConfig({ ...production, ...all, WHATSAPP_ID_SECRET: 'k'.repeat(40) }).whatsapp?.idSecret).toBe('k'.repeat(40));
    expect(loadConfig(production).whatsapp).toBeUndefined();
    expect(loadConfig(all).whatsapp?.idSecret).toBeUndefined();
  });

  test('several replicas (blob storage) must share the key that turns numbers into ids', () => {
    const blob = { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' };
    expect(() => loadConfig({ ...all, ...blob })).toThrow(/WHATSAPP_ID_SECRET is required when STORAGE is blob/);
    expect(loadConfig({ ...all, ...blob, WHATSAPP_ID_SECRET: 'k'.repeat(40) }).whatsapp?.idSecret).toBe('k'.repeat(40));
  });
});
