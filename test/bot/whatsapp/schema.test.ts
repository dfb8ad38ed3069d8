// Webhook deliveries: the envelope checked by zod (refused whole when wrong), each message checked on its own
// (skipped when wrong), and each message read as text the bot understands, or as a kind it cannot read, or as
// something that is not for the bot.
import { parseDelivery, readMessage, type WebhookMessage } from '../../../bot/whatsapp/schema';

const envelope = (value: Record<string, unknown>, field = 'messages') => ({
  object: 'whatsapp_business_account',
  entry: [{ id: '102290129340398', changes: [{ field, value }] }],
});
const messagesValue = (messages: unknown[], extra: Record<string, unknown> = {}) => ({
  messaging_product: 'whatsapp',
  metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
  contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
  messages,
  ...extra,
});
const message = (content: Record<string, unknown>): Record<string, unknown> =>
  ({ from: '16505551234', id: 'wamid.HBgLMTY1MDUwNzY1MjAVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=', timestamp: '1749416383', ...content });

function parsedMessage(content: Record<string, unknown>): WebhookMessage {
  const parsed = parseDelivery(envelope(messagesValue([message(content)])));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.delivery.messages[0]!.messages[0]!;
}

test("Meta's text message example is read as text, with the sender's number and the time in ms", () => {
  const read = readMessage(parsedMessage({ type: 'text', text: { body: 'Does it come in another color?' } }));
  expect(read).toEqual({
    wamid: 'wamid.HBgLMTY1MDUwNzY1MjAVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
    address: { phone: '16505551234' }, sentAt: 1749416383000, kind: 'text', type: 'text', text: 'Does it come in another color?',
  });
});

test('a tapped reply button or list row is read as its id: the value the bot offered', () => {
  const button = parsedMessage({
    type: 'interactive', context: { from: '15550783881', id: 'wamid.x' },
    interactive: { type: 'button_reply', button_reply: { id: 'Hoe ik behandeld ben', title: 'Hoe ik behandeld ben' } },
  });
  expect(readMessage(button)).toMatchObject({ kind: 'choice', text: 'Hoe ik behandeld ben' });
  const row = parsedMessage({
    type: 'interactive',
    interactive: { type: 'list_reply', list_reply: { id: 'Een besluit waar ik het niet mee eens ben', title: 'Een besluit waar ik het…', description: 'x' } },
  });
  expect(readMessage(row)).toMatchObject({ kind: 'choice', text: 'Een besluit waar ik het niet mee eens ben' });
  expect(readMessage(parsedMessage({ type: 'button', button: { payload: 'Ja', text: 'Ja!' } }))).toMatchObject({ kind: 'choice', text: 'Ja' });
});

test.each([
  ['image', 'media', { image: { id: '1', mime_type: 'image/jpeg' } }],
  ['document', 'media', { document: { id: '1', filename: 'a.pdf' } }],
  ['location', 'media', { location: { latitude: 52, longitude: 5 } }],
  ['sticker', 'media', { sticker: { id: '1' } }],
  ['video', 'media', { video: { id: '1' } }],
  ['contacts', 'media', { contacts: [{ name: { formatted_name: 'A' } }] }],
  ['unsupported', 'media', { errors: [{ code: 131051 }] }],
  ['audio', 'voice', { audio: { id: '1', voice: true } }],
])('a message of type %s is read as %s', (type, kind, content) => {
  expect(readMessage(parsedMessage({ type, ...content }))).toMatchObject({ kind, type });
});

test.each([
  ['a reaction', { type: 'reaction', reaction: { message_id: 'wamid.x', emoji: '👍' } }, 'reaction'],
  ['a system notice', { type: 'system', system: { body: 'changed number', type: 'user_changed_number' } }, 'system'],
  ['a group message', { type: 'text', text: { body: 'hi' }, group_id: 'G1' }, 'group'],
  ['a flow reply', { type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: {} } }, 'other'],
  ['an order', { type: 'order', order: {} }, 'other'],
])('%s is not for the bot', (_name, content, reason) => {
  expect(readMessage(parsedMessage(content))).toEqual({ ignored: reason });
});

test('a sender with a username and no number is reached by the business-scoped user id', () => {
  const read = readMessage(parsedMessage({ from: undefined, from_user_id: 'NL.1502576394655843', type: 'text', text: { body: 'hoi' } }));
  expect(read).toMatchObject({ address: { userId: 'NL.1502576394655843' }, kind: 'text' });
  expect((read as { address: object }).address).not.toHaveProperty('phone');
});

test('statuses, failed statuses, errors and other fields are counted, not read as messages', () => {
  const parsed = parseDelivery({
    object: 'whatsapp_business_account',
    entry: [{
      id: '1',
      changes: [
        { field: 'messages', value: {
          ...messagesValue([]), messages: undefined, errors: [{ code: 131000 }],
          statuses: [
            { id: 'wamid.x', status: 'read' }, { id: 'wamid.y', status: 'delivered' },
            { id: 'wamid.z', status: 'failed', errors: [{ code: 131049, title: 'Not delivered' }, { code: 131026 }] }, 'not a status',
          ],
        } },
        { field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } },
      ],
    }],
  });
  expect(parsed).toEqual({
    ok: true,
    delivery: { messages: [{ phoneNumberId: '106540352242922', messages: [], malformed: [], statuses: 4, failedCodes: [131049, 131026], errors: [131000] }] },
  });
});

test.each([
  ['a message without id', { from: '1', timestamp: '1', type: 'text', text: { body: 'x' } }, /messages\.0\.id/],
  ['a message without sender', { id: 'w', timestamp: '1', type: 'text', text: { body: 'x' } }, /messages\.0\.from/],
  ['a timestamp that is not a number', message({ timestamp: 'yesterday', type: 'text', text: { body: 'x' } }), /timestamp/],
  ['a timestamp in milliseconds (13 digits)', message({ timestamp: '1749416383000', type: 'text', text: { body: 'x' } }), /timestamp must be a Unix time in seconds/],
  ['a text message without text', message({ type: 'text' }), /messages\.0\.text/],
  ['a button reply without its button', message({ type: 'interactive', interactive: { type: 'button_reply' } }), /button_reply/],
])('%s is skipped, naming the field; the messages beside it are read', (_name, bad, field) => {
  const good = message({ type: 'text', text: { body: 'goed' } });
  const parsed = parseDelivery(envelope(messagesValue([bad, good])));
  expect(parsed.ok).toBe(true);
  const change = parsed.ok ? parsed.delivery.messages[0]! : undefined;
  expect(change?.messages.map((m) => m.text?.body)).toEqual(['goed']);
  expect(change?.malformed).toEqual([expect.stringMatching(field)]);
  expect(change?.malformed[0]).toMatch(/^entry\.0\.changes\.0\.value\.messages\.0\./);
});

test('a caption makes a photo, video or document a caption turn; without one it is media', () => {
  for (const type of ['image', 'video', 'document']) {
    expect(readMessage(parsedMessage({ type, [type]: { id: '1', caption: ' Wat staat hier? ' } }))).toMatchObject({ kind: 'caption', type, text: 'Wat staat hier?' });
    expect(readMessage(parsedMessage({ type, [type]: { id: '1', caption: '   ' } }))).toEqual(expect.objectContaining({ kind: 'media', type }));
    expect(readMessage(parsedMessage({ type, [type]: { id: '1', caption: '   ' } }))).not.toHaveProperty('text');
  }
});

test('the time a message was sent is never later than now', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');
  expect(readMessage(parsedMessage({ timestamp: '1796562000', type: 'text', text: { body: 'x' } }), now)).toMatchObject({ sentAt: now });
  expect(readMessage(parsedMessage({ timestamp: '1796554800', type: 'text', text: { body: 'x' } }), now)).toMatchObject({ sentAt: 1796554800_000 });
});

test.each([
  ['another object', { object: 'page', entry: [] }, /object/],
  ['no entry', { object: 'whatsapp_business_account', entry: [] }, /entry/],
  ['messages that are not a list', envelope({ ...messagesValue([]), messages: { id: 'w' } }), /messages/],
  ['a value of another product', envelope({ ...messagesValue([]), messaging_product: 'instagram' }), /messaging_product/],
  ['a value without metadata', envelope({ messaging_product: 'whatsapp', messages: [] }), /metadata/],
])('an envelope with %s is refused, naming the field', (_name, body, field) => {
  const parsed = parseDelivery(body);
  expect(parsed.ok).toBe(false);
  expect(!parsed.ok && parsed.error).toMatch(field);
  expect(!parsed.ok && parsed.error).toMatch(/^invalid webhook payload: /);
});
