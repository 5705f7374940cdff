-- dividends, the payer rule and the split recipient (docs/dividends.md):
-- the account that pays a payment into the holders (the trader whose
-- royalty goes there, the distributor, the payer of pay_dividends) earns
-- nothing of it, whether ledger_post settles its holding before or after
-- it credits the dividend account (lo sorts below every dividend account
-- here, hi above); a royalty split may name the dividend account of an
-- asset; the payer record never outlives its payment.
-- (dividends.sql before this test leaves a fresh extension.)
-- the works t1..t4 are tokens 1..4 of one collection
CREATE FUNCTION pg_temp.work(token integer) RETURNS asset LANGUAGE sql
    RETURN ('eip155:1/erc721:0x00000000000000000000000000000000000000d2/' || token)::asset;
CREATE TEMP TABLE dp AS SELECT
    '0xa1000000000000000000000000000000000000a1'::eth_address AS alice, '0x0000000000000000000000000000000000000010'::eth_address AS lo,
    '0xfffffffffffffffffffffffffffffffffffffff0'::eth_address AS hi, '0xca000000000000000000000000000000000000ca'::eth_address AS carol,
    '0xfa000000000000000000000000000000000000fa'::eth_address AS payer,
    'eip155:1/erc20:0xd1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1'::asset AS usd,
    'eip155:1/erc20:0xe0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0'::asset AS eur,
    pg_temp.work(1) AS t1, pg_temp.work(2) AS t2, pg_temp.work(3) AS t3, pg_temp.work(4) AS t4;
SELECT count(*) AS deposited FROM dp, LATERAL (VALUES (alice, 'dp-d1'), (lo, 'dp-d2'), (hi, 'dp-d3'), (payer, 'dp-d4')) v(who, ref),
       LATERAL deposit(v.who, dp.usd, 10000000000, v.ref);
SELECT t.moved FROM dp, deposit(lo, eur, 10000000000, 'dp-d5') t;
-- lo and hi sort below and above the dividend accounts of this test
SELECT bool_and(lo < dividend_account(v.a) AND hi > dividend_account(v.a)) AS lo_below_hi_above
  FROM dp, LATERAL (VALUES (t1), (t2), (t3)) v(a);
-- the royalty of a buy or sell pays the holders (distribute_bps 10000)
SELECT r.reserve_account IS NOT NULL AS registered FROM dp,
       register_asset(t1, usd, linear_curve(1000, 10), (carol::text || '=100%')::royalty_split, carol, 1000) r;
SELECT e.account = dividend_account(t1) AS enabled FROM dp, dividends_enable(t1, 10000) e;

-- a sole holder's own royalty has nobody else to go to: it waits (pending)
SELECT b.royalty FROM dp, buy(t1, alice, 3, 100000, 'dp-b1') b;
SELECT shares, paid, owed, pending FROM dp, dividends_status(t1);
-- lo (settled before the credit) buys 1: its royalty 103 and the pending
-- 303 go to alice alone; lo earns nothing of its own royalty
SELECT b.royalty FROM dp, buy(t1, lo, 1, 100000, 'dp-b2') b;
SELECT dividends_owed(alice, t1) AS alice, dividends_owed(lo, t1) AS lo, pending FROM dp, dividends_status(t1);
-- hi (settled after the credit) buys 2: its royalty 209 to alice 3/4 (156.75)
-- and lo 1/4 (52.25)
SELECT b.royalty FROM dp, buy(t1, hi, 2, 100000, 'dp-b3') b;
SELECT dividends_owed(alice, t1) AS alice, dividends_owed(lo, t1) AS lo, dividends_owed(hi, t1) AS hi FROM dp;
-- sells: lo sells its 1 (royalty 105: alice 3/5, hi 2/5), then hi its 2
-- (royalty 207: alice alone); each keeps what it earned before
SELECT s.royalty FROM dp, sell(t1, lo, 1, 0, 'dp-s1') s;
SELECT dividends_owed(alice, t1) AS alice, dividends_owed(lo, t1) AS lo, dividends_owed(hi, t1) AS hi FROM dp;
SELECT s.royalty FROM dp, sell(t1, hi, 2, 0, 'dp-s2') s;
SELECT dividends_owed(alice, t1) AS alice, dividends_owed(lo, t1) AS lo, dividends_owed(hi, t1) AS hi FROM dp;
-- the exact shares, summed: alice 303 + 103 + 156.75 + 63 + 207, lo
-- 52.25, hi 42 (the floor of each)
SELECT dividends_owed(alice, t1) = floor(303 + 103 + 156.75 + 63 + 207) AS alice_exact,
       dividends_owed(lo, t1) = floor(52.25) AS lo_exact, dividends_owed(hi, t1) = 42 AS hi_exact FROM dp;
SELECT shares, paid, owed, carried, pending FROM dp, dividends_status(t1);

-- distribute and pay_dividends by a holder: lo and hi buy 1 each again
-- (lo's royalty to alice, hi's to alice 3/4 and lo 1/4); alice pays 100
-- and distributes 50: lo and hi get half each (75)
SELECT count(*) AS bought FROM dp, LATERAL (VALUES (lo, 'dp-b4'), (hi, 'dp-b5')) v(who, ref), LATERAL buy(t1, v.who, 1, 100000, v.ref);
SELECT dividends_owed(alice, t1) AS alice, dividends_owed(lo, t1) AS lo, dividends_owed(hi, t1) AS hi FROM dp;
SELECT p.paid FROM dp, pay_dividends(t1, alice, 100, 'dp-p1') p;
SELECT d.distributed FROM dp, distribute(t1, alice, 50, 'dp-r1') d;
SELECT dividends_owed(alice, t1) AS alice, dividends_owed(lo, t1) AS lo, dividends_owed(hi, t1) AS hi FROM dp;
-- hi pays 10: alice 3/4 (7.5), lo 1/4 (2.5)
SELECT p.paid FROM dp, pay_dividends(t1, hi, 10, 'dp-p2') p;
SELECT dividends_owed(alice, t1) AS alice, dividends_owed(lo, t1) AS lo, dividends_owed(hi, t1) AS hi FROM dp;
SELECT "check", ok, detail FROM dividends_verify();

-- the payer record: empty after each payment; a record nobody posted
-- (set by hand here) is replaced by the next payment's own payer, so it
-- never applies to it: payer pays 50, alice gets her 3/5 (30); the
-- session's value set by hand comes back when the transaction ends
SELECT coalesce(current_setting('creative_defi.payers', true), '') AS payers_after_payments;
SELECT set_config('creative_defi.payers', lower(dividend_account(t1)::text) || '=' || lower(alice::text) || ';', false) IS NOT NULL AS forged FROM dp;
SELECT dividends_owed(alice, t1) AS alice_before FROM dp;
SELECT p.paid FROM dp, pay_dividends(t1, payer, 50, 'dp-p3') p;
SELECT dividends_owed(alice, t1) AS alice_after, current_setting('creative_defi.payers') AS payers FROM dp;
RESET creative_defi.payers;
-- a value that is no list of entries counts as none (it would hide the
-- entries recorded after it): hi pays 40 with the setting spoiled and
-- still earns nothing of it (alice 30, lo 10)
SET creative_defi.payers = 'x';
SELECT dividends_owed(alice, t1) AS alice, dividends_owed(lo, t1) AS lo, dividends_owed(hi, t1) AS hi FROM dp;
SELECT p.paid FROM dp, pay_dividends(t1, hi, 40, 'dp-p4') p;
SELECT dividends_owed(alice, t1) AS alice, dividends_owed(lo, t1) AS lo, dividends_owed(hi, t1) AS hi FROM dp;
RESET creative_defi.payers;
-- a payment rolled back after its record: the record goes with it
BEGIN;
SAVEPOINT before_payment;
SELECT e.error_code FROM dp, regress.expect_error(format('SELECT pay_dividends(%L, %L, 10000000000000, %L)', t1, lo, 'dp-x1')) e;
DO $$
BEGIN
    PERFORM pay_dividends(t1, lo, 10000000000000, 'dp-x2') FROM pg_temp.dp;
EXCEPTION WHEN SQLSTATE 'CD002' THEN
    RAISE NOTICE 'refused: % (payer record %)', SQLERRM,
        coalesce(nullif(current_setting('creative_defi.payers', true), ''), 'empty');
END
$$;
ROLLBACK TO SAVEPOINT before_payment;
SELECT coalesce(current_setting('creative_defi.payers', true), '') AS payers_after_rollback;
COMMIT;

-- the holders as one recipient of a royalty split: t2's split pays its
-- dividend account 40%; enabled with distribute_bps 0 (the kind dividend
-- receives split payments, so the split that names the account is no
-- obstacle while it holds nothing)
SELECT r.reserve_account IS NOT NULL AS registered FROM dp,
       register_asset(t2, usd, linear_curve(1000, 10),
                      format('%s=40%%,%s=60%%', dividend_account(t2), carol)::royalty_split, carol, 1000) r;
SELECT e.account = dividend_account(t2) AS enabled FROM dp, dividends_enable(t2, 0) e;
SELECT kind, receives_splits FROM ledger_account_kinds WHERE kind = 'dividend';
-- lo buys 2 first (the split's 80 of its royalty 201 waits: nobody else
-- holds), hi buys 1 (the split's 41 of its royalty 102, with the pending
-- 80, to lo)
SELECT b.royalty FROM dp, buy(t2, lo, 2, 100000, 'dp-b6') b;
SELECT b.royalty FROM dp, buy(t2, hi, 1, 100000, 'dp-b7') b;
SELECT dividends_owed(lo, t2) AS lo, dividends_owed(hi, t2) AS hi, paid, pending FROM dp, dividends_status(t2);
SELECT h.kind, h.amount FROM dp, ledger_holdings h WHERE h.account = dividend_account(t2);
-- the buy's credits: the reserve, carol and the dividend account
SELECT p.account = ledger_reserve_account(t2) AS to_reserve, p.account = carol AS to_carol,
       p.account = dividend_account(t2) AS to_holders, p.amount
  FROM dp, ledger_postings p JOIN ledger_transactions t ON t.id = p.txn_id WHERE t.ref = 'dp-b7' AND p.amount > 0 AND p.asset = dp.usd ORDER BY p.n;
-- distribute 1000: 400 to the holders, lo 2/3, hi 1/3; hi distributing
-- 300 gives lo its 120 alone; hi selling gives lo the split's 41 of its
-- royalty 102: lo 121 + 266.67 + 120 + 41, hi 133.33
SELECT d.distributed FROM dp, distribute(t2, payer, 1000, 'dp-r2') d;
SELECT d.distributed FROM dp, distribute(t2, hi, 300, 'dp-r3') d;
SELECT s.royalty FROM dp, sell(t2, hi, 1, 0, 'dp-s3') s;
SELECT dividends_owed(lo, t2) AS lo, dividends_owed(hi, t2) AS hi FROM dp;
-- a distribute share and the split at once: t3 gives its holders 50%
-- of a distribute, and its split 50% of the rest: 75% of 1000 to lo
SELECT r.reserve_account IS NOT NULL AS registered FROM dp,
       register_asset(t3, usd, linear_curve(1000, 10),
                      format('%s=50%%,%s=50%%', dividend_account(t3), carol)::royalty_split, carol) r;
SELECT e.account = dividend_account(t3) AS enabled FROM dp, dividends_enable(t3, 5000) e;
SELECT b.bought FROM dp, buy(t3, lo, 1, 100000, 'dp-b8') b;
SELECT d.distributed FROM dp, distribute(t3, payer, 1000, 'dp-r4') d;
SELECT dividends_owed(lo, t3) AS lo, paid FROM dp, dividends_status(t3);

-- refusals: a split naming the dividend account of an asset in another
-- currency is registered, but its trades cannot pay it (CD085)
SELECT r.reserve_account IS NOT NULL AS registered FROM dp,
       register_asset(t4, eur, linear_curve(1000, 10),
                      format('%s=50%%,%s=50%%', dividend_account(t2), carol)::royalty_split, carol, 1000) r;
SELECT e.* FROM dp, regress.expect_error(format('SELECT buy(%L, %L, 1, 100000, %L)', t4, lo, 'dp-x3')) e;
-- other system accounts stay refused as split recipients (CD008)
SELECT e.* FROM dp, regress.expect_error(format('SELECT register_asset(%L, %L, linear_curve(1000, 10), %L, %L)',
       pg_temp.work(5), usd,
       format('%s=50%%,%s=50%%', ledger_reserve_account(t1), carol), carol)) e;
-- a dividend account a split already paid as a user account cannot be
-- enabled (CD008): t5's royalty paid its future dividend account
CREATE TEMP TABLE dp5 AS SELECT pg_temp.work(6) AS t5;
SELECT r.reserve_account IS NOT NULL AS registered FROM dp, dp5,
       register_asset(t5, usd, linear_curve(1000, 10),
                      format('%s=50%%,%s=50%%', dividend_account(t5), carol)::royalty_split, carol, 1000) r;
SELECT b.royalty FROM dp, dp5, buy(t5, lo, 1, 100000, 'dp-b9') b;
SELECT e.* FROM dp, dp5, regress.expect_error(format('SELECT dividends_enable(%L, 0)', t5)) e;

SELECT "check", ok FROM ledger_verify() WHERE NOT ok OR "check" LIKE 'dividend%' OR "check" = 'accounts';

-- leave a fresh extension to the tests after this one (they print journal ids)
DROP TABLE dp, dp5;
DROP FUNCTION pg_temp.work(integer);
DROP EXTENSION creative_defi;
CREATE EXTENSION creative_defi;
