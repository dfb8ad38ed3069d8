// How a bot reply looks in a terminal: text, an Adaptive Card as plain lines, buttons as a numbered list; or, in
// the WhatsApp view, the messages the WhatsApp channel sends for it. Pure.

interface Activityish {
  type?: string;
  text?: string;
  attachments?: { contentType?: string; content?: unknown }[];
  suggestedActions?: { actions?: { title?: string; value?: unknown }[] };
}

/** The readable lines of an Adaptive Card: text blocks, facts ("Phone: ..."), links ("Go to ... <url>"). */
export function cardLines(card: unknown): string[] {
  const lines: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) { node.forEach(walk); return; }
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    if (n.type === 'TextBlock' && typeof n.text === 'string') lines.push(n.text);
    if (n.type === 'FactSet' && Array.isArray(n.facts)) {
      for (const f of n.facts as { title?: string; value?: string }[]) lines.push(`${f.title ?? ''}: ${f.value ?? ''}`);
    }
    if (n.type === 'Action.OpenUrl') lines.push(`${String(n.title ?? '')} <${String(n.url ?? '')}>`);
    for (const key of ['body', 'items', 'columns', 'actions']) if (key in n) walk(n[key]);
  };
  walk(card);
  // Drop the bidi isolation marks the card puts around phone numbers; a terminal shows them as junk.
  return lines.map((l) => l.replace(/[\u2066-\u2069]/g, ''));
}

/** One reply as terminal text; returns the button values in order so "2" can send the second. */
export function formatReply(activity: Activityish): { text: string; choices: string[] } {
  if (activity.type !== 'message') return { text: '', choices: [] };
  const parts: string[] = [];
  if (activity.text) parts.push(activity.text);
  for (const attachment of activity.attachments ?? []) {
    if (attachment.contentType === 'application/vnd.microsoft.card.adaptive') {
      parts.push(cardLines(attachment.content).map((l) => `  │ ${l}`).join('\n'));
    } else if (attachment.contentType) {
      parts.push(`  [${attachment.contentType}]`);
    }
  }
  const actions = activity.suggestedActions?.actions ?? [];
  if (actions.length) parts.push(actions.map((a, i) => `  [${i + 1}] ${a.title ?? String(a.value)}`).join('\n'));
  return { text: parts.join('\n\n'), choices: actions.map((a) => String(a.value ?? a.title ?? '')) };
}

/** Direction marks and isolates: invisible on a phone, junk in a terminal. */
const BIDI = /[\u200e\u200f\u061c\u2066-\u2069]/g;

type GraphMessage = Record<string, any>;

/** One WhatsApp "messages" body as terminal lines; the ids of its buttons or rows are added to `choices`. */
function whatsAppLines(message: GraphMessage, choices: string[]): string[] {
  const framed = (text: string) => text.replace(BIDI, '').split('\n').map((l) => `  │ ${l}`);
  if (message.type === 'text') return ['  ┌ text', ...framed(String(message.text?.body ?? ''))];
  const interactive = message.interactive ?? {};
  const option = (id: unknown, title: unknown, description?: unknown) => {
    choices.push(String(id ?? ''));
    const line = `  │ [${choices.length}] ${String(title ?? '')}${description ? ` — ${String(description)}` : ''}`;
    return line.replace(BIDI, '');
  };
  const body = framed(String(interactive.body?.text ?? ''));
  if (interactive.type === 'button') {
    const buttons: { reply?: { id?: string; title?: string } }[] = interactive.action?.buttons ?? [];
    return ['  ┌ reply buttons', ...body, ...buttons.map((b) => option(b.reply?.id, b.reply?.title))];
  }
  if (interactive.type === 'list') {
    const rows: { id?: string; title?: string; description?: string }[] =
      (interactive.action?.sections ?? []).flatMap((section: { rows?: unknown[] }) => section.rows ?? []);
    const opener = String(interactive.action?.button ?? '').replace(BIDI, '');
    return [`  ┌ list, opened with "${opener}"`, ...body, ...rows.map((r) => option(r.id, r.title, r.description))];
  }
  return [`  ┌ ${String(message.type)}`];
}

/**
 * The messages the WhatsApp channel sends for one reply (renderForWhatsApp's output) as terminal text: each
 * message framed, buttons and list rows numbered across the reply. Returns the ids in order, which is what a
 * tap sends, so "2" can send the second.
 */
export function formatWhatsApp(messages: GraphMessage[]): { text: string; choices: string[] } {
  const choices: string[] = [];
  const text = messages.map((m) => whatsAppLines(m, choices).join('\n')).join('\n');
  return { text, choices };
}
