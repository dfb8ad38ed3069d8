// The one call Wegwijzer makes to Meta's Graph API: POST {WHATSAPP_GRAPH_URL}/{WHATSAPP_PHONE_NUMBER_ID}/messages
// with the bearer token. Errors carry the HTTP status and Meta's error code, never the message body, the token
// or the recipient.
//
// Retried with exponential backoff and jitter, a bounded number of times, never sooner than a Retry-After asks:
// - HTTP 429 and 5xx;
// - Meta's throttling and transient error codes, whatever the HTTP status (Meta answers most of them with 400;
//   its error-codes page says to build error handling on `code`, not on the status): see RETRY_CODES;
// - a connection that could not be made (refused, name not found): the request never left.
// Not retried: a request that was sent but got no answer in time (timeout, connection reset). Meta may have
// taken it, and a second attempt could deliver the message twice; it is reported as failed instead.
// An AbortSignal (shutdown) ends a request or a wait at once.

export interface GraphOptions {
  /** The Graph API base with its version, e.g. https://graph.facebook.com/v27.0. */
  baseUrl: string;
  phoneNumberId: string;
  accessToken: string;
  /** Attempts in all, the first included (default 4). */
  maxAttempts?: number;
  /** First backoff step; doubles each retry (default 500 ms). Tests pass 1. */
  baseDelayMs?: number;
  /** No single wait is longer (default 30 s). A Retry-After beyond it ends the retries. */
  maxDelayMs?: number;
  /** Time allowed for one request (default 10 s). */
  timeoutMs?: number;
  /** Called before each retry (for /metrics): the HTTP status (0: no connection) and Meta's code, if any. */
  onRetry?: (status: number, code?: number) => void;
  /** Waits `ms`; must end early (resolve or reject) when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Why a send ended without an HTTP answer: no connection could be made, no answer in time, the connection broke
 * after sending (or an error that does not say), or it was stopped (shutdown).
 */
export type NoAnswer = 'connection' | 'timeout' | 'lost' | 'aborted';

/** A send that did not succeed: `status` 0 when no HTTP answer came (`noAnswer` says why). */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly attempts: number,
    /** Meta's error code (e.g. 131047: the 24-hour window has closed), when the body had one. */
    readonly code?: number,
    readonly noAnswer?: NoAnswer,
  ) {
    super(`Graph API send failed (${status ? `status ${status}` : `no answer: ${noAnswer ?? 'connection'}`}${code !== undefined ? `, code ${code}` : ''}, ${attempts} attempt${attempts === 1 ? '' : 's'})`);
    this.name = 'GraphError';
  }
}

/** Meta's error code for "more than 24 hours have passed since the customer last replied". */
export const OUTSIDE_WINDOW_CODE = 131047;

/**
 * Meta's error codes that mean "try again later" (WhatsApp Cloud API error codes, "Throttling errors" and
 * the general ones): 4 the app's API call rate limit, 80007 the WhatsApp Business Account's rate limit, 130429
 * the number's message throughput, 131056 too many messages to the same person in a short time (pair rate
 * limit), 1 unknown (possibly a server error), 2 service temporarily down or overloaded, 131000 "something went
 * wrong" (unknown error).
 */
export const RETRY_CODES: ReadonlySet<number> = new Set([4, 80007, 130429, 131056, 1, 2, 131000]);
/** The pair rate limit: one message to the same person every 6 seconds, so a retry waits at least that long. */
export const PAIR_RATE_CODE = 131056;
export const PAIR_RATE_WAIT_MS = 6_000;

export interface GraphSender {
  /** Sends one "messages" body; resolves with Meta's message id, or rejects with a GraphError. */
  send(body: Record<string, unknown>, signal?: AbortSignal): Promise<{ id?: string }>;
}

const retryable = (status: number, code: number | undefined) =>
  status === 429 || status >= 500 || (code !== undefined && RETRY_CODES.has(code));

/** Connection errors that happen before a request is sent (undici's cause codes): safe to try again. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Why fetch threw: the caller's signal, our timeout, a connection never made, or anything else (maybe sent). */
function noAnswerOf(error: unknown, signal: AbortSignal | undefined): NoAnswer {
  if (signal?.aborted) return 'aborted';
  if ((error as Error)?.name === 'TimeoutError') return 'timeout';
  // A host with several addresses reports an AggregateError of one error per address.
  const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } })?.cause;
  const codes = [cause?.code, ...(cause?.errors ?? []).map((e) => e.code)];
  return codes.some((code) => code && NOT_SENT.has(code)) ? 'connection' : 'lost';
}

/** Retry-After in ms: seconds, or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Waits `ms`, or less when `signal` aborts (then resolves at once; the caller checks the signal). */
export function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export class GraphClient implements GraphSender {
  private readonly url: string;

  constructor(private readonly options: GraphOptions) {
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(options.phoneNumberId)}/messages`;
  }

  async send(body: Record<string, unknown>, signal?: AbortSignal): Promise<{ id?: string }> {
    const { maxAttempts = 4, baseDelayMs = 500, maxDelayMs = 30_000, timeoutMs = 10_000 } = this.options;
    const sleep = this.options.sleep ?? sleepUnlessAborted;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw new GraphError(0, attempt - 1, undefined, 'aborted');
      let status = 0;
      let wait: number | undefined;
      let code: number | undefined;
      try {
        const timeout = AbortSignal.timeout(timeoutMs);
        const response = await fetch(this.url, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.options.accessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
        });
        status = response.status;
        const answer = await response.json().catch(() => undefined) as
          { messages?: { id?: string }[]; error?: { code?: number } } | undefined;
        if (response.ok) return { id: answer?.messages?.[0]?.id };
        code = typeof answer?.error?.code === 'number' ? answer.error.code : undefined;
        wait = retryAfterMs(response.headers.get('retry-after'));
      } catch (error) {
        const why = noAnswerOf(error, signal);
        // Sent but unanswered (or unknown): Meta may have the message; trying again could deliver it twice.
        if (why !== 'connection' || attempt >= maxAttempts) throw new GraphError(0, attempt, undefined, why);
      }
      if (status !== 0 && (!retryable(status, code) || attempt >= maxAttempts || (wait !== undefined && wait > maxDelayMs))) {
        throw new GraphError(status, attempt, code);
      }
      // An exponential step with jitter (so many conversations do not retry in step), but never sooner than
      // the server asked, and for the pair rate limit never sooner than the next message to that person may go.
      const step = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      const floor = Math.max(wait ?? 0, code === PAIR_RATE_CODE ? Math.min(maxDelayMs, PAIR_RATE_WAIT_MS) : 0);
      this.options.onRetry?.(status, code);
      await sleep(Math.max(floor, step / 2 + Math.random() * (step / 2)), signal);
    }
  }
}
