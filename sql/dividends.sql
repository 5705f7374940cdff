-- dividends: holders and LPs paid pro rata through an exact O(1)
-- accumulator (docs/dividends.md); settlement on buys, sells, transfers
-- and pool operations; claims; ledger_verify's checks; every refusal.
-- Accounts: alice (0xa1..), bob (0xb0..), carol (0xca..), payer (0xfa..).
CREATE TEMP TABLE dv AS SELECT
    '0xa1000000000000000000000000000000000000a1'::eth_address AS alice,
    '0xb0000000000000000000000000000000000000b0'::eth_address AS bob,
    '0xca000000000000000000000000000000000000ca'::eth_address AS carol,
    '0xfa000000000000000000000000000000000000fa'::eth_address AS payer,
    'eip155:1/erc20:0xd1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1'::asset AS usd,
    'eip155:1/erc721:0x00000000000000000000000000000000000000d1/1'::asset AS song,
    'eip155:1/erc721:0x00000000000000000000000000000000000000d1/2'::asset AS other;
SELECT count(*) AS deposited FROM dv, LATERAL (VALUES (alice, 'dv-d1'), (bob, 'dv-d2'), (carol, 'dv-d3'), (payer, 'dv-d4')) v(who, ref),
       LATERAL deposit(v.who, dv.usd, 10000000000, v.ref);
SELECT count(*) AS registered FROM dv, LATERAL (VALUES (song), (other)) v(a),
       LATERAL register_asset(v.a, dv.usd, linear_curve(1000, 10), (dv.carol::text || '=100%')::royalty_split, dv.carol);
-- holders before dividends: alice 3, bob 1
SELECT b.bought FROM dv, buy(song, alice, 3, 100000, 'dv-b1') b;
SELECT b.bought FROM dv, buy(song, bob, 1, 100000, 'dv-b2') b;

-- enabling: the dividend account is a system account, the shares the
-- user holdings; half of what distribute pays goes to the holders
SELECT e.account = dividend_account(song) AS account_derived,
       e.account = substr(keccak256('creative_defi.dividends:' || song::text), 13)::eth_address AS account_formula
  FROM dv, dividends_enable(song, 5000) e;
SELECT kind, description LIKE 'the dividend account of %' AS described FROM dv, ledger_system_accounts s
 WHERE s.account = dividend_account(song);
SELECT shares, paid, owed, claimed, carried, pending FROM dv, dividends_status(song);

-- a payment of 100: alice 3/4, bob 1/4
SELECT p.paid FROM dv, pay_dividends(song, payer, 100, 'dv-p1') p;
SELECT dividends_owed(alice, song) AS alice, dividends_owed(bob, song) AS bob, dividends_owed(carol, song) AS carol FROM dv;
-- a holding bought after a payment earns nothing of it: bob buys 4 (shares 8)
SELECT b.bought FROM dv, buy(song, bob, 4, 1000000, 'dv-b3') b;
SELECT dividends_owed(bob, song) AS bob_after_buy FROM dv;
-- distribute 101: 50 (5000 bps, rounded down) to the holders, 51 to the split
SELECT d.distributed FROM dv, distribute(song, payer, 101, 'dv-r1') d;
SELECT p.n, p.account = dividend_account(song) AS to_holders, p.account = carol AS to_split, p.amount
  FROM dv, ledger_postings p JOIN ledger_transactions t ON t.id = p.txn_id WHERE t.ref = 'dv-r1' ORDER BY p.n;
-- exact shares: alice 3/8 * 50 = 18.75, bob 5/8 * 50 = 31.25 (plus 75 and 25)
SELECT dividends_owed(alice, song) AS alice, dividends_owed(bob, song) AS bob FROM dv;
SELECT shares, paid, owed, claimed, carried, pending FROM dv, dividends_status(song);
-- a claim pays what is owed and journals it; a retry by ref replays it
SELECT c.claimed FROM dv, claim_dividends(alice, song, 'dv-c1') c;
SELECT c.claimed FROM dv, claim_dividends(alice, song, 'dv-c1') c;
SELECT dividends_owed(alice, song) AS alice_after_claim FROM dv;
SELECT p.account = dividend_account(song) AS from_dividends, p.account = alice AS to_alice, p.amount
  FROM dv, ledger_postings p JOIN ledger_transactions t ON t.id = p.txn_id WHERE t.ref = 'dv-c1' ORDER BY p.n;
-- a transfer settles both sides: alice 3 -> 2, carol 0 -> 1; then 7 paid
SELECT t.moved FROM dv, transfer(alice, carol, song, 1, 'dv-t1') t;
SELECT p.paid FROM dv, pay_dividends(song, payer, 7, 'dv-p2') p;
-- alice 2/8 * 7 = 1.75, bob 5/8 * 7 = 4.375, carol 1/8 * 7 = 0.875
SELECT dividends_owed(alice, song) AS alice, dividends_owed(bob, song) AS bob, dividends_owed(carol, song) AS carol FROM dv;
-- a sell settles too: bob sells everything, keeps what he earned
SELECT s.sold FROM dv, sell(song, bob, 5, 0, 'dv-s1') s;
SELECT dividends_owed(bob, song) AS bob_after_sell FROM dv;
SELECT p.paid FROM dv, pay_dividends(song, payer, 9, 'dv-p3') p;
SELECT dividends_owed(alice, song) AS alice, dividends_owed(bob, song) AS bob, dividends_owed(carol, song) AS carol FROM dv;
SELECT shares, paid, owed, claimed, carried, pending FROM dv, dividends_status(song);
SELECT "check", ok, detail FROM dividends_verify();

-- nobody holds: a payment waits (pending) and goes to the next one
SELECT e.account IS NOT NULL AS enabled FROM dv, dividends_enable(other, 0) e;
SELECT p.paid FROM dv, pay_dividends(other, payer, 10, 'dv-o1') p;
SELECT shares, paid, owed, carried, pending FROM dv, dividends_status(other);
SELECT b.bought FROM dv, buy(other, bob, 2, 100000, 'dv-o2') b;
SELECT p.paid FROM dv, pay_dividends(other, payer, 5, 'dv-o3') p;
SELECT dividends_owed(bob, other) AS bob FROM dv;
SELECT shares, paid, owed, carried, pending FROM dv, dividends_status(other);

-- LPs: the LP share of a pool pays its providers, not the pool account
-- (the pair's canonical order puts usd first)
CREATE TEMP TABLE dv_pool AS SELECT c.pool_id AS id, pool_lp_asset(dv.song, dv.usd) AS lp FROM dv, pool_create(song, usd, 30) c;
SELECT a.liquidity FROM dv, dv_pool, pool_add_liquidity(dv_pool.id, alice, 2000000, 1, 0, 'dv-l1') a;
SELECT e.account = dividend_account(dv_pool.lp) AS lp_enabled FROM dv, dv_pool, dividends_enable(dv_pool.lp, 0, usd) e;
SELECT shares = balance(alice, dv_pool.lp) AS shares_are_alices, paid FROM dv, dv_pool, dividends_status(dv_pool.lp);
SELECT p.paid FROM dv, dv_pool, pay_dividends(dv_pool.lp, payer, 1000, 'dv-l2') p;
-- all 1000 to alice: the pool account's locked minimum liquidity earns nothing
SELECT dividends_owed(alice, dv_pool.lp) AS alice, balance(pool_account(song, usd), dv_pool.lp) AS locked FROM dv, dv_pool;
-- alice's pool deposit moved one song unit out of her holding: settled
SELECT shares, dividends_owed(alice, song) AS alice FROM dv, dividends_status(song);
SELECT "check", ok FROM dividends_verify();

-- refusals
SELECT e.* FROM dv, regress.expect_error(format('SELECT dividends_enable(%L)', 'eip155:1/erc20:0x0000000000000000000000000000000000000bad')) e;
-- (the detail names the enabling transaction, whose number depends on the suites before)
SELECT e.error_code, e.message FROM dv, regress.expect_error(format('SELECT dividends_enable(%L)', song)) e;
SELECT e.* FROM dv, regress.expect_error(format('SELECT dividends_enable(%L, 10001)', song)) e;
SELECT e.* FROM dv, regress.expect_error('SELECT dividends_enable(NULL)') e;
SELECT e.* FROM dv, regress.expect_error(format('SELECT dividends_enable(%L, 0, %L)', song, 'eip155:1/erc20:0x0000000000000000000000000000000000000bad')) e;
SELECT e.* FROM dv, regress.expect_error(format('SELECT pay_dividends(%L, %L, 1, %L)', usd, payer, 'dv-x1')) e;
SELECT e.* FROM dv, regress.expect_error(format('SELECT pay_dividends(%L, %L, 0, %L)', song, payer, 'dv-x2')) e;
SELECT e.* FROM dv, regress.expect_error(format('SELECT pay_dividends(%L, %L, 1, NULL)', song, payer)) e;
SELECT e.* FROM dv, regress.expect_error(format('SELECT pay_dividends(%L, %L, 1, %L)', song, dividend_account(song), 'dv-x3')) e;
SELECT e.* FROM dv, regress.expect_error(format('SELECT claim_dividends(%L, %L, %L)', alice, usd, 'dv-x4')) e;
SELECT e.* FROM dv, regress.expect_error(format('SELECT claim_dividends(%L, %L, %L)', payer, song, 'dv-x5')) e;
SELECT e.* FROM dv, regress.expect_error(format('SELECT claim_dividends(%L, %L, %L)', dividend_account(song), song, 'dv-x6')) e;
SELECT e.* FROM dv, regress.expect_error(format('SELECT dividends_owed(%L, %L)', alice, usd)) e;
SELECT e.* FROM dv, regress.expect_error(format('SELECT dividends_status(%L)', usd)) e;
-- the dividend account is a system account: no transfer out of it
SELECT e.* FROM dv, regress.expect_error(format('SELECT transfer(%L, %L, %L, 1, %L)', dividend_account(song), alice, usd, 'dv-x7')) e;
-- an LP share needs a currency and takes no distribute share
CREATE TEMP TABLE dv_pool2 AS SELECT c.pool_id AS id, pool_lp_asset(dv.other, dv.usd) AS lp FROM dv, pool_create(other, usd, 30) c;
SELECT e.* FROM dv, dv_pool2, regress.expect_error(format('SELECT dividends_enable(%L, 0)', dv_pool2.lp)) e;
SELECT e.* FROM dv, dv_pool2, regress.expect_error(format('SELECT dividends_enable(%L, 100, %L)', dv_pool2.lp, usd)) e;
-- a work whose revenue its lineage routes takes no distribute share
CREATE TEMP TABLE dv_child AS SELECT 'eip155:1/erc721:0x00000000000000000000000000000000000000d1/3'::asset AS child;
SELECT r.reserve_account IS NOT NULL AS registered FROM dv, dv_child,
       register_asset(dv_child.child, dv.usd, linear_curve(1000, 10), (dv.carol::text || '=100%')::royalty_split, dv.carol) r;
SELECT l.txn_id > 0 AS linked FROM dv, dv_child, link_derivative(dv_child.child, dv.song, 'absolute', 100) l;
SELECT e.* FROM dv, dv_child, regress.expect_error(format('SELECT dividends_enable(%L)', dv_child.child)) e;

-- and a work that pays its holders through distribute takes no lineage
-- (its one revenue route is the dividends'): CD055
SELECT e.* FROM dv, regress.expect_error(format('SELECT link_derivative(%L, %L, %L, 100)', song, other, 'absolute')) e;

-- a trade's royalty is revenue of the asset too (buy and sell consult the
-- same revenue route as distribute): distribute_bps of it goes to the
-- holders but the trader (dividends_payer.sql has the payer rule): alice's
-- royalty waits (nobody else holds), bob's goes to alice with it
CREATE TEMP TABLE dv_tip AS SELECT 'eip155:1/erc721:0x00000000000000000000000000000000000000d1/9'::asset AS tip;
SELECT r.reserve_account IS NOT NULL AS registered FROM dv, dv_tip,
       register_asset(dv_tip.tip, dv.usd, linear_curve(1000, 10), (dv.carol::text || '=100%')::royalty_split, dv.carol, 1000) r;
SELECT e.account = dividend_account(dv_tip.tip) AS enabled FROM dv_tip, dividends_enable(dv_tip.tip, 5000) e;
SELECT b.bought, b.cost, b.royalty FROM dv, dv_tip, buy(dv_tip.tip, dv.alice, 3, 100000, 'dv-tip1') b;
SELECT b.bought, b.cost, b.royalty FROM dv, dv_tip, buy(dv_tip.tip, dv.bob, 1, 100000, 'dv-tip2') b;
SELECT dividends_owed(dv.alice, dv_tip.tip) AS alice, dividends_owed(dv.bob, dv_tip.tip) AS bob FROM dv, dv_tip;
SELECT s.shares, s.paid, s.owed, s.carried FROM dv_tip, dividends_status(dv_tip.tip) s;
SELECT "check", ok FROM ledger_verify() WHERE "check" LIKE 'dividend%';

-- leave a fresh extension to the tests after this one (they print journal ids)
DROP TABLE dv, dv_pool, dv_pool2, dv_child, dv_tip;
DROP EXTENSION creative_defi;
CREATE EXTENSION creative_defi;
