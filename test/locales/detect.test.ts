// Locale resolution: saved choice, then the channel's locale, then detection of longer messages, then Dutch.
import { detectLocale } from '../../locales/detect';
import { pickLocale, supportedLocale } from '../../bot/middleware/locale';
import { fold } from '../../knowledge/normalize';

test.each([
  ['Hoe schrijf ik me in voor het inburgeringsexamen?', 'nl'],
  ['How do I register for the integration exam?', 'en'],
  ['Entegrasyon sınavına nasıl kayıt olurum?', 'tr'],
  ['كيف أسجل في امتحان الاندماج؟', 'ar'],
  ['چگونه برای امتحان ادغام ثبت نام کنم؟', 'fa'],
  ['Sidee baan isku diiwaangeliyaa imtixaanka is-dhexgalka?', 'so'],
  ['ንፈተና ምውህሃድ ከመይ ጌረ ክምዝገብ እኽእል?', 'ti'],
  ['Як зареєструватися на іспит з інтеграції?', 'uk'],
])('"%s" is detected as %s', (text, locale) => {
  expect(detectLocale(text)).toBe(locale);
});

test.each(['hallo', 'DUO', 'boete', 'ok dank je', '12345'])('a short message ("%s") is not detected, so it never flips the language', (text) => {
  expect(detectLocale(text)).toBeUndefined();
});

test('a Dutch word inside an Arabic sentence does not change the detected language', () => {
  expect(detectLocale('ما هي قيمة lening من DUO للاندماج؟')).toBe('ar');
});

// The long Dutch words of a letter's heading outweigh a short sentence of the person's own language in letters, not
// in words: the answer came in Dutch in the Arabic widget. Between Arabic and Persian the detector may be unsure
// then, and the channel's language stays.
test.each([
  ['وصلني مكتوب من DUO فوقه Vooraankondiging termijnoverschrijding، شو يعني وشو لازم اعمل؟', 'ar'],
  ['از DUO نامه آمده بالایش نوشته Vooraankondiging termijnoverschrijding، یعنی چه؟', 'fa'],
  ['Прийшов лист від DUO: Vooraankondiging termijnoverschrijding. Що це означає?', 'uk'],
  ['ካብ DUO Vooraankondiging termijnoverschrijding ዝብል ደብዳቤ መጺኡኒ እንታይ ማለት እዩ', 'ti'],
])('a sentence quoting a long Dutch heading stays in its own language: "%s" is %s', (text, locale) => {
  expect(detectLocale(text) ?? locale).toBe(locale);
  expect(pickLocale(undefined, locale, text, 'nl')).toBe(locale);
});

test('a Dutch sentence with one Arabic word stays Dutch', () => {
  expect(detectLocale('Ik heb een brief van DUO gekregen over mijn inburgering, het woord مكتوب begrijp ik niet')).toBe('nl');
});

test("resolution order: saved choice, then the message's language when sure, then channel locale, then the default", () => {
  expect(pickLocale('ar', 'en-US', 'Hoe schrijf ik me in voor het examen?', 'nl')).toBe('ar');
  // The Agents Playground and Teams send en-US with every message: a Dutch question is answered in Dutch.
  expect(pickLocale(undefined, 'en-US', 'Hoe schrijf ik me in voor het examen?', 'nl')).toBe('nl');
  expect(pickLocale(undefined, 'ar-SY', 'How do I register for the exam?', 'nl')).toBe('en');
  // A short message says too little: the channel's locale. So does a three-word button label.
  expect(pickLocale(undefined, 'ar-SY', 'examen', 'nl')).toBe('ar');
  expect(pickLocale(undefined, 'tr-TR', 'Daha fazla bilgi', 'nl', () => 'so')).toBe('tr');
  expect(pickLocale(undefined, undefined, 'Daha fazla bilgi', 'nl', () => 'so')).toBe('so');
  expect(pickLocale(undefined, 'fr-FR', 'How do I register for the integration exam?', 'nl')).toBe('en');
  expect(pickLocale(undefined, undefined, 'hallo', 'nl')).toBe('nl');
  expect(supportedLocale('uk-UA')).toBe('uk');
  expect(supportedLocale('ru-RU')).toBeUndefined();
});

test('Arabic and Persian letter forms, harakat, tatweel and zero-width joiners are folded', () => {
  expect(fold('مَا هِيَ قِيمَةُ')).toBe(fold('ما هي قيمه'));
  // Apart: four alefs in a row would be a stretched letter, which folds to two.
  expect(fold('أ إ آ ا')).toBe('ا ا ا ا');
  expect(fold('کی')).toBe(fold('كي'));
  expect(fold('ـــامتحانـــ')).toBe('امتحان');
  expect(fold('می‌خواهم')).toBe('ميخواهم');
  expect(fold('۱۲٣')).toBe('123');
});
