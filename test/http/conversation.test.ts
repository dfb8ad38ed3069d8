// Whole conversations through the real HTTP endpoint, as the Bot Framework Emulator sends them.
import { botForFile, emulatorActivity, post, startBot } from '../helpers/http';

const live = botForFile();

const conversationUpdate = (conversationId: string, locale?: string) => emulatorActivity(live.channel, {
  type: 'conversationUpdate',
  conversation: { id: conversationId },
  membersAdded: [{ id: 'user-1', name: 'User' }, { id: 'bot-1', name: 'Wegwijzer' }],
  ...(locale ? { locale } : {}),
});

const message = (conversationId: string, text: string, locale?: string) =>
  emulatorActivity(live.channel, { conversation: { id: conversationId }, text, ...(locale ? { locale } : {}) });

describe('welcome', () => {
  test('a new conversation without a locale is greeted in Dutch, once, with a menu', async () => {
    const first = await post(live.bot, live.channel, conversationUpdate('welcome-nl|livechat'));
    expect(first.status).toBe(200);
    expect(first.replies).toHaveLength(1);
    expect(first.replies[0]!.text).toContain('Wegwijzer');
    expect(first.replies[0]!.text).toMatch(/inburgering/i);
    expect(first.replies[0]!.suggestedActions.actions.length).toBeGreaterThanOrEqual(3);
    const again = await post(live.bot, live.channel, conversationUpdate('welcome-nl|livechat'));
    expect(again.replies).toHaveLength(0);
  });

  test('an Emulator set to English is greeted in English', async () => {
    const { replies } = await post(live.bot, live.channel, conversationUpdate('welcome-en|livechat', 'en-US'));
    expect(replies[0]!.text).toMatch(/civic integration/i);
    expect(replies[0]!.locale).toBe('en-US');
  });

  test('the reply goes to the conversation on the serviceUrl, as the Emulator expects', async () => {
    await post(live.bot, live.channel, conversationUpdate('emu-conv-9|livechat'));
    const last = live.channel.received.at(-1)!;
    expect(last.path).toMatch(/^\/v3\/conversations\/emu-conv-9\|livechat\/activities\//);
  });
});

describe('answers', () => {
  test('a question in Arabic written in Latin letters, from a channel without a locale, is answered in Arabic', async () => {
    const { replies } = await post(live.bot, live.channel, message('q-arabizi|livechat', 'salam, kif bsajel 3ala el imti7an? ana ma ba3ref shi'));
    expect(replies[0]!.channelData.wegwijzer.topic).toBe('exam-registration');
    expect(replies[0]!.text).toMatch(/\p{Script=Arabic}/u);
  });

  test('a Dutch question gets a Dutch answer, a DUO card and follow-ups', async () => {
    const { status, replies } = await post(live.bot, live.channel, message('q-nl|livechat', 'Hoe schrijf ik me in voor het examen?', 'nl-NL'));
    expect(status).toBe(200);
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    expect(reply.channelData.wegwijzer).toEqual({ kind: 'answer', topic: 'exam-registration', authority: 'DUO', confidence: expect.any(Number) });
    expect(reply.channelData.wegwijzer.confidence).toBeGreaterThan(0.5);
    expect(reply.text).toMatch(/Mijn Inburgering/);
    const card = reply.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const cardJson = JSON.stringify(card.content);
    expect(cardJson).toContain('DUO');
    expect(cardJson).toContain('050 599 96 00');
    expect(cardJson).toContain('https://www.inburgeren.nl');
    // 2-3 follow-ups, then "did this help?" as two buttons.
    const titles = reply.suggestedActions.actions.map((a: { title: string }) => a.title);
    expect(titles.slice(-2)).toEqual(['Dit hielp', 'Dit hielp niet']);
    expect(titles.length - 2).toBeGreaterThanOrEqual(2);
    expect(titles.length - 2).toBeLessThanOrEqual(3);
  });

  test('an English question about the AZC gets an English answer and a gemeente card', async () => {
    const { replies } = await post(live.bot, live.channel, message('q-en|livechat', 'I live in an AZC, when do I get a house?', 'en-US'));
    const reply = replies[0]!;
    expect(reply.channelData.wegwijzer.topic).toBe('waiting-for-a-home');
    expect(reply.channelData.wegwijzer.authority).toBe('GEMEENTE');
    expect(reply.text).toMatch(/weeks/);
    const cardJson = JSON.stringify(reply.attachments[0].content);
    expect(cardJson).toContain('Your municipality');
    expect(cardJson).toContain('overheid.nl');
  });

  test('clicking a follow-up answers that entry directly', async () => {
    const first = await post(live.bot, live.channel, message('follow|livechat', 'Hoe schrijf ik me in voor het examen?', 'nl-NL'));
    const followUp = first.replies[0]!.suggestedActions.actions[0];
    const { replies } = await post(live.bot, live.channel, message('follow|livechat', followUp.value, 'nl-NL'));
    expect(replies[0]!.channelData.wegwijzer.confidence).toBe(1);
    expect(replies[0]!.text).toContain(followUp.title);
  });

  test('the routing menu shows the deployment\'s own municipality', async () => {
    const local = await startBot({
      MUNICIPALITY_NAME: 'Utrecht', MUNICIPALITY_URL: 'https://www.utrecht.nl', MUNICIPALITY_PHONE: '14 030',
    });
    try {
      const { replies } = await post(local, live.channel, message('gemeente|livechat', 'gemeente', 'nl-NL'));
      const cardJson = JSON.stringify(replies[0]!.attachments[0].content);
      expect(cardJson).toContain('Gemeente Utrecht');
      expect(cardJson).toContain('14 030');
      expect(cardJson).toContain('https://www.utrecht.nl');
      expect(replies[0]!.channelData.wegwijzer.authority).toBe('GEMEENTE');
    } finally {
      await local.stop();
    }
  });
});

describe('fallback', () => {
  test('an unrelated question gets an honest "I do not know", the routing menu and a person', async () => {
    const { replies } = await post(live.bot, live.channel, message('weer|livechat', 'wat voor weer wordt het morgen?', 'nl-NL'));
    const reply = replies[0]!;
    expect(reply.channelData.wegwijzer).toMatchObject({ kind: 'fallback', topic: 'fallback', authority: null });
    expect(reply.text).toMatch(/geen goed antwoord/);
    const titles = reply.suggestedActions.actions.map((a: { title: string }) => a.title);
    expect(titles).toEqual(expect.arrayContaining(['DUO', 'IND', 'COA', 'Gemeente', 'Met een mens praten']));
    expect(reply.attachments ?? []).toHaveLength(0);
  });
});

describe('bad requests', () => {
  test.each([
    ['malformed JSON', { raw: '{"type": "message",' }, 400],
    ['a body over 256 KB', { raw: JSON.stringify({ type: 'message', text: 'x'.repeat(300_000) }) }, 413],
    ['text/plain', { raw: 'hello', contentType: 'text/plain' }, 415],
  ] as const)('%s is refused with a 4xx and a JSON reason', async (_name, init, status) => {
    const res = await post(live.bot, live.channel, undefined, init);
    expect(res.status).toBe(status);
    expect(typeof res.json.error).toBe('string');
  });

  test('an activity without a type gets 400 naming the field', async () => {
    const { type: _type, ...noType } = emulatorActivity(live.channel, { text: 'hallo' });
    const res = await post(live.bot, live.channel, noType);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/type/);
  });

  test('anonymous mode refuses a serviceUrl that is not on loopback', async () => {
    const res = await post(live.bot, live.channel, emulatorActivity(live.channel, { serviceUrl: 'https://attacker.example', text: 'hoi' }));
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/serviceUrl/);
    expect(res.replies).toHaveLength(0);
  });

  test('after all that the server still answers normally', async () => {
    const { status, replies } = await post(live.bot, live.channel, message('after|livechat', 'Wat kost het inburgeringsexamen?', 'nl-NL'));
    expect(status).toBe(200);
    expect(replies[0]!.channelData.wegwijzer.topic).toBe('exam-costs');
  });
});

describe('state across a restart', () => {
  test('a conversation continues on the same DATA_DIR after the server restarts', async () => {
    const first = await startBot();
    const update = conversationUpdate('restart|livechat');
    expect((await post(first, live.channel, update)).replies).toHaveLength(1);
    const answered = await post(first, live.channel, message('restart|livechat', 'Hoe schrijf ik me in voor het examen?', 'nl-NL'));
    const related = answered.replies[0]!.suggestedActions.actions[1].title;
    await first.stop();

    const second = await startBot({}, first.dataDir);
    try {
      expect((await post(second, live.channel, update)).replies).toHaveLength(0);
      // "2" picks the second follow-up offered before the restart.
      const { replies } = await post(second, live.channel, message('restart|livechat', '2', 'nl-NL'));
      expect(replies[0]!.text).toContain(related);
    } finally {
      await second.stop();
    }
  });
});

describe('Bot Framework authentication', () => {
  test('with an app id, a request without a token is refused with 401', async () => {
    const secured = await startBot({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-used' });
    try {
      const res = await post(secured, live.channel, message('auth|livechat', 'hallo'));
      expect(res.status).toBe(401);
      expect(res.replies).toHaveLength(0);
    } finally {
      await secured.stop();
    }
  });
});

describe('did you mean', () => {
  test('a one-word question with several close topics offers choices, and a choice is answered', async () => {
    const first = await post(live.bot, live.channel, message('dym|livechat', 'boete', 'nl-NL'));
    const meta = first.replies[0]!.channelData.wegwijzer;
    expect(meta.kind).toBe('did-you-mean');
    expect(meta.topic).toBe('did-you-mean');
    expect(meta.authority).toBeNull();
    expect(meta.candidates.length).toBeGreaterThanOrEqual(2);
    expect(first.replies[0]!.text).toMatch(/Gaat het om een van deze vragen/);
    const actions = first.replies[0]!.suggestedActions.actions;
    expect(actions.at(-1).title).toBe('Met een mens praten');
    const { replies } = await post(live.bot, live.channel, message('dym|livechat', actions[1].value, 'nl-NL'));
    expect(replies[0]!.channelData.wegwijzer.topic).toBe(meta.candidates[1]);
  });
  test('close topics of one organisation: the best is answered, the others offered first as "or did you mean"', async () => {
    const first = await post(live.bot, live.channel, message('dym2|livechat', 'examen', 'nl-NL'));
    const meta = first.replies[0]!.channelData.wegwijzer;
    expect(meta.topic).not.toBe('did-you-mean');
    expect(meta.authority).toBe('DUO');
    expect(meta.alternatives.length).toBeGreaterThanOrEqual(1);
    expect(first.replies[0]!.text).toContain('Bedoelt u iets anders? Kies hieronder.');
    const actions = first.replies[0]!.suggestedActions.actions;
    const { replies } = await post(live.bot, live.channel, message('dym2|livechat', actions[0].value, 'nl-NL'));
    expect(replies[0]!.channelData.wegwijzer.topic).toBe(meta.alternatives[0]);
  });
});

describe('channels without cards or buttons', () => {
  test('an SMS-like channel gets the card as text and numbered follow-ups; a number picks one', async () => {
    const sms = (text: string) => emulatorActivity(live.channel, { channelId: 'sms', conversation: { id: 'sms-1' }, text, locale: 'nl-NL' });
    const first = await post(live.bot, live.channel, sms('Wat kost het inburgeringsexamen?'));
    // A long answer comes in parts (see test/http/channels.test.ts); the choices are in the last.
    const reply: Record<string, any> = { ...first.replies.at(-1)!, text: first.replies.map((r) => r.text).join('\n\n') };
    expect(reply.attachments ?? []).toHaveLength(0);
    expect(reply.suggestedActions).toBeUndefined();
    expect(reply.text).toContain('050 599 96 00');
    expect(reply.text).toContain('https://www.inburgeren.nl');
    const firstFollowUp = /(?:^|\n)1\. (.+)/.exec(first.replies.at(-1)!.text)?.[1];
    expect(firstFollowUp).toBeDefined();
    const { replies } = await post(live.bot, live.channel, sms('1'));
    expect(replies[0]!.text).toContain(firstFollowUp);
  });
});
