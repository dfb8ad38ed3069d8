// One prompt for every guided question: choices as buttons (a numbered list where a channel has no buttons),
// "I don't know" where it fits, or free text within limits. Text is rendered from keys at send time.
import type { TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import type { KnowledgeBase } from '../../knowledge';
import { LOCALES } from '../../locales';
import { fold } from '../../knowledge/normalize';
import { languageOf } from '../language';
import { renderText, withOffers, type RenderContext } from '../../bot/cards/render';
import { resolve, type Label } from './labels';
import { RESOLVED_TEXT } from '../route';

export interface AskChoice {
  /** What the dialog receives when this choice is picked. */
  value: string;
  label: Label;
}

export interface Ask {
  /** The question, possibly after some lines ("intro" parts are sent as they are). */
  text: Label[];
  choices: AskChoice[];
  /** Accept free text too (length limits in characters); choices then are suggestions. */
  free?: { min: number; max: number };
  /** The question shows the user's own words: send it as plain text, never as markdown. */
  plain?: boolean;
}

export interface AskOptions extends PromptOptions { ask: Ask }

export type Answer = { choice: string } | { text: string };

export const isChoice = (answer: unknown, value: string): boolean =>
  typeof answer === 'object' && answer !== null && (answer as { choice?: string }).choice === value;

/** The message as this turn's dialogs read it: the choice a number picked (see `RESOLVED_TEXT`), else as sent. */
export function messageText(context: TurnContext): string {
  const resolved: unknown = context.turnState.get(RESOLVED_TEXT);
  if (typeof resolved === 'string') return resolved.trim();
  return typeof context.activity.text === 'string' ? context.activity.text.trim() : '';
}

export function renderContext(context: TurnContext, kb: KnowledgeBase): RenderContext {
  const { locale, t } = languageOf(context);
  return { kb, locale, t, channelId: context.activity.channelId };
}

function inAnyLanguage(choices: AskChoice[], folded: string, context: TurnContext, ctx: RenderContext): AskChoice | undefined {
  const { tIn } = languageOf(context);
  for (const locale of LOCALES) {
    if (locale === ctx.locale) continue;
    const other = { ...ctx, locale, t: tIn(locale) };
    const choice = choices.find((c) => fold(resolve(c.label, other)) === folded);
    if (choice) return choice;
  }
  return undefined;
}

export class AskPrompt extends Prompt<Answer> {
  constructor(dialogId: string, private readonly kb: KnowledgeBase) {
    super(dialogId);
  }

  protected async onPrompt(context: TurnContext, state: Record<string, unknown>, options: AskOptions, isRetry: boolean): Promise<void> {
    const ctx = renderContext(context, this.kb);
    const { ask } = options;
    const lines = ask.text.map((label) => resolve(label, ctx));
    if (isRetry) lines.unshift(ctx.t(String(state['retry'] ?? 'prompt.retryChoice'), { max: ask.free?.max ?? 0 }));
    const offers = ask.choices.map((c) => ({ title: resolve(c.label, ctx) }));
    const activity = withOffers(renderText(lines.join('\n\n')), offers, ctx.channelId);
    await context.sendActivity(ask.plain ? { ...activity, textFormat: 'plain' } : activity);
  }

  protected async onRecognize(context: TurnContext, state: Record<string, unknown>, options: AskOptions): Promise<PromptRecognizerResult<Answer>> {
    const ctx = renderContext(context, this.kb);
    const { ask } = options;
    const raw = messageText(context);
    const folded = fold(raw);
    const picked = ask.choices.find((c) => fold(resolve(c.label, ctx)) === folded || fold(c.value) === folded)
      ?? (/^\d{1,2}$/.test(folded) ? ask.choices[Number(folded) - 1] : undefined)
      // A choice typed or pressed as its label in another language (the buttons were drawn before a language
      // switch, or the client says en-US while the person answers in Dutch).
      ?? (folded ? inAnyLanguage(ask.choices, folded, context, ctx) : undefined);
    if (picked && folded) return { succeeded: true, value: { choice: picked.value } };
    if (ask.free) {
      if (raw.length < ask.free.min || !folded) state['retry'] = 'prompt.retryShort';
      else if (raw.length > ask.free.max) state['retry'] = 'prompt.retryLong';
      else return { succeeded: true, value: { text: raw } };
      return { succeeded: false };
    }
    state['retry'] = 'prompt.retryChoice';
    return { succeeded: false };
  }
}
