// `npm run chat` output: a reply as terminal text, buttons numbered.
import { cardLines, formatReply, formatWhatsApp } from '../../../scripts/lib/terminal';

test('text, an Adaptive Card as lines (without bidi marks), buttons numbered with their values', () => {
  const { text, choices } = formatReply({
    type: 'message',
    text: '**Wat kost het examen?**',
    attachments: [{
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: {
        type: 'AdaptiveCard',
        body: [{ type: 'TextBlock', text: 'DUO' }, { type: 'FactSet', facts: [{ title: 'Telefoon', value: '\u2066050 599 96 00\u2069' }] }],
        actions: [{ type: 'Action.OpenUrl', title: 'Naar inburgeren.nl', url: 'https://www.inburgeren.nl' }],
      },
    }],
    suggestedActions: { actions: [{ title: 'Ja', value: 'Ja' }, { title: 'Toon Nederlands', value: 'Hoe meld ik me aan?' }] },
  });
  expect(text).toBe('**Wat kost het examen?**\n\n  │ DUO\n  │ Telefoon: 050 599 96 00\n  │ Naar inburgeren.nl <https://www.inburgeren.nl>\n\n  [1] Ja\n  [2] Toon Nederlands');
  expect(choices).toEqual(['Ja', 'Hoe meld ik me aan?']);
});

test('typing and other activities print nothing; unknown attachments are named', () => {
  expect(formatReply({ type: 'typing' })).toEqual({ text: '', choices: [] });
  expect(formatReply({ type: 'message', attachments: [{ contentType: 'image/png' }] }).text).toBe('  [image/png]');
  expect(cardLines({ body: [{ type: 'Container', items: [{ type: 'TextBlock', text: 'x' }] }] })).toEqual(['x']);
});

test('the WhatsApp view: each message framed, buttons and list rows numbered across the reply with the ids a tap sends', () => {
  const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '31600000000' };
  const { text, choices } = formatWhatsApp([
    { ...envelope, type: 'text', text: { body: '\u200f\u2067*كيف أسجّل؟*\u2069\nDUO' } },
    { ...envelope, type: 'interactive', interactive: { type: 'button', body: { text: 'Klopt dit?' }, action: { buttons: [
      { type: 'reply', reply: { id: 'Ja', title: 'Ja' } }, { type: 'reply', reply: { id: 'Nee', title: 'Nee' } },
    ] } } },
  ]);
  expect(text).toBe('  ┌ text\n  │ *كيف أسجّل؟*\n  │ DUO\n  ┌ reply buttons\n  │ Klopt dit?\n  │ [1] Ja\n  │ [2] Nee');
  expect(choices).toEqual(['Ja', 'Nee']);
  const list = formatWhatsApp([{ ...envelope, type: 'interactive', interactive: { type: 'list', body: { text: 'Kies:' }, action: {
    button: 'Bekijk de keuzes', sections: [{ rows: [{ id: 'Wat kost het examen?', title: 'Wat kost het…', description: 'Wat kost het examen?' }, { id: '2', title: 'Anders' }] }],
  } } }]);
  expect(list.text).toBe('  ┌ list, opened with "Bekijk de keuzes"\n  │ Kies:\n  │ [1] Wat kost het… — Wat kost het examen?\n  │ [2] Anders');
  expect(list.choices).toEqual(['Wat kost het examen?', '2']);
});
