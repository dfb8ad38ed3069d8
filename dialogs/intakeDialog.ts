// "What applies to me?": five to eight questions, each with "I don't know", then the personal overview from the
// pure rules in knowledge/rules. A question whose answer cannot change the outcome any more is skipped. The
// overview and the regime are saved; later answers use the regime.
import { type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { GuideName } from '../knowledge';
import { overview, upgradeAnswers, type IntakeAnswers } from '../knowledge/rules/overview';
import { renderOverview } from '../bot/cards/guides';
import { dontKnow, GuidedDialog, yesNo, type GuideDeps } from './guidedDialog';
import type { Answer, AskChoice } from './prompts/askPrompt';
import { key } from './prompts/labels';

export const INTAKE_DIALOG = 'intake' satisfies GuideName;
const STEPS = `${INTAKE_DIALOG}.steps`;

export interface IntakeOptions { /** Ask again even when an overview is saved. */ again?: boolean }

const choices = (pairs: [string, string][]): AskChoice[] => [...pairs.map(([value, k]) => ({ value, label: key(k) })), dontKnow];

const QUESTIONS = {
  started: choices([['before-2013', 'intake.startedBefore2013'], ['2013-to-2021', 'intake.startedBetween'], ['from-2022', 'intake.startedFrom']]),
  reason: choices([
    ['asylum', 'intake.reasonAsylum'], ['family', 'intake.reasonFamily'], ['work', 'intake.reasonWork'],
    ['study', 'intake.reasonStudy'], ['temporary-protection', 'intake.reasonProtection'], ['other', 'intake.reasonOther'],
  ]),
  joined: choices([['refugee', 'intake.joinedRefugee'], ['eu-citizen', 'intake.joinedEu'], ['other', 'intake.joinedOther']]),
  age: choices([['under-18', 'intake.ageUnder18'], ['18-to-aow', 'intake.ageAdult'], ['aow-or-older', 'intake.ageAow']]),
  nationality: choices([['eu-eea-swiss', 'intake.nationalityEu'], ['turkish', 'intake.nationalityTurkish'], ['other', 'intake.nationalityOther']]),
};

const choiceOf = (result: unknown): string => (result as { choice?: string } | undefined)?.choice ?? 'unknown';

type Values = Partial<IntakeAnswers>;

/** The overview as far as the answers so far show (the questions not asked yet count as "I don't know"). */
const sofar = (values: Values) => overview({ started: 'unknown', reason: 'unknown', age: 'unknown', nationality: 'unknown', dutchDiplomas: 'unknown', ...values });

/** Once the answers show the person is (probably) not obliged, the remaining questions cannot change that. */
const settled = (values: Values) => ['not-obliged', 'probably-exempt'].includes(sofar(values).outcome);

export class IntakeDialog extends GuidedDialog {
  constructor(deps: GuideDeps) {
    super(INTAKE_DIALOG, deps);
    this.addDialog(new WaterfallDialog(STEPS, [
      this.askStarted, this.askReason, this.askJoined, this.askAge, this.askNationality, this.askSchooling, this.askDiplomas,
      this.askStudy, this.showOverview,
    ]));
    this.initialDialogId = STEPS;
  }

  private values = (step: WaterfallStepContext) => step.values as Values;

  private askStarted = async (step: WaterfallStepContext<IntakeOptions>): Promise<DialogTurnResult> => {
    const saved = (await this.deps.state.profile.get(step.context, {})).intake;
    if (saved && !step.options?.again) {
      await step.context.sendActivity(renderOverview(overview(upgradeAnswers(saved.answers)), this.ctx(step.context), 'existing'));
      return step.endDialog();
    }
    return this.ask(step, { text: [key('intake.intro'), key('intake.started')], choices: QUESTIONS.started });
  };

  private askReason = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    this.values(step).started = choiceOf(step.result) as IntakeAnswers['started'];
    return this.ask(step, { text: [key('intake.reason')], choices: QUESTIONS.reason });
  };

  /** Only for family migrants: family of a refugee follow the asylum rules, family of an EU citizen are not obliged. */
  private askJoined = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const values = this.values(step);
    values.reason = choiceOf(step.result) as IntakeAnswers['reason'];
    if (values.reason !== 'family') return step.next();
    return this.ask(step, { text: [key('intake.joined')], choices: QUESTIONS.joined });
  };

  private askAge = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const values = this.values(step);
    if (step.result !== undefined) values.joined = choiceOf(step.result) as IntakeAnswers['joined'];
    if (settled(values)) return step.next();
    return this.ask(step, { text: [key('intake.age')], choices: QUESTIONS.age });
  };

  private askNationality = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const values = this.values(step);
    if (step.result !== undefined) values.age = choiceOf(step.result) as IntakeAnswers['age'];
    if (settled(values)) return step.next();
    return this.ask(step, { text: [key('intake.nationality')], choices: QUESTIONS.nationality });
  };

  /** 8 years or more in the Netherlands while of compulsory school age: not obliged (brief §2). */
  private askSchooling = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const values = this.values(step);
    if (step.result !== undefined) values.nationality = choiceOf(step.result) as IntakeAnswers['nationality'];
    if (settled(values)) return step.next();
    return this.ask(step, { text: [key('intake.schooling')], choices: yesNo(true) });
  };

  private askDiplomas = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const values = this.values(step);
    if (step.result !== undefined) values.schooledInNl = choiceOf(step.result) as IntakeAnswers['schooledInNl'];
    if (settled(values)) return step.next();
    return this.ask(step, { text: [key('intake.diplomas')], choices: yesNo(true) });
  };

  /** Only when the Wi2021 applies: the education route is mainly for people up to 28 who want to study. */
  private askStudy = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const values = this.values(step);
    if (step.result !== undefined) values.dutchDiplomas = choiceOf(step.result) as IntakeAnswers['dutchDiplomas'];
    if (sofar(values).outcome !== 'wi2021') return step.next();
    return this.ask(step, { text: [key('intake.study')], choices: yesNo(true) });
  };

  private showOverview = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const values = this.values(step);
    const answer = step.result as Answer | undefined;
    if (answer) values.wantsToStudy = choiceOf(answer) as IntakeAnswers['dutchDiplomas'];
    const answers: IntakeAnswers = { age: 'unknown', nationality: 'unknown', dutchDiplomas: 'unknown', ...values } as IntakeAnswers;
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
