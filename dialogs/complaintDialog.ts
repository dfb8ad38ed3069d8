// "A complaint that counts": complaint or objection, which organisation, what happened, when, what the person
// wants; a summary to confirm; consent; stored durably before the reference is given; then the organisation's
// own complaint route, a Dutch letter beside one in the person's language, and the way to the ombudsman.
import { type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { GuideName } from '../knowledge';
import { forAuthority, type AuthorityId } from '../knowledge';
import { complaintLetter, plainText, renderEntryQuietly, type ComplaintDraft } from '../bot/cards/guides';
import { entryOffer, escapeMarkdown, renderMenu, renderText, withOffers, type RenderContext } from '../bot/cards/render';
import { dontKnow, GuidedDialog, yesNo, type GuideDeps } from './guidedDialog';
import { isChoice, type Answer } from './prompts/askPrompt';
import { key, resolve, type Label } from './prompts/labels';
import { cleanUserText, redact } from '../bot/privacy/redact';

export const COMPLAINT_DIALOG = 'complaint' satisfies GuideName;
const STEPS = `${COMPLAINT_DIALOG}.steps`;
const CONSENT = `${COMPLAINT_DIALOG}.consent`;

export interface ComplaintOptions {
  /** After "no, start again": skip the explanation, keep what it is about. */
  again?: boolean;
  kind?: string;
}

/** The complaint while it is being told: labels, so summary and letter render in any language. */
interface Draft {
  kind?: string;
  authority?: AuthorityId;
  organisation?: Label;
  what?: string;
  when?: Label;
  want?: Label;
}

const OTHER = 'other';
/**
 * A choice becomes its label; typed text stays the person's own words, except personal numbers (BSN, IBAN,
 * phone, ...): the draft lives in conversation state until the end, consent or not, so it is redacted now.
 */
const labelOf = (answer: Answer, keys: Record<string, string>): Label =>
  'choice' in answer ? key(keys[answer.choice] ?? answer.choice) : { own: redact(cleanUserText(answer.text)) };
const ownWords = (answer: Answer): string => ('text' in answer ? redact(cleanUserText(answer.text)) : answer.choice);

export class ComplaintDialog extends GuidedDialog {
  constructor(deps: GuideDeps) {
    super(COMPLAINT_DIALOG, deps);
    this.addDialog(new WaterfallDialog(STEPS, [
      this.askKind, this.askOrganisation, this.explainObjection, this.askOrganisationName, this.askWhat, this.askWhen,
      this.askWant, this.confirm, this.afterConfirm,
    ]));
    this.addDialog(new WaterfallDialog(CONSENT, [this.askConsent, this.storeAndFinish]));
    this.initialDialogId = STEPS;
  }

  private draft = (step: WaterfallStepContext) => step.values as Draft;

  private askKind = async (step: WaterfallStepContext<ComplaintOptions>): Promise<DialogTurnResult> => {
    if (step.options?.again) return step.next({ choice: step.options.kind ?? 'treatment' });
    return this.ask(step, {
      text: [key('complaint.intro'), key('complaint.kind')],
      choices: [{ value: 'treatment', label: key('complaint.kindTreatment') }, { value: 'decision', label: key('complaint.kindDecision') }, dontKnow],
    });
  };

  private askOrganisation = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    this.draft(step).kind = (step.result as { choice: string }).choice;
    return this.ask(step, {
      text: [key('complaint.organisation')],
      choices: [
        ...this.deps.kb.guides.complaint.organisations.map((id) => ({ value: id, label: { authority: id, short: true } as Label })),
        { value: OTHER, label: key('complaint.otherOrganisation') },
      ],
    });
  };

  /** Against a decision the person needs an objection (with its deadline): explain, then ask whether to go on. */
  private explainObjection = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const draft = this.draft(step);
    const picked = (step.result as { choice: string }).choice;
    if (picked !== OTHER) {
      draft.authority = picked as AuthorityId;
      draft.organisation = { authority: draft.authority };
    }
    if (draft.kind !== 'decision') return step.next();
    const ctx = this.ctx(step.context);
    const entry = this.deps.kb.get(forAuthority(this.deps.kb.guides.complaint.objection, draft.authority))!;
    await step.context.sendActivity(renderEntryQuietly(entry, ctx, ctx.t('complaint.decisionInfo')));
    return this.ask(step, { text: [key('complaint.alsoComplain')], choices: yesNo() });
  };

  private askOrganisationName = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    if (isChoice(step.result, 'no')) {
      await step.context.sendActivity(renderMenu(this.ctx(step.context)));
      return step.endDialog();
    }
    if (this.draft(step).organisation) return step.next();
    return this.ask(step, { text: [key('complaint.organisationName')], choices: [], free: { min: 2, max: 100 }, plain: true });
  };

  private askWhat = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const draft = this.draft(step);
    if (!draft.organisation) draft.organisation = { own: ownWords(step.result as Answer) };
    return this.ask(step, { text: [key('complaint.what')], choices: [], free: { min: 10, max: 2000 } });
  };

  private askWhen = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    this.draft(step).what = ownWords(step.result as Answer);
    return this.ask(step, {
      text: [key('complaint.when')], choices: [{ value: 'unknownWhen', label: key('complaint.unknownWhen') }], free: { min: 2, max: 200 },
    });
  };

  private askWant = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    this.draft(step).when = labelOf(step.result as Answer, { unknownWhen: 'complaint.unknownWhen' });
    return this.ask(step, {
      text: [key('complaint.want')],
      choices: [
        { value: 'apology', label: key('complaint.wantApology') }, { value: 'explanation', label: key('complaint.wantExplanation') },
        { value: 'solution', label: key('complaint.wantSolution') },
      ],
      free: { min: 2, max: 1000 },
    });
  };

  private confirm = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const draft = this.draft(step);
    draft.want = labelOf(step.result as Answer, {
      apology: 'complaint.wantApology', explanation: 'complaint.wantExplanation', solution: 'complaint.wantSolution',
    });
    // Labels, not text: asked again after a language switch, the summary comes in the new language.
    const summary: Label = {
      join: [
        key('complaint.summary'),
        { field: 'complaint.summaryOrganisation', value: draft.organisation! },
        { field: 'complaint.summaryWhat', value: { own: draft.what ?? '' } },
        { field: 'complaint.summaryWhen', value: draft.when! },
        { field: 'complaint.summaryWant', value: draft.want! },
      ],
      with: '\n',
    };
    return this.ask(step, {
      text: [summary, key('complaint.confirm')],
      choices: [{ value: 'correct', label: key('complaint.correct') }, { value: 'change', label: key('complaint.change') }],
      plain: true,
    });
  };

  private afterConfirm = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    if (isChoice(step.result, 'change')) {
      return step.replaceDialog(STEPS, { again: true, kind: this.draft(step).kind } satisfies ComplaintOptions);
    }
    return step.replaceDialog(CONSENT, { ...this.draft(step) });
  };

  private askConsent = async (step: WaterfallStepContext<Draft>): Promise<DialogTurnResult> => {
    Object.assign(step.values, step.options);
    return this.ask(step, {
      text: [key('complaint.consent')],
      choices: [{ value: 'yes', label: key('complaint.consentYes') }, { value: 'no', label: key('complaint.consentNo') }],
    });
  };

  private storeAndFinish = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const draft = this.draft(step);
    const ctx = this.ctx(step.context);
    const told = this.resolved(draft, ctx);
    if (isChoice(step.result, 'yes')) {
      let ref: string;
      try {
        ref = await this.deps.records.saveComplaint({
          organisation: draft.authority ? { authority: draft.authority } : { name: told.organisation },
          what: told.what, when: told.when, want: told.want, locale: ctx.locale, channelId: ctx.channelId,
          kind: draft.kind === 'decision' || draft.kind === 'treatment' ? draft.kind : 'unknown',
        });
      } catch {
        // Not stored, so no reference: say so and ask again; the draft stays in the dialog state.
        await step.context.sendActivity(renderText(ctx.t('complaint.storeFailed')));
        return step.replaceDialog(CONSENT, { ...draft });
      }
      await step.context.sendActivity(renderText(ctx.t('complaint.stored', { ref })));
    } else {
      await step.context.sendActivity(renderText(ctx.t('complaint.notStored')));
    }
    await this.finish(step, draft, told, ctx);
    return step.endDialog();
  };

  /** The organisation's own route, the letter in Dutch (and in the person's language), then the ombudsman. */
  private async finish(step: WaterfallStepContext, draft: Draft, told: ComplaintDraft, ctx: RenderContext): Promise<void> {
    const { kb, state } = this.deps;
    const route = kb.get(forAuthority(kb.guides.complaint.route, draft.authority))!;
    // The organisation may be the person's own words: never markup in a markdown message.
    const name = escapeMarkdown(told.organisation);
    await step.context.sendActivity(renderEntryQuietly(route, ctx, ctx.t('complaint.routeIntro', { name })));
    const dutch = this.ctxIn(step.context, 'nl');
    const now = new Date();
    await step.context.sendActivity(renderText(ctx.t('complaint.letterIntro', { name })));
    await step.context.sendActivity(plainText(complaintLetter(this.resolved(draft, dutch), dutch, now)));
    if (ctx.locale !== 'nl') {
      await step.context.sendActivity(renderText(ctx.t('complaint.letterOwn')));
      await step.context.sendActivity(plainText(complaintLetter(told, ctx, now)));
    }
    const ombudsman = kb.get(forAuthority(kb.guides.complaint.ombudsman, draft.authority))!;
    const offers = [
      entryOffer(ombudsman, ctx),
      { title: ctx.t('buttons.menu') },
    ];
    await step.context.sendActivity(withOffers(renderText(ctx.t('complaint.escalate')), offers, ctx.channelId));
    const data = await state.conversationData.get(step.context, {});
    if (draft.authority) data.lastAuthority = draft.authority;
    await state.conversationData.set(step.context, data);
  }

  private resolved(draft: Draft, ctx: RenderContext): ComplaintDraft {
    return {
      organisation: draft.organisation ? resolve(draft.organisation, ctx) : '',
      what: draft.what ?? '',
      when: draft.when ? resolve(draft.when, ctx) : '',
      want: draft.want ? resolve(draft.want, ctx) : '',
    };
  }
}
