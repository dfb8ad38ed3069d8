// "What applies to me": the rules table, drawn from the domain brief. Each case: answers → expected outcome.
import { loadKnowledgeBase } from '../../knowledge';
import { overview, type IntakeAnswers, type Outcome } from '../../knowledge/rules/overview';

const base: IntakeAnswers = { started: 'from-2022', reason: 'asylum', age: '18-to-aow', nationality: 'other', dutchDiplomas: 'no' };
const a = (overrides: Partial<IntakeAnswers>): IntakeAnswers => ({ ...base, ...overrides });

test.each<[string, Partial<IntakeAnswers>, Outcome, string]>([
  // The two regimes: the date the obligation started decides (brief §1).
  ['asylum status holder, obligation from 2022', {}, 'wi2021', 'GEMEENTE'],
  ['asylum status holder, obligation before 2022', { started: 'before-2022' }, 'wi2013', 'DUO'],
  ['family migrant from 2022', { reason: 'family' }, 'wi2021', 'GEMEENTE'],
  ['family migrant before 2022', { reason: 'family', started: 'before-2022' }, 'wi2013', 'DUO'],
  ['other migrant (e.g. religious minister) from 2022', { reason: 'other' }, 'wi2021', 'GEMEENTE'],
  ['other migrant before 2022', { reason: 'other', started: 'before-2022' }, 'wi2013', 'DUO'],
  ['reason unknown, from 2022', { reason: 'unknown' }, 'wi2021', 'GEMEENTE'],
  ['reason unknown, before 2022', { reason: 'unknown', started: 'before-2022' }, 'wi2013', 'DUO'],
  ['date unknown: ask for the DUO letter, never guess', { started: 'unknown' }, 'unknown', 'DUO'],
  ['date and reason unknown', { started: 'unknown', reason: 'unknown' }, 'unknown', 'DUO'],
  ['everything unknown', { started: 'unknown', reason: 'unknown', age: 'unknown', nationality: 'unknown', dutchDiplomas: 'unknown' }, 'unknown', 'DUO'],
  // Not obliged (brief §2).
  ['EU/EEA/Swiss national', { nationality: 'eu-eea-swiss' }, 'not-obliged', 'DUO'],
  ['EU national, family reason', { nationality: 'eu-eea-swiss', reason: 'family' }, 'not-obliged', 'DUO'],
  ['under 18', { age: 'under-18' }, 'not-obliged', 'DUO'],
  ['at or over the state pension age', { age: 'aow-or-older' }, 'not-obliged', 'DUO'],
  ['over the pension age, before 2022', { age: 'aow-or-older', started: 'before-2022' }, 'not-obliged', 'DUO'],
  ['here to study (temporary purpose)', { reason: 'study' }, 'probably-exempt', 'DUO'],
  ['here to work (temporary work, knowledge migrant)', { reason: 'work' }, 'probably-exempt', 'DUO'],
  ['work, before 2022', { reason: 'work', started: 'before-2022' }, 'probably-exempt', 'DUO'],
  // Ukrainians under temporary protection: "not obliged" is not confirmed (brief §13.9).
  ['temporary protection (Ukraine)', { reason: 'temporary-protection' }, 'probably-exempt', 'DUO'],
  ['temporary protection, date unknown', { reason: 'temporary-protection', started: 'unknown' }, 'probably-exempt', 'DUO'],
  // Turkish nationals (brief §2).
  ['Turkish asylum status holder, from 2022', { nationality: 'turkish' }, 'wi2021', 'GEMEENTE'],
  ['Turkish asylum status holder, before 2022 (obliged since May 2020)', { nationality: 'turkish', started: 'before-2022' }, 'wi2013', 'DUO'],
  ['Turkish family migrant from 2022', { nationality: 'turkish', reason: 'family' }, 'wi2021', 'GEMEENTE'],
  ['Turkish family migrant already here before 2022', { nationality: 'turkish', reason: 'family', started: 'before-2022' }, 'not-obliged', 'DUO'],
  ['Turkish other migrant before 2022', { nationality: 'turkish', reason: 'other', started: 'before-2022' }, 'not-obliged', 'DUO'],
  ['Turkish family migrant, date unknown', { nationality: 'turkish', reason: 'family', started: 'unknown' }, 'probably-exempt', 'DUO'],
  // Dutch diplomas or passed exams: an exemption is possible, DUO decides (brief §2, §5).
  ['Dutch diploma, from 2022', { dutchDiplomas: 'yes' }, 'probably-exempt', 'DUO'],
  ['Dutch diploma, before 2022', { dutchDiplomas: 'yes', started: 'before-2022' }, 'probably-exempt', 'DUO'],
  ['diplomas unknown does not exempt', { dutchDiplomas: 'unknown' }, 'wi2021', 'GEMEENTE'],
  ['nationality unknown, from 2022', { nationality: 'unknown' }, 'wi2021', 'GEMEENTE'],
  ['age unknown, before 2022', { age: 'unknown', started: 'before-2022' }, 'wi2013', 'DUO'],
])('%s → %s, contact %s first', (_case, answers, outcome, contact) => {
  const result = overview(a(answers));
  expect(result.outcome).toBe(outcome);
  expect(result.contactFirst).toBe(contact);
  expect(result.nextSteps).toHaveLength(3);
});

test('Wi2021 asylum status holders: the municipality pays, basics come early in the next steps', () => {
  const result = overview(a({}));
  expect(result.pays).toEqual(['who-pays-wi2021']);
  expect(result.nextSteps).toEqual(['broad-intake', 'pip-contents', 'basics-first-checklist']);
});

test('Wi2013 asylum status holders are pointed to loan forgiveness and the court rulings, never told to pay', () => {
  const result = overview(a({ started: 'before-2022' }));
  expect(result.pays).toEqual(['loan-forgiveness', 'wi2013-court-rulings']);
  expect(result.pays).not.toContain('wi2013-duo-loan');
});

test('wanting to study puts the education route first (Wi2021)', () => {
  expect(overview(a({ wantsToStudy: 'yes' })).routes[0]).toBe('education-route');
  expect(overview(a({ wantsToStudy: 'no' })).routes).not.toContain('education-route');
});

test('every entry an overview points to exists in the knowledge base', () => {
  const kb = loadKnowledgeBase();
  const values = { started: ['before-2022', 'from-2022', 'unknown'], reason: ['asylum', 'family', 'work', 'study', 'temporary-protection', 'other', 'unknown'] } as const;
  for (const started of values.started) {
    for (const reason of values.reason) {
      for (const wantsToStudy of ['yes', 'no'] as const) {
        const o = overview(a({ started, reason, wantsToStudy }));
        for (const id of [o.because, ...o.expected, ...o.term, ...o.routes, ...o.pays, ...o.nextSteps]) {
          expect([id, kb.get(id) !== undefined]).toEqual([id, true]);
        }
      }
    }
  }
});
