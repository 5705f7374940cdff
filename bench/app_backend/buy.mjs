// bench/app_backend/buy.mjs: the same buy on a bonding curve done two ways
// from Node, in one run (bench/app_backend.sh sets the database up):
//
//   extension     the TypeScript client's buy(): one call, one round trip;
//                 the database prices on the curve, splits the royalty, posts,
//                 updates the balances and journals the transaction
//   hand-written  what a backend team writes without the extension, on the
//                 plain tables of bench/lib/plain_market.sql: a
//                 node-postgres transaction that locks the asset row and the
//                 buyer's balance with SELECT ... FOR UPDATE, prices on the
//                 same linear curve and splits the royalty (largest
//                 remainder) in JavaScript bigint, and sends every update
//                 and insert as a statement of its own
//
// First a fixed sequence of trades runs one by one on both sides, and the
// hand-written side must give the extension's cost, royalty, paid and
// postings for every trade, and the same balances, supplies and reserves
// afterwards (both start from the same copied state), so the comparison is
// of equal work.  Then timed runs, each side with CLIENTS concurrent
// clients (one pooled connection each) on the same accounts: client c buys
// one unit of a pseudo-random asset for a pseudo-random account of its own
// range, the same sequence on both sides.  The sides alternate for ROUNDS
// rounds after an uncounted warm-up of each; the best round of each counts.
// Round trips are counted in the client: every query node-postgres sends
// (BEGIN and COMMIT included), divided by the trades.  After the runs the
// extension's ledger_verify() and the plain tables' own invariants (reserve
// = the curve's reserve at the supply, postings balanced) must hold.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const clientDir = path.join(root, 'clients/typescript');
// the client's own node-postgres, so that one counter sees both sides' queries
const pg = createRequire(path.join(clientDir, 'package.json'))('pg');
const { CreativeDefi } = await import(pathToFileURL(path.join(clientDir, 'dist/index.js')).href);

const env = (name, dflt) => {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  if (!/^[1-9][0-9]*$/.test(v)) throw new Error(`${name} must be a positive integer, not '${v}'`);
  return Number(v);
};
const SECONDS = env('BENCH_SECONDS', 8);
const CLIENTS = env('BENCH_CLIENTS', 8);
const ROUNDS = env('BENCH_ROUNDS', 2);
const CHECK_TRADES = env('BENCH_CHECK_TRADES', 60);
const MAX_COST = 10n ** 18n;

let queries = 0;
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  queries += 1;
  return clientQuery.apply(this, args);
};

function fail(message) {
  console.log(`bench app_backend: FAILED: ${message}`);
  process.exit(1);
}

// ---- the hand-written backend ------------------------------------------

// R(s) of linear(base, slope): unit i costs base + slope*i, so s units cost
// base*s + slope*s(s-1)/2 (whole for whole base and slope).
function linearReserve(base, slope, s) {
  return base * s + (slope * s * (s - 1n)) / 2n;
}

// The royalty's shares by the largest-remainder rule (docs/royalty_split.md):
// the distributor fee first, floor of each share, the leftover units one each
// to the largest remainders, ties by the larger share, then the lower
// address; recipients in address order, then the fee row.
function splitShares(recipients, sharesPpm, distributorFee, amount, distributor) {
  const fee = (amount * BigInt(distributorFee)) / 1000000n;
  const net = amount - fee;
  const rows = recipients.map((account, i) => {
    const share = BigInt(sharesPpm[i]);
    return { account, share, amount: (net * share) / 1000000n, remainder: (net * share) % 1000000n };
  });
  let leftover = net - rows.reduce((s, r) => s + r.amount, 0n);
  const order = [...rows].sort((x, y) =>
    x.remainder !== y.remainder ? (x.remainder > y.remainder ? -1 : 1)
      : x.share !== y.share ? (x.share > y.share ? -1 : 1)
        : x.account.toLowerCase() < y.account.toLowerCase() ? -1 : 1);
  for (const r of order) {
    if (leftover === 0n) break;
    r.amount += 1n;
    leftover -= 1n;
  }
  const out = rows.map((r) => [r.account, r.amount]);
  if (distributorFee > 0) out.push([distributor, fee]);
  return out;
}

let issuanceAccount;

async function plainBuy(pool, { asset, buyer, amount, maxCost, ref }) {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const a = (await c.query(
      `SELECT currency, curve_base, curve_slope, split_recipients, split_shares, split_distributor_fee,
              royalty_bps, supply, reserve_account
         FROM plain.assets WHERE asset = $1 FOR UPDATE`, [asset])).rows[0];
    if (!a) throw new Error(`unknown asset ${asset}`);
    const supply = BigInt(a.supply);
    const base = BigInt(a.curve_base);
    const slope = BigInt(a.curve_slope);
    const cost = linearReserve(base, slope, supply + amount) - linearReserve(base, slope, supply);
    const royalty = (cost * BigInt(a.royalty_bps) + 9999n) / 10000n;
    const paid = cost + royalty;
    if (paid > maxCost) throw new Error(`slippage exceeded: ${paid} > ${maxCost}`);
    const held = (await c.query('SELECT amount FROM plain.holdings WHERE account = $1 AND asset = $2 FOR UPDATE',
      [buyer, a.currency])).rows[0];
    if (!held || BigInt(held.amount) < paid) throw new Error(`insufficient balance: ${buyer} holds ${held?.amount ?? 0}, needs ${paid}`);
    const postings = [
      [buyer, a.currency, -paid, 'user'],
      [a.reserve_account, a.currency, cost, 'reserve'],
      ...splitShares(a.split_recipients, a.split_shares, a.split_distributor_fee, royalty, buyer)
        .map(([account, share]) => [account, a.currency, share, 'user']),
      [issuanceAccount, asset, -amount, 'issuance'],
      [buyer, asset, amount, 'user'],
    ].filter((p) => p[2] !== 0n);
    const result = { bought: amount.toString(), cost: cost.toString(), royalty: royalty.toString(), paid: paid.toString() };
    const txnId = (await c.query(
      'INSERT INTO plain.transactions (ref, kind, asset, request, result) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [ref, 'buy', asset, JSON.stringify({ asset, buyer, amount: amount.toString(), max_cost: maxCost.toString() }),
        JSON.stringify(result)])).rows[0].id;
    await c.query('UPDATE plain.holdings SET amount = amount - $3 WHERE account = $1 AND asset = $2',
      [buyer, a.currency, paid.toString()]);
    for (const [account, asst, amt, kind] of postings.slice(1)) {
      await c.query(
        `INSERT INTO plain.holdings (account, asset, amount, kind) VALUES ($1, $2, $3, $4)
         ON CONFLICT (account, asset) DO UPDATE SET amount = plain.holdings.amount + EXCLUDED.amount`,
        [account, asst, amt.toString(), kind]);
    }
    await c.query('UPDATE plain.assets SET supply = supply + $2, reserve = reserve + $3 WHERE asset = $1',
      [asset, amount.toString(), cost.toString()]);
    for (const [i, [account, asst, amt]] of postings.entries()) {
      await c.query('INSERT INTO plain.postings (txn_id, n, account, asset, amount) VALUES ($1, $2, $3, $4, $5)',
        [txnId, i + 1, account, asst, amt.toString()]);
    }
    await c.query('COMMIT');
    return { txnId: BigInt(txnId), cost, royalty, paid };
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

// ---- the two sides -------------------------------------------------------

const db = new CreativeDefi({ max: CLIENTS });
const plainPool = new pg.Pool({ max: CLIENTS });
plainPool.on('error', () => undefined);

const sides = {
  extension: (t) => db.buy(t),
  hand_written: (t) => plainBuy(plainPool, t),
};

// a small deterministic generator, so that both sides run the same trades
function generator(seed) {
  let x = seed >>> 0;
  return (n) => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = x;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(sorted.length * p) - 1))];
}

const ACCOUNTS = env('BENCH_APP_ACCOUNTS', 1600); // bench/app_backend.sh funds bench.account(0 .. ACCOUNTS - 1)
const { rows: names } = await db.pool.query(
  `SELECT (SELECT array_agg(a.asset ORDER BY a.asset) FROM plain.assets a) AS assets,
          (SELECT array_agg(bench.account(i)::text ORDER BY i) FROM generate_series(0, $1::int - 1) i) AS accounts,
          creative_defi.ledger_issuance_account()::text AS issuance`, [ACCOUNTS]);
const assets = names[0].assets;
const accounts = names[0].accounts;
issuanceAccount = names[0].issuance;
if (!assets?.length || accounts.length < CLIENTS) fail(`expected assets and at least ${CLIENTS} accounts, got ${assets?.length} and ${accounts.length}`);

// ---- 1. the same trades, one by one, must give the same results --------

const checkTrades = Array.from({ length: CHECK_TRADES }, (_, j) => ({
  asset: assets[(j * 7) % Math.min(assets.length, 12)], // a few assets, so that each is bought at several supplies
  buyer: accounts[(j * 13) % accounts.length],
  amount: BigInt(1 + (j % 5)),
  maxCost: MAX_COST,
}));
const results = {};
for (const side of Object.keys(sides)) {
  results[side] = [];
  for (const [j, t] of checkTrades.entries()) results[side].push(await sides[side]({ ...t, ref: `check-${side}-${j}` }));
}
for (const [j, t] of checkTrades.entries()) {
  const e = results.extension[j];
  const h = results.hand_written[j];
  for (const k of ['cost', 'royalty', 'paid']) {
    if (e[k] !== h[k]) fail(`check trade ${j} (${t.amount} of ${t.asset}): ${k} ${h[k]} by hand, ${e[k]} by the extension`);
  }
}
const postingsOf = async (table, ids) => (await db.pool.query(
  `SELECT txn_id, account::text, asset::text, amount FROM ${table} WHERE txn_id = ANY ($1::bigint[]) ORDER BY txn_id, n`,
  [ids.map(String)])).rows.map((r) => `${r.account} ${r.asset} ${r.amount}`);
const extPostings = [];
const handPostings = [];
for (const [j] of checkTrades.entries()) {
  extPostings.push((await postingsOf('creative_defi.ledger_postings', [results.extension[j].txnId])).join('\n'));
  handPostings.push((await postingsOf('plain.postings', [results.hand_written[j].txnId])).join('\n'));
  if (extPostings[j] === '' || extPostings[j] !== handPostings[j]) fail(`check trade ${j}: postings differ:\nby hand\n${handPostings[j]}\nextension\n${extPostings[j]}`);
}
const { rows: [diff] } = await db.pool.query(`
  WITH ext_h AS (SELECT account::text, asset::text, amount FROM creative_defi.ledger_holdings),
       ext_a AS (SELECT asset::text, supply::numeric, reserve::numeric FROM creative_defi.ledger_assets),
       hand_a AS (SELECT asset, supply, reserve FROM plain.assets)
  SELECT (SELECT count(*) FROM ((SELECT * FROM ext_h EXCEPT SELECT account, asset, amount FROM plain.holdings)
                                UNION ALL (SELECT account, asset, amount FROM plain.holdings EXCEPT SELECT * FROM ext_h)) d) AS holdings,
         (SELECT count(*) FROM ((SELECT * FROM ext_a EXCEPT SELECT * FROM hand_a)
                                UNION ALL (SELECT * FROM hand_a EXCEPT SELECT * FROM ext_a)) d) AS assets`);
if (Number(diff.holdings) !== 0 || Number(diff.assets) !== 0) {
  fail(`after the check trades ${diff.holdings} holdings and ${diff.assets} assets differ between the sides`);
}
const royalties = results.extension.reduce((s, r) => s + r.royalty, 0n);
console.log(`check: ${CHECK_TRADES} trades one by one (1-5 units, ${new Set(checkTrades.map((t) => t.asset)).size} assets): ` +
  `the same cost, royalty, paid and postings on both sides (royalties ${royalties}), the same balances, supplies and reserves`);

// ---- 2. timed runs -------------------------------------------------------

async function timedRun(name, side, seconds) {
  const latencies = [];
  const q0 = queries;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  const per = Math.floor(accounts.length / CLIENTS);
  await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
    const next = generator(1000 + c);
    for (let n = 0; process.hrtime.bigint() < end; n += 1) {
      const t = { asset: assets[next(assets.length)], buyer: accounts[c * per + next(per)], amount: 1n, maxCost: MAX_COST,
        ref: `${name}-${c}-${n}` };
      const t0 = process.hrtime.bigint();
      const r = await sides[side](t);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.paid !== r.cost + r.royalty) fail(`${name}: paid ${r.paid} is not cost ${r.cost} + royalty ${r.royalty}`);
    }
  }));
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((x, y) => x - y);
  const run = { name, tps: latencies.length / elapsed, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99),
    roundTrips: (queries - q0) / latencies.length, clientCpu: (cpu.user + cpu.system) / latencies.length };
  console.log(`  ${name.padEnd(26)} ${run.tps.toFixed(1).padStart(8)} tps   p50 ${run.p50.toFixed(2).padStart(7)} ms   ` +
    `p99 ${run.p99.toFixed(2).padStart(7)} ms   ${run.roundTrips.toFixed(2)} round trips, ${run.clientCpu.toFixed(0)} µs Node CPU a trade`);
  return run;
}

const { rows: [conn] } = await db.pool.query(
  `SELECT current_setting('fsync') AS fsync, coalesce('TCP to ' || host(inet_server_addr()), 'a Unix socket') AS via`);
console.log(`${CLIENTS} clients (one Node process) over ${conn.via}, ${SECONDS}s per run, ${ROUNDS} rounds, ` +
  `${assets.length} assets, ${accounts.length} buyers, 1 unit a buy, fsync ${conn.fsync}`);
const best = {};
for (const side of Object.keys(sides)) await timedRun(`warm_up_${side}`, side, Math.min(SECONDS, 3));
for (let round = 1; round <= ROUNDS; round += 1) {
  for (const side of Object.keys(sides)) {
    await db.pool.query('CHECKPOINT');
    const run = await timedRun(`${side}_${round}`, side, SECONDS);
    if (!best[side] || run.tps > best[side].tps) best[side] = run;
  }
}
const e = best.extension;
const h = best.hand_written;
console.log(`\nratios, the extension through the client to the hand-written backend (best of ${ROUNDS} runs each):`);
console.log(`  ${'throughput'.padEnd(34)} ${(e.tps / h.tps).toFixed(2)}x   (${e.tps.toFixed(1)} against ${h.tps.toFixed(1)} tps)`);
console.log(`  ${'p50 latency, hand-written / ext'.padEnd(34)} ${(h.p50 / e.p50).toFixed(2)}x   (${h.p50.toFixed(2)} against ${e.p50.toFixed(2)} ms)`);
console.log(`  ${'p99 latency, hand-written / ext'.padEnd(34)} ${(h.p99 / e.p99).toFixed(2)}x   (${h.p99.toFixed(2)} against ${e.p99.toFixed(2)} ms)`);
console.log(`  ${'round trips a trade'.padEnd(34)} ${(h.roundTrips / e.roundTrips).toFixed(2)}x   (${h.roundTrips.toFixed(2)} against ${e.roundTrips.toFixed(2)})`);
console.log(`  ${'Node CPU a trade'.padEnd(34)} ${(h.clientCpu / e.clientCpu).toFixed(2)}x   (${h.clientCpu.toFixed(0)} against ${e.clientCpu.toFixed(0)} µs)`);

// ---- 3. both sides still add up ------------------------------------------

const { rows: [inv] } = await db.pool.query(`
  SELECT (SELECT bool_and(ok) FROM creative_defi.ledger_verify()) AS ledger_ok,
         (SELECT count(*) FROM plain.assets a
           WHERE a.reserve <> creative_defi.curve_reserve(creative_defi.linear_curve(a.curve_base, a.curve_slope), a.supply)
              OR a.reserve <> (SELECT h.amount FROM plain.holdings h WHERE h.account = a.reserve_account AND h.asset = a.currency)
              OR a.supply <> -(SELECT h.amount FROM plain.holdings h
                                WHERE h.account = creative_defi.ledger_issuance_account()::text AND h.asset = a.asset)) AS bad_assets,
         (SELECT count(*) FROM (SELECT 1 FROM plain.postings GROUP BY txn_id, asset HAVING sum(amount) <> 0) u) AS unbalanced,
         (SELECT count(*) FROM (SELECT 1 FROM plain.holdings GROUP BY asset HAVING sum(amount) <> 0) u) AS unbalanced_assets`);
if (!inv.ledger_ok) fail('ledger_verify() after the runs');
if (Number(inv.bad_assets) + Number(inv.unbalanced) + Number(inv.unbalanced_assets) !== 0) {
  fail(`the hand-written side after the runs: ${inv.bad_assets} assets whose reserve or supply is wrong, ` +
    `${inv.unbalanced} unbalanced transactions, ${inv.unbalanced_assets} assets whose holdings do not sum to zero`);
}
console.log('after the runs: ledger_verify() all ok; the hand-written side: every reserve is the curve\'s reserve at its supply, ' +
  'postings and holdings balance');
await db.end();
await plainPool.end();
