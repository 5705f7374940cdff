// The event feed's fault test: a subscription reads every sealed ledger
// transaction exactly once and in chain order while four clients trade
// concurrently and its listening connection is terminated
// (pg_terminate_backend) three times mid-stream.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CreativeDefi } from '../dist/index.js';
import { ETH, admin, newSong, run, testAccount } from './helpers.mjs';

const db = new CreativeDefi({ max: 6 });
const traders = ['t1', 't2', 't3', 't4'].map((n) => testAccount(`events-${n}`).address);
const song = newSong();
after(() => db.end());

before(async () => {
  await db.registerAsset({ asset: song, currency: ETH, curve: 'linear(base=100, slope=1)', split: `${traders[0]}=100%`,
                           creator: traders[0], royaltyBps: 100 });
  for (const [i, t] of traders.entries()) await db.deposit({ account: t, asset: ETH, amount: 10n ** 12n, ref: `${run}-ev-seed-${i}` });
});

async function trade(worker, count) {
  const me = traders[worker];
  const other = traders[(worker + 1) % traders.length];
  for (let i = 0; i < count; i++) {
    const ref = `${run}-ev-${worker}-${i}`;
    switch (i % 4) {
      case 0: await db.buy({ asset: song, buyer: me, amount: 2n, maxCost: 10n ** 9n, ref }); break;
      case 1: await db.transfer({ from: me, to: other, asset: ETH, amount: 5n, ref }); break;
      case 2: await db.sell({ asset: song, seller: me, amount: 1n, minProceeds: 0n, ref }); break;
      default: await db.deposit({ account: me, asset: ETH, amount: 3n, ref }); break;
    }
  }
}

test('no event missed or repeated across terminated connections under concurrent trades', async () => {
  const start = (await db.journalHead()).seq;
  const seen = [];
  const errors = [];
  const killAt = new Set([20, 90, 170]);
  let kills = 0;
  let sub;
  sub = await db.subscribe({
    afterSeq: start,
    batch: 7, // small pages: a kill often lands between two pages
    sealEveryMs: 200,
    reconnectDelayMs: 20,
    onError: (e) => errors.push(e),
    onEvent: async (e) => {
      seen.push(e);
      if (killAt.has(seen.length)) {
        // terminate the listening connection while this page is being
        // delivered: the rest of the page is handed over, the next read fails
        kills += 1;
        const [r] = await admin('SELECT pg_terminate_backend($1) AS ok', [sub.backendPid]);
        assert.equal(r.ok, true);
      }
    },
  });
  await Promise.all(traders.map((_, w) => trade(w, 60)));
  const head = (await db.journalHead()).seq; // seals whatever waits; its NOTIFY wakes the feed
  const deadline = Date.now() + 30000;
  while (sub.lastSeq < head && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await sub.close();

  assert.equal(kills, 3);
  assert.ok(sub.connections >= 4, `reconnected ${sub.connections - 1} times`);
  assert.ok(errors.length >= 3, `saw ${errors.length} connection losses`);
  const seqs = seen.map((e) => e.seq);
  const expected = [];
  for (let s = start + 1n; s <= head; s++) expected.push(s);
  assert.deepEqual(seqs, expected, 'every seq once, in order');
  const ids = await db.query('SELECT txn_id FROM creative_defi.ledger_chain WHERE seq > $1 ORDER BY seq', [start]);
  assert.deepEqual(seen.map((e) => e.txnId), ids.map((r) => r.txn_id));
  assert.equal(new Set(seen.map((e) => e.ref)).size, seen.length, 'no ref twice');
  // 4 workers x 60 trades, all in the feed
  const ours = seen.filter((e) => e.ref.startsWith(`${run}-ev-`) && !e.ref.includes('seed'));
  assert.equal(ours.length, 240);
  // postings as bigint, balanced per asset
  for (const e of seen) {
    const sums = new Map();
    for (const p of e.postings) {
      assert.equal(typeof p.amount, 'bigint');
      sums.set(p.asset, (sums.get(p.asset) ?? 0n) + p.amount);
    }
    for (const v of sums.values()) assert.equal(v, 0n);
  }
});

test('a subscription from a seq delivers only what follows it', async () => {
  const head = (await db.journalHead()).seq;
  const got = [];
  const sub = await db.subscribe({ afterSeq: head, onEvent: (e) => { got.push(e); } });
  const r = await db.deposit({ account: traders[0], asset: ETH, amount: 1n, ref: `${run}-ev-after` });
  const deadline = Date.now() + 10000;
  while (got.length < 1 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
  await sub.close();
  assert.equal(got.length, 1);
  assert.equal(got[0].seq, head + 1n);
  assert.equal(got[0].txnId, r.txnId);
  assert.equal(got[0].kind, 'deposit');
  assert.deepEqual(got[0].postings.map((p) => p.amount), [-1n, 1n]);
});

test('an event whose handler threw is offered again, and lastSeq does not pass it', async () => {
  const head = (await db.journalHead()).seq;
  const got = [];
  const errors = [];
  let failures = 0;
  const sub = await db.subscribe({
    afterSeq: head,
    reconnectDelayMs: 20,
    onError: (e) => errors.push(e),
    onEvent: (e) => {
      if (failures === 0) {
        failures += 1;
        throw new Error('the application could not store the event');
      }
      got.push(e.seq);
    },
  });
  await db.deposit({ account: traders[1], asset: ETH, amount: 1n, ref: `${run}-ev-retry-1` });
  await db.deposit({ account: traders[1], asset: ETH, amount: 2n, ref: `${run}-ev-retry-2` });
  const deadline = Date.now() + 10000;
  while (got.length < 2 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
  await sub.close();
  assert.equal(failures, 1);
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /could not store/);
  assert.deepEqual(got, [head + 1n, head + 2n]);
});
