// `npm run chat` output: a reply as terminal text, buttons numbered.
import { cardLines, formatReply } from '../../scripts/lib/terminal';

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
