// What Wegwijzer keeps per user and per conversation, behind botbuilder's state accessors.
import { ConversationState, type Storage, type StatePropertyAccessor, type TurnContext, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Locale } from '../locales';
import type { AuthorityId, Regime } from '../knowledge';
import type { IntakeAnswers, Outcome } from '../knowledge/rules/overview';

/** Kept per user across conversations. */
export interface UserProfile {
  /** An explicit language choice; wins over the channel's locale. */
  locale?: Locale;
  /** Known from the intake; answers then use the regime's variant. */
  regime?: Regime;
  /** The last intake: the answers and what the rules made of them. */
  intake?: { answers: IntakeAnswers; outcome: Outcome; at: string };
  /** "Basics first" progress per checklist item (ids from knowledge/guides.yaml). */
  basics?: Record<string, BasicStatus>;
}

export type BasicStatus = 'done' | 'open' | 'not-applicable';

/** One line of the recent conversation, redacted, for a handoff to a person. */
export interface RecentLine { from: 'user' | 'bot'; text: string; at: string }

/** Kept per conversation. */
export interface ConversationData {
  welcomed?: boolean;
  /** What the last numbered choices send (button values), so "2" works on channels without buttons. */
  lastChoices?: string[];
  /** The last answered entry and its organisation: feedback and "talk to a person" refer to them. */
  lastTopic?: string;
  lastAuthority?: AuthorityId;
  /** A guided conversation paused by "menu"; "continue" resumes it. */
  paused?: string;
  /** "Stop" was typed in a guided conversation; the next message confirms or not. */
  confirmStop?: boolean;
  /** The "I never need your BSN" warning was given in this conversation. */
  piiWarned?: boolean;
  /** The last messages, PII redacted, sent along when the conversation is handed to a person. */
  recent?: RecentLine[];
}

export interface BotState {
  conversationState: ConversationState;
  userState: UserState;
  dialogState: StatePropertyAccessor<DialogState>;
  profile: StatePropertyAccessor<UserProfile>;
  conversationData: StatePropertyAccessor<ConversationData>;
}

export function createBotState(storage: Storage): BotState {
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  return {
    conversationState,
    userState,
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    profile: userState.createProperty<UserProfile>('profile'),
    conversationData: conversationState.createProperty<ConversationData>('conversationData'),
  };
}

/** Saves the turn's conversation and user state (each only when it changed). */
export async function saveState(state: BotState, context: TurnContext): Promise<void> {
  await state.conversationState.saveChanges(context, false);
  await state.userState.saveChanges(context, false);
}

/** True once per conversation: the welcome is due now (it is then marked as given). */
export async function claimWelcome(state: BotState, context: TurnContext): Promise<boolean> {
  const data = await state.conversationData.get(context, {});
  if (data.welcomed) return false;
  data.welcomed = true;
  await state.conversationData.set(context, data);
  return true;
}
