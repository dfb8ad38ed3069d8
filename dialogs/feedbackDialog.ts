// "Did this help?" — a yes is stored at once (by the main dialog); a no asks what the person was looking for
// (optional) and stores it, anonymously and redacted, for the staff dashboard.
import { type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { renderText, routingOffers, withOffers } from '../bot/cards/render';
import { GuidedDialog, type GuideDeps } from './guidedDialog';
import { key } from './prompts/labels';

export const FEEDBACK_DIALOG = 'feedback';
const STEPS = `${FEEDBACK_DIALOG}.steps`;

export interface FeedbackOptions { topic: string }

export class FeedbackDialog extends GuidedDialog {
  constructor(deps: GuideDeps) {
    super(FEEDBACK_DIALOG, deps);
    this.addDialog(new WaterfallDialog(STEPS, [this.askComment, this.store]));
    this.initialDialogId = STEPS;
  }

  private askComment = async (step: WaterfallStepContext<FeedbackOptions>): Promise<DialogTurnResult> => {
    (step.values as FeedbackOptions).topic = step.options.topic;
    return this.ask(step, { text: [key('feedback.comment')], choices: [{ value: 'skip', label: key('prompt.skip') }], free: { min: 1, max: 1000 } });
  };

  private store = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const ctx = this.ctx(step.context);
    const answer = step.result as { text?: string };
    await this.deps.records.saveFeedback({
      topic: (step.values as FeedbackOptions).topic, helped: false, locale: ctx.locale, channelId: ctx.channelId,
      ...(answer.text ? { comment: answer.text } : {}),
    });
    await step.context.sendActivity(withOffers(renderText(ctx.t('feedback.thanksComment')), routingOffers(ctx), ctx.channelId));
    return step.endDialog();
  };
}
