// Where anonymous mode may post replies: loopback, or an explicitly allowed origin.
import { isAllowedServiceUrl } from '../../bot/serviceUrlPolicy';

test.each([
  ['http://localhost:50000', true],
  ['http://127.0.0.1:3978/', true],
  ['http://127.1.2.3', true],
  ['http://[::1]:9000', true],
  ['https://webchat.botframework.com', false],
  ['http://localhost.attacker.example', false],
  ['http://user:pw@localhost:1', false],
  ['file:///etc/passwd', false],
  ['not a url', false],
])('%s → %s', (url, allowed) => {
  expect(isAllowedServiceUrl(url, [])).toBe(allowed);
});

test('an origin in ALLOWED_SERVICE_URLS is allowed, with any path', () => {
  expect(isAllowedServiceUrl('https://europe.webchat.botframework.com/v3/', ['https://europe.webchat.botframework.com'])).toBe(true);
  expect(isAllowedServiceUrl('https://europe.webchat.botframework.com.evil.io/', ['https://europe.webchat.botframework.com'])).toBe(false);
});
