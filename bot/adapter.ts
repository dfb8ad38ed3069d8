// The CloudAdapter (Bot Framework auth only when an app id is set) and its turn error handler.
import { randomUUID } from 'node:crypto';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import type { i18n } from 'i18next';
import type { Config } from './config';
import type { Logger } from './logger';
import { setLanguage, supportedLocale, tryLanguageOf } from './middleware/locale';
import { isETagConflict } from './storage/documentStorage';
import type { BotState } from './state';

/** Checks an inbound request's Bot Framework token; throws when it is missing, forged, expired or for another bot. */
export type Authenticate = (activity: Partial<Activity>, authHeader: string) => Promise<void>;

export function createAdapter(config: Config, deps: ErrorDeps): { adapter: CloudAdapter; authenticate: Authenticate } {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.auth.appId,
    MicrosoftAppPassword: config.auth.appPassword,
    MicrosoftAppType: config.auth.appType,
    MicrosoftAppTenantId: config.auth.tenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = turnErrorHandler(config, deps);
  const authenticate: Authenticate = async (activity, authHeader) => {
    await auth.authenticateRequest(activity as Activity, authHeader);
  };
  return { adapter, authenticate };
}

/**
 * Logs the error with a correlation id, tells the user in their language (no stack trace), and clears the
 * conversation state so the next message starts fresh instead of hitting the same broken dialog. An eTag
 * conflict is different: another replica saved this conversation meanwhile. Its state is right, so it is
 * kept, and the user is asked to send the message again.
 */
export interface ErrorDeps { logger: Logger; i18n: i18n; state: BotState; onError?: (channelId: string, locale: string) => void }

export function turnErrorHandler(config: Config, deps: ErrorDeps) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const ref = randomUUID().slice(0, 8);
    const { activity } = context;
    deps.logger.error({
      ref,
      err: { name: error?.name, message: error?.message, stack: error?.stack },
      conversationId: activity.conversation?.id,
      activityId: activity.id,
      channelId: activity.channelId,
    }, 'turn failed');
    const language = tryLanguageOf(context)
      ?? setLanguage(context, deps.i18n, supportedLocale(activity.locale) ?? config.defaultLocale);
    deps.onError?.(activity.channelId ?? 'unknown', language.locale);
    const conflict = isETagConflict(error);
    try {
      const text = conflict ? language.t('errors.busy') : language.t('errors.generic', { ref });
      await context.sendActivity({ type: 'message', text, textFormat: 'markdown' });
      if (activity.channelId === 'emulator') {
        await context.sendTraceActivity('OnTurnError', `${error?.name}: ${error?.message}`, 'https://www.botframework.com/schemas/error', 'TurnError');
      }
    } catch (sendError) {
      deps.logger.warn({ ref, err: { message: (sendError as Error)?.message } }, 'could not tell the user about the error');
    }
    if (conflict) return;
    try {
      await deps.state.conversationState.delete(context);
    } catch (deleteError) {
      deps.logger.warn({ ref, err: { message: (deleteError as Error)?.message } }, 'could not clear conversation state');
    }
  };
}
