// When a turn fails: a localized apology with a reference, no stack trace, state cleared, error logged.
import { Writable } from 'node:stream';
import { turnErrorHandler } from '../../bot/adapter';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { createBotState } from '../../bot/state';
import { MemoryStorage, TestAdapter, type TurnContext } from '../helpers/botkit';
import { sharedI18n } from '../helpers/fixtures';

function setup(locale: string) {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  const storage = new MemoryStorage();
  const state = createBotState(storage);
  const logic = async (context: TurnContext) => {
    await state.conversationData.set(context, { welcomed: true, lastChoices: ['x'] });
    await state.conversationState.saveChanges(context);
    throw new Error('boom: internal detail');
  };
  const adapter = new TestAdapter(logic, { locale });
  adapter.onTurnError = turnErrorHandler(loadConfig({}), { logger: createLogger('error', sink), i18n: sharedI18n(), state });
  return { adapter, storage, lines };
}

test('the user gets an apology in their language with a reference, never the error or a stack', async () => {
  const { adapter, lines } = setup('en-GB');
  await adapter.send('hello').assertReply((reply) => {
    expect(reply.text).toMatch(/^Sorry, something went wrong on my side/);
    expect(reply.text).not.toMatch(/boom|internal detail|at /);
    const ref = /Error code: ([0-9a-f]{8})/.exec(reply.text ?? '')?.[1];
    expect(ref).toBeDefined();
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'turn failed');
    expect(logged.ref).toBe(ref);
    expect(logged.err.message).toBe('boom: internal detail');
    expect(logged.conversationId).toBeDefined();
  }).startTest();
});

test('a Dutch conversation gets the Dutch apology', async () => {
  const { adapter } = setup('nl-NL');
  await adapter.send('hallo').assertReply((reply) => {
    expect(reply.text).toMatch(/^Sorry, er ging bij mij iets mis/);
  }).startTest();
});

test('the state was written before the failure (so clearing it is observable)', async () => {
  const { adapter, storage } = setup('nl-NL');
  const before = { ...(storage as unknown as { memory: Record<string, unknown> }).memory };
  expect(Object.keys(before)).toEqual([]);
  await adapter.send('hallo').assertReply(() => {
    const keys = Object.keys((storage as unknown as { memory: Record<string, unknown> }).memory);
    expect(keys.some((k) => k.includes('/conversations/'))).toBe(true);
  }).startTest();
});

test('the broken conversation state is cleared, so the next message starts fresh', async () => {
  const { adapter, storage } = setup('nl-NL');
  await adapter.send('hallo').assertReply(() => undefined).startTest();
  // MemoryStorage.delete leaves the key with an undefined value.
  const conversationKeys = () => Object.entries((storage as unknown as { memory: Record<string, unknown> }).memory)
    .filter(([k, v]) => k.includes('/conversations/') && v !== undefined);
  expect(conversationKeys()).toEqual([]);
});

test('an eTag conflict (another replica saved first) keeps the state and asks to send again; errors are counted', async () => {
  const storage = new MemoryStorage();
  const state = createBotState(storage);
  const counted: string[] = [];
  const logic = async (context: TurnContext) => {
    await state.conversationData.set(context, { welcomed: true, lastChoices: ['kept'] });
    await state.conversationState.saveChanges(context);
    throw new Error('Storage: error writing "x" due to eTag conflict.');
  };
  const adapter = new TestAdapter(logic, { locale: 'en-US' });
  const sink = new Writable({ write(_chunk, _enc, done) { done(); } });
  adapter.onTurnError = turnErrorHandler(loadConfig({}), {
    logger: createLogger('error', sink), i18n: sharedI18n(), state, onError: (channel, locale) => counted.push(`${channel}/${locale}`),
  });
  await adapter.send('hello').assertReply(sharedI18n().getFixedT('en')('errors.busy')).startTest();
  const stored = JSON.stringify((storage as unknown as { memory: Record<string, string> }).memory);
  expect(stored).toContain('kept');
  expect(counted).toEqual(['test/en']);
});
