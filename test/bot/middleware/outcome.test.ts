// How analytics counts a turn, from the `kind` of the first message with metadata (never from topic prefixes).
import { outcomeOf } from '../../../bot/middleware/analytics';
import type { EntryChannelData, WegwijzerChannelData } from '../../../bot/cards/render';

const meta = (m: Partial<EntryChannelData> & Pick<EntryChannelData, 'kind'>): WegwijzerChannelData =>
  ({ topic: 'x', authority: null, confidence: 1, ...m });

test.each([
  ['no metadata: a guided conversation or a command', undefined, { outcome: 'guide' }],
  ['an answer', meta({ kind: 'answer', topic: 'exam-costs', authority: 'DUO' }), { outcome: 'answer', topic: 'exam-costs' }],
  ['urgent help counts as an answer', meta({ kind: 'urgent', topic: 'urgent-help' }), { outcome: 'answer', topic: 'urgent-help' }],
  ['did you mean', meta({ kind: 'did-you-mean', topic: 'did-you-mean', candidates: ['a', 'b'] }), { outcome: 'choose' }],
  ['the fallback', meta({ kind: 'fallback', topic: 'fallback' }), { outcome: 'fallback' }],
  ['an organisation named', meta({ kind: 'authority', topic: 'authority:IND', authority: 'IND' }), { outcome: 'authority', topic: 'IND' }],
  ['a guided result with a card counts as the card', meta({ kind: 'guide', topic: 'authority:DUO', authority: 'DUO' }), { outcome: 'authority', topic: 'DUO' }],
  ['a command', { kind: 'command', command: 'menu', authority: null, confidence: 1 } as WegwijzerChannelData, { outcome: 'guide' }],
] as const)('%s', (_name, m, expected) => {
  expect(outcomeOf(m)).toEqual(expected);
});
