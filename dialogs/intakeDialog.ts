// "What applies to me?": five or six questions, each with "I don't know", then the personal overview from the
// pure rules in knowledge/rules. The overview and the regime are saved; later answers use the regime.
import { type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { overview, type IntakeAnswers } from '../knowledge/rules/overview';
import { renderOverview } from '../bot/cards/guides';
import { dontKnow, GuidedDialog, yesNo, type GuideDeps } from './guidedDialog';
import type { Answer, AskChoice } from './prompts/askPrompt';
import { key } from './prompts/labels';

export const INTAKE_DIALOG = 'intake';
const STEPS = `${INTAKE_DIALOG}.steps`;

export interface IntakeOptions { /** Ask again even when an overview is saved. */ again?: boolean }

const choices = (pairs: [string, string][]): AskChoice[] => [...pairs.map(([value, k]) => ({ value, label: key(k) })), dontKnow];

const QUESTIONS = {
  started: choices([['before-2022', 'intake.startedBefore'], ['from-2022', 'intake.startedFrom']]),
  reason: choices([
    ['asylum', 'intake.reasonAsylum'], ['family', 'intake.reasonFamily'], ['work', 'intake.reasonWork'],
    ['study', 'intake.reasonStudy'], ['temporary-protection', 'intake.reasonProtection'], ['other', 'intake.reasonOther'],
  ]),
  age: choices([['under-18', 'intake.ageUnder18'], ['18-to-aow', 'intake.ageAdult'], ['aow-or-older', 'intake.ageAow']]),
  nationality: choices([['eu-eea-swiss', 'intake.nationalityEu'], ['turkish', 'intake.nationalityTurkish'], ['other', 'intake.nationalityOther']]),
};

const choiceOf = (result: unknown): string => (result as { choice?: string } | undefined)?.choice ?? 'unknown';

type Values = Partial<IntakeAnswers>;

export class IntakeDialog extends GuidedDialog {
  constructor(deps: GuideDeps) {
    super(INTAKE_DIALOG, deps);
    this.addDialog(new WaterfallDialog(STEPS, [
      this.askStarted, this.askReason, this.askAge, this.askNationality, this.askDiplomas, this.askStudy, this.showOverview,
    ]));
    this.initialDialogId = STEPS;
  }

  private values = (step: WaterfallStepContext) => step.values as Values;

  private askStarted = async (step: WaterfallStepContext<IntakeOptions>): Promise<DialogTurnResult> => {
    const saved = (await this.deps.state.profile.get(step.context, {})).intake;
    if (saved && !step.options?.again) {
      await step.context.sendActivity(renderOverview(overview(saved.answers), this.ctx(step.context), 'existing'));
      return step.endDialog();
    }
    return this.ask(step, { text: [key('intake.intro'), key('intake.started')], choices: QUESTIONS.started });
  };

  private askReason = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    this.values(step).started = choiceOf(step.result) as IntakeAnswers['started'];
    return this.ask(step, { text: [key('intake.reason')], choices: QUESTIONS.reason });
  };

  private askAge = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    this.values(step).reason = choiceOf(step.result) as IntakeAnswers['reason'];
    return this.ask(step, { text: [key('intake.age')], choices: QUESTIONS.age });
  };

  private askNationality = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    this.values(step).age = choiceOf(step.result) as IntakeAnswers['age'];
    return this.ask(step, { text: [key('intake.nationality')], choices: QUESTIONS.nationality });
  };

  private askDiplomas = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    this.values(step).nationality = choiceOf(step.result) as IntakeAnswers['nationality'];
    return this.ask(step, { text: [key('intake.diplomas')], choices: yesNo(true) });
  };

  /** Only when the Wi2021 applies: the education route is mainly for people up to 28 who want to study. */
  private askStudy = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const values = this.values(step);
    values.dutchDiplomas = choiceOf(step.result) as IntakeAnswers['dutchDiplomas'];
    if (overview(values as IntakeAnswers).outcome !== 'wi2021') return step.next();
    return this.ask(step, { text: [key('intake.study')], choices: yesNo(true) });
  };

  private showOverview = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const values = this.values(step);
    const answer = step.result as Answer | undefined;
    if (answer) values.wantsToStudy = choiceOf(answer) as IntakeAnswers['dutchDiplomas'];
    const answers = values as IntakeAnswers;
    const result = overview(answers);
    const profile = await this.deps.state.profile.get(step.context, {});
    profile.intake = { answers, outcome: result.outcome, at: new Date().toISOString() };
    if (result.outcome === 'wi2013' || result.outcome === 'wi2021') profile.regime = result.outcome;
    else delete profile.regime;
    await this.deps.state.profile.set(step.context, profile);
    await step.context.sendActivity(renderOverview(result, this.ctx(step.context), 'saved'));
    return step.endDialog(result);
  };
}
