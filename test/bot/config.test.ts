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
