// The shape an inbound activity must have before it reaches the adapter (botbuilder answers 500 otherwise).
import { z } from 'zod';

const account = z.looseObject({ id: z.string().min(1).max(256), name: z.string().max(256).optional() });

export const InboundActivity = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(256).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  conversation: z.looseObject({ id: z.string().min(1).max(512) }),
  from: account,
  recipient: account,
  text: z.string().max(50_000).optional(),
  locale: z.string().max(20).optional(),
  attachments: z.array(z.unknown()).max(20).optional(),
  membersAdded: z.array(account).max(50).optional(),
});
export type InboundActivity = z.infer<typeof InboundActivity>;

/** A one-line reason for a 400 answer: the first failing field. */
export function describeActivityError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid activity';
  return `invalid activity: ${issue.path.length ? issue.path.join('.') : 'body'} ${issue.message}`;
}
