// The way replies travel to the channel: connections are reused across turns, and the Emulator (only) gets
// the dialog state as a trace for its inspector.
import { botForFile, emulatorActivity, post } from '../helpers/http';

const live = botForFile();

test('replies of many turns reuse a few connections to the channel instead of opening one per turn', async () => {
  const before = live.channel.connections;
  for (let i = 0; i < 6; i++) {
    const { status, replies } = await post(live.bot, live.channel, emulatorActivity(live.channel, {
      channelId: 'webchat', conversation: { id: `reuse-${i % 2}` }, text: 'wat kost het examen',
    }));
    expect(status).toBe(200);
    expect(replies.length).toBeGreaterThan(0);
  }
  // One connection, or a second when the first was closed meanwhile; never one per turn.
  expect(live.channel.connections - before).toBeLessThanOrEqual(2);
});

test('the Emulator gets the dialog state as a "Bot State" trace; a real channel gets no trace', async () => {
  const traces = (from: number) => live.channel.received.slice(from).map((c) => c.body).filter((a) => a.type === 'trace');
  let from = live.channel.received.length;
  await post(live.bot, live.channel, emulatorActivity(live.channel, { conversation: { id: 'trace-emu' }, text: 'klacht indienen' }));
  const [trace] = traces(from);
  expect(trace).toMatchObject({ label: 'Bot State', valueType: 'https://www.botframework.com/schemas/botState' });
  expect(Array.isArray(trace.value.dialogStack)).toBe(true);
  expect(trace.value.dialogStack.length).toBeGreaterThan(0);

  from = live.channel.received.length;
  await post(live.bot, live.channel, emulatorActivity(live.channel, { channelId: 'webchat', conversation: { id: 'trace-webchat' }, text: 'klacht indienen' }));
  expect(live.channel.received.length).toBeGreaterThan(from);
  expect(traces(from)).toEqual([]);
});
