// One turn at a time per conversation in this process: two messages that arrive together (a double tap, a
// retry) would otherwise both read the same state and the second write would fail or overwrite the first.
// Across replicas the store's eTags catch the same race (see the turn error handler).
import type { Middleware } from 'botbuilder';

export function serializeTurns(): Middleware {
  const tails = new Map<string, Promise<void>>();
  return {
    async onTurn(context, next) {
      const key = `${context.activity.channelId}/${context.activity.conversation?.id ?? ''}`;
      const previous = tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((resolve) => { release = resolve; });
      const tail = previous.then(() => mine);
      tails.set(key, tail);
      await previous;
      try {
        await next();
      } finally {
        release();
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}
