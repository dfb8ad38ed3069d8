// "Talk to a person" and "did this help?" under DialogTestClient.
import { createRecords, type FeedbackInput } from '../../bot/storage/records';
import { buttonsOf, dialogKit, MemoryStorage } from '../helpers/botkit';
import { sharedKnowledgeBase, sharedI18n } from '../helpers/fixtures';

const kb = sharedKnowledgeBase();
const i18n = sharedI18n();
const nl = i18n.getFixedT('nl');
const uk = i18n.getFixedT('uk');

describe('handoff', () => {
  test('with an agent desk: the handoff.initiate event carries the recent conversation, PII redacted', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator', handoff: 'agent-desk' });
    await kit.say('Mijn BSN is 111222333 en DUO stuurt mij een boete. Hoe maak ik bezwaar?');
    const replies = await kit.say('persoon');
    const event = replies[0]!;
    expect(event.type).toBe('event');
    expect(event.name).toBe('handoff.initiate');
    expect(event.value).toMatchObject({ locale: 'nl', authority: 'DUO' });
    const transcript = event.attachments![0]!;
    expect(transcript.contentType).toBe('application/json');
    const lines = (transcript.content as { activities: { text: string; from: { role: string } }[] }).activities;
    expect(lines[0]).toMatchObject({ from: { role: 'user' }, text: expect.stringContaining('[BSN]') });
    expect(JSON.stringify(lines)).not.toContain('111222333');
    expect(lines.some((l) => l.from.role === 'bot')).toBe(true);
    expect(replies[1]!.text).toContain(nl('handoff.initiated'));
  });

  test('without a desk, after an answer: that organisation\'s card with phone and hours, and urgent help', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator', locale: 'uk' });
    await kit.say(kb.get('contact-ind')!.text.uk!.title, 'uk');
    const replies = await kit.say(uk('buttons.person'), 'uk');
    expect(replies[0]!.channelData?.wegwijzer?.authority).toBe('IND');
    expect(replies[0]!.text).toContain(uk('handoff.urgent', { button: uk('handoff.urgentButton') }));
    const card = JSON.stringify(replies[0]!.attachments![0]!.content);
    expect(card).toContain('088 043 0430');
    expect(buttonsOf(replies)[0]).toBe(uk('handoff.urgentButton'));
    // The button sends the urgent entry's title: it is answered directly.
    const value = replies[0]!.suggestedActions!.actions[0]!.value as string;
    const urgent = await kit.say(value, 'uk');
    expect(urgent[0]!.channelData?.wegwijzer?.topic).toBe('urgent-help');
  });

  test('without a desk and nothing known yet: the entry on reaching a person', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    const person = await kit.say('persoon');
    expect(person[0]!.channelData?.wegwijzer?.topic).toBe(kb.menu.person);
  });
});

describe('feedback', () => {
  function recording() {
    const storage = new MemoryStorage();
    const real = createRecords(storage);
    const feedback: FeedbackInput[] = [];
    return {
      feedback,
      records: { ...real, async saveFeedback(f: FeedbackInput) { feedback.push(f); await real.saveFeedback(f); } },
    };
  }

  test('"this helped" is stored at once, anonymously, for the answered topic', async () => {
    const { feedback, records } = recording();
    const kit = dialogKit(kb, { channelId: 'emulator', records });
    const answer = await kit.say('Hoeveel kost het examen?');
    expect(buttonsOf(answer).slice(-2)).toEqual([nl('feedback.yes'), nl('feedback.no')]);
    const thanks = await kit.say(nl('feedback.yes'));
    expect(thanks[0]!.text).toBe(nl('feedback.thanks'));
    expect(feedback).toEqual([{ topic: 'exam-costs', helped: true, locale: 'nl', channelId: 'emulator' }]);
  });

  test('"did not help" asks what was missing (optional), stores it redacted, offers organisations', async () => {
    const kit = dialogKit(kb, { channelId: 'emulator' });
    await kit.say('Hoeveel kost het examen?');
    const ask = await kit.say(nl('feedback.no'));
    expect(ask[0]!.text).toContain(nl('feedback.comment'));
    expect(buttonsOf(ask)).toEqual([nl('prompt.skip')]);
    const done = await kit.say('Ik wilde weten wat het kost voor mijn man, tel 0612345678');
    expect(done[0]!.text).toContain(nl('feedback.thanksComment'));
    expect(buttonsOf(done)).toContain(nl('buttons.person'));
    const memory = (kit.storage as unknown as { memory: Record<string, string> }).memory;
    const stored = Object.entries(memory).filter(([k]) => k.startsWith('feedback/')).map(([, v]) => JSON.parse(v));
    expect(stored).toEqual([expect.objectContaining({
      topic: 'exam-costs', helped: false, locale: 'nl', comment: 'Ik wilde weten wat het kost voor mijn man, tel [telefoon]',
    })]);
    expect(Object.keys(stored[0])).not.toContain('conversationId');
  });

  test('skipping the comment stores the "no" without a comment; a command leaves the question', async () => {
    const { feedback, records } = recording();
    const kit = dialogKit(kb, { channelId: 'emulator', records });
    await kit.say('Hoeveel kost het examen?');
    await kit.say(nl('feedback.no'));
    await kit.say(nl('prompt.skip'));
    expect(feedback).toEqual([{ topic: 'exam-costs', helped: false, locale: 'nl', channelId: 'emulator' }]);
    await kit.say('Hoeveel kost het examen?');
    await kit.say(nl('feedback.no'));
    const menu = await kit.say('menu');
    expect(menu[0]!.text).toContain(nl('menu.text'));
    expect(feedback).toHaveLength(1);
  });
});
