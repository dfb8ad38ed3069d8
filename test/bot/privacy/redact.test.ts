// PII redaction: each kind found in the forms people type, and ordinary text left alone.
import { cleanUserText, findPii, isBsn, isIban, redact } from '../../../bot/privacy/redact';

describe('checks', () => {
  test.each(['111222333', '123456782'])('%s passes the elfproef', (bsn) => expect(isBsn(bsn)).toBe(true));
  test.each(['123456789', '111222334', '000000000', '12345678'])('%s fails the elfproef', (n) => expect(isBsn(n)).toBe(false));
  test.each(['NL91ABNA0417164300', 'NL91 ABNA 0417 1643 00', 'DE89370400440532013000', 'GB82WEST12345698765432'])('%s is a valid IBAN', (iban) =>
    expect(isIban(iban)).toBe(true));
  test.each(['NL92ABNA0417164300', 'NL91ABNA041716430', 'XX00'])('%s is not a valid IBAN', (iban) => expect(isIban(iban)).toBe(false));
});

describe('redact', () => {
  test.each([
    ['mijn bsn is 111222333', 'mijn bsn is [BSN]'],
    ['BSN: 111.222.333.', 'BSN: [BSN].'],
    ['bsn 123 45 6782 graag', 'bsn [BSN] graag'],
    ['rekening NL91ABNA0417164300 klopt', 'rekening [IBAN] klopt'],
    ['IBAN NL91 ABNA 0417 1643 00', 'IBAN [IBAN]'],
    ['mijn V-nummer is 2001234567', 'mijn V-nummer is [V-nummer]'],
    ['v-nr: 20 0123 4567', 'v-nr: [V-nummer]'],
    ['bel me op 06-12345678', 'bel me op [telefoon]'],
    ['call +31 6 12345678 now', 'call [telefoon] now'],
    ['tel 020 123 4567', 'tel [telefoon]'],
    ['0031 20 1234567', '[telefoon]'],
    ['mail naar ahmad.k@example.com aub', 'mail naar [e-mail] aub'],
    ['geboren op 03-04-1990', 'geboren op [geboortedatum]'],
    ['date of birth: 1990-04-03', 'date of birth: [geboortedatum]'],
    ['تاريخ الميلاد 3/4/1990', 'تاريخ الميلاد [geboortedatum]'],
    ['dossiernummer 55512345678', 'dossiernummer [nummer]'],
    ['bsn ١١١٢٢٢٣٣٣', 'bsn [BSN]'],
    ['رقمي ٠٦١٢٣٤٥٦٧٨', 'رقمي [telefoon]'],
    ['شماره ۰۶۱۲۳۴۵۶۷۸', 'شماره [telefoon]'],
    ['geboren op 3 maart 1990', 'geboren op [geboortedatum]'],
    ['born 3 March 1990 in Asmara', 'born [geboortedatum] in Asmara'],
  ])('%s → %s', (input, expected) => expect(redact(input)).toBe(expected));

  test.each([
    'Ik heb op 12-03-2025 een brief van DUO gekregen.',
    'Het examen kost 290 euro en duurt 2 uur.',
    'Ik woon sinds 2019 in Nederland, al 5 jaar.',
    'Mijn termijn is 3 jaar, vanaf 1 januari 2022.',
    'تلقيت رسالة من DUO أمس',
    'ኣብ 2023 ናብ ሆላንድ መጺአ',
    'DUO is open van 9.00-17.00 uur.',
    'Ik woonde van 2015-2021 in Turkije.',
    'In 2023-2024 volgde ik een cursus.',
    'Van 12.03.2024-15.03.2024 was ik ziek.',
    'Op 12-03-2024 14:30 belde ik.',
    'De boete was € 1.250,00 en de lening € 10.000.',
    'Het huis kost 1.250.000 euro.',
    'Ik ben op 3 maart 2024 verhuisd.',
  ])('leaves ordinary text alone: %s', (text) => expect(redact(text)).toBe(text));

  test('redacts several kinds in one message', () => {
    expect(redact('bsn 111222333, iban NL91ABNA0417164300, mail a@b.nl, tel 0612345678'))
      .toBe('bsn [BSN], iban [IBAN], mail [e-mail], tel [telefoon]');
  });

  test('is idempotent', () => {
    const once = redact('bsn 111222333 tel 06 1234 5678 geboren 1-2-1980');
    expect(redact(once)).toBe(once);
  });
});

test('findPii names the kinds found', () => {
  expect(findPii('mijn bsn is 111222333 en mijn iban NL91ABNA0417164300')).toEqual(['bsn', 'iban']);
  expect(findPii('hoeveel kost het examen?')).toEqual([]);
});

test('cleanUserText removes bidi overrides and control characters, keeps letters, emoji and line breaks', () => {
  expect(cleanUserText('factuur\u202Egnp.exe')).toBe('factuurgnp.exe');
  expect(cleanUserText('a\u2066b\u2069c\u200Fd\u061Ce')).toBe('abcde');
  expect(cleanUserText('bel\u0000 me\u0007')).toBe('bel me');
  expect(cleanUserText('regel 1\n\n\n\nregel 2')).toBe('regel 1\n\nregel 2');
  expect(cleanUserText('مرحبا 👋🏽 ሰላም')).toBe('مرحبا 👋🏽 ሰላም');
  expect(cleanUserText('👨‍👩‍👧')).toBe('👨‍👩‍👧'); // zero-width joiners stay
});
