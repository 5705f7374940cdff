// The idempotent-retry helper: a call whose answer was lost after the
// commit, or whose connection was terminated, is resubmitted with the same
// ref and returns the original result, applied once; a ledger refusal is
// not retried.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { CreativeDefi, InsufficientBalanceError, isRetryable, withIdempotentRetry } from '../dist/index.js';
import { ETH, admin, run, testAccount } from './helpers.mjs';

const db = new CreativeDefi();
const dave = testAccount('dave').address;
after(() => db.end());

async function journalRows(ref) {
  const [r] = await db.query('SELECT count(*) AS n FROM creative_defi.ledger_transactions WHERE ref = $1', [ref]);
  return r.n;
}

test('the answer lost after the commit: the retry returns the original result, applied once', async () => {
  const ref = `${run}-lost-answer`;
  const realQuery = db.pool.query.bind(db.pool);
  let lost = 0;
  // the first deposit commits in the database, then its answer is lost on
  // the way back, as when the connection drops after the commit
  db.pool.query = async (...args) => {
    const r = await realQuery(...args);
    if (lost === 0 && String(args[0]).includes('"deposit"')) {
      lost += 1;
      throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    }
    return r;
  };
  const retries = [];
  try {
    const r = await withIdempotentRetry(() => db.deposit({ account: dave, asset: ETH, amount: 123n, ref }),
                                        { onRetry: (e) => retries.push(e.code) });
    assert.deepEqual(retries, ['ECONNRESET']);
    assert.equal(r.moved, 123n);
    assert.equal(await journalRows(ref), 1n);
    const [orig] = await db.query('SELECT id FROM creative_defi.ledger_transactions WHERE ref = $1', [ref]);
    assert.equal(r.txnId, orig.id);
    assert.equal(await db.balance(dave, ETH), 123n);
  } finally {
    db.pool.query = realQuery;
  }
});

test('a connection terminated mid-call (57P01) is retried on a new one', async () => {
  const ref = `${run}-terminated`;
  // hold the ref's lock (ledger_lock_ref's key) so that the call waits in
  // the database, then terminate its backend while it waits
  const holder = new pg.Client();
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT pg_advisory_xact_lock(1128529921, hashtext($1))', [ref]);
  const retries = [];
  const call = db.retry(() => db.deposit({ account: dave, asset: ETH, amount: 7n, ref }),
                        { onRetry: (e) => retries.push(e.code ?? e.message) });
  let terminated = 0;
  for (let i = 0; i < 200 && terminated === 0; i++) {
    const [r] = await admin(`SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
                              WHERE wait_event_type = 'Lock' AND query LIKE '%"deposit"%' AND pid <> pg_backend_pid()`);
    terminated = Number(r.n);
    if (terminated === 0) await new Promise((res) => setTimeout(res, 20));
  }
  assert.equal(terminated, 1);
  await new Promise((res) => setTimeout(res, 100));
  await holder.query('COMMIT');
  await holder.end();
  const r = await call;
  assert.equal(r.moved, 7n);
  assert.deepEqual(retries, ['57P01']);
  assert.equal(await journalRows(ref), 1n);
});

test('serialization failures are retried; ledger refusals are not', async () => {
  let calls = 0;
  const v = await withIdempotentRetry(async () => {
    calls += 1;
    if (calls < 3) throw Object.assign(new Error('could not serialize access'), { code: calls === 1 ? '40001' : '40P01' });
    return 'done';
  }, { delayMs: 1 });
  assert.equal(v, 'done');
  assert.equal(calls, 3);
  let refused = 0;
  await assert.rejects(withIdempotentRetry(() => {
    refused += 1;
    return db.withdraw({ account: dave, asset: ETH, amount: 10n ** 9n, ref: `${run}-refused` });
  }), InsufficientBalanceError);
  assert.equal(refused, 1);
  assert.equal(isRetryable({ code: '08006' }), true);
  assert.equal(isRetryable({ code: 'CD002' }), false);
  assert.equal(isRetryable({ code: '23505' }), false);
});
