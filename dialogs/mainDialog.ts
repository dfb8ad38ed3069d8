// The root dialog: global commands, the guided conversations (and their interruptions), answers from the
// knowledge base, "did you mean" and the honest fallback.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import {
  ComponentDialog, type DialogContext, type DialogTurnResult, DialogTurnStatus, WaterfallDialog, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { i18n } from 'i18next';
import {
  decide, GUIDE_IDS, isGuide, isRomanized, type GuideName, type KnowledgeBase, type LoadedEntry, type Thresholds, type UrgentHelp,
  DEFAULT_THRESHOLDS,
} from '../knowledge';
import type { Locale } from '../locales';
import { fold } from '../knowledge/normalize';
import { languageOf } from './language';
import {
  isWebChat, renderAnswer, renderAuthority, renderChoices, renderFallback, renderHelp, renderLanguageChoice, renderMenu,
  renderPausedMenu, renderText, withOffers, type AnswerOptions, type RenderContext,
} from '../bot/cards/render';
import type { BotState, ConversationData } from '../bot/state';
import type { Records } from '../bot/storage/records';
import { BasicsDialog } from './basicsDialog';
import { ComplaintDialog } from './complaintDialog';
import { FEEDBACK_DIALOG, FeedbackDialog } from './feedbackDialog';
import type { GuideDeps } from './guidedDialog';
import { HANDOFF_DIALOG, HandoffDialog, type HandoffMode } from './handoffDialog';
import { INTAKE_DIALOG, IntakeDialog } from './intakeDialog';
import { RouteDialog } from './routeDialog';
import { classify, RESOLVED_TEXT, type Classified, type Command, type CommandTable } from './route';
import { renderContext, type AskOptions } from './prompts/askPrompt';
import { resolve } from './prompts/labels';

export const MAIN_DIALOG = 'main';
const STEPS = `${MAIN_DIALOG}.steps`;

/** Longest message searched; the rest is ignored (and the user told so). */
export const MAX_QUESTION_LENGTH = 1000;

export interface MainDialogDeps {
  kb: KnowledgeBase;
  state: BotState;
  records: Records;
  commands: CommandTable;
  i18n: i18n;
  /** Every supported language by its own name ("Nederlands", "العربية"), for the language switch. */
  languages: { locale: Locale; name: string }[];
  handoff?: HandoffMode;
  thresholds?: Thresholds;
}

/** A message as the main dialog classifies it. */
type Message = Classified<Locale, UrgentHelp, { entry: LoadedEntry; locale: Locale }>;

/** What a command starts: each guided conversation's command starts the dialog of the same id. */
const STARTS: Partial<Record<Command, { dialog: string; options?: object }>> = {
  ...Object.fromEntries(GUIDE_IDS.map((g) => [g, { dialog: g }])),
  intakeAgain: { dialog: INTAKE_DIALOG, options: { again: true } },
  person: { dialog: HANDOFF_DIALOG },
};

/** The event that tells Web Chat (the widget) which language the person chose in the chat. */
export const LANGUAGE_CHOSEN_EVENT = 'wegwijzer/language';

export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: MainDialogDeps) {
    super(MAIN_DIALOG);
    const guideDeps: GuideDeps = { kb: deps.kb, state: deps.state, i18n: deps.i18n, records: deps.records };
    this.addDialog(new WaterfallDialog(STEPS, [this.handleMessage, this.afterGuide, this.afterNext]))
      .addDialog(new IntakeDialog(guideDeps))
      .addDialog(new BasicsDialog(guideDeps))
      .addDialog(new RouteDialog(guideDeps))
      .addDialog(new ComplaintDialog(guideDeps))
      .addDialog(new FeedbackDialog(guideDeps))
      .addDialog(new HandoffDialog({ kb: deps.kb, state: deps.state, mode: deps.handoff ?? 'none' }));
    this.initialDialogId = STEPS;
  }

  private handleMessage = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    // After leaving a guided conversation on a number's choice, that choice is this message.
    const resolved: unknown = step.context.turnState.get(RESOLVED_TEXT);
    const start = await this.handle(step.context, typeof resolved === 'string' ? resolved : undefined);
    return start ? step.beginDialog(start.dialog, start.options) : step.endDialog();
  };

  /** A guided conversation may hand over to another one ("who do I need?" → "a complaint"). */
  private afterGuide = async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const next = (step.result as { next?: string } | undefined)?.next;
    return next ? step.beginDialog(next) : step.endDialog(step.result);
  };

  private afterNext = async (step: WaterfallStepContext): Promise<DialogTurnResult> => step.endDialog(step.result);

  /**
   * A message while a guided conversation waits for an answer: global commands, a language name, danger and
   * follow-up buttons are handled here first; everything else is the answer to the open question.
   */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const active = innerDc.activeDialog?.id;
    if (!active || active === STEPS) return super.onContinueDialog(innerDc);
    return (await this.interrupt(innerDc, active)) ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext, active: string): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    const { state } = this.deps;
    const ctx = this.renderContext(context);
    const data = await state.conversationData.get(context, {});
    // "2" on a channel without buttons means the second choice of the last message, whichever it was (the open
    // question, the paused menu, the language list): from here on it is that choice's text.
    let message = this.classify(context.activity.text, { lastChoices: data.lastChoices });
    if (message.kind === 'empty') return undefined;
    const { text } = message;
    if (text !== context.activity.text?.trim()) context.turnState.set(RESOLVED_TEXT, text);
    // A help word that is part of one of the open question's suggested answers is an answer, not a command
    // ("uitleg" to "what do you want?", whose suggestions include "Een uitleg").
    const ask = (innerDc.child?.activeDialog?.state?.options as AskOptions | undefined)?.ask;
    const folded = fold(text);
    const answerWord = Boolean(ask?.free && ask.choices.some((c) => fold(resolve(c.label, ctx)).split(' ').includes(folded)));
    if (message.kind === 'command' && answerWord && message.command === 'help') message = this.classify(text, { withCommands: false });
    const command = message.kind === 'command' ? message.command : undefined;
    const resume = async () => {
      await context.sendActivity(renderText(ctx.t('guides.resumed')));
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    };
    const leave = async () => {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(STEPS);
    };
    const save = async (change: (d: ConversationData) => void) => {
      change(data);
      await state.conversationData.set(context, data);
    };
    if (data.confirmStop) {
      await save((d) => { delete d.confirmStop; });
      if (command === 'stopYes' || command === 'restart') {
        await innerDc.cancelAllDialogs();
        await this.restart(context, ctx);
        return { status: DialogTurnStatus.complete };
      }
      if (command === 'stopNo' || command === 'continue') return resume();
    }
    if (data.paused) {
      // After "menu" the conversation waits: "continue" resumes it, another guided conversation or "stop"
      // replaces it, and anything else is answered as usual while it keeps waiting.
      if (command === 'continue') {
        await save((d) => { delete d.paused; });
        return resume();
      }
      if (command === 'restart' || (command && STARTS[command] && command !== 'person')) {
        await save((d) => { delete d.paused; });
        return leave();
      }
      const start = await this.handle(context, text);
      if (start) {
        // Feedback or a person go on top; the paused conversation resumes after them.
        await save((d) => { delete d.paused; });
        return innerDc.beginDialog(start.dialog, start.options);
      }
      return { status: DialogTurnStatus.waiting };
    }
    // Feedback is optional: any command simply leaves it.
    if (active === FEEDBACK_DIALOG && command) return leave();
    switch (command) {
      case 'help':
        await context.sendActivity(renderText(ctx.t('guides.help', { guide: this.guideName(active, ctx) })));
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'language':
        await context.sendActivity(renderLanguageChoice(this.deps.languages, ctx));
        return { status: DialogTurnStatus.waiting };
      case 'person':
        return innerDc.beginDialog(HANDOFF_DIALOG);
      case 'menu':
        await save((d) => { d.paused = active; });
        await context.sendActivity(renderPausedMenu(ctx, this.guideName(active, ctx)));
        return { status: DialogTurnStatus.waiting };
      case 'restart':
        // Stopping loses what was told so far: ask first.
        await save((d) => { d.confirmStop = true; });
        await context.sendActivity(withOffers(
          renderText(ctx.t('guides.confirmStop', { guide: this.guideName(active, ctx) })),
          [{ title: ctx.t('guides.stopYes') }, { title: ctx.t('guides.stopNo') }], ctx.channelId,
        ));
        return { status: DialogTurnStatus.waiting };
      case 'continue':
        return resume();
      case 'intakeAgain':
        return leave();
      case 'helped': case 'notHelped': case 'stopYes': case 'stopNo':
        // Not a command here: the rest of the message's classification decides.
        message = this.classify(text, { withCommands: false });
        break;
      case undefined:
        break;
      default: {
        // A guided conversation's command (the compiler checks that only those are left): the one that is open
        // goes on, another replaces it.
        const guide: GuideName = command;
        return guide === active ? resume() : leave();
      }
    }
    switch (message.kind) {
      case 'language':
        await this.chooseLanguage(context, message.locale);
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'danger':
        // Danger first; then the open question still gets this message (a free-text answer is kept).
        await this.answerDirectly(context, message, ctx);
        return undefined;
      case 'follow-up':
        // A follow-up button (an entry's exact title): answer it without buttons, then ask the open question again.
        await this.answerDirectly(context, message, ctx, { quiet: true });
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      default:
        return undefined;
    }
  }

  private guideName(active: string, ctx: RenderContext): string {
    return isGuide(active) ? ctx.t(`guides.${active}`) : active;
  }

  private renderContext(context: TurnContext): RenderContext {
    return renderContext(context, this.deps.kb);
  }

  /** Each language's own name, folded → its locale (a button press or the name typed). */
  private languageNames?: Map<string, Locale>;

  /** What a message is (see `classify`), with this bot's commands, languages and knowledge. */
  private classify(raw: unknown, options: { lastChoices?: readonly string[]; withCommands?: boolean; maxLength?: number } = {}): Message {
    this.languageNames ??= new Map(this.deps.languages.map((l) => [fold(l.name), l.locale]));
    const { kb } = this.deps;
    return classify(typeof raw === 'string' ? raw : '', {
      ...options, commands: this.deps.commands, languages: this.languageNames,
      danger: (text) => kb.urgentHelpFor(text), titled: (text) => kb.findByTitle(text),
    });
  }

  private async restart(context: TurnContext, ctx: RenderContext): Promise<void> {
    await this.deps.state.conversationData.set(context, { welcomed: true });
    await context.sendActivity(renderMenu(ctx, 'restart.text'));
  }

  /**
   * A message with no guided conversation open (or one paused). `chosen`: the text a number already stood for.
   * Returns the dialog to start, if any.
   */
  private async handle(context: TurnContext, chosen?: string): Promise<{ dialog: string; options?: object } | undefined> {
    const ctx = this.renderContext(context);
    // "2" on a channel without buttons: exactly as if the second button had been pressed.
    const lastChoices = chosen === undefined ? (await this.deps.state.conversationData.get(context, {})).lastChoices ?? [] : undefined;
    const message = this.classify(chosen ?? context.activity.text, { lastChoices, maxLength: MAX_QUESTION_LENGTH });
    const { text } = message;
    switch (message.kind) {
      case 'empty':
        await context.sendActivity(renderText(ctx.t('input.textOnly')));
        return undefined;
      case 'command':
        return this.command(context, message.command, ctx);
      case 'language':
        await this.chooseLanguage(context, message.locale);
        return undefined;
      case 'danger':
        // Danger comes before anything else, and the bot asks nothing first; the line for the danger is on top.
        await this.answerDirectly(context, message, ctx);
        return undefined;
      default:
    }
    const authority = this.deps.kb.findAuthority(text);
    if (authority) {
      await context.sendActivity(renderAuthority(authority, ctx));
      return undefined;
    }
    if (message.kind === 'follow-up') {
      // A follow-up or choice button sends the entry's title: answer it directly, without search.
      await this.answerDirectly(context, message, ctx);
      return undefined;
    }
    if (message.truncated) await context.sendActivity(renderText(ctx.t('input.tooLong')));
    const decision = decide(this.deps.kb.search(text, ctx.locale), this.deps.thresholds ?? DEFAULT_THRESHOLDS, { romanized: isRomanized(text, ctx.locale) });
    switch (decision.kind) {
      case 'answer':
        await this.answerEntry(context, decision.hit.entry, ctx, {
          confidence: decision.hit.confidence, alternatives: decision.alternatives.map((h) => h.entry),
        });
        return undefined;
      case 'choose':
        await context.sendActivity(renderChoices(decision.hits, decision.confidence, ctx).activity);
        return undefined;
      case 'fallback':
        await context.sendActivity(renderFallback(decision.confidence, ctx));
        return undefined;
    }
  }

  /** A global command with no guided conversation open. Returns the dialog to start, if any. */
  private async command(
    context: TurnContext, command: Command, ctx: RenderContext,
  ): Promise<{ dialog: string; options?: object } | undefined> {
    const start = STARTS[command];
    if (start) return start;
    switch (command) {
      case 'menu': case 'continue': case 'stopYes': case 'stopNo':
        await context.sendActivity(renderMenu(ctx));
        return undefined;
      case 'help':
        await context.sendActivity(renderHelp(ctx));
        return undefined;
      case 'restart':
        await this.restart(context, ctx);
        return undefined;
      case 'language':
        await context.sendActivity(renderLanguageChoice(this.deps.languages, ctx));
        return undefined;
      case 'helped': case 'notHelped': {
        const topic = (await this.deps.state.conversationData.get(context, {})).lastTopic;
        if (topic && command === 'notHelped') return { dialog: FEEDBACK_DIALOG, options: { topic } };
        if (topic) await this.deps.records.saveFeedback({ topic, helped: true, locale: ctx.locale, channelId: ctx.channelId });
        await context.sendActivity(renderText(ctx.t('feedback.thanks')));
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /**
   * Saves the user's language choice (in the chat, or in the widget's menu); from this turn on, everything is in
   * that language. Web Chat also gets an event with the language, so the widget's own menu and direction follow a
   * choice made in the chat.
   */
  async chooseLanguage(context: TurnContext, locale: Locale): Promise<void> {
    const profile = await this.deps.state.profile.get(context, {});
    profile.locale = locale;
    await this.deps.state.profile.set(context, profile);
    languageOf(context).switchTo(locale);
    const ctx = this.renderContext(context);
    await context.sendActivity(renderMenu(ctx, 'language.chosen'));
    if (isWebChat(context.activity.channelId)) {
      await context.sendActivity({ type: ActivityTypes.Event, name: LANGUAGE_CHOSEN_EVENT, value: { language: locale } });
    }
  }

  /**
   * Urgent help for a message that signals danger, or the entry a follow-up button named by its title, answered
   * without search, in the person's regime. `quiet`: inside a guided conversation, without buttons (the open
   * question is asked again and brings its own).
   */
  private async answerDirectly(
    context: TurnContext, message: Extract<Message, { kind: 'danger' | 'follow-up' }>, ctx: RenderContext, { quiet = false } = {},
  ): Promise<void> {
    if (message.kind === 'danger') {
      await this.answerEntry(context, message.urgent.entry, ctx, { confidence: 1, first: message.urgent.first, urgent: true });
      return;
    }
    // A Dutch title (the "show the Dutch text" button) shows the Dutch text; any other in the user's language.
    const { entry, locale: titleLocale } = message.titled;
    const locale = titleLocale === 'nl' ? 'nl' : ctx.locale;
    if (quiet) {
      await this.answerEntry(context, entry, { ...ctx, locale }, { confidence: 1, offers: false, urgent: false });
    } else {
      await this.answerEntry(context, entry, ctx, { confidence: 1, locale });
    }
  }

  private async answerEntry(context: TurnContext, entry: LoadedEntry, ctx: RenderContext, options: AnswerOptions): Promise<void> {
    const regime = (await this.deps.state.profile.get(context, {})).regime;
    // The urgent-help entry is always answered compactly, also when it is reached by its button or by search.
    const urgent = options.urgent ?? entry.id === this.deps.kb.urgentEntry?.id;
    await context.sendActivity(renderAnswer(entry, ctx, { regime, ...options, urgent }));
  }
}
