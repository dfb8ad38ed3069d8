// "What applies to me": the rules table, drawn from the domain brief. Each case: answers → expected outcome.
import { overview, upgradeAnswers, type IntakeAnswers, type Outcome } from '../../../knowledge/rules/overview';
import { sharedKnowledgeBase } from '../../helpers/fixtures';

const base: IntakeAnswers = { started: 'from-2022', reason: 'asylum', age: '18-to-aow', nationality: 'other', dutchDiplomas: 'no' };
const a = (overrides: Partial<IntakeAnswers>): IntakeAnswers => ({ ...base, ...overrides });

test.each<[string, Partial<IntakeAnswers>, Outcome, string]>([
  // The two regimes: the date the obligation started decides (brief §1).
  ['asylum status holder, obligation from 2022', {}, 'wi2021', 'GEMEENTE'],
  ['asylum status holder, obligation before 2022', { started: '2013-to-2021' }, 'wi2013', 'DUO'],
  ['family migrant from 2022', { reason: 'family' }, 'wi2021', 'GEMEENTE'],
  ['family migrant before 2022', { reason: 'family', started: '2013-to-2021' }, 'wi2013', 'DUO'],
  ['other migrant (e.g. religious minister) from 2022', { reason: 'other' }, 'wi2021', 'GEMEENTE'],
  ['other migrant before 2022', { reason: 'other', started: '2013-to-2021' }, 'wi2013', 'DUO'],
  ['reason unknown, from 2022', { reason: 'unknown' }, 'wi2021', 'GEMEENTE'],
  ['reason unknown, before 2022', { reason: 'unknown', started: '2013-to-2021' }, 'wi2013', 'DUO'],
  ['date unknown: ask for the DUO letter, never guess', { started: 'unknown' }, 'unknown', 'DUO'],
  ['date and reason unknown', { started: 'unknown', reason: 'unknown' }, 'unknown', 'DUO'],
  ['everything unknown', { started: 'unknown', reason: 'unknown', age: 'unknown', nationality: 'unknown', dutchDiplomas: 'unknown' }, 'unknown', 'DUO'],
  // Not obliged (brief §2).
  ['EU/EEA/Swiss national', { nationality: 'eu-eea-swiss' }, 'not-obliged', 'DUO'],
  ['EU national, family reason', { nationality: 'eu-eea-swiss', reason: 'family' }, 'not-obliged', 'DUO'],
  ['under 18', { age: 'under-18' }, 'not-obliged', 'DUO'],
  ['at or over the state pension age', { age: 'aow-or-older' }, 'not-obliged', 'DUO'],
  ['over the pension age, before 2022', { age: 'aow-or-older', started: '2013-to-2021' }, 'not-obliged', 'DUO'],
  ['here to study (temporary purpose)', { reason: 'study' }, 'probably-exempt', 'DUO'],
  ['here to work (temporary work, knowledge migrant)', { reason: 'work' }, 'probably-exempt', 'DUO'],
  ['work, before 2022', { reason: 'work', started: '2013-to-2021' }, 'probably-exempt', 'DUO'],
  // Ukrainians under temporary protection: "not obliged" is not confirmed (brief §13.9).
  ['temporary protection (Ukraine)', { reason: 'temporary-protection' }, 'probably-exempt', 'DUO'],
  ['temporary protection, date unknown', { reason: 'temporary-protection', started: 'unknown' }, 'probably-exempt', 'DUO'],
  // Turkish nationals (brief §2).
  ['Turkish asylum status holder, from 2022', { nationality: 'turkish' }, 'wi2021', 'GEMEENTE'],
  ['Turkish family migrant from 2022', { nationality: 'turkish', reason: 'family' }, 'wi2021', 'GEMEENTE'],
  ['Turkish other migrant already here, 2013-2021', { nationality: 'turkish', reason: 'other', started: '2013-to-2021' }, 'not-obliged', 'DUO'],
  // Turkish family members of a refugee and Turks who do not know their reason (brief §2: obliged since 1 May 2020).
  ['Turkish family member of a refugee, from 2022', { nationality: 'turkish', reason: 'family', joined: 'refugee' }, 'wi2021', 'GEMEENTE'],
  ['Turkish family member of a refugee, 2013-2021: only from 1 May 2020, so DUO says', { nationality: 'turkish', reason: 'family', joined: 'refugee', started: '2013-to-2021' }, 'unknown', 'DUO'],
  ['Turkish asylum status holder, 2013-2021: only from 1 May 2020, so DUO says', { nationality: 'turkish', started: '2013-to-2021' }, 'unknown', 'DUO'],
  ['Turk who does not know the reason, from 2022: all Turkish newcomers obliged', { nationality: 'turkish', reason: 'unknown' }, 'wi2021', 'GEMEENTE'],
  ['Turk who does not know the reason, 2013-2021: never "not obliged"', { nationality: 'turkish', reason: 'unknown', started: '2013-to-2021' }, 'unknown', 'DUO'],
  ['Turkish family migrant, 2013-2021, joined unknown: never "not obliged"', { nationality: 'turkish', reason: 'family', joined: 'unknown', started: '2013-to-2021' }, 'unknown', 'DUO'],
  ['Turkish family migrant of a Dutch partner, 2013-2021', { nationality: 'turkish', reason: 'family', joined: 'other', started: '2013-to-2021' }, 'not-obliged', 'DUO'],
  ['Turkish family migrant, date unknown', { nationality: 'turkish', reason: 'family', started: 'unknown' }, 'unknown', 'DUO'],
  // EU/EEA/Swiss nationals and their family members are not obliged (brief §2); Dutch partners do not count.
  ['non-EU spouse of an EU citizen, from 2022', { reason: 'family', joined: 'eu-citizen' }, 'not-obliged', 'DUO'],
  ['non-EU spouse of an EU citizen, 2013-2021', { reason: 'family', joined: 'eu-citizen', started: '2013-to-2021' }, 'not-obliged', 'DUO'],
  ['spouse of a Dutch citizen, from 2022', { reason: 'family', joined: 'other' }, 'wi2021', 'GEMEENTE'],
  ['family migrant who does not know the partner\'s status', { reason: 'family', joined: 'unknown' }, 'wi2021', 'GEMEENTE'],
  ['family member of a refugee (nareis), from 2022', { reason: 'family', joined: 'refugee' }, 'wi2021', 'GEMEENTE'],
  // Before 2013 neither law applies (brief §1).
  ['obligation before 2013: neither law, DUO says', { started: 'before-2013' }, 'before-2013', 'DUO'],
  ['family migrant before 2013', { started: 'before-2013', reason: 'family', joined: 'other' }, 'before-2013', 'DUO'],
  ['Turkish national before 2013', { started: 'before-2013', nationality: 'turkish' }, 'before-2013', 'DUO'],
  ['EU national before 2013 is still simply not obliged', { started: 'before-2013', nationality: 'eu-eea-swiss' }, 'not-obliged', 'DUO'],
  // 8 years or more in the Netherlands at compulsory school age (brief §2).
  ['8 years of school age in the Netherlands, from 2022', { schooledInNl: 'yes' }, 'not-obliged', 'DUO'],
  ['8 years of school age in the Netherlands, 2013-2021', { schooledInNl: 'yes', started: '2013-to-2021' }, 'not-obliged', 'DUO'],
  ['schooling unknown does not exempt', { schooledInNl: 'unknown' }, 'wi2021', 'GEMEENTE'],
  ['not schooled here', { schooledInNl: 'no', started: '2013-to-2021' }, 'wi2013', 'DUO'],
  // Dutch diplomas or passed exams: the law is worked out first; what was passed may count, DUO decides (brief §2, §5).
  ['Dutch diploma or passed exams, from 2022', { dutchDiplomas: 'yes' }, 'wi2021', 'GEMEENTE'],
  ['Dutch diploma or passed exams, 2013-2021', { dutchDiplomas: 'yes', started: '2013-to-2021' }, 'wi2013', 'DUO'],
  ['passed exams, date unknown', { dutchDiplomas: 'yes', started: 'unknown' }, 'unknown', 'DUO'],
  ['diplomas unknown does not exempt', { dutchDiplomas: 'unknown' }, 'wi2021', 'GEMEENTE'],
  ['nationality unknown, from 2022', { nationality: 'unknown' }, 'wi2021', 'GEMEENTE'],
  ['age unknown, 2013-2021', { age: 'unknown', started: '2013-to-2021' }, 'wi2013', 'DUO'],
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
  const result = overview(a({ started: '2013-to-2021' }));
  expect(result.pays).toEqual(['loan-forgiveness', 'wi2013-court-rulings']);
  expect(result.pays).not.toContain('wi2013-duo-loan');
});

test('passed exams never skip the law: the regime is shown, with what may count and that DUO decides', () => {
  const result = overview(a({ dutchDiplomas: 'yes' }));
  expect(result.outcome).toBe('wi2021');
  expect(result.mayCount).toEqual(['exemption-vs-dispensation', 'staatsexamen-nt2']);
  expect(overview(a({ dutchDiplomas: 'no' })).mayCount).toEqual([]);
});

test('family members of a refugee follow the asylum rules: no loan under Wi2013, basics first under Wi2021', () => {
  const nareis = { reason: 'family', joined: 'refugee' } as const;
  expect(overview(a({ ...nareis, started: '2013-to-2021' })).pays).toEqual(['loan-forgiveness', 'wi2013-court-rulings']);
  expect(overview(a(nareis)).nextSteps).toContain('basics-first-checklist');
  expect(overview(a({ reason: 'family', joined: 'other', started: '2013-to-2021' })).pays).toEqual(['wi2013-duo-loan']);
});

test('answers saved before 2013 was asked separately: "before 2022" meant 2013 to 2021', () => {
  const saved = { ...base, started: 'before-2022' };
  expect(upgradeAnswers(saved).started).toBe('2013-to-2021');
  expect(overview(upgradeAnswers(saved)).outcome).toBe('wi2013');
  expect(upgradeAnswers(base)).toEqual(base);
});

test('wanting to study puts the education route first (Wi2021)', () => {
  expect(overview(a({ wantsToStudy: 'yes' })).routes[0]).toBe('education-route');
  expect(overview(a({ wantsToStudy: 'no' })).routes).not.toContain('education-route');
});

test('every entry an overview points to exists in the knowledge base', () => {
  const kb = sharedKnowledgeBase();
  const values = {
    started: ['before-2013', '2013-to-2021', 'from-2022', 'unknown'],
    reason: ['asylum', 'family', 'work', 'study', 'temporary-protection', 'other', 'unknown'],
  } as const;
  for (const started of values.started) {
    for (const reason of values.reason) {
      for (const wantsToStudy of ['yes', 'no'] as const) {
        const o = overview(a({ started, reason, wantsToStudy, dutchDiplomas: 'yes', nationality: 'turkish' }));
        const p = overview(a({ started, reason, wantsToStudy }));
        for (const id of [o, p].flatMap((v) => [v.because, ...v.expected, ...v.term, ...v.routes, ...v.pays, ...v.mayCount, ...v.nextSteps])) {
          expect([id, kb.get(id) !== undefined]).toEqual([id, true]);
        }
      }
    }
  }
});
