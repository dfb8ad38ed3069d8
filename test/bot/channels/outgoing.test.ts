// One outgoing activity fitted to its channel: plain text in parts on SMS, marks for right to left elsewhere.
import { OFFERED, offeredValues } from '../../../bot/cards/render';
import { fitForChannel, SMS_PART_LENGTH } from '../../../bot/channels/outgoing';

const RLM = '\u200F';
const RLI = '\u2067';
const PDI = '\u2069';

/** An answer as bot/cards/render.ts builds it for a channel without buttons: markdown and a numbered list. */
function answer(body: string, choices: string[]) {
  return {
    type: 'message',
    text: `**Wat kost het inburgeringsexamen?**\n\n${body}\n\n_Bron: [inburgeren.nl](https://www.inburgeren.nl/x)_\n\n${choices.map((c, i) => `${i + 1}. ${c}`).join('\n')}`,
    textFormat: 'markdown',
    channelData: { wegwijzer: { topic: 'exam-costs', authority: 'DUO', confidence: 0.99 } },
    [OFFERED]: choices,
  };
}
const long = Array.from({ length: 12 }, (_, i) => `Regel ${i + 1}: elk onderdeel van het examen kost € 50, samen € 300.`).join('\n');

describe('plain-text channels', () => {
  test('markdown becomes plain text; a long one parts of at most the SMS length; metadata first, choices last', () => {
    const parts = fitForChannel(answer(long, ['Aanmelden', 'Dit hielp']), { channelId: 'sms', locale: 'nl', marks: true });
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) {
      expect(p.textFormat).toBe('plain');
      expect(p.text!.length).toBeLessThanOrEqual(SMS_PART_LENGTH);
      expect(p.text).not.toMatch(/\*\*|\]\(|_Bron/);
      expect(p.text).not.toMatch(/[\u200F\u2067]/); // Dutch: no marks
    }
    expect(parts[0]!.text!.startsWith('Wat kost het inburgeringsexamen?\n\nRegel 1:')).toBe(true);
    expect(parts[0]!.channelData).toBeDefined();
    expect(parts.slice(1).every((p) => p.channelData === undefined)).toBe(true);
    expect(parts.at(-1)!.text).toMatch(/Bron: https:\/\/www\.inburgeren\.nl\/x\n\n1\. Aanmelden\n2\. Dit hielp$|^1\. Aanmelden\n2\. Dit hielp$/);
    expect(offeredValues(parts.at(-1)!)).toEqual(['Aanmelden', 'Dit hielp']);
    expect(parts.slice(0, -1).every((p) => offeredValues(p) === undefined)).toBe(true);
  });

  test('the numbered choices are never cut: all in the last part, with their question when the list is long', () => {
    const choices = Array.from({ length: 11 }, (_, i) => `Keuze nummer ${i + 1} over examens, geld of wonen`);
    const menu = { type: 'message', text: `Waar gaat uw vraag over?\n\n${choices.map((c, i) => `${i + 1}. ${c}`).join('\n')}`, [OFFERED]: choices };
    const [one, ...rest] = fitForChannel(menu, { channelId: 'sms', locale: 'nl', marks: true });
    expect(rest).toEqual([]);
    expect(one!.text).toBe(menu.text);
    expect(one!.text!.length).toBeGreaterThan(SMS_PART_LENGTH);
    // After a long text: the text in parts, the whole list last.
    const parts = fitForChannel({ ...answer(long, choices), [OFFERED]: choices }, { channelId: 'sms', locale: 'nl', marks: true });
    const list = choices.map((c, i) => `${i + 1}. ${c}`).join('\n');
    expect(parts.at(-1)!.text!.endsWith(list)).toBe(true);
    expect(parts.slice(0, -1).every((p) => !/^\d+\. Keuze/m.test(p.text!))).toBe(true);
  });

  test('a short answer stays one message, with everything on it', () => {
    const [one, ...rest] = fitForChannel(answer('Elk onderdeel kost € 50.', ['Dit hielp']), { channelId: 'sms', locale: 'nl', marks: true });
    expect(rest).toEqual([]);
    expect(one!.text).toBe('Wat kost het inburgeringsexamen?\n\nElk onderdeel kost € 50.\n\nBron: https://www.inburgeren.nl/x\n\n1. Dit hielp');
    expect(one!.channelData).toBeDefined();
    expect(offeredValues(one!)).toEqual(['Dit hielp']);
  });

  test('Arabic on SMS: plain, marked, and every part fits with its marks', () => {
    const arabic = Array.from({ length: 12 }, (_, i) => `- DUO يرسل رسالة رقم ${i + 1} إلى Mijn Inburgering.`).join('\n');
    const parts = fitForChannel({ type: 'message', text: `**كم سعر الامتحان؟**\n\n${arabic}` }, { channelId: 'sms', locale: 'ar', marks: true });
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]!.text!.startsWith(`${RLM}${RLI}كم سعر الامتحان؟${PDI}\n\n- ${RLM}${RLI}DUO`)).toBe(true);
    for (const p of parts) expect(p.text!.length).toBeLessThanOrEqual(SMS_PART_LENGTH);
  });
});

describe('clients that render markdown', () => {
  const arabic = {
    type: 'message', text: '**كم سعر الامتحان؟**\n\n50 € لكل قسم.', textFormat: 'markdown',
    suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'هذا ساعدني', value: 'هذا ساعدني' }, { type: 'imBack', title: 'DUO', value: 'DUO' }] },
  };

  test('Arabic: lines and button titles marked, markdown and button values kept', () => {
    const [fitted] = fitForChannel(arabic, { channelId: 'emulator', locale: 'ar', marks: true });
    expect(fitted!.text).toBe(`**${RLM}${RLI}كم سعر الامتحان؟${PDI}**\n\n${RLM}${RLI}50 € لكل قسم.${PDI}`);
    expect(fitted!.textFormat).toBe('markdown');
    expect(fitted!.suggestedActions!.actions.map((a) => [a.title, a.value])).toEqual([[`${RLM}${RLI}هذا ساعدني${PDI}`, 'هذا ساعدني'], ['DUO', 'DUO']]);
    // The original is not changed (other hooks hold it).
    expect(arabic.suggestedActions.actions[0]!.title).toBe('هذا ساعدني');
  });

  test('Arabic: the texts of an Adaptive Card are marked; its address, data and speech are not', () => {
    const card = {
      type: 'AdaptiveCard', version: '1.3', speak: 'DUO',
      body: [
        { type: 'TextBlock', text: 'DUO (الجهة المسؤولة عن الاندماج)', weight: 'Bolder' },
        { type: 'TextBlock', text: '**الهاتف:** \u2066050 599 96 00\u2069' },
        { type: 'FactSet', facts: [{ title: 'أوقات العمل', value: 'من الاثنين إلى الجمعة 09.00-17.00' }] },
        { type: 'Input.ChoiceSet', id: 'c', choices: [{ title: 'نعم', value: 'نعم' }] },
      ],
      actions: [{ type: 'Action.OpenUrl', title: 'افتح inburgeren.nl', url: 'https://www.inburgeren.nl' }, { type: 'Action.Submit', title: 'DUO', data: { text: 'اتصل' } }],
    };
    const activity = { type: 'message', text: 'نص', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
    const [fitted] = fitForChannel(activity, { channelId: 'msteams', locale: 'ar', marks: true });
    const marked = fitted!.attachments![0]!.content as typeof card;
    expect(marked.body[0]).toEqual({ type: 'TextBlock', text: `${RLM}${RLI}DUO (الجهة المسؤولة عن الاندماج)${PDI}`, weight: 'Bolder' });
    expect((marked.body[1] as { text: string }).text).toBe(`**${RLM}${RLI}الهاتف:** \u2066050 599 96 00\u2069${PDI}`);
    expect((marked.body[2] as { facts: unknown }).facts).toEqual([{ title: `${RLM}${RLI}أوقات العمل${PDI}`, value: `${RLM}${RLI}من الاثنين إلى الجمعة 09.00-17.00${PDI}` }]);
    expect((marked.body[3] as { choices: unknown }).choices).toEqual([{ title: `${RLM}${RLI}نعم${PDI}`, value: 'نعم' }]);
    expect(marked.actions[0]).toEqual({ type: 'Action.OpenUrl', title: `${RLM}${RLI}افتح inburgeren.nl${PDI}`, url: 'https://www.inburgeren.nl' });
    expect(marked.actions[1]).toEqual(card.actions[1]);
    expect(marked.speak).toBe('DUO');
    expect(card.body[1]!.text).toBe('**الهاتف:** \u2066050 599 96 00\u2069');
  });

  test('without marks (our widget), in other languages, and for other activities: unchanged', () => {
    expect(fitForChannel(arabic, { channelId: 'webchat', locale: 'ar', marks: false })).toEqual([arabic]);
    const dutch = { type: 'message', text: '**Kosten**\n\n€ 50', textFormat: 'markdown' };
    expect(fitForChannel(dutch, { channelId: 'msteams', locale: 'nl', marks: true })[0]).toBe(dutch);
    const typing = { type: 'typing' };
    expect(fitForChannel(typing, { channelId: 'sms', locale: 'ar', marks: true })[0]).toBe(typing);
  });

  test('WhatsApp is left to its own renderer', () => {
    const activity = answer(long, ['Dit hielp']);
    expect(fitForChannel(activity, { channelId: 'whatsapp', locale: 'ar', marks: true })).toEqual([activity]);
  });
});
