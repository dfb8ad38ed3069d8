// What Wegwijzer keeps per user and per conversation, behind botbuilder's state accessors.
import { ConversationState, type Storage, type StatePropertyAccessor, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Locale } from '../locales';
import type { Regime } from '../knowledge';

/** Kept per user across conversations. */
export interface UserProfile {
  /** An explicit language choice; wins over the channel's locale. */
  locale?: Locale;
  /** Known from the intake; answers then use the regime's variant. */
  regime?: Regime;
}

/** Kept per conversation. */
export interface ConversationData {
  welcomed?: boolean;
  /** Entry ids last offered as numbered choices, so "2" works on channels without buttons. */
  lastChoices?: string[];
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
