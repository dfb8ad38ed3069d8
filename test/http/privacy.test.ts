// Transparency and privacy over HTTP: the /privacy page in every language, linked from the widget; the
// one-time warning when someone types a BSN or an IBAN.
import { LOCALES } from '../../locales';
import { loadWebStrings } from '../../bot/web';
import { botForFile, emulatorActivity, post } from '../helpers/http';
import { sharedI18n } from '../helpers/fixtures';

const live = botForFile({ RETENTION_DAYS: '60', COMPLAINT_RETENTION_DAYS: '400', MUNICIPALITY_NAME: 'Voorbeeldstad' });
const web = loadWebStrings();

test.each(LOCALES.map((l) => [l]))('GET /privacy?lang=%s: every section, the configured retention, the right direction', async (lang) => {
  const response = await fetch(`${live.bot.url}/privacy?lang=${lang}`);
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).toContain(`<html lang="${lang}" dir="${lang === 'ar' || lang === 'fa' ? 'rtl' : 'ltr'}">`);
  const strings = web[lang]!.privacy;
  const escape = (x: string) => x.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  for (const section of strings.sections) expect(html).toContain(`<h2>${escape(section.heading)}</h2>`);
  expect(html).toContain('60');
  expect(html).toContain('400');
  expect(html).toContain('Voorbeeldstad');
  expect(html).not.toContain('{{');
  // Links to the same page in the other languages.
  for (const other of LOCALES) expect(html).toContain(`href="/privacy?lang=${other}"`);
});

test('the widget links to the privacy page in its language', async () => {
  const html = await (await fetch(`${live.bot.url}/widget?lang=so`)).text();
  expect(html).toContain('href="/privacy?lang=so"');
  expect(html).toContain(web.so!.privacyLink);
});

test('a BSN or IBAN gets a kind warning once per conversation, before the answer', async () => {
  const t = sharedI18n().getFixedT('nl');
  const message = (text: string) => emulatorActivity(live.channel, { conversation: { id: 'pii|livechat' }, text, locale: 'nl' });
  const first = await post(live.bot, live.channel, message('Mijn BSN is 111222333, hoeveel kost het examen?'));
  expect(first.replies[0]!.text).toBe(t('privacy.numberWarning'));
  expect(first.replies).toHaveLength(2); // and then the answer (or the honest fallback) as usual
  const second = await post(live.bot, live.channel, message('En mijn IBAN NL91ABNA0417164300, kan ik betalen?'));
  expect(second.replies.map((r) => r.text)).not.toContain(t('privacy.numberWarning'));
  const plain = await post(live.bot, live.channel, emulatorActivity(live.channel, { conversation: { id: 'pii-2|livechat' }, text: 'Hoeveel kost het examen?', locale: 'nl' }));
  expect(plain.replies.map((r) => r.text)).not.toContain(t('privacy.numberWarning'));
});
