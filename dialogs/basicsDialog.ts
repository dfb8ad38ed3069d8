// "Basics first": one checklist item at a time (done / not yet / not for me / tell me more), saved after every
// answer. Coming back, the bot says what is done and asks only about what is still open.
import { type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { GuideName } from '../knowledge';
import { renderBasicsSummary, renderEntryQuietly } from '../bot/cards/guides';
import { authorityName, renderText } from '../bot/cards/render';
import type { BasicStatus } from '../bot/state';
import { GuidedDialog, type GuideDeps } from './guidedDialog';
import { isChoice } from './prompts/askPrompt';
import { key, resolve, type Label } from './prompts/labels';

export const BASICS_DIALOG = 'basics' satisfies GuideName;
const STEPS = `${BASICS_DIALOG}.steps`;

/** Carried from one item to the next (the waterfall restarts per item). */
interface Progress { asked: string[]; greeted: boolean; current?: string }

const ANSWERS: Record<string, BasicStatus> = { done: 'done', notYet: 'open', notForMe: 'not-applicable' };

export class BasicsDialog extends GuidedDialog {
  constructor(deps: GuideDeps) {
    super(BASICS_DIALOG, deps);
    this.addDialog(new WaterfallDialog(STEPS, [this.askNextItem, this.recordAnswer]));
    this.initialDialogId = STEPS;
  }

  private async statuses(step: WaterfallStepContext): Promise<Record<string, BasicStatus>> {
    return (await this.deps.state.profile.get(step.context, {})).basics ?? {};
  }

  private askNextItem = async (step: WaterfallStepContext<Partial<Progress>>): Promise<DialogTurnResult> => {
    const progress: Progress = { asked: step.options?.asked ?? [], greeted: step.options?.greeted ?? false };
    const statuses = await this.statuses(step);
    const items = this.deps.kb.guides.basics;
    const ctx = this.ctx(step.context);
    const intro: Label[] = [];
    if (!progress.greeted) {
      progress.greeted = true;
      const done = items.filter((i) => statuses[i.id] === 'done').map((i) => key(`basics.items.${i.id}`));
      intro.push(done.length ? key('basics.welcomeBack', { done: { join: done, with: ', ' } }) : key('basics.intro'));
    }
    const next = items.find((i) => statuses[i.id] !== 'done' && statuses[i.id] !== 'not-applicable' && !progress.asked.includes(i.id));
    if (!next) {
      if (intro.length) await step.context.sendActivity(renderText(intro.map((l) => resolve(l, ctx)).join('\n\n')));
      await step.context.sendActivity(this.summary(statuses, ctx));
      return step.endDialog();
    }
    Object.assign(step.values, progress, { current: next.id });
    const entry = this.deps.kb.get(next.entry);
    const who: Label = entry && entry.authority !== 'NONE' ? { authority: entry.authority, short: true } : key('basics.nobody');
    return this.ask(step, {
      text: [...intro, key('basics.ask', { item: key(`basics.items.${next.id}`), who })],
      choices: [
        { value: 'done', label: key('basics.done') }, { value: 'notYet', label: key('basics.notYet') },
        { value: 'notForMe', label: key('basics.notForMe') }, { value: 'more', label: key('basics.more') },
      ],
    });
  };

  private recordAnswer = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const progress = step.values as Progress;
    const item = this.deps.kb.guides.basics.find((i) => i.id === progress.current)!;
    if (isChoice(step.result, 'more')) {
      const entry = this.deps.kb.get(item.entry);
      if (entry) await step.context.sendActivity(renderEntryQuietly(entry, this.ctx(step.context)));
      return step.replaceDialog(STEPS, { asked: progress.asked, greeted: true });
    }
    const choice = (step.result as { choice: string }).choice;
    const profile = await this.deps.state.profile.get(step.context, {});
    profile.basics = { ...profile.basics, [item.id]: ANSWERS[choice] ?? 'open' };
    await this.deps.state.profile.set(step.context, profile);
    return step.replaceDialog(STEPS, { asked: [...progress.asked, item.id], greeted: true });
  };

  private summary(statuses: Record<string, BasicStatus>, ctx: ReturnType<BasicsDialog['ctx']>) {
    const items = this.deps.kb.guides.basics;
    const done = items.filter((i) => statuses[i.id] === 'done').map((i) => i.id);
    const open = items.filter((i) => statuses[i.id] !== 'done' && statuses[i.id] !== 'not-applicable').map((i) => {
      const entry = this.deps.kb.get(i.entry);
      const who = entry && entry.authority !== 'NONE' ? authorityName(entry.authority, ctx, true) : ctx.t('basics.nobody');
      return { id: i.id, entry: i.entry, who };
    });
    return renderBasicsSummary(done, open, ctx);
  }
}
