// Replays an Emulator `.transcript` (a JSON array of activities) against the real bot over HTTP: the user's
// activities are sent in order and the bot's replies compared with the ones recorded after each of them.
import fs from 'node:fs';
import { LOCALES } from '../../locales';
import { CaptureChannel, emulatorActivity, post, type RunningBot } from '../helpers/http';
import { sharedI18n } from '../helpers/fixtures';

export interface TranscriptActivity {
  type: string;
  text?: string;
  locale?: string;
  channelId?: string;
  from?: { id?: string; name?: string; role?: string };
  attachments?: { contentType?: string }[];
  suggestedActions?: { actions?: { title?: string }[] };
  channelData?: { wegwijzer?: { topic?: string } };
  membersAdded?: { id: string; name?: string }[];
}

/** What is compared of a bot reply; ids, timestamps and card contents are ignored. */
export interface Compared { type: string; text?: string; attachments?: string[]; actions?: string[]; topic?: string }

const t = sharedI18n();
/** Lines that differ on every run by nature: complaint references and the letter's date. */
const VOLATILE = [
  [/WW-[0-9A-Z]{4}-[0-9A-Z]{4}/g, 'WW-XXXX-XXXX'] as const,
  ...LOCALES.map((l) => {
    const template = t.getFixedT(l)('complaint.letter.date', { date: '\u0000' });
    const [before, after] = template.split('\u0000') as [string, string];
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return [new RegExp(`^${escape(before)}.*${escape(after)}$`, 'gm'), `${before}<date>${after}`] as const;
  }),
];
const stable = (text: string) => VOLATILE.reduce((s, [pattern, replacement]) => s.replace(pattern, replacement), text);

export function compared(a: TranscriptActivity): Compared {
  return {
    type: a.type,
    ...(a.text !== undefined ? { text: stable(a.text) } : {}),
    ...(a.attachments?.length ? { attachments: a.attachments.map((x) => String(x.contentType)) } : {}),
    ...(a.suggestedActions?.actions?.length ? { actions: a.suggestedActions.actions.map((x) => String(x.title)) } : {}),
    ...(a.channelData?.wegwijzer?.topic ? { topic: a.channelData.wegwijzer.topic } : {}),
  };
}

const isUser = (a: TranscriptActivity) => a.from?.role === 'user';
const isNoise = (a: TranscriptActivity) => a.type === 'typing' || a.type === 'trace';

export function loadTranscript(file: string): TranscriptActivity[] {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file}: a .transcript file is a JSON array of activities`);
  return parsed as TranscriptActivity[];
}

/** Turns of the recording: each user activity with the bot activities that followed it. */
export function turnsOf(activities: TranscriptActivity[]): { user: TranscriptActivity; replies: Compared[] }[] {
  const turns: { user: TranscriptActivity; replies: Compared[] }[] = [];
  for (const a of activities) {
    if (isNoise(a)) continue;
    if (isUser(a)) turns.push({ user: a, replies: [] });
    else if (turns.length) turns.at(-1)!.replies.push(compared(a));
  }
  return turns;
}

/** Sends the recording's user activities to the bot; returns the expected and actual turns, side by side. */
export async function replay(bot: RunningBot, channel: CaptureChannel, activities: TranscriptActivity[], runId: string) {
  const turns = turnsOf(activities);
  const conversation = { id: `replay-${runId}|livechat` };
  const from = { id: `replay-user-${runId}`, name: 'User', role: 'user' };
  const expected: { user: string; replies: Compared[] }[] = [];
  const actual: { user: string; replies: Compared[] }[] = [];
  for (const turn of turns) {
    const { user } = turn;
    const label = user.type === 'message' ? String(user.text) : user.type;
    const activity = user.type === 'conversationUpdate'
      ? { type: 'conversationUpdate', membersAdded: [from, { id: 'bot-1', name: 'Wegwijzer' }] }
      : { type: user.type, text: user.text };
    const { status, replies } = await post(bot, channel, emulatorActivity(channel, {
      ...activity, conversation, from, channelId: user.channelId ?? 'emulator', ...(user.locale ? { locale: user.locale } : {}),
    }));
    if (status !== 200) throw new Error(`"${label}": HTTP ${status}`);
    expected.push({ user: label, replies: turn.replies });
    actual.push({ user: label, replies: (replies as TranscriptActivity[]).filter((r) => !isNoise(r)).map(compared) });
  }
  return { expected, actual };
}
