// What a person types is never turned into HTML, markdown links or reversed text in what the bot sends back.
import { botForFile, emulatorActivity, post } from '../helpers/http';
import { sharedI18n } from '../helpers/fixtures';

const nl = sharedI18n().getFixedT('nl');
const NASTY = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[klik hier](javascript:alert(1))',
  '![x](https://evil.example/x.png)',
  'factuur\u202Egnp.exe',
  '**vet** _schuin_ `code` # kop',
];

const live = botForFile();

/** Every markdown reply must not contain the raw input; plain-text replies may, but then as plain text. */
function checkReplies(replies: Record<string, any>[], input: string) {
  for (const reply of replies) {
    const text = String(reply.text ?? '');
    expect(text).not.toMatch(/[\u202a-\u202e]/u); // no bidi overrides (the bot's own isolates around numbers are fine)
    if (reply.textFormat === 'plain') continue;
    expect([input, text.includes(input)]).toEqual([input, false]);
    // Escaped (\<, \[) is shown as typed; unescaped would be markup.
    expect(text).not.toMatch(/(^|[^\\])<(script|img)/);
    expect(text).not.toMatch(/(^|[^\\])\]\(javascript:/);
  }
}

test.each(NASTY)('as a question: %s', async (input) => {
  const { status, replies } = await post(live.bot, live.channel, emulatorActivity(live.channel, { conversation: { id: `q-${input.length}|x` }, text: input, locale: 'nl' }));
  expect(status).toBe(200);
  checkReplies(replies, input);
});

test.each(NASTY)('as the words of a complaint: %s', async (input) => {
  const conversation = { id: `complaint-${Buffer.from(input).toString('hex').slice(0, 16)}|x` };
  const say = async (text: string) => {
    const { replies } = await post(live.bot, live.channel, emulatorActivity(live.channel, { conversation, text, locale: 'nl' }));
    checkReplies(replies, input);
    return replies;
  };
  await say(nl('guides.complaint'));
  await say(nl('complaint.kindTreatment'));
  await say(nl('complaint.otherOrganisation'));
  await say(`${input} organisatie`);
  await say(`Dit gebeurde er: ${input}`);
  await say(input.length >= 2 ? input : `${input}!`);
  const summary = await say(`Ik wil: ${input}`);
  expect(summary.at(-1)!.textFormat).toBe('plain');
  await say(nl('complaint.correct'));
  await say(nl('complaint.consentNo'));
});
