// "What applies to me": pure rules from intake answers to a personal overview. Every part of the overview
// points at knowledge entries (already sourced and translated), so the rules hold no user-facing text.
import type { AuthorityId, Regime } from '../schema';

/**
 * When the obligation started or the permit came (the DUO letter says): before 2013 (older rules, neither law),
 * 2013 to 2021 (Wi2013) or from 1 January 2022 (Wi2021).
 */
export type WhenStarted = 'before-2013' | '2013-to-2021' | 'from-2022' | 'unknown';
/** Why the person came to the Netherlands (the residence permit's purpose). */
export type Reason = 'asylum' | 'family' | 'work' | 'study' | 'temporary-protection' | 'other' | 'unknown';
/**
 * Whom a family migrant came to join: a refugee (nareis), a citizen of another EU/EEA country or Switzerland, or
 * someone else.
 */
export type Joined = 'refugee' | 'eu-citizen' | 'other' | 'unknown';
/** Age now: under 18, from 18 to the state pension age (AOW), or older. */
export type AgeBand = 'under-18' | '18-to-aow' | 'aow-or-older' | 'unknown';
/** The nationalities the rules treat apart: EU/EEA/Swiss and Turkish. */
export type Nationality = 'eu-eea-swiss' | 'turkish' | 'other' | 'unknown';
/** An intake answer to a yes/no question, "I don't know" included. */
export type YesNo = 'yes' | 'no' | 'unknown';

/** The intake's answers; every question can be answered "I don't know", and the later ones may be skipped. */
export interface IntakeAnswers {
  started: WhenStarted;
  reason: Reason;
  /** Only asked when the reason is family. */
  joined?: Joined;
  age: AgeBand;
  nationality: Nationality;
  /** Lived in the Netherlands for 8 years or more while of compulsory school age. */
  schooledInNl?: YesNo;
  /** Dutch diplomas or integration/NT2 exams already passed. */
  dutchDiplomas: YesNo;
  /** Under 28 and wanting to study (the education route is mainly for people up to 28). */
  wantsToStudy?: YesNo;
}

/**
 * `wi2013` / `wi2021`: the law that applies as far as the answers show; `before-2013`: the obligation started
 * before 2013, so neither law applies but older rules (DUO says which); `not-obliged`: the answers match a group
 * the brief lists as not obliged; `probably-exempt`: likely no (full) obligation, DUO must confirm; `unknown`: not
 * enough to tell — the DUO letter or Mijn Inburgering says.
 */
export type Outcome = Regime | 'before-2013' | 'not-obliged' | 'probably-exempt' | 'unknown';

/** The personal overview after the intake; every list holds entry ids, so its text comes from the entries. */
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
  /** Diplomas or passed exams that may count for a part or all of it; DUO decides (entry ids). */
  mayCount: string[];
  /** Whom to contact first. */
  contactFirst: AuthorityId;
  /** The next three steps (entry ids), in order. */
  nextSteps: [string, string, string];
}

const EMPTY = { expected: [], term: [], routes: [], pays: [], mayCount: [] };

const notObliged = (because: string): Overview => ({
  outcome: 'not-obliged', because, ...EMPTY, contactFirst: 'DUO', nextSteps: [because, 'voluntary-integration', 'contact-duo'],
});

const checkWithDuo = (because: string): Overview => ({
  outcome: 'probably-exempt', because, ...EMPTY, contactFirst: 'DUO', nextSteps: [because, 'mijn-inburgering', 'contact-duo'],
});

/** Not enough to tell which rules apply: the DUO letter or Mijn Inburgering says. */
const unknown = (because: string, mayCount: string[]): Overview => ({
  outcome: 'unknown', because, ...EMPTY, term: ['integration-term'], mayCount,
  contactFirst: 'DUO', nextSteps: [because, 'mijn-inburgering', 'contact-duo'],
});

/** Asylum status holders and the family members who join them (nareis) share the asylum rules (brief §2, §3, §4). */
const asylumLike = (a: IntakeAnswers): boolean => a.reason === 'asylum' || (a.reason === 'family' && a.joined === 'refugee');

/**
 * A passed NT2 or state exam exempts only its own part, a listed Dutch diploma may exempt more: DUO decides (brief
 * §2, §5).
 */
const mayCount = (a: IntakeAnswers): string[] => (a.dutchDiplomas === 'yes' ? ['exemption-vs-dispensation', 'staatsexamen-nt2'] : []);

function wi2021(a: IntakeAnswers): Overview {
  const asylum = asylumLike(a);
  return {
    outcome: 'wi2021',
    because: 'which-law-applies',
    expected: ['wi2021-steps', 'map-module', 'pvt-wi2021'],
    term: ['integration-term', 'extension-illness', 'extension-other-reasons'],
    // The education route is mainly for people up to 28 who want to study; the municipality decides.
    routes: a.wantsToStudy === 'yes' ? ['education-route', 'b1-route', 'z-route'] : ['b1-route', 'z-route'],
    pays: ['who-pays-wi2021'],
    mayCount: mayCount(a),
    contactFirst: 'GEMEENTE',
    nextSteps: asylum ? ['broad-intake', 'pip-contents', 'basics-first-checklist'] : ['broad-intake', 'pip-contents', 'who-pays-wi2021'],
  };
}

function wi2013(a: IntakeAnswers): Overview {
  const asylum = asylumLike(a);
  return {
    outcome: 'wi2013',
    because: 'which-law-applies',
    expected: ['wi2013-how-it-works', 'wi2013-exam-parts'],
    term: ['integration-term', 'after-a-fine'],
    routes: ['wi2013-exam-parts', 'staatsexamen-nt2'],
    // Loan forgiveness covers asylum migrants and their partner, parent or child (brief §4).
    pays: asylum ? ['loan-forgiveness', 'wi2013-court-rulings'] : ['wi2013-duo-loan'],
    mayCount: mayCount(a),
    contactFirst: 'DUO',
    nextSteps: asylum ? ['mijn-inburgering', 'wi2013-court-rulings', 'exam-registration'] : ['mijn-inburgering', 'approved-schools', 'exam-registration'],
  };
}

/**
 * Turkish nationals (brief §2): asylum status holders and their family members are obliged since 1 May 2020, all
 * other Turkish newcomers since 1 January 2022; Turks already living here with a permit on 1 January 2022 are not.
 * Returns the overview when Turkish nationality decides it, or undefined when the general rules apply.
 */
function turkish(a: IntakeAnswers): Overview | undefined {
  if (a.started === 'from-2022') return undefined;
  if (a.started === '2013-to-2021') {
    const familyOfUnknown = a.reason === 'family' && (a.joined === undefined || a.joined === 'unknown');
    // Obliged only when the right of residence came on or after 1 May 2020: the answers cannot tell.
    if (asylumLike(a) || a.reason === 'unknown' || familyOfUnknown) return unknown('turkish-nationals', mayCount(a));
    return notObliged('turkish-nationals');
  }
  return unknown('turkish-nationals', mayCount(a));
}

/**
 * The personal overview. It never decides anyone's legal position: `not-obliged` and `probably-exempt` still send
 * the person to DUO to confirm, `before-2013` and `unknown` send them to DUO or their DUO letter. Diplomas and passed
 * exams never replace working out the law: they are listed as what may count, and DUO decides.
 * @example
 * overview({ started: 'from-2022', reason: 'asylum', age: '18-to-aow', nationality: 'other', dutchDiplomas: 'no' })
 *   .outcome // 'wi2021'
 */
export function overview(a: IntakeAnswers): Overview {
  // EU/EEA/Swiss nationals and their family members (brief §2); Dutch partners do not count here.
  if (a.nationality === 'eu-eea-swiss') return notObliged('not-obliged-groups');
  if (a.reason === 'family' && a.joined === 'eu-citizen') return notObliged('not-obliged-groups');
  if (a.age === 'under-18' || a.age === 'aow-or-older') return notObliged('not-obliged-groups');
  if (a.schooledInNl === 'yes') return notObliged('not-obliged-groups');
  if (a.reason === 'study' || a.reason === 'work') return checkWithDuo('not-obliged-groups');
  if (a.reason === 'temporary-protection') return checkWithDuo('ukrainians-temporary-protection');
  // Before 2013 neither the 2013 nor the 2021 law applies (brief §1).
  if (a.started === 'before-2013') {
    return { outcome: 'before-2013', because: 'which-law-applies', ...EMPTY, mayCount: mayCount(a), contactFirst: 'DUO', nextSteps: ['which-law-applies', 'mijn-inburgering', 'contact-duo'] };
  }
  if (a.nationality === 'turkish') {
    const decided = turkish(a);
    if (decided) return decided;
  }
  if (a.started === 'from-2022') return wi2021(a);
  if (a.started === '2013-to-2021') return wi2013(a);
  return unknown('which-law-applies', mayCount(a));
}

/** Saved answers in today's form: an earlier version's "before-2022" then meant 2013 to 2021; others as they are. */
export function upgradeAnswers(saved: IntakeAnswers | (Omit<IntakeAnswers, 'started'> & { started: string })): IntakeAnswers {
  const started = saved.started === 'before-2022' ? '2013-to-2021' : saved.started;
  return { ...saved, started: started as WhenStarted };
}
