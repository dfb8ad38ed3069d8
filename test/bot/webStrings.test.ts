// The widget's own strings: every language has every key the Dutch file has.
import { loadWebStrings } from '../../bot/web';

const strings = loadWebStrings();

test('every web language has every key and as many steps as Dutch', () => {
  const reference = strings.nl!;
  for (const [lang, s] of Object.entries(strings)) {
    expect([lang, Object.keys(s).filter((k) => k !== 'webchat').sort()]).toEqual([lang, Object.keys(reference).sort()]);
    expect([lang, s.steps.length]).toEqual([lang, reference.steps.length]);
    for (const key of ['pageTitle', 'siteName'] as const) expect([lang, key, s[key]]).toEqual([lang, key, expect.stringContaining('{{municipality}}')]);
  }
});

test('the languages Web Chat does not ship come with its strings as overrides', () => {
  for (const lang of ['fa', 'ti', 'so'].filter((l) => strings[l])) {
    expect([lang, Object.keys(strings[lang]!.webchat ?? {}).length]).toEqual([lang, expect.any(Number)]);
    expect(Object.keys(strings[lang]!.webchat ?? {}).length).toBeGreaterThan(50);
  }
});
