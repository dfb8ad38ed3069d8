// Connector clients (the SDK's sender of replies) are built once per channel service URL and reused by
// later turns, within a bounded cache.
import { MAX_CLIENTS, ReusingAuthentication } from '../../bot/adapter';

const auth = new ReusingAuthentication({});
type Activity = Parameters<ReusingAuthentication['authenticateRequest']>[0];
const activity = (serviceUrl: string) => ({ type: 'message', channelId: 'webchat', serviceUrl }) as Activity;

async function clientFor(serviceUrl: string) {
  const { connectorFactory } = await auth.authenticateRequest(activity(serviceUrl), '');
  return connectorFactory!.create(serviceUrl);
}

test('a second turn to the same service URL gets the same client; another URL gets its own', async () => {
  const first = await clientFor('http://127.0.0.1:9001');
  expect(await clientFor('http://127.0.0.1:9001')).toBe(first);
  expect(await clientFor('http://127.0.0.1:9002')).not.toBe(first);
});

test('the cache is bounded: a flood of service URLs pushes out the least recently used client', async () => {
  const kept = await clientFor('http://127.0.0.1:9100');
  const dropped = await clientFor('http://127.0.0.1:9101');
  for (let i = 0; i < MAX_CLIENTS - 1; i++) {
    await clientFor(`http://127.0.0.1:${9200 + i}`);
    if (i === 0) await clientFor('http://127.0.0.1:9100'); // used again: now the most recent
  }
  expect(await clientFor('http://127.0.0.1:9100')).toBe(kept);
  expect(await clientFor('http://127.0.0.1:9101')).not.toBe(dropped);
});
