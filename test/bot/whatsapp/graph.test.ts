// The Graph API client: one POST per message with the bearer token; 429, 5xx, Meta's throttling codes (as 400)
// and a connection never made are retried a bounded number of times, at least as long apart as Retry-After
// says; other answers are final, and so is a request sent but unanswered (it may have arrived). A shutdown's
// signal ends a request or a wait at once.
import { FakeGraph, PHONE_NUMBER_ID } from '../../helpers/fakeGraph';
import { GraphClient, GraphError, PAIR_RATE_WAIT_MS, retryAfterMs } from '../../../bot/whatsapp/graph';

let graph: FakeGraph;
beforeAll(async () => { graph = await new FakeGraph().start(); });
afterAll(async () => { await graph.stop(); });

const body = (to: string) => ({ messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { body: 'hallo' } });

function client(options: Partial<ConstructorParameters<typeof GraphClient>[0]> = {}) {
  const waits: number[] = [];
  const retried: number[] = [];
  const codes: (number | undefined)[] = [];
  const graphClient = new GraphClient({
    baseUrl: `${graph.url}/`, phoneNumberId: PHONE_NUMBER_ID, accessToken: 'token-1',
    baseDelayMs: 8, sleep: async (ms) => { waits.push(ms); },
    onRetry: (status, code) => { retried.push(status); codes.push(code); }, ...options,
  });
  return { graphClient, waits, retried, codes };
}

test('a message is posted to {base}/{phone number id}/messages with the bearer token; Meta\'s message id comes back', async () => {
  const { graphClient } = client();
  const sent = await graphClient.send(body('31600000001'));
  expect(sent.id).toMatch(/^wamid\./);
  const request = graph.requests.at(-1)!;
  expect(request).toMatchObject({ path: `/v27.0/${PHONE_NUMBER_ID}/messages`, authorization: 'Bearer token-1', status: 200 });
  expect(request.body).toEqual(body('31600000001'));
});

test('429 is retried no sooner than its Retry-After, 5xx with growing backoff; then it succeeds', async () => {
  const { graphClient, waits, retried } = client();
  graph.fail(429, 1, { retryAfter: '3' });
  graph.fail(503, 1);
  graph.fail(500, 1);
  await expect(graphClient.send(body('31600000002'))).resolves.toHaveProperty('id');
  expect(graph.requests.filter((r) => r.body.to === '31600000002').map((r) => r.status)).toEqual([429, 503, 500, 200]);
  expect(retried).toEqual([429, 503, 500]);
  expect(waits[0]).toBeGreaterThanOrEqual(3000);
  // Exponential steps with jitter: at least half of 8, 16 (the second and third wait).
  expect(waits[1]).toBeGreaterThanOrEqual(8);
  expect(waits[1]).toBeLessThanOrEqual(16);
  expect(waits[2]).toBeGreaterThanOrEqual(16);
  expect(waits[2]).toBeLessThanOrEqual(32);
});

test('the attempts are bounded: after the last one the error says the status and how many tries', async () => {
  const { graphClient, waits } = client({ maxAttempts: 3 });
  graph.fail(500, 3);
  const error = await graphClient.send(body('31600000003')).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GraphError);
  expect(error).toMatchObject({ status: 500, attempts: 3 });
  expect(waits).toHaveLength(2);
  expect(graph.requests.filter((r) => r.body.to === '31600000003')).toHaveLength(3);
});

test("another error is final at once and carries Meta's error code, never the message or the recipient", async () => {
  const { graphClient, waits } = client();
  graph.fail(400, 1, { error: { code: 131047, message: 'Re-engagement message: more than 24 hours have passed for 31600000004' } });
  const error = await graphClient.send(body('31600000004')).catch((e: unknown) => e) as GraphError;
  expect(error).toMatchObject({ status: 400, attempts: 1, code: 131047 });
  expect(error.message).not.toContain('31600000004');
  expect(error.message).not.toContain('Re-engagement');
  expect(waits).toEqual([]);
});

test('a Retry-After longer than the longest wait ends the retries', async () => {
  const { graphClient, waits } = client({ maxDelayMs: 1000 });
  graph.fail(429, 1, { retryAfter: '3600' });
  await expect(graphClient.send(body('31600000005'))).rejects.toMatchObject({ status: 429, attempts: 1 });
  expect(waits).toEqual([]);
});

test('no answer at all (nothing listening) is retried and then reported as status 0', async () => {
  const closed = new FakeGraph();
  await closed.start();
  await closed.stop();
  const { graphClient, retried } = client({ baseUrl: closed.url, maxAttempts: 2 });
  await expect(graphClient.send(body('31600000006'))).rejects.toMatchObject({ status: 0, attempts: 2, noAnswer: 'connection' });
  expect(retried).toEqual([0]);
});

test("Meta's throttling codes are retried whatever the HTTP status: 130429 as a 400, then it succeeds", async () => {
  const { graphClient, retried, codes } = client();
  graph.fail(400, 1, { error: { code: 130429, message: '(#130429) Rate limit hit' } });
  graph.fail(400, 1, { error: { code: 80007, message: '(#80007) Rate limit issues' } });
  await expect(graphClient.send(body('31600000007'))).resolves.toHaveProperty('id');
  expect(graph.requests.filter((r) => r.body.to === '31600000007').map((r) => r.status)).toEqual([400, 400, 200]);
  expect(retried).toEqual([400, 400]);
  expect(codes).toEqual([130429, 80007]);
});

test('the pair rate limit (131056) waits at least until the next message to that person may go', async () => {
  const { graphClient, waits } = client();
  graph.fail(400, 1, { error: { code: 131056, message: '(#131056) (Business Account, Consumer Account) pair rate limit hit' } });
  await expect(graphClient.send(body('31600000008'))).resolves.toHaveProperty('id');
  expect(waits).toHaveLength(1);
  expect(waits[0]).toBeGreaterThanOrEqual(PAIR_RATE_WAIT_MS);
});

test('a 400 with any other code is final; throttling codes too run out after the last attempt', async () => {
  const { graphClient } = client({ maxAttempts: 2 });
  graph.fail(400, 1, { error: { code: 131026, message: 'Message undeliverable' } });
  await expect(graphClient.send(body('31600000009'))).rejects.toMatchObject({ status: 400, attempts: 1, code: 131026 });
  graph.fail(400, 2, { error: { code: 130429, message: 'Rate limit hit' } });
  await expect(graphClient.send(body('31600000010'))).rejects.toMatchObject({ status: 400, attempts: 2, code: 130429 });
});

test('a request that was sent but got no answer in time is not sent again (it may have arrived)', async () => {
  const { graphClient, retried } = client({ timeoutMs: 100 });
  const release = graph.hold();
  const error = await graphClient.send(body('31600000011')).catch((e: unknown) => e);
  release();
  expect(error).toBeInstanceOf(GraphError);
  expect(error).toMatchObject({ status: 0, attempts: 1, noAnswer: 'timeout' });
  expect(retried).toEqual([]);
});

test('a shutdown ends a retry wait at once, and a request not yet made is not made', async () => {
  const stop = new AbortController();
  // Real waiting (a minute), ended by the signal right when the first retry is about to wait.
  const graphClient = new GraphClient({
    baseUrl: graph.url, phoneNumberId: PHONE_NUMBER_ID, accessToken: 'token-1', baseDelayMs: 60_000, maxDelayMs: 60_000,
    onRetry: () => stop.abort(),
  });
  graph.fail(500, 1);
  await expect(graphClient.send(body('31600000012'), stop.signal)).rejects.toMatchObject({ status: 0, noAnswer: 'aborted' });
  expect(graph.requests.filter((r) => r.body.to === '31600000012')).toHaveLength(1);
  await expect(graphClient.send(body('31600000013'), stop.signal)).rejects.toMatchObject({ noAnswer: 'aborted', attempts: 0 });
  expect(graph.requests.filter((r) => r.body.to === '31600000013')).toHaveLength(0);
});

test('Retry-After is read as seconds or as an HTTP date', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');
  expect(retryAfterMs('2', now)).toBe(2000);
  expect(retryAfterMs('Sun, 06 Dec 2026 12:00:05 GMT', now)).toBe(5000);
  expect(retryAfterMs('Sun, 06 Dec 2026 11:00:00 GMT', now)).toBe(0);
  expect(retryAfterMs(null, now)).toBeUndefined();
  expect(retryAfterMs('soon', now)).toBeUndefined();
});
