-- the database side of dividends_model.sh: set-up, the random steps, and
-- the journal, system accounts and owed amounts as tagged lines
CREATE EXTENSION creative_defi;
SET search_path = creative_defi, public;
SELECT setseed((:seed % 1000000) / 1000000.0);
SELECT set_config('dividends_model.steps', :'steps', false);
CREATE TEMP TABLE m AS SELECT
    'eip155:1/erc20:0xd1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1'::asset AS usd,
    'eip155:1/erc721:0x00000000000000000000000000000000000000d1/1'::asset AS song,
    'eip155:1/erc721:0x00000000000000000000000000000000000000d1/2'::asset AS tune,
    '0xfa000000000000000000000000000000000000fa'::eth_address AS payer;
CREATE FUNCTION pg_temp.acct(i integer) RETURNS eth_address LANGUAGE sql
    RETURN ('0x' || lpad(to_hex(4096 + i), 40, '0'))::eth_address;
SELECT count(*) FROM m, generate_series(0, 7) i, deposit(pg_temp.acct(i), m.usd, 10::numeric ^ 15, 'md-' || i);
SELECT txn_id FROM m, deposit(m.payer, m.usd, 10::numeric ^ 30, 'md-payer');
-- song: 30% of distribute and of its trades' 5% royalty to its holders
-- (the revenue route); tune: its royalty split pays its holders 40% of
-- distribute and of its trades' 7% royalty (the split recipient)
SELECT txn_id FROM m, register_asset(m.song, m.usd, linear_curve(1000, 10), '0x00000000000000000000000000000000000000e5=100%', '0x00000000000000000000000000000000000000e5', 500);
SELECT account FROM m, dividends_enable(m.song, 3000);
SELECT txn_id FROM m, register_asset(m.tune, m.usd, linear_curve(1000, 10),
       format('%s=40%%,0x00000000000000000000000000000000000000e5=60%%', dividend_account(m.tune))::royalty_split,
       '0x00000000000000000000000000000000000000e5', 700);
SELECT account FROM m, dividends_enable(m.tune, 0);
CREATE TEMP TABLE mp AS SELECT c.pool_id, c.lp_asset FROM m, pool_create(m.song, m.usd, 30) c;
-- the first deposit mints the pool's locked minimum liquidity
SELECT txn_id FROM m, buy(m.song, pg_temp.acct(0), 3, 10::numeric ^ 12, 'mb-seed');
SELECT liquidity FROM m, mp, pool_add_liquidity(mp.pool_id, pg_temp.acct(0), 2000000, 2, 0, 'ma-seed');
SELECT account FROM m, mp, dividends_enable(mp.lp_asset, 0, m.usd);

DO $$
DECLARE
    m record;
    v_pool bigint;
    v_lp asset;
    a eth_address;
    b eth_address;
    v_op integer;
    v_held numeric;
    v_amount numeric;
    v_small numeric;
    v_work asset;
BEGIN
    SELECT * INTO m FROM pg_temp.m;
    SELECT pool_id, lp_asset INTO v_pool, v_lp FROM pg_temp.mp;
    FOR i IN 1 .. current_setting('dividends_model.steps')::integer LOOP
        a := pg_temp.acct(floor(random() * 8)::integer);
        b := pg_temp.acct(floor(random() * 8)::integer);
        v_op := floor(random() * 17)::integer;
        -- the trades, transfers and holders' payments of ops 0-3 and
        -- 12-16 go to song or tune alike
        v_work := CASE WHEN random() < 0.5 THEN m.song ELSE m.tune END;
        v_held := balance(a, CASE WHEN v_op IN (9, 10) THEN v_lp WHEN v_op = 7 THEN m.song ELSE v_work END);
        -- payments of every size: a few units (the rounding) to 10^25,
        -- and what a holder can pay: a few units to 10^12
        v_amount := floor(10 ^ (random() * 25)) + 1;
        v_small := floor(10 ^ (random() * 12)) + 1;
        BEGIN
            CASE v_op
            WHEN 0, 1 THEN PERFORM buy(v_work, a, (1 + floor(random() * 5))::numeric, 10::numeric ^ 12, 'ms-' || i);
            WHEN 2 THEN PERFORM sell(v_work, a, (1 + floor(random() * v_held))::numeric, 0, 'ms-' || i);
            WHEN 3 THEN PERFORM transfer(a, b, v_work, (1 + floor(random() * v_held))::numeric, 'ms-' || i);
            WHEN 4 THEN PERFORM pay_dividends(m.song, m.payer, v_amount, 'ms-' || i);
            WHEN 5 THEN PERFORM distribute(m.song, m.payer, v_amount, 'ms-' || i);
            WHEN 6 THEN PERFORM claim_dividends(a, m.song, 'ms-' || i);
            WHEN 7 THEN PERFORM pool_add_liquidity(v_pool, a, 10::numeric ^ 9, (1 + floor(random() * v_held))::numeric, 0, 'ms-' || i);
            WHEN 8 THEN PERFORM pay_dividends(v_lp, m.payer, v_amount, 'ms-' || i);
            WHEN 9 THEN PERFORM pool_remove_liquidity(v_pool, a, (1 + floor(random() * v_held))::numeric, 0, 0, 'ms-' || i);
            WHEN 10 THEN PERFORM transfer(a, b, v_lp, (1 + floor(random() * v_held))::numeric, 'ms-' || i);
            WHEN 11 THEN PERFORM claim_dividends(a, v_lp, 'ms-' || i);
            -- a holder (or not) pays: it earns nothing of its own payment
            WHEN 12 THEN PERFORM distribute(v_work, a, v_small, 'ms-' || i);
            WHEN 13 THEN PERFORM pay_dividends(v_work, a, v_small, 'ms-' || i);
            WHEN 14 THEN PERFORM distribute(m.tune, m.payer, v_amount, 'ms-' || i);
            WHEN 15 THEN PERFORM claim_dividends(a, m.tune, 'ms-' || i);
            ELSE PERFORM pay_dividends(v_lp, a, v_small, 'ms-' || i);
            END CASE;
        EXCEPTION WHEN OTHERS THEN
            NULL;
        END;
    END LOOP;
END
$$;

\pset format unaligned
\pset tuples_only on
\pset fieldsep ','
SELECT 'asset', d.asset, d.account, d.txn_id FROM dividend_assets d;
SELECT 'system', s.account FROM ledger_system_accounts s;
SELECT 'posting', p.txn_id, t.kind, p.account, p.asset, p.amount
  FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.txn_id ORDER BY p.txn_id, p.n;
SELECT 'owed', x.account, d.asset, dividends_owed(x.account, d.asset)
  FROM dividend_assets d, dividends_holders_of(d.asset) x;
SELECT 'status', d.asset, s.paid, s.owed, s.claimed, s.carried, s.pending FROM dividend_assets d, dividends_status(d.asset) s;
SELECT 'verify', "check", ok FROM ledger_verify() UNION ALL SELECT 'verify', "check", ok FROM dividends_verify();
SELECT 'kinds', t.kind, count(*) FROM ledger_transactions t GROUP BY t.kind;
-- who paid each transaction's payments: the trader, distributor or payer
SELECT 'payer', t.id, coalesce(t.request ->> 'buyer', t.request ->> 'seller', t.request ->> 'payer')
  FROM ledger_transactions t WHERE t.kind IN ('buy', 'sell', 'distribute', 'dividends_pay');
