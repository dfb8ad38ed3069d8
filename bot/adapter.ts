// The CloudAdapter (Bot Framework auth only when an app id is set) and its turn error handler.
import { randomUUID } from 'node:crypto';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import {
  AuthenticationConstants, ConnectorFactory, type AuthenticateRequestResult, type ClaimsIdentity, type ConnectorClient,
} from 'botframework-connector';
import type { i18n } from 'i18next';
import type { Config } from './config';
import type { Logger } from './logger';
import { setLanguage, supportedLocale, tryLanguageOf } from './middleware/locale';
import { isETagConflict } from './storage/documentStorage';
import type { BotState } from './state';

/** Checks an inbound request's Bot Framework token; throws when it is missing, forged, expired or for another bot. */
export type Authenticate = (activity: Partial<Activity>, authHeader: string) => Promise<void>;

export function createAdapter(config: Config, deps: ErrorDeps): { adapter: CloudAdapter; authenticate: Authenticate } {
  const auth = new ReusingAuthentication({
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

/** How many connector clients (one per channel service URL and bot identity) are kept for reuse. */
export const MAX_CLIENTS = 64;

/**
 * Bot Framework authentication whose connector clients are reused across turns. The SDK builds a new
 * client for every turn: credentials, a service client and its request pipeline, before the first reply
 * goes out (the HTTP connections themselves are already shared by the Azure SDK). A client holds no
 * conversation data (its credentials cache only the bot's own token), so one per service URL, audience and
 * app id serves every turn. The cache is bounded: in anonymous mode the service URL is the caller's to choose.
 */
export class ReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.reusing(result.connectorFactory, result.claimsIdentity) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  private reusing(inner: ConnectorFactory, identity: ClaimsIdentity): ConnectorFactory {
    // The app id the SDK builds the client for: the token's audience, else its appid claim (the Emulator).
    const appId = identity.getClaimValue(AuthenticationConstants.AudienceClaim)
      ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? null;
    const clients = this.clients;
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        const key = JSON.stringify([appId, audience ?? null, serviceUrl]);
        let client = clients.get(key);
        if (client) {
          clients.delete(key); // most recently used last: the oldest is dropped first
        } else {
          client = inner.create(serviceUrl, audience);
          const created = client;
          created.catch(() => { if (clients.get(key) === created) clients.delete(key); });
        }
        clients.set(key, client);
        if (clients.size > MAX_CLIENTS) clients.delete(clients.keys().next().value!);
        return client;
      }
    })();
  }
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
