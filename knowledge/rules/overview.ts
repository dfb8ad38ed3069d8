// "What applies to me": pure rules from intake answers to a personal overview. Every part of the overview
// points at knowledge entries (already sourced and translated), so the rules hold no user-facing text.
import type { AuthorityId, Regime } from '../schema';

export type WhenStarted = 'before-2022' | 'from-2022' | 'unknown';
export type Reason = 'asylum' | 'family' | 'work' | 'study' | 'temporary-protection' | 'other' | 'unknown';
export type AgeBand = 'under-18' | '18-to-aow' | 'aow-or-older' | 'unknown';
export type Nationality = 'eu-eea-swiss' | 'turkish' | 'other' | 'unknown';
export type YesNo = 'yes' | 'no' | 'unknown';

/** The intake's answers; every question can be answered "I don't know". */
export interface IntakeAnswers {
  /** When the obligation started or the permit came (the DUO letter says): before or from 1 January 2022. */
  started: WhenStarted;
  reason: Reason;
  age: AgeBand;
  nationality: Nationality;
  /** Dutch diplomas or integration/NT2 exams already passed. */
  dutchDiplomas: YesNo;
  /** Under 28 and wanting to study (the education route is mainly for people up to 28). */
  wantsToStudy?: YesNo;
}

/**
 * `wi2013` / `wi2021`: the law that applies as far as the answers show; `not-obliged`: the answers match a group
 * the brief lists as not obliged; `probably-exempt`: likely no (full) obligation, DUO must confirm;
 * `unknown`: not enough to tell — the DUO letter or Mijn Inburgering says.
 */
export type Outcome = Regime | 'not-obliged' | 'probably-exempt' | 'unknown';

export interface Overview {
  outcome: Outcome;
  /** Why, as an entry id explaining the rule that decided. */
  because: string;
  /** What is expected of the person (entry ids). */
  expected: string[];
  /** How the term and extension work (entry ids). */
  term: string[];
  /** Learning routes that may apply (entry ids). */
  routes: string[];
  /** Who pays (entry ids). */
  pays: string[];
  /** Whom to contact first. */
  contactFirst: AuthorityId;
  /** The next three steps (entry ids), in order. */
  nextSteps: [string, string, string];
}

const notObliged = (because: string): Overview => ({
  outcome: 'not-obliged', because, expected: [], term: [], routes: [], pays: [],
  contactFirst: 'DUO', nextSteps: [because, 'voluntary-integration', 'contact-duo'],
});

const checkWithDuo = (because: string): Overview => ({
  outcome: 'probably-exempt', because, expected: [], term: [], routes: [], pays: [],
  contactFirst: 'DUO', nextSteps: [because, 'mijn-inburgering', 'contact-duo'],
});

function wi2021(a: IntakeAnswers): Overview {
  const asylum = a.reason === 'asylum';
  return {
    outcome: 'wi2021',
    because: 'which-law-applies',
    expected: ['wi2021-steps', 'map-module', 'pvt-wi2021'],
    term: ['integration-term', 'extension-illness', 'extension-other-reasons'],
    // The education route is mainly for people up to 28 who want to study; the municipality decides.
    routes: a.wantsToStudy === 'yes' ? ['education-route', 'b1-route', 'z-route'] : ['b1-route', 'z-route'],
    pays: ['who-pays-wi2021'],
    contactFirst: 'GEMEENTE',
    nextSteps: asylum ? ['broad-intake', 'pip-contents', 'basics-first-checklist'] : ['broad-intake', 'pip-contents', 'who-pays-wi2021'],
  };
}

function wi2013(a: IntakeAnswers): Overview {
  const asylum = a.reason === 'asylum';
  return {
    outcome: 'wi2013',
    because: 'which-law-applies',
    expected: ['wi2013-how-it-works', 'wi2013-exam-parts'],
    term: ['integration-term', 'after-a-fine'],
    routes: ['wi2013-exam-parts', 'staatsexamen-nt2'],
    pays: asylum ? ['loan-forgiveness', 'wi2013-court-rulings'] : ['wi2013-duo-loan'],
    contactFirst: 'DUO',
    nextSteps: asylum ? ['mijn-inburgering', 'wi2013-court-rulings', 'exam-registration'] : ['mijn-inburgering', 'approved-schools', 'exam-registration'],
  };
}

/**
 * The personal overview. It never decides anyone's legal position: `not-obliged` and `probably-exempt`
 * still send the person to DUO to confirm, and `unknown` asks for the date in their DUO letter.
 * @example overview({ started: 'from-2022', reason: 'asylum', age: '18-to-aow', nationality: 'other', dutchDiplomas: 'no' }).outcome === 'wi2021'
 */
export function overview(a: IntakeAnswers): Overview {
  if (a.nationality === 'eu-eea-swiss') return notObliged('not-obliged-groups');
  if (a.age === 'under-18' || a.age === 'aow-or-older') return notObliged('not-obliged-groups');
  if (a.reason === 'study' || a.reason === 'work') return checkWithDuo('not-obliged-groups');
  if (a.reason === 'temporary-protection') return checkWithDuo('ukrainians-temporary-protection');
  if (a.nationality === 'turkish') {
    // Turkish asylum status holders: obliged since 1 May 2020; other Turkish newcomers only from 1 Jan 2022,
    // and those already here with a permit on 1 January 2022 are not obliged.
    if (a.reason !== 'asylum') {
      if (a.started === 'before-2022') return notObliged('turkish-nationals');
      if (a.started === 'unknown') return checkWithDuo('turkish-nationals');
    }
  }
  if (a.dutchDiplomas === 'yes') return checkWithDuo('exemption-vs-dispensation');
  if (a.started === 'from-2022') return wi2021(a);
  if (a.started === 'before-2022') return wi2013(a);
  return {
    outcome: 'unknown', because: 'which-law-applies', expected: [], term: ['integration-term'], routes: [], pays: [],
    contactFirst: 'DUO', nextSteps: ['which-law-applies', 'mijn-inburgering', 'contact-duo'],
  };
}
