// An entry answered directly (a follow-up button, which sends the entry's title) uses the person's regime both
// with and without a guided conversation open: one path for both.
import { sharedI18n, sharedKnowledgeBase } from '../helpers/fixtures';
import { dialogKit, MemoryStorage } from '../helpers/botkit';

const kb = sharedKnowledgeBase();
const nl = sharedI18n().getFixedT('nl');
const entry = kb.get('contact-gemeente')!;
const title = entry.text.nl.title;
const wi2013 = entry.variants!.wi2013!.nl!.split('\n')[0]!;

/** A kit whose person is known (from an earlier intake) to fall under the Wi2013. */
async function underWi2013() {
  const storage = new MemoryStorage();
  // UserState's key for the test adapter's user, as botbuilder builds it.
  await storage.write({ 'emulator/users/user1/': { profile: { regime: 'wi2013' } } });
  return dialogKit(kb, { channelId: 'emulator', storage });
}

test('the entry has a Wi2013 variant that differs from its default answer', () => {
  expect(entry.text.nl.answer).not.toContain(wi2013);
});

test('without a guided conversation: the Wi2013 variant', async () => {
  const kit = await underWi2013();
  const replies = await kit.say(title);
  expect(replies[0]!.text).toContain(wi2013);
});

test('inside a guided conversation: the Wi2013 variant too, then the open question again', async () => {
  const kit = await underWi2013();
  const asked = await kit.say(nl('guides.route'));
  const replies = await kit.say(title);
  expect(replies[0]!.text).toContain(wi2013);
  expect(replies[0]!.suggestedActions).toBeUndefined();
  expect(replies.at(-1)!.text).toBe(asked.at(-1)!.text);
});
