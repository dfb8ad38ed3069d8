// The bot's markdown as plain text and as WhatsApp text, splitting, short titles and right-to-left marks.
import { formatText, markDirection, shortTitle, splitAndMark, splitText } from '../../../bot/channels/format';

const RLM = '\u200F';
const RLI = '\u2067';
const PDI = '\u2069';

/** An answer as the bot renders it for a channel without cards (see bot/cards/render.ts). */
const ANSWER = [
  '**Wat kost het inburgeringsexamen?**',
  'Elk onderdeel van het examen kost € 50.\n- Wet inburgering 2013: 6 onderdelen. Samen € 300.\n* Wet inburgering 2021: 5 onderdelen.',
  'Typ bijvoorbeeld *Wat kost het examen?* of kijk op https://www.inburgeren.nl/mijn_inburgering.',
  '_Bron: [inburgeren.nl](https://www.inburgeren.nl/inburgeren-betalen/index.jsp), [de examenpagina](https://www.inburgeren.nl/examen) (gecontroleerd op 6 december 2026)_',
  '**DUO (Dienst Uitvoering Onderwijs)**\nTelefoon: \u2066050 599 96 00\u2069\nhttps://www.inburgeren.nl',
  '1. Hoe meld ik me aan?\n2. Dit hielp',
].join('\n\n');

/** Markdown syntax that must not reach a plain-text channel. */
const MARKUP = /\*\*|__|\]\(|(^|\s)[*_][^\s*_]|[^\s*_][*_](\s|$)|\\[\\`*_{}[\]()#+\-.!|<>~]/m;

describe('formatText: plain', () => {
  const plain = formatText(ANSWER, 'plain');

  test('no markdown is left, and the words are all still there', () => {
    expect(plain).not.toMatch(MARKUP);
    for (const words of ['Wat kost het inburgeringsexamen?', 'Wat kost het examen?', 'DUO (Dienst Uitvoering Onderwijs)', 'Samen € 300.']) {
      expect(plain).toContain(words);
    }
  });

  test('a link whose text is its host becomes the address; other links "text: address"', () => {
    expect(plain).toContain('Bron: https://www.inburgeren.nl/inburgeren-betalen/index.jsp, de examenpagina: https://www.inburgeren.nl/examen (gecontroleerd');
    expect(formatText('[https://duo.nl/a](https://duo.nl/a)', 'plain')).toBe('https://duo.nl/a');
    expect(formatText('Zie [de site van DUO](https://duo.nl).', 'plain')).toBe('Zie de site van DUO: https://duo.nl.');
  });

  test('text that looks like the formatter\'s own stand-ins stays as typed', () => {
    const typed = '\uE0000\uE001 en \uE000 1 \uE001 **vet**';
    expect(formatText(typed, 'plain')).toBe('\uE0000\uE001 en \uE000 1 \uE001 vet');
  });

  test('underscores inside addresses and words stay, escapes become the character', () => {
    expect(plain).toContain('https://www.inburgeren.nl/mijn_inburgering.');
    expect(formatText('snake_case_name', 'plain')).toBe('snake_case_name');
    expect(formatText('Zie https://x.nl/a\\_b_ en [de site](https://x.nl/c\\_d).', 'plain')).toBe('Zie https://x.nl/a_b_ en de site: https://x.nl/c_d.');
    expect(formatText('U typte: 1\\. \\*ster\\* \\[x\\]\\(y\\) a\\-b \\\\', 'plain')).toBe('U typte: 1. *ster* [x](y) a-b \\');
  });

  test('bullets become "- ", numbered lists and headings stay readable, isolates around numbers are kept', () => {
    expect(plain).toContain('\n- Wet inburgering 2013: 6 onderdelen. Samen € 300.\n- Wet inburgering 2021');
    expect(plain).toContain('1. Hoe meld ik me aan?\n2. Dit hielp');
    expect(formatText('## Kosten\n> let op', 'plain')).toBe('Kosten\nlet op');
    expect(plain).toContain('Telefoon: \u2066050 599 96 00\u2069');
  });

  test('Arabic markdown', () => {
    const text = formatText('**كم تكلفة الامتحان؟**\n\n_المصدر: [inburgeren.nl](https://www.inburgeren.nl/x) (تم التحقق)_', 'plain');
    expect(text).toBe('كم تكلفة الامتحان؟\n\nالمصدر: https://www.inburgeren.nl/x (تم التحقق)');
  });
});

describe('formatText: whatsapp', () => {
  const wa = formatText(ANSWER, 'whatsapp');

  test('bold is *single*, italics _underscored_, links plain addresses, escapes removed', () => {
    expect(wa.startsWith('*Wat kost het inburgeringsexamen?*\n\n')).toBe(true);
    expect(wa).toContain('Typ bijvoorbeeld _Wat kost het examen?_ of kijk op https://www.inburgeren.nl/mijn_inburgering.');
    expect(wa).toContain('_Bron: https://www.inburgeren.nl/inburgeren-betalen/index.jsp, de examenpagina: https://www.inburgeren.nl/examen (gecontroleerd op 6 december 2026)_');
    expect(wa).toContain('*DUO (Dienst Uitvoering Onderwijs)*');
    expect(wa).not.toMatch(/\*\*|\]\(|\\[-.*_]/);
    expect(formatText('a\\-b \\_c\\_', 'whatsapp')).toBe('a-b _c_');
  });

  test('Turkish and Arabic', () => {
    expect(formatText('**Sınav ne kadar?** _Kaynak: [duo.nl](https://duo.nl)_', 'whatsapp')).toBe('*Sınav ne kadar?* _Kaynak: https://duo.nl_');
    expect(formatText('**كم تكلفة الامتحان؟**', 'whatsapp')).toBe('*كم تكلفة الامتحان؟*');
  });
});

describe('splitText', () => {
  const parts = (text: string, max: number) => {
    const result = splitText(text, max);
    for (const part of result) expect(part.length).toBeLessThanOrEqual(max);
    return result;
  };
  const words = (text: string) => text.split(/\s+/).filter(Boolean);

  test('text that fits is one part; blank text none', () => {
    expect(splitText(ANSWER, 5000)).toEqual([ANSWER]);
    expect(splitText(' \n\n ', 10)).toEqual([]);
    expect(() => splitText('abc', 0)).toThrow(RangeError);
  });

  test('paragraphs stay whole when they fit, and nothing is lost or reordered', () => {
    const text = formatText(ANSWER, 'plain');
    const result = parts(text, 200);
    expect(result.length).toBeGreaterThan(1);
    expect(words(result.join(' '))).toEqual(words(text));
    const paragraphs = text.split('\n\n');
    for (const p of paragraphs.filter((x) => x.length <= 200)) expect(result.some((r) => r.includes(p))).toBe(true);
    // The numbered choices, the last paragraph, are in the last part.
    expect(result.at(-1)).toContain('1. Hoe meld ik me aan?\n2. Dit hielp');
  });

  test('a long paragraph is cut at line ends, then sentences, then words', () => {
    const lines = 'Eerste regel van het antwoord.\nTweede regel van het antwoord.\nDerde regel.';
    expect(parts(lines, 40)).toEqual(['Eerste regel van het antwoord.', 'Tweede regel van het antwoord.', 'Derde regel.']);
    const sentences = 'Dit is zin een. Dit is zin twee! Is dit zin drie? Ja.';
    expect(parts(sentences, 20)).toEqual(['Dit is zin een.', 'Dit is zin twee!', 'Is dit zin drie? Ja.']);
    // Not after a number: "stap 1." does not end a sentence.
    expect(parts('Doe eerst stap 1. Daarna volgt de rest', 24)[0]).toBe('Doe eerst stap 1. Daarna');
    expect(parts('een twee drie vier vijf', 9)).toEqual(['een twee', 'drie vier', 'vijf']);
  });

  test('a short start (a title) is not sent alone when the paragraph after it must be cut anyway', () => {
    const body = Array.from({ length: 6 }, (_, i) => `Regel ${i + 1} van het antwoord.`).join('\n');
    const result = parts(`**Titel**\n\n${body}\n\nKort slot.`, 70);
    expect(result[0]).toBe('**Titel**\n\nRegel 1 van het antwoord.\nRegel 2 van het antwoord.');
    expect(result.at(-1)).toBe('Regel 5 van het antwoord.\nRegel 6 van het antwoord.\n\nKort slot.');
  });

  test('never mid-word, unless a word is longer than max; never inside a character', () => {
    const text = 'kort inburgeringsexamenaanmeldingsformulier kort';
    const result = parts(text, 12);
    expect(result[0]).toBe('kort');
    expect(result.at(-1)).toBe('kort');
    expect(result.slice(1, -1).join('')).toBe('inburgeringsexamenaanmeldingsformulier');
    const emoji = '👍'.repeat(5);
    expect(parts(emoji, 3)).toEqual(['👍', '👍', '👍', '👍', '👍']);
  });

  test('Arabic and Tigrinya sentence ends', () => {
    expect(parts('هل تسكن في AZC؟ اتصل بـ COA. شكرا', 18)).toEqual(['هل تسكن في AZC؟', 'اتصل بـ COA. شكرا']);
    expect(parts('ኣብ AZC እየ ዘለኹ። መዓስ እየ ገዛ ዝረክብ፧', 16)).toEqual(['ኣብ AZC እየ ዘለኹ።', 'መዓስ እየ ገዛ ዝረክብ፧']);
  });
});

describe('shortTitle', () => {
  const titles = [
    'Hoe meld ik me aan voor het inburgeringsexamen?',
    'Wie betaalt mijn taalcursus en examens (Wi2021)?',
    'Ik ben gezakt. Hoe doe ik het examen opnieuw?',
    'كيف أسجل في امتحان الاندماج المدني؟',
    'Entegrasyon sınavına nasıl kaydolurum?',
    'Inburgeringsexamenaanmeldingsformulier',
  ];

  test('a title that fits is unchanged (spaces tidied)', () => {
    expect(shortTitle('Dit hielp', 20)).toBe('Dit hielp');
    expect(shortTitle('  Dit   hielp ', 20)).toBe('Dit hielp');
  });

  test.each(titles)('"%s" fits 20 and 24 characters, cut only between words', (title) => {
    for (const max of [20, 24]) {
      const short = shortTitle(title, max);
      expect(short.length).toBeLessThanOrEqual(max);
      expect(short.length).toBeGreaterThan(1);
      if (short === title) continue;
      expect(short.endsWith('…')).toBe(true);
      const kept = short.slice(0, -1).split(' ');
      const original = title.split(' ');
      // Every word but a single over-long first word is a whole word of the title, in order.
      if (kept.length === 1 && !original.includes(kept[0]!.replace(/[,;:]$/, ''))) {
        expect(original[0]!.startsWith(kept[0]!)).toBe(true);
        expect(original[0]!.length).toBeGreaterThan(max - 1);
      } else {
        kept.forEach((w, i) => expect(original[i]!.replace(/[,;:]$/, '')).toBe(w.replace(/[,;:]$/, '')));
      }
    }
  });

  test('meaningful cuts: a part in brackets goes first, no dangling punctuation', () => {
    expect(shortTitle('Taalcursus en examens (Wi2021)?', 24)).toBe('Taalcursus en examens?');
    expect(shortTitle('Wie betaalt mijn taalcursus en examens (Wi2021)?', 24)).toBe('Wie betaalt mijn…');
    expect(shortTitle('Examen, kosten en betalen', 12)).toBe('Examen…');
    expect(shortTitle('Inburgeringsexamenaanmeldingsformulier', 10)).toBe('Inburgeri…');
  });
});

/** The first strong direction of a line, as a client that takes it from the text (UAX #9 P2) sees it. */
function firstStrong(line: string): 'rtl' | 'ltr' | undefined {
  let depth = 0;
  for (const c of line) {
    if (/[\u2066-\u2068]/.test(c)) depth += 1;
    else if (c === PDI) depth = Math.max(0, depth - 1);
    else if (depth > 0) continue;
    else if (c === RLM || /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(c) && /\p{L}/u.test(c)) return 'rtl';
    else if (/\p{L}/u.test(c)) return 'ltr';
  }
  return undefined;
}

describe('markDirection', () => {
  const arabic = [
    '**كم تكلفة امتحان الاندماج؟**',
    '50 € لكل قسم من الامتحان.\n- DUO يرسل رسالة إلى Mijn Inburgering.',
    '_المصدر: [inburgeren.nl](https://www.inburgeren.nl/x) (تم التحقق في 6 ديسمبر 2026)_',
    'الهاتف: \u2066050 599 96 00\u2069\nhttps://www.inburgeren.nl',
    '1. كيف أسجل؟\n2. هذا ساعدني',
  ].join('\n\n');
  const marked = markDirection(arabic, 'ar');
  const lines = marked.split('\n').filter((l) => /[\u0600-\u06ff]/.test(l));

  test('every Arabic line is right to left for a client that looks at its first letter', () => {
    expect(lines.length).toBe(7);
    for (const line of lines) expect(firstStrong(line)).toBe('rtl');
    // Without the marks, the lines that start with a number or a Latin word would not be.
    expect(firstStrong('50 € لكل قسم')).toBe('rtl');
    expect(firstStrong('DUO يرسل رسالة')).toBe('ltr');
    expect(firstStrong(lines.find((l) => l.includes('DUO'))!)).toBe('rtl');
  });

  test('numbers and Latin words sit inside the line\'s right-to-left isolate, after list markers and inside emphasis', () => {
    expect(marked).toContain(`${RLM}${RLI}50 € لكل قسم من الامتحان.${PDI}`);
    expect(marked).toContain(`- ${RLM}${RLI}DUO يرسل رسالة إلى Mijn Inburgering.${PDI}`);
    expect(marked).toContain(`**${RLM}${RLI}كم تكلفة امتحان الاندماج؟${PDI}**`);
    expect(marked).toContain(`_${RLM}${RLI}المصدر: [inburgeren.nl](https://www.inburgeren.nl/x) (تم التحقق في 6 ديسمبر 2026)${PDI}_`);
    expect(marked).toContain(`1. ${RLM}${RLI}كيف أسجل؟${PDI}\n2. ${RLM}${RLI}هذا ساعدني${PDI}`);
    expect(marked).toContain(`${RLM}${RLI}الهاتف: \u2066050 599 96 00\u2069${PDI}`);
  });

  test('lines without right-to-left letters, and the text itself, are left as they were', () => {
    expect(marked).toContain('\nhttps://www.inburgeren.nl\n');
    const unmarked = (text: string) => text.replace(/[\u200F\u2067\u2069]/g, '');
    expect(unmarked(marked)).toBe(unmarked(arabic));
  });

  test('marking twice changes nothing; Persian and "ar-SY" too; other languages untouched', () => {
    expect(markDirection(marked, 'ar')).toBe(marked);
    expect(markDirection('هزینه آزمون ۵۰ یورو است.', 'fa')).toBe(`${RLM}${RLI}هزینه آزمون ۵۰ یورو است.${PDI}`);
    expect(markDirection('DUO يرسل', 'ar-SY')).toBe(`${RLM}${RLI}DUO يرسل${PDI}`);
    for (const locale of ['nl', 'en', 'tr', 'ti', 'so', 'uk']) expect(markDirection(arabic, locale)).toBe(arabic);
  });
});

describe('splitAndMark', () => {
  test('every part, marks included, fits; marks never straddle parts', () => {
    const text = Array.from({ length: 12 }, (_, i) => `${i + 1}. DUO يرسل رسالة رقم ${i + 1} إلى Mijn Inburgering.`).join('\n');
    const result = splitAndMark(text, 100, 'ar');
    expect(result.length).toBeGreaterThan(1);
    for (const part of result) {
      expect(part.length).toBeLessThanOrEqual(100);
      for (const line of part.split('\n')) expect(line).toMatch(new RegExp(`^\\d+\\. ${RLM}${RLI}[^${PDI}]*${PDI}$`));
    }
    expect(splitAndMark('een twee drie', 8, 'nl')).toEqual(['een twee', 'drie']);
  });
});
