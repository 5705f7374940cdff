// Idempotent retries.  Every mutating ledger call takes a ref, and the
// ledger replays a ref it has seen with the same arguments: it applies
// nothing and returns the original result from the journal
// (docs/ledger.md, "Idempotency").  So a call whose outcome is unknown (the
// connection was lost, possibly after the commit) or that failed to
// serialize can be sent again with the same ref, and the caller gets the
// original result, never a second application.

/** SQLSTATEs and socket errors after which resubmitting the same call is safe and may succeed. */
export function isRetryable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (code === '40001' || code === '40P01') return true; // serialization failure, deadlock
  if (code === '57P01' || code === '57P02' || code === '57P03') return true; // admin / crash shutdown, cannot connect now
  if (/^08/.test(code)) return true; // connection exception class
  if (['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(code)) return true;
  // node-postgres reports a socket closed under a running query without a code
  const message = typeof e.message === 'string' ? e.message : '';
  return /^Connection terminated( unexpectedly|: Connection terminated unexpectedly)?$|^Client has encountered a connection error/.test(message);
}

export interface RetryOptions {
  /** Attempts in all, the first included (default 5). */
  attempts?: number;
  /** Delay before the second attempt in ms, doubled each time (default 50). */
  delayMs?: number;
  /** Called before each resubmission. */
  onRetry?: (err: unknown, attempt: number) => void;
}

/**
 * Run `call` and resubmit it, unchanged, after a lost connection or a
 * serialization failure.  `call` must be an idempotent ledger call with a
 * fixed ref (the same closure is run again, so the ref is the same); the
 * result is the original one when an earlier attempt committed.
 */
export async function withIdempotentRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  let delay = options.delayMs ?? 50;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw err;
      options.onRetry?.(err, attempt);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay *= 2;
    }
  }
}
