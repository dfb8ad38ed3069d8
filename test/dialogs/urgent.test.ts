// Urgent help in conversation: the line for the danger comes first in every language, also in the middle of a
// guided conversation, and someone who only types "help" is offered urgent help.
import { LOCALES, type Locale } from '../../locales';
import { buttonsOf, dialogKit, textOf } from '../helpers/botkit';
import { sharedKnowledgeBase, sharedI18n } from '../helpers/fixtures';

const kb = sharedKnowledgeBase();
const i18n = sharedI18n();

/** Phrasings not taken from knowledge/signals.yaml (people ask like this; the table has many more). */
const SUICIDE: Record<Locale, string> = {
  nl: 'ik zie geen uitweg meer en wil er een einde aan maken',
  en: 'honestly i just want to end my life',
  ar: 'والله تعبت وبدي انتحر',
  tr: 'artik yasamak istemiyorum',
  fa: 'دیگه نمیخوام زنده باشم',
  ti: 'ክመውት ደልየ ኣለኹ',
  so: 'waxaan rabaa inaan dhinto',
  uk: 'я більше не хочу жити',
};

const bullets = (text: string) => text.split('\n').filter((l) => l.startsWith('- '));

test.each(LOCALES.map((l) => [l]))('a suicide signal answers urgent help with 113 on top (%s)', async (locale) => {
  const kit = dialogKit(kb, { channelId: 'emulator', locale });
  const replies = await kit.say(SUICIDE[locale], locale);
  expect(replies[0]!.channelData?.wegwijzer?.topic).toBe('urgent-help');
  expect(bullets(replies[0]!.text!)[0]).toContain('113');
});

test('in the middle of the intake, violence puts Veilig Thuis first, and the intake is not lost', async () => {
  const kit = dialogKit(kb, { channelId: 'emulator', locale: 'en' });
  const en = i18n.getFixedT('en');
  await kit.say(en('guides.intake'));
  const replies = await kit.say('my husband hits me every day');
  expect(replies).toHaveLength(1);
  expect(replies[0]!.channelData?.wegwijzer?.topic).toBe('urgent-help');
  expect(bullets(replies[0]!.text!)[0]).toContain('0800-2000');
  // The open question still waits: its answer goes on with the intake.
  expect(textOf(await kit.say(en('intake.startedFrom')))).toContain(en('intake.reason'));
});

test.each(['nl', 'ar'] as const)('"help" explains how it works and offers urgent help first (%s)', async (locale) => {
  const t = i18n.getFixedT(locale);
  const kit = dialogKit(kb, { channelId: 'emulator', locale });
  const help = await kit.say(locale === 'nl' ? 'help' : 'مساعدة', locale);
  expect(textOf(help)).toContain(t('handoff.urgent', { button: t('handoff.urgentButton') }));
  expect(buttonsOf(help)[0]).toBe(t('handoff.urgentButton'));
  const value = help.at(-1)!.suggestedActions!.actions[0]!.value as string;
  const urgent = await kit.say(value, locale);
  expect(urgent[0]!.channelData?.wegwijzer?.topic).toBe('urgent-help');
  expect(bullets(urgent[0]!.text!)[0]).toContain('112');
});

test('the honest fallback also points to urgent help (danger the signals miss mostly ends there)', async () => {
  const t = i18n.getFixedT('en');
  const kit = dialogKit(kb, { channelId: 'emulator', locale: 'en' });
  const replies = await kit.say('qwzx plorb vintage synthesizer repair');
  expect(replies[0]!.channelData?.wegwijzer?.topic).toBe('fallback');
  expect(textOf(replies)).toContain(t('handoff.urgent', { button: t('handoff.urgentButton') }));
  expect(buttonsOf(replies).at(-1)).toBe(t('handoff.urgentButton'));
});

test('urgent help keeps its buttons to one (talk to a person): no feedback buttons under it on a phone', async () => {
  const t = i18n.getFixedT('uk');
  const kit = dialogKit(kb, { channelId: 'emulator', locale: 'uk' });
  const replies = await kit.say('я більше не хочу жити', 'uk');
  expect(buttonsOf(replies)).toEqual([kb.get('talk-to-a-person')!.text.uk!.title]);
  expect(buttonsOf(replies)).not.toContain(t('feedback.yes'));
});
