// Rendering for the guided conversations: the personal overview, the checklist summary, the routing result and
// the complaint's summary and letter. Facts come from knowledge entries (by title); user words stay plain text.
import type { Activity } from 'botbuilder';
import type { Overview } from '../../knowledge/rules/overview';
import type { AuthorityId, LoadedEntry } from '../../knowledge';
import {
  authorityName, entryOffer, renderAnswer, renderAuthority, renderText, withKind, withOffers, type Offer, type RenderContext,
} from './render';

type Outgoing = Partial<Activity>;

const entryOf = (id: string, ctx: RenderContext): LoadedEntry => {
  const entry = ctx.kb.get(id);
  if (!entry) throw new Error(`unknown knowledge entry "${id}"`);
  return entry;
};
const titleOf = (id: string, ctx: RenderContext) => ctx.kb.textOf(entryOf(id, ctx), ctx.locale).text.title;
const offerFor = (id: string, ctx: RenderContext): Offer => entryOffer(entryOf(id, ctx), ctx);
const bullets = (ids: string[], ctx: RenderContext) => ids.map((id) => `- ${titleOf(id, ctx)}`).join('\n');

const OUTCOME_KEY = {
  wi2021: 'wi2021', wi2013: 'wi2013', 'before-2013': 'before2013', 'not-obliged': 'notObliged', 'probably-exempt': 'probablyExempt',
  unknown: 'unknown',
} as const;

/**
 * The personal overview after the intake: outcome, what applies, whom to contact, the next three steps.
 * `intro`: `saved` right after the intake (says what was saved), `existing` when showing an earlier overview again.
 */
export function renderOverview(o: Overview, ctx: RenderContext, intro: 'saved' | 'existing'): Outgoing {
  const { t } = ctx;
  const parts: string[] = [];
  if (intro === 'existing') parts.push(t('intake.existing'));
  parts.push(`**${t('intake.title')}**`, t(`intake.outcome.${OUTCOME_KEY[o.outcome]}`));
  const sections: [string, string[]][] = [
    ['intake.expected', o.expected], ['intake.term', o.term], ['intake.routes', o.routes], ['intake.pays', o.pays],
    ['intake.mayCount', o.mayCount],
  ];
  for (const [label, ids] of sections) if (ids.length) parts.push(`${t(label)}\n${bullets(ids, ctx)}`);
  parts.push(t('intake.because', { title: titleOf(o.because, ctx) }));
  parts.push(t('intake.contactFirst', { name: authorityName(o.contactFirst, ctx) }));
  parts.push(`_${t('intake.disclaimer')}_`);
  if (intro === 'saved') {
    parts.push(o.outcome === 'wi2013' || o.outcome === 'wi2021'
      ? t('intake.saved', { regime: t(`regime.${o.outcome}`) })
      : t('intake.savedNoRegime'));
  }
  parts.push(t('intake.nextSteps'));
  const offers = [...o.nextSteps.map((id) => offerFor(id, ctx)), { title: t('intake.again') }];
  return withKind(renderAuthority(o.contactFirst, ctx, parts.join('\n\n'), offers), 'guide');
}

/**
 * The checklist summary: what is done, what is still open and who helps, with the open items as buttons.
 * `done`: item ids; `open`: item id, the entry explaining it and `who` helps (a name, shown as is).
 */
export function renderBasicsSummary(
  done: string[], open: { id: string; entry: string; who: string }[], ctx: RenderContext,
): Outgoing {
  const { t } = ctx;
  const parts: string[] = [];
  if (open.length === 0) parts.push(t('basics.allDone'));
  if (done.length) parts.push(`${t('basics.finished')}\n${done.map((id) => `- ✅ ${t(`basics.items.${id}`)}`).join('\n')}`);
  if (open.length) {
    parts.push(`${t('basics.open')}\n${open.map((o) => `- ${t(`basics.items.${o.id}`)} (${o.who})`).join('\n')}`);
    parts.push(t('basics.hint'));
  }
  const offers = [...new Set(open.map((o) => o.entry))].slice(0, 5).map((id) => offerFor(id, ctx));
  return withOffers(renderText(parts.join('\n\n')), [...offers, { title: t('buttons.menu') }], ctx.channelId);
}

/** "Who do I need?": the organisation's card, what to have ready, and the entry to read more. */
export function renderRouteResult(authority: AuthorityId, entry: string, ctx: RenderContext): Outgoing {
  const { t } = ctx;
  const text = [
    t('route.result', { name: authorityName(authority, ctx) }),
    `${t('route.prepare')}\n${t(`route.prepareItems.${authority}`)}\n${t('route.prepareItems.common')}`,
    t('route.readMore'),
  ].join('\n\n');
  return withKind(renderAuthority(authority, ctx, text, [offerFor(entry, ctx), { title: t('buttons.menu') }]), 'guide');
}

/**
 * An entry's answer inside a guided conversation, after `intro` if given: no buttons (the next question brings
 * its own).
 */
export function renderEntryQuietly(entry: LoadedEntry, ctx: RenderContext, intro?: string): Outgoing {
  const activity = renderAnswer(entry, ctx, { confidence: 1, offers: false });
  return intro ? { ...activity, text: `${intro}\n\n${activity.text ?? ''}` } : activity;
}

/** What the person told the complaint conversation: the organisation's name and their own words. */
export interface ComplaintDraft { organisation: string; what: string; when: string; want: string }

/** The complaint as a letter, from the template in the language of `ctx`; the person's own words kept as typed. */
export function complaintLetter(d: ComplaintDraft, ctx: RenderContext, date: Date): string {
  const { t } = ctx;
  const day = new Intl.DateTimeFormat(ctx.locale === 'en' ? 'en-GB' : `${ctx.locale}-u-nu-latn`, { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(date);
  return [
    t('complaint.letter.to', { name: d.organisation }),
    t('complaint.letter.subject'),
    t('complaint.letter.date', { date: day }),
    '',
    t('complaint.letter.greeting'),
    '',
    t('complaint.letter.opening', { name: d.organisation }),
    '',
    t('complaint.letter.what'),
    d.what,
    '',
    `${t('complaint.letter.when')} ${d.when}`,
    '',
    t('complaint.letter.want'),
    d.want,
    '',
    t('complaint.letter.closing'),
    '',
    t('complaint.letter.regards'),
    t('complaint.letter.name'),
    t('complaint.letter.address'),
    t('complaint.letter.contact'),
  ].join('\n');
}

/** A message whose text must never be read as markdown (it holds the user's own words). */
export const plainText = (text: string): Outgoing => ({ ...renderText(text), textFormat: 'plain' });
