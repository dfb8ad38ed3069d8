// The scale-out path against Azurite: the blob store itself (eTags, UTF-8, listing), and two app instances
// sharing one container, as two replicas behind Azure Bot Service would.
import { BlobStorage } from '../../../bot/storage/blobStorage';
import { createRecords } from '../../../bot/storage/records';
import { startAzurite, type Azurite } from '../../helpers/azurite';
import { CaptureChannel, emulatorActivity, post, startBot, type RunningBot } from '../../helpers/http';
import { sharedI18n } from '../../helpers/fixtures';

let azurite: Azurite;
beforeAll(async () => { azurite = await startAzurite(); }, 60_000);
afterAll(async () => { await azurite?.stop(); });

describe('BlobStorage', () => {
  test('round-trips documents with Arabic, Tigrinya and Ukrainian text', async () => {
    const storage = new BlobStorage(azurite.connectionString, 'unicode');
    const text = 'كيف أسجل للامتحان؟ ፈተና ከመይ ይምዝገብ? Як записатися на іспит? 👍';
    await storage.write({ 'conv/ar': { text } });
    expect((await storage.read(['conv/ar']))['conv/ar']).toMatchObject({ text, eTag: expect.any(String) });
  });

  test('a write with a stale eTag is refused; "*" overwrites; keys are listed by prefix', async () => {
    const storage = new BlobStorage(azurite.connectionString, 'etags');
    await storage.write({ 'a/1': { n: 1 } });
    const first = (await storage.read(['a/1']))['a/1']!;
    await storage.write({ 'a/1': { ...first, n: 2 } });
    await expect(storage.write({ 'a/1': { ...first, n: 3 } })).rejects.toThrow(/eTag conflict/);
    await storage.write({ 'a/1': { n: 4, eTag: '*' } });
    expect((await storage.read(['a/1']))['a/1']).toMatchObject({ n: 4 });
    await storage.write({ 'a/2': { n: 1 }, 'b/1': { n: 1 } });
    expect(await storage.keys('a/')).toEqual(['a/1', 'a/2']);
    await storage.delete(['a/2']);
    expect(await storage.keys('a/')).toEqual(['a/1']);
  });
});

describe('two replicas on one container', () => {
  let channel: CaptureChannel;
  let one: RunningBot;
  let two: RunningBot;
  const t = sharedI18n().getFixedT('ar');

  beforeAll(async () => {
    channel = await new CaptureChannel().start();
    const env = { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: 'replicas' };
    one = await startBot(env);
    two = await startBot(env);
  });
  afterAll(async () => {
    await one.stop();
    await two.stop();
    await channel.stop();
  });

  const say = (bot: RunningBot, text: string) => post(bot, channel, emulatorActivity(channel, {
    conversation: { id: 'replicas|livechat' }, from: { id: 'replica-user', role: 'user' }, text, locale: 'ar',
  }));

  test('a conversation started on one replica continues on the other, in Arabic, and a complaint stored by one is read by the other', async () => {
    expect((await say(one, t('guides.complaint'))).replies.at(-1)!.text).toContain(t('complaint.kind'));
    expect((await say(two, t('complaint.kindTreatment'))).replies.at(-1)!.text).toContain(t('complaint.organisation'));
    await say(one, 'COA');
    await say(two, 'لم يعطوني رسائلي منذ أسابيع في المركز.');
    await say(one, t('complaint.unknownWhen'));
    const summary = await say(two, t('complaint.wantApology'));
    expect(summary.replies.at(-1)!.text).toContain('لم يعطوني رسائلي منذ أسابيع في المركز.');
    await say(one, t('complaint.correct'));
    const done = await say(two, t('complaint.consentYes'));
    const ref = done.replies[0]!.text.match(/WW-[0-9A-Z]{4}-[0-9A-Z]{4}/)![0];
    expect(await createRecords(one.app.storage).getComplaint(ref)).toMatchObject({ what: 'لم يعطوني رسائلي منذ أسابيع في المركز.', locale: 'ar' });
  });

  test('two turns at once on different replicas: one is asked to resend, neither is lost silently, state survives', async () => {
    await say(one, 'menu');
    const [a, b] = await Promise.all([say(one, t('guides.basics')), say(two, t('guides.route'))]);
    const texts = [...a.replies, ...b.replies].map((r) => String(r.text));
    const busy = texts.filter((x) => x === t('errors.busy')).length;
    const started = texts.filter((x) => x.includes(t('basics.items.registration')) || x.includes(t('route.ask'))).length;
    // Either the turns did not overlap (both started, the second replaced the first), or one was refused with
    // "please send again"; never a silent loss or a wiped conversation.
    expect(busy + started).toBeGreaterThanOrEqual(2);
    const next = await say(one, 'menu');
    expect(next.status).toBe(200);
    expect(next.replies.at(-1)!.text).not.toContain(t('errors.generic', { ref: '' }).slice(0, 20));
  });
});
