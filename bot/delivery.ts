// A reply that the channel's adapter could not deliver (the WhatsApp adapter: after the 24-hour window, a
// Graph API failure, a turn whose earlier reply failed, a shutdown) is marked on the activity itself, so the
// send hooks that run after the adapter (the conversation's memory, transcripts) know the person never saw it.
import type { Activity } from 'botbuilder';

export type NotSentReason = 'outside_window' | 'failed' | 'skipped' | 'shutdown';

/** Marks `activity` (the object the send hooks hold) as not delivered, in `channelData.notSent`. */
export function markNotSent(activity: Partial<Activity>, reason: NotSentReason): void {
  activity.channelData = { ...(activity.channelData as object | undefined), notSent: reason };
}

/** Why `activity` was not delivered; undefined when it was (or its channel does not say). */
export const notSentOf = (activity: Partial<Activity>): NotSentReason | undefined =>
  (activity.channelData as { notSent?: NotSentReason } | undefined)?.notSent;
