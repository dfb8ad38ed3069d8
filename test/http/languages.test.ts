// Whole conversations in Arabic and Tigrinya through the HTTP endpoint: welcome, an answer, a language switch.
import { botForFile, emulatorActivity, post } from '../helpers/http';

const live = botForFile();

const say = (conversation: string, text: string, locale?: string) =>
  post(live.bot, live.channel, emulatorActivity(live.channel, { conversation: { id: conversation }, text, ...(locale ? { locale } : {}) }));
const greet = (conversation: string, locale: string) => post(live.bot, live.channel, emulatorActivity(live.channel, {
  type: 'conversationUpdate', conversation: { id: conversation }, locale,
  membersAdded: [{ id: 'user-1' }, { id: 'bot-1' }],
}));

describe('Arabic', () => {
  test('a conversation in ar-SY is welcomed in Arabic', async () => {
    const { replies } = await greet('ar-1', 'ar-SY');
    expect(replies[0]!.text).toMatch(/Wegwijzer/);
    expect(replies[0]!.text).toMatch(/[\u0600-\u06ff]{4,}/);
  });

  test('a question with a Dutch word in it is answered in Arabic, with the unreviewed notice and the Dutch text on offer', async () => {
    const { replies } = await say('ar-2', 'كم سعر امتحان inburgering؟', 'ar-SY');
    const reply = replies[0]!;
    expect(reply.channelData.wegwijzer.topic).toBe('exam-costs');
    expect(reply.text).toContain('€ 50');
    expect(reply.text).toMatch(/[\u0600-\u06ff]{4,}/);
    const actions = reply.suggestedActions.actions.map((a: { value: string }) => a.value);
    expect(actions).toContain('Wat kost het inburgeringsexamen?');
    const dutch = await say('ar-2', 'Wat kost het inburgeringsexamen?', 'ar-SY');
    expect(dutch.replies[0]!.text).toContain('Elk onderdeel van het examen kost € 50');
  });

  test('without a channel locale, a longer Arabic message is detected as Arabic', async () => {
    const { replies } = await say('ar-3', 'كيف أسجل في امتحان الاندماج؟');
    expect(replies[0]!.text).toMatch(/[\u0600-\u06ff]{4,}/);
  });
});

describe('Tigrinya', () => {
  test('a conversation in ti is welcomed in Tigrinya', async () => {
    const { replies } = await greet('ti-1', 'ti');
    expect(replies[0]!.text).toMatch(/\p{Script=Ethiopic}{3,}/u);
  });

  test('a Tigrinya question about housing in the AZC is answered in Tigrinya', async () => {
    const { replies } = await say('ti-2', 'ኣብ AZC እየ ዘለኹ፡ መዓስ እየ ገዛ ዝረክብ?', 'ti');
    expect(replies[0]!.channelData.wegwijzer.topic).toBe('waiting-for-a-home');
    expect(replies[0]!.text).toMatch(/\p{Script=Ethiopic}{3,}/u);
  });
});

describe('switching language', () => {
  test('"taal" offers every language by its own name; picking one is saved for the next turns', async () => {
    const offer = await say('switch-1', 'taal', 'nl-NL');
    const names = offer.replies[0]!.suggestedActions.actions.map((a: { title: string }) => a.title);
    expect(names).toEqual(expect.arrayContaining(['Nederlands', 'English', 'العربية', 'ትግርኛ', 'Soomaali', 'Українська', 'Türkçe', 'فارسی']));
    const switched = await say('switch-1', 'ትግርኛ', 'nl-NL');
    expect(switched.replies[0]!.text).toMatch(/\p{Script=Ethiopic}{3,}/u);
    // The channel still says nl-NL, but the saved choice wins.
    const next = await say('switch-1', 'menu', 'nl-NL');
    expect(next.replies[0]!.text).toMatch(/\p{Script=Ethiopic}{3,}/u);
  });

  test('"لغة" in Arabic also opens the language choice', async () => {
    const { replies } = await say('switch-2', 'لغة', 'ar');
    expect(replies[0]!.suggestedActions.actions.length).toBe(8);
  });
});

test('the menu has a language button that opens the language choice', async () => {
  // Another user: language choices are saved per user, and user-1 chose Tigrinya above.
  const from = { id: 'user-menu', role: 'user' };
  const welcome = await post(live.bot, live.channel, emulatorActivity(live.channel, {
    type: 'conversationUpdate', conversation: { id: 'menu-lang' }, locale: 'nl-NL', from,
    membersAdded: [{ id: 'user-menu' }, { id: 'bot-1' }],
  }));
  const button = welcome.replies[0]!.suggestedActions.actions.at(-1);
  expect(button.title).toBe('Taal / Language');
  const { replies } = await post(live.bot, live.channel, emulatorActivity(live.channel, {
    conversation: { id: 'menu-lang' }, text: button.value, locale: 'nl-NL', from,
  }));
  expect(replies[0]!.suggestedActions.actions.map((a: { title: string }) => a.title)).toContain('العربية');
});
