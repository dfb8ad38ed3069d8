// Every locale file has every key of the Dutch one, no empty strings, and no interpolation variable that the
// Dutch string does not have.
import { LOCALES, RESOURCES, REVIEW_STATUS } from '../../locales';

type Tree = { [key: string]: unknown };

/** Flattens nested keys: { a: { b: 'x' } } → [['a.b', 'x']]; arrays of strings stay values. */
function flatten(tree: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) => value && typeof value === 'object' && !Array.isArray(value)
    ? flatten(value as Tree, `${prefix}${key}.`) : [[`${prefix}${key}`, value] as [string, unknown]]);
}
const variables = (text: string) => new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]));

const dutch = new Map(flatten(RESOURCES.nl as Tree));

describe.each(LOCALES.filter((l) => l !== 'nl'))('locale %s', (locale) => {
  const own = new Map(flatten(RESOURCES[locale] as Tree));

  test('has every key of the Dutch file, and no other', () => {
    expect([...dutch.keys()].filter((k) => !own.has(k))).toEqual([]);
    expect([...own.keys()].filter((k) => !dutch.has(k))).toEqual([]);
  });

  test('has no empty strings or empty command lists', () => {
    for (const [key, value] of own) {
      if (Array.isArray(value)) expect([key, value.length > 0]).toEqual([key, true]);
      else expect([key, typeof value === 'string' && value.trim().length > 0]).toEqual([key, true]);
    }
  });

  test('uses no interpolation variable that the Dutch string does not have', () => {
    for (const [key, value] of own) {
      if (typeof value !== 'string') continue;
      const allowed = variables(String(dutch.get(key) ?? ''));
      const extra = [...variables(value)].filter((v) => !allowed.has(v));
      expect([key, extra]).toEqual([key, []]);
    }
  });
});

test('every locale has a review status; Dutch is leading', () => {
  expect(REVIEW_STATUS.nl).toBe('leading');
  for (const locale of LOCALES) expect(['leading', 'reviewed', 'unreviewed']).toContain(REVIEW_STATUS[locale]);
});
