// The reply to a voice note: whom to call comes from the knowledge base only, and when no organisation there
// has a phone number, the way to reach a person is given instead of "Call …:" with nothing after it.
import { type KnowledgeBase } from '../../../knowledge';
import { type Locale } from '../../../locales';
import type { RenderContext } from '../../../bot/cards/render';
import { voiceReplies } from '../../../bot/whatsapp/turn';
import { sharedKnowledgeBase, sharedI18n } from '../../helpers/fixtures';

const kb = sharedKnowledgeBase();
const i18n = sharedI18n();
const ctx = (locale: Locale, base: KnowledgeBase = kb): RenderContext => ({ kb: base, locale, t: i18n.getFixedT(locale), channelId: 'whatsapp' });
const texts = (replies: ReturnType<typeof voiceReplies>) => replies.map((r) => String(r.text));

test('the organisation of the conversation is named with its number; without one, DUO (no municipality configured)', () => {
  const t = i18n.getFixedT('nl');
  expect(texts(voiceReplies(ctx('nl'), undefined))).toEqual([
    `${t('whatsapp.voice')} ${t('whatsapp.voiceCall', { name: 'DUO (Dienst Uitvoering Onderwijs)', phone: '+31 50 599 96 00' })}`,
  ]);
  const ind = texts(voiceReplies(ctx('nl'), 'IND'));
  expect(ind).toHaveLength(1);
  expect(ind[0]).toContain('IND (Immigratie- en Naturalisatiedienst)');
  expect(ind[0]).not.toContain('DUO');
});

test.each<Locale>(['nl', 'ar'])('%s: no phone number anywhere → "cannot listen", then the answer on reaching a person', (locale) => {
  const t = i18n.getFixedT(locale);
  // The same knowledge, but no organisation has a phone number.
  const noPhones = Object.create(kb, {
    authority: { value: (id: Parameters<KnowledgeBase['authority']>[0]) => ({ ...kb.authority(id), phones: [] }) },
  }) as KnowledgeBase;
  const replies = voiceReplies(ctx(locale, noPhones), 'IND');
  expect(texts(replies)[0]).toBe(t('whatsapp.voice'));
  expect(replies).toHaveLength(2);
  expect((replies[1]!.channelData as { wegwijzer?: { topic?: string } }).wegwijzer?.topic).toBe(kb.menu.person);
  const callLine = t('whatsapp.voiceCall', { name: '@@', phone: '' }).split('@@')[0]!;
  for (const text of texts(replies)) expect(text).not.toContain(callLine);
});
