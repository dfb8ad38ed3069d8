// What every guided conversation shares: one localized prompt, rendering helpers, and resuming after an
// interruption (a person, help) with a short "let's go on" before the question is asked again.
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, type DialogContext, type DialogReason, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { i18n } from 'i18next';
import type { KnowledgeBase } from '../knowledge';
import type { Locale } from '../locales';
import type { Records } from '../bot/storage/records';
import type { RenderContext } from '../bot/cards/render';
import { renderText } from '../bot/cards/render';
import type { BotState } from '../bot/state';
import { AskPrompt, renderContext, type Ask, type AskChoice, type AskOptions } from './prompts/askPrompt';
import { key } from './prompts/labels';

export const dontKnow: AskChoice = { value: 'unknown', label: key('prompt.dontKnow') };
export const yesNo = (unknown = false): AskChoice[] => [
  { value: 'yes', label: key('prompt.yes') }, { value: 'no', label: key('prompt.no') }, ...(unknown ? [dontKnow] : []),
];

export interface GuideDeps { kb: KnowledgeBase; state: BotState; i18n: i18n; records: Records }

export abstract class GuidedDialog extends ComponentDialog {
  private readonly askId: string;

  protected constructor(id: string, protected readonly deps: GuideDeps) {
    super(id);
    this.askId = `${id}.ask`;
    this.addDialog(new AskPrompt(this.askId, deps.kb));
  }

  protected ask(step: WaterfallStepContext, ask: Ask): Promise<DialogTurnResult> {
    const options: AskOptions = { ask };
    return step.prompt(this.askId, options);
  }

  protected ctx(context: TurnContext): RenderContext {
    return renderContext(context, this.deps.kb);
  }

  /** The same context in another language (the Dutch letter beside the person's own language). */
  protected ctxIn(context: TurnContext, locale: Locale): RenderContext {
    return { ...this.ctx(context), locale, t: this.deps.i18n.getFixedT(locale) };
  }

  /** After a dialog pushed on top (talking to a person) ends: say so, then ask the open question again. */
  override async resumeDialog(dc: DialogContext, reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    await dc.context.sendActivity(renderText(this.ctx(dc.context).t('guides.resumed')));
    return super.resumeDialog(dc, reason, result);
  }
}
