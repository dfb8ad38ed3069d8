// The bot's own @mention removed from what the person typed; nothing else changed.
import { withoutBotMention } from '../../../bot/channels/mentions';

const bot = { id: '28:wegwijzer-app-id', name: 'Wegwijzer' };
const mentionOf = (who: { id: string; name: string }, text: string | undefined = `<at>${who.name}</at>`) =>
  ({ type: 'mention', ...(text !== undefined ? { text } : {}), mentioned: who });
const message = (text: string, entities: unknown[]) => ({ type: 'message', text, recipient: bot, entities: entities as never[] });

test.each([
  ['<at>Wegwijzer</at> klacht', 'klacht'],
  ['<at>Wegwijzer</at>\u00a0klacht\n', 'klacht'],
  ['Hoi <at>Wegwijzer</at>, wat kost het examen?', 'Hoi, wat kost het examen?'],
  ['wat kost het examen <at>Wegwijzer</at>', 'wat kost het examen'],
  ['<at>Wegwijzer</at> كم سعر الامتحان؟ <at>Wegwijzer</at>', 'كم سعر الامتحان؟'],
  ['<at>Wegwijzer</at>', ''],
])('"%s" → "%s"', (text, expected) => {
  expect(withoutBotMention(message(text, [mentionOf(bot)]))).toBe(expected);
});

test('a mention entity without text: the name in <at> tags is removed', () => {
  expect(withoutBotMention(message('<at>Wegwijzer</at> menu', [mentionOf(bot, undefined)]))).toBe('menu');
});

test('other people\'s mentions, and text without the bot\'s mention entity, stay as typed', () => {
  const fatima = { id: '29:fatima', name: 'Fatima' };
  expect(withoutBotMention(message('<at>Fatima</at> vraagt: <at>Wegwijzer</at> klacht', [mentionOf(fatima), mentionOf(bot)])))
    .toBe('<at>Fatima</at> vraagt: klacht');
  const typed = '  <at>Wegwijzer</at>  klacht  ';
  expect(withoutBotMention(message(typed, []))).toBe(typed);
  expect(withoutBotMention(message(typed, [mentionOf(fatima)]))).toBe(typed);
  expect(withoutBotMention(message('  klacht  ', [mentionOf(bot)]))).toBe('  klacht  ');
  expect(withoutBotMention({ type: 'message', recipient: bot })).toBeUndefined();
});

test('the entity type is matched without regard to case (some channels send "Mention")', () => {
  expect(withoutBotMention(message('@Wegwijzer help', [{ type: 'Mention', text: '@Wegwijzer', mentioned: bot }]))).toBe('help');
});
