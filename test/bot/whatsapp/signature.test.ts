// The webhook signature: HMAC-SHA256 of the raw body with the app secret, as Meta sends it.
import { createHmac } from 'node:crypto';
import { isSignedBy, signatureOf } from '../../../bot/whatsapp/signature';

const secret = 'app-secret';
const body = Buffer.from('{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"text":"café ☕"}}]}]}');

test('the signature is "sha256=" and the hex HMAC of the raw bytes', () => {
  const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  expect(signatureOf(body, secret)).toBe(expected);
  expect(isSignedBy(body, expected, secret)).toBe(true);
  expect(isSignedBy(body, expected.toUpperCase().replace('SHA256=', 'sha256='), secret)).toBe(true);
});

test.each([
  ['missing', undefined],
  ['empty', ''],
  ['without the prefix', createHmac('sha256', secret).update(body).digest('hex')],
  ['of another secret', signatureOf(body, 'another-secret')],
  ['too short', 'sha256=abc'],
  ['not hex', `sha256=${'z'.repeat(64)}`],
])('a signature that is %s is refused', (_name, header) => {
  expect(isSignedBy(body, header, secret)).toBe(false);
});

test('one changed byte of the body makes the signature wrong (the parsed JSON would look the same)', () => {
  const header = signatureOf(body, secret);
  const respaced = Buffer.from(body.toString('utf8').replace('"object":', '"object": '));
  expect(JSON.parse(respaced.toString('utf8'))).toEqual(JSON.parse(body.toString('utf8')));
  expect(isSignedBy(respaced, header, secret)).toBe(false);
});
