// Property-based: random activities and random Unicode (huge, control characters, bidi marks, emoji, mixed
// scripts) through /api/messages. Never a 5xx, never a crash; the conversation's state still loads and the
// next normal message is answered.
import fc from 'fast-check';
import { CaptureChannel, emulatorActivity, post, startBot, type RunningBot } from '../helpers/http';

jest.setTimeout(180_000);
let bot: RunningBot;
let channel: CaptureChannel;
beforeAll(async () => {
  channel = await new CaptureChannel().start();
  // Generous limits: the properties send many requests from one address and conversation.
  bot = await startBot({ RATE_LIMIT_PER_MINUTE: '1000000' });
});
afterAll(async () => {
  await bot.stop();
  await channel.stop();
});

const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u202E', '\u2066', '\u200F', '\u0000', '\u0007', '\uFEFF', '\uD800', '👨‍👩‍👧', 'ﷺ', 'ፈተና', 'امتحان', 'іспит', '\n\n\n', ' ', '1', '99', 'menu', 'stop', 'persoon', 'taal'),
);
const text = fc.oneof(
  fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')),
  fc.integer({ min: 1000, max: 200_000 }).map((n) => 'ا'.repeat(n)),
);
const activity = fc.record({
  type: fc.constantFrom('message', 'message', 'message', 'conversationUpdate', 'event', 'typing', 'invoke', 'messageReaction', 'x'),
  text: fc.option(text, { nil: undefined }),
  locale: fc.option(fc.oneof(fc.constantFrom('nl', 'ar-SY', 'ti', 'xx-YY', ''), fc.string({ maxLength: 20 })), { nil: undefined }),
  value: fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
  attachments: fc.option(fc.array(fc.record({ contentType: fc.string({ maxLength: 30 }), content: fc.jsonValue({ maxDepth: 2 }) }), { maxLength: 3 }), { nil: undefined }),
  channelData: fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
});

test('random activities: no 5xx, and the conversation goes on', async () => {
  let n = 0;
  await fc.assert(fc.asyncProperty(fc.array(activity, { minLength: 1, maxLength: 4 }), async (activities) => {
    n += 1;
    const conversation = { id: `prop-${n}|livechat` };
    for (const a of activities) {
      const body = emulatorActivity(channel, { conversation, ...a });
      const { status } = await post(bot, channel, body);
      if (status >= 500) throw new Error(`HTTP ${status} for ${JSON.stringify(body).slice(0, 300)}`);
      expect([200, 201, 202, 400, 413, 415, 429]).toContain(status);
    }
    // The state still loads and a normal question is answered.
    const next = await post(bot, channel, emulatorActivity(channel, { conversation, text: 'Hoeveel kost het examen?', locale: 'nl' }));
    expect(next.status).toBe(200);
    expect(next.replies.some((r) => r.type === 'message')).toBe(true);
  }), { numRuns: 60, seed: Number(process.env.FC_SEED ?? 20261128) });
});

test('random raw bodies (not JSON, wrong types): always 4xx with a short reason', async () => {
  await fc.assert(fc.asyncProperty(fc.oneof(fc.string({ maxLength: 300 }), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v))), async (raw) => {
    const { status, json } = await post(bot, channel, undefined, { raw });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(typeof json?.error).toBe('string');
  }), { numRuns: 150, seed: Number(process.env.FC_SEED ?? 20261128) });
});
