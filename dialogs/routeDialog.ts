// "Who do I need?": from what the question is about to the right organisation, with its card, what to have
// ready, and the entry to read more. A complaint goes on to the complaint conversation.
import { type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { GuideName } from '../knowledge';
import { renderRouteResult } from '../bot/cards/guides';
import { renderAnswer } from '../bot/cards/render';
import { COMPLAINT_DIALOG } from './complaintDialog';
import { dontKnow, GuidedDialog, type GuideDeps } from './guidedDialog';
import { key } from './prompts/labels';

export const ROUTE_DIALOG = 'route' satisfies GuideName;
const STEPS = `${ROUTE_DIALOG}.steps`;

export class RouteDialog extends GuidedDialog {
  constructor(deps: GuideDeps) {
    super(ROUTE_DIALOG, deps);
    this.addDialog(new WaterfallDialog(STEPS, [this.askSituation, this.showOrganisation]));
    this.initialDialogId = STEPS;
  }

  private askSituation = async (step: WaterfallStepContext): Promise<DialogTurnResult> => this.ask(step, {
    text: [key('route.ask')],
    choices: [...this.deps.kb.guides.route.map((r) => ({ value: r.id, label: key(`route.situations.${r.id}`) })), dontKnow],
  });

  private showOrganisation = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const { kb, state } = this.deps;
    const ctx = this.ctx(step.context);
    const picked = (step.result as { choice: string }).choice;
    const situation = kb.guides.route.find((r) => r.id === picked);
    if (!situation) {
      const entry = kb.get(kb.guides.routeUnknown)!;
      await step.context.sendActivity(renderAnswer(entry, ctx, { confidence: 1 }));
      return step.endDialog();
    }
    // The main dialog starts the complaint (it owns the guided dialogs; a replace here would nest it in this one).
    if (situation.id === 'complaint') return step.endDialog({ next: COMPLAINT_DIALOG });
    const regime = (await state.profile.get(step.context, {})).regime;
    const authority = (regime && situation.byRegime?.[regime]) || situation.authority;
    const data = await state.conversationData.get(step.context, {});
    data.lastAuthority = authority;
    await state.conversationData.set(step.context, data);
    await step.context.sendActivity(renderRouteResult(authority, situation.entry, ctx));
    return step.endDialog({ authority });
  };
}
