// Replies to global commands carry `kind: 'command'` and which command they answer, and no `topic` (so
// transcripts, staff tools and analytics, which read `topic`, see them as before); answers keep their kinds.
import { dialogKit } from '../helpers/botkit';
import { sharedI18n, sharedKnowledgeBase } from '../helpers/fixtures';

const kb = sharedKnowledgeBase();
const nl = sharedI18n().getFixedT('nl');
const metaOf = (replies: { channelData?: { wegwijzer?: unknown } }[]) => replies.map((r) => r.channelData?.wegwijzer);

test.each([
  ['menu', 'menu'],
  ['help', 'help'],
  ['taal', 'language'],
  ['opnieuw', 'restart'],
])('"%s" is answered as the command %s', async (said, command) => {
  const kit = dialogKit(kb, { channelId: 'emulator' });
  const replies = await kit.say(said);
  expect(metaOf(replies)).toContainEqual({ kind: 'command', command, authority: null, confidence: 1 });
  for (const meta of metaOf(replies)) expect(meta).not.toHaveProperty('topic');
});

test('the menu while a guided conversation is paused, and choosing a language', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator' });
  await kit.say(nl('guides.intake'));
  expect(metaOf(await kit.say('menu'))).toContainEqual(expect.objectContaining({ kind: 'command', command: 'paused' }));
  await kit.say('taal');
  expect(metaOf(await kit.say('English'))).toContainEqual(expect.objectContaining({ kind: 'command', command: 'language-chosen' }));
});

test('a question is still an answer, not a command', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator' });
  const [meta] = metaOf(await kit.say('Hoeveel kost het examen?'));
  expect(meta).toMatchObject({ kind: 'answer', topic: 'exam-costs' });
});
