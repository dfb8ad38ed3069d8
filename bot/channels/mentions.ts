// In a Teams channel or group chat (and on other channels that send mention entities) a message to the bot
// starts with its name: "<at>Wegwijzer</at> klacht". The name is not part of the question: it is removed before
// anything reads the text (language, commands, search, memory), and nothing else of what the person typed.
import { ActivityTypes, type Activity, type Middleware } from 'botbuilder';

interface MentionEntity { type?: string; text?: unknown; mentioned?: { id?: unknown; name?: unknown } }

/** Joins what was left and right of a removed mention with one space, or none before punctuation ("Hoi, ..."). */
const join = (left: string, right: string): string => {
  const l = left.replace(/\s+$/u, '');
  const r = right.replace(/^\s+/u, '');
  if (!l || !r) return l || r;
  return /^[\p{P}]/u.test(r) && !/^[([{«“„‘]/u.test(r) ? `${l}${r}` : `${l} ${r}`;
};

/**
 * The message's text without the bot's own mentions (entities of type "mention" naming the recipient, as the
 * SDK's TurnContext.removeRecipientMention finds them; that helper removes only the first and mishandles a
 * mention without text). Pure; mentions of other people stay.
 */
export function withoutBotMention(activity: Partial<Activity>): string | undefined {
  const { text, entities, recipient } = activity;
  if (typeof text !== 'string' || !Array.isArray(entities) || !recipient?.id) return text;
  const names = new Set<string>();
  for (const entity of entities as MentionEntity[]) {
    if (typeof entity?.type !== 'string' || entity.type.toLowerCase() !== 'mention' || entity.mentioned?.id !== recipient.id) continue;
    if (typeof entity.text === 'string' && entity.text.trim()) names.add(entity.text);
    else if (typeof entity.mentioned.name === 'string' && entity.mentioned.name.trim()) names.add(`<at>${entity.mentioned.name}</at>`);
  }
  let result = text;
  for (const name of names) {
    if (result.includes(name)) result = result.split(name).reduce(join);
  }
  return result === text ? text : result.trim();
}

export function mentionMiddleware(): Middleware {
  return {
    async onTurn(context, next) {
      if (context.activity.type === ActivityTypes.Message) {
        const text = withoutBotMention(context.activity);
        if (text !== context.activity.text) context.activity.text = text as string;
      }
      await next();
    },
  };
}
