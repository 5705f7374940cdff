// The ledger through the client: amounts as bigint both ways, typed
// errors with their fields, pools and the type parsers kept per client.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import pg from 'pg';
import {
  CreativeDefi, CreativeDefiError, InsufficientBalanceError, UnknownAssetError, SlippageError, RefConflictError,
  NonPositiveAmountError, SystemAccountError, errorClasses,
} from '../dist/index.js';
import { ETH, USDC, newSong, run, testAccount } from './helpers.mjs';

const db = new CreativeDefi();
const alice = testAccount('alice').address;
const bob = testAccount('bob').address;
const carol = testAccount('carol').address;
const song = newSong();

before(async () => {
  await db.deposit({ account: alice, asset: ETH, amount: 10n ** 30n, ref: `${run}-seed-alice` });
  await db.registerAsset({ asset: song, currency: ETH, curve: 'linear(base=100, slope=10)', split: `${carol}=100%`,
                           creator: carol, royaltyBps: 500 });
});
after(() => db.end());

test('amounts beyond 2^53 arrive and return exactly, as bigint', async () => {
  const big = 2n ** 64n + 1n;
  const r = await db.deposit({ account: bob, asset: USDC, amount: big, ref: `${run}-big` });
  assert.equal(typeof r.txnId, 'bigint');
  assert.equal(r.moved, big);
  assert.equal(await db.balance(bob, USDC), big);
  const max = 2n ** 256n - 1n - big;
  await db.deposit({ account: bob, asset: USDC, amount: max, ref: `${run}-max` });
  assert.equal(await db.balance(bob, USDC), 2n ** 256n - 1n);
  const h = await db.holdings(bob);
  assert.deepEqual(h.find((x) => x.asset === USDC), { asset: USDC, amount: 2n ** 256n - 1n });
});

test('a number amount is a TypeError at run time, before any query', async () => {
  await assert.rejects(db.deposit({ account: bob, asset: ETH, amount: 100, ref: `${run}-num` }),
    (e) => e instanceof TypeError && /amount must be a bigint/.test(e.message) && /100n/.test(e.message));
  await assert.rejects(db.buy({ asset: song, buyer: alice, amount: 1n, maxCost: 2 ** 64 + 1, ref: `${run}-num2` }),
    (e) => e instanceof TypeError && /maxCost must be a bigint/.test(e.message));
  await assert.rejects(db.deposit({ account: bob, asset: ETH, amount: '100', ref: `${run}-str` }), TypeError);
  const rows = await db.query(`SELECT count(*) AS n FROM creative_defi.ledger_transactions WHERE ref LIKE $1`, [`${run}-num%`]);
  assert.equal(rows[0].n, 0n);
});

test('buy, sell, transfer, distribute and withdraw return bigint results that add up', async () => {
  const b = await db.buy({ asset: song, buyer: alice, amount: 3n, maxCost: 1000n, ref: `${run}-buy` });
  assert.deepEqual({ bought: b.bought, cost: b.cost, royalty: b.royalty, paid: b.paid },
                   { bought: 3n, cost: 330n, royalty: 17n, paid: 347n });
  const s = await db.sell({ asset: song, seller: alice, amount: 1n, minProceeds: 0n, ref: `${run}-sell` });
  assert.equal(s.sold, 1n);
  assert.equal(s.received + s.royalty, s.proceeds);
  const t = await db.transfer({ from: alice, to: bob, asset: song, amount: 1n, ref: `${run}-xfer` });
  assert.equal(t.moved, 1n);
  const d = await db.distribute({ asset: song, payer: alice, amount: 100n, ref: `${run}-dist` });
  assert.deepEqual({ distributed: d.distributed, recipients: d.recipients }, { distributed: 100n, recipients: 1 });
  const w = await db.withdraw({ account: alice, asset: ETH, amount: 7n, ref: `${run}-wd` });
  assert.equal(w.moved, 7n);
  assert.equal(await db.balance(alice, song), 1n);
  // an idempotent replay by ref returns the original result
  assert.deepEqual(await db.buy({ asset: song, buyer: alice, amount: 3n, maxCost: 1000n, ref: `${run}-buy` }), b);
});

test('CD002 is an InsufficientBalanceError with account, asset, held and needed', async () => {
  const poor = testAccount('poor').address;
  await db.deposit({ account: poor, asset: ETH, amount: 5n, ref: `${run}-poor` });
  const err = await db.withdraw({ account: poor, asset: ETH, amount: 2n ** 70n, ref: `${run}-overdraw` }).then(
    () => assert.fail('withdrew more than held'), (e) => e);
  assert.ok(err instanceof InsufficientBalanceError);
  assert.ok(err instanceof CreativeDefiError);
  assert.equal(err.sqlstate, 'CD002');
  assert.equal(err.account.toLowerCase(), poor.toLowerCase());
  assert.equal(err.asset, ETH);
  assert.equal(err.held, 5n);
  assert.equal(err.needed, 2n ** 70n);
  assert.match(err.detail, /short/i);
});

test('other CD errors map to their classes and fields', async () => {
  const unknown = newSong();
  await assert.rejects(db.buy({ asset: unknown, buyer: alice, amount: 1n, maxCost: 10n ** 9n, ref: `${run}-unk` }),
    (e) => e instanceof UnknownAssetError && e.sqlstate === 'CD001' && e.asset === unknown);
  await assert.rejects(db.buy({ asset: song, buyer: alice, amount: 1n, maxCost: 1n, ref: `${run}-slip` }),
    (e) => e instanceof SlippageError && e.sqlstate === 'CD003');
  await assert.rejects(db.withdraw({ account: alice, asset: ETH, amount: 8n, ref: `${run}-wd` }),
    (e) => e instanceof RefConflictError && e.ref === `${run}-wd`);
  await assert.rejects(db.deposit({ account: alice, asset: ETH, amount: 0n, ref: `${run}-zero` }),
    (e) => e instanceof NonPositiveAmountError);
  await assert.rejects(db.deposit({ account: '0x22B5583B8aE53417bb6563eb2824F414E815B83c', asset: ETH, amount: 1n, ref: `${run}-world` }),
    (e) => e instanceof SystemAccountError && e.sqlstate === 'CD008');
  // a non-CD error is left as node-postgres raised it
  await assert.rejects(db.deposit({ account: 'not an address', asset: ETH, amount: 1n, ref: `${run}-bad` }),
    (e) => !(e instanceof CreativeDefiError) && e.code === '22P02');
});

test('every CD SQLSTATE the extension raises has its error class', () => {
  // the codes in src/sql/*.sql ('CDnnn', CD110 and up too) and in the glue's MAKE_SQLSTATE('C', 'D', 'n', 'n', 'n')
  const raised = new Set();
  for (const sub of ['../../../src/sql/', '../../../src/']) {
    const dir = new URL(sub, import.meta.url);
    for (const f of readdirSync(dir).filter((n) => /\.(sql|c)$/.test(n))) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      for (const m of text.matchAll(/'(CD\d\d\d)'/g)) raised.add(m[1]);
      for (const m of text.matchAll(/MAKE_SQLSTATE\('C', 'D', '(\d)', '(\d)', '(\d)'\)/g)) raised.add(`CD${m[1]}${m[2]}${m[3]}`);
    }
  }
  assert.ok(raised.size >= 30, `found ${raised.size} codes`);
  for (const code of raised) {
    assert.ok(errorClasses[code], `no error class for ${code}`);
    assert.notEqual(errorClasses[code], CreativeDefiError);
  }
});

test('pools: create, add liquidity, swap, remove', async () => {
  const a = `eip155:1/erc20:0x${'a1'.repeat(20).slice(0, 36)}${(process.pid % 65536).toString(16).padStart(4, '0')}`;
  await db.deposit({ account: alice, asset: a, amount: 10n ** 24n, ref: `${run}-pool-a` });
  const p = await db.poolCreate({ assetA: a, assetB: ETH, feeBps: 30 });
  assert.equal(typeof p.poolId, 'bigint');
  const add = await db.poolAddLiquidity({ pool: p.poolId, provider: alice, amountA: 10n ** 21n, amountB: 10n ** 21n, minLiquidity: 0n, ref: `${run}-add` });
  assert.ok(add.liquidity > 0n);
  const [first, second] = a < ETH ? [a, ETH] : [ETH, a];
  assert.equal(add.usedA + add.usedB, 2n * 10n ** 21n, `${first} ${second}`);
  const sw = await db.poolSwap({ pool: p.poolId, trader: alice, assetIn: a, amountIn: 10n ** 18n, minOut: 1n, ref: `${run}-swap` });
  assert.equal(sw.assetOut, ETH);
  assert.ok(sw.amountOut > 0n && sw.amountOut < 10n ** 18n);
  const rm = await db.poolRemoveLiquidity({ pool: p.poolId, provider: alice, liquidity: add.liquidity / 2n, minA: 0n, minB: 0n, ref: `${run}-rm` });
  assert.ok(rm.amountA > 0n && rm.amountB > 0n);
  assert.equal(await db.balance(alice, p.lpAsset), add.liquidity - add.liquidity / 2n);
});

test('numeric parses to bigint in this client only, not globally', async () => {
  const plain = new pg.Client();
  await plain.connect();
  try {
    const r = await plain.query('SELECT 18446744073709551617::numeric AS n, 5::int8 AS i');
    assert.equal(r.rows[0].n, '18446744073709551617');
    assert.equal(r.rows[0].i, '5');
  } finally {
    await plain.end();
  }
  const [row] = await db.query('SELECT 18446744073709551617::numeric AS n, 5::int8 AS i');
  assert.equal(row.n, 18446744073709551617n);
  assert.equal(row.i, 5n);
});
