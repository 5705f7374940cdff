-- pools: a liquidity provider earns the swap fees (figures checked against
-- the amm_* functions), a randomized property check (k never falls across
-- a swap, reserves always equal the postings), and ledger_verify()
-- detecting tampered pool state.
CREATE TEMP TABLE fx AS SELECT
    '0x5555555555555555555555555555555555555555'::eth_address AS lena,   -- the LP
    '0x6666666666666666666666666666666666666666'::eth_address AS tom,    -- a trader
    '0x7777777777777777777777777777777777777777'::eth_address AS tess,   -- another trader
    'eip155:1/erc20:0xd4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4'::asset AS tkd,
    'eip155:1/erc20:0xe5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5'::asset AS tke;
SELECT d.moved FROM fx, LATERAL (VALUES (lena, tkd, 'fee-d1'), (lena, tke, 'fee-d2'), (tom, tkd, 'fee-d3'),
                                         (tess, tke, 'fee-d4')) AS v(who, what, ref),
              LATERAL deposit(v.who, v.what, 1000000000000, v.ref) AS d;
CREATE TEMP TABLE fp AS SELECT c.pool_id AS id FROM fx, pool_create(tkd, tke, 30) c;

-- Lena opens the pool at a price of 1 TKE per TKD
SELECT a.liquidity, a.used_a, a.used_b FROM fp, fx, pool_add_liquidity(fp.id, lena, 1000000000, 1000000000, 0, 'fee-add') a;

-- four swaps, both ways; before each, amm_amount_out at the pool's
-- reserves says what it must pay, and it pays exactly that
CREATE TEMP TABLE legs (n int, who eth_address, asset_in asset, amount_in numeric, expected numeric, got numeric);
CREATE FUNCTION pg_temp.leg(n int, who eth_address, asset_in asset, amount_in numeric) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    p record;
    v_expected numeric;
    v_got numeric;
BEGIN
    SELECT * INTO p FROM creative_defi.pools WHERE id = (SELECT id FROM fp);
    v_expected := CASE WHEN asset_in = p.asset_a THEN creative_defi.amm_amount_out(amount_in, p.reserve_a, p.reserve_b, p.fee_bps)
                       ELSE creative_defi.amm_amount_out(amount_in, p.reserve_b, p.reserve_a, p.fee_bps) END;
    SELECT s.amount_out INTO v_got FROM creative_defi.pool_swap(p.id, who, asset_in, amount_in, v_expected, 'fee-swap-' || n) s;
    INSERT INTO legs VALUES (n, who, asset_in, amount_in, v_expected, v_got);
END
$$;
SELECT pg_temp.leg(1, tom, tkd, 200000000) FROM fx;
SELECT pg_temp.leg(2, tess, tke, 300000000) FROM fx;
SELECT pg_temp.leg(3, tom, tkd, 150000000) FROM fx;
SELECT pg_temp.leg(4, tess, tke, 40000000) FROM fx;
SELECT n, who = tom AS tom, asset_in = tkd AS in_tkd, amount_in, expected, got, expected = got AS exact FROM legs, fx ORDER BY n;
SELECT reserve_a, reserve_b, total_supply, k, k > 1000000000::numeric * 1000000000 AS k_grew FROM pools WHERE id = (SELECT id FROM fp);

-- Lena withdraws everything she holds; she gets exactly amm_liquidity_burned
CREATE TEMP TABLE lena_out AS
SELECT b.amount_a AS expected_d, b.amount_b AS expected_e, p.reserve_b / p.reserve_a AS price_after
  FROM pools p, fx, amm_liquidity_burned(balance(lena, p.lp_asset), p.reserve_a, p.reserve_b, p.total_supply) b
 WHERE p.id = (SELECT id FROM fp);
SELECT r.amount_a, r.amount_b, r.amount_a = o.expected_d AND r.amount_b = o.expected_e AS exact
  FROM fp, fx, lena_out o, pool_remove_liquidity(fp.id, lena, balance(lena, pool_lp_asset(tkd, tke)), 0, 0, 'fee-rm') r;
-- valued in TKE at the price after the swaps, what she took out is worth
-- more than what she put in (1e9 TKD + 1e9 TKE): the fees, less the 1000
-- units locked forever
SELECT round(1000000000 * o.price_after + 1000000000) AS deposited_value,
       round((balance(lena, tkd) - (1000000000000 - 1000000000)) * o.price_after
             + (balance(lena, tke) - (1000000000000 - 1000000000))) AS withdrawn_value,
       (balance(lena, tkd) - (1000000000000 - 1000000000)) * o.price_after
             + (balance(lena, tke) - (1000000000000 - 1000000000))
         > 1000000000 * o.price_after + 1000000000 AS earned
  FROM fx, lena_out o;
-- the fees are what grew k: a fee-free pool replaying the same trades with
-- amm_amount_out(.., 0) ends with a smaller product of reserves
WITH RECURSIVE replay(n, ra, rb) AS (
    SELECT 0, 1000000000::numeric, 1000000000::numeric
    UNION ALL
    SELECT r.n + 1,
           CASE WHEN l.asset_in = fx.tkd THEN r.ra + l.amount_in ELSE r.ra - amm_amount_out(l.amount_in, r.rb, r.ra, 0) END,
           CASE WHEN l.asset_in = fx.tkd THEN r.rb - amm_amount_out(l.amount_in, r.ra, r.rb, 0) ELSE r.rb + l.amount_in END
      FROM replay r JOIN legs l ON l.n = r.n + 1 CROSS JOIN fx
)
SELECT ra AS no_fee_reserve_a, rb AS no_fee_reserve_b,
       (SELECT reserve_a * reserve_b FROM ledger_pool_history WHERE pool_id = (SELECT id FROM fp) AND kind = 'pool_swap'
         ORDER BY txn_id DESC LIMIT 1) > ra * rb AS fees_grew_k
  FROM replay WHERE n = 4;
-- the pool keeps only the locked liquidity's share
SELECT reserve_a, reserve_b, total_supply, balance(account, lp_asset) AS locked FROM pools WHERE id = (SELECT id FROM fp);

-- Property: random swaps both ways, with random deposits and withdrawals
-- by three providers in between (fixed seed, so the run is reproducible).
-- After every swap k must not have fallen and the output must equal
-- amm_amount_out; at the end ledger_verify() recomputes everything from the
-- postings.
SELECT setseed(0.4242);
CREATE TEMP TABLE prop AS SELECT 0 AS swaps, 0 AS adds, 0 AS removes, 0 AS k_fell, 0 AS wrong_out, 0 AS reserves_off;
DO $$
DECLARE
    lps creative_defi.eth_address[] := ARRAY['0x8888888888888888888888888888888888888881', '0x8888888888888888888888888888888888888882',
                                             '0x8888888888888888888888888888888888888883'];
    tkf creative_defi.asset := 'eip155:1/erc20:0xf6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6f6';
    tkg creative_defi.asset := 'eip155:10/slip44:60';
    v_pool bigint;
    p record;
    i int;
    who creative_defi.eth_address;
    v_in creative_defi.asset;
    v_amount numeric;
    v_expected numeric;
    v_out numeric;
    v_k numeric;
    v_lp numeric;
BEGIN
    FOR i IN 1 .. 3 LOOP
        PERFORM creative_defi.deposit(lps[i], tkf, 10::numeric ^ 24, 'prop-df-' || i);
        PERFORM creative_defi.deposit(lps[i], tkg, 10::numeric ^ 24, 'prop-dg-' || i);
    END LOOP;
    SELECT c.pool_id INTO v_pool FROM creative_defi.pool_create(tkf, tkg, 25) c;
    PERFORM creative_defi.pool_add_liquidity(v_pool, lps[1], 5 * 10::numeric ^ 20, 2 * 10::numeric ^ 18, 0, 'prop-add-0');
    FOR i IN 1 .. 300 LOOP
        SELECT * INTO p FROM creative_defi.pools WHERE id = v_pool;
        who := lps[1 + floor(random() * 3)::int];
        IF random() < 0.1 THEN
            -- a deposit at a random size (the pool takes the optimal pair)
            PERFORM creative_defi.pool_add_liquidity(v_pool, who, trunc(p.reserve_a * random()::numeric * 0.2) + 1,
                                                     trunc(p.reserve_b * random()::numeric * 0.2) + 1, 0, 'prop-add-' || i);
            UPDATE prop SET adds = adds + 1;
        ELSIF random() < 0.1 AND creative_defi.balance(who, p.lp_asset) > 0 THEN
            v_lp := trunc(creative_defi.balance(who, p.lp_asset) * random()::numeric) + 1;
            PERFORM creative_defi.pool_remove_liquidity(v_pool, who, v_lp, 0, 0, 'prop-rm-' || i);
            UPDATE prop SET removes = removes + 1;
        ELSE
            -- a swap of up to 30% of the input reserve, in a random direction
            IF random() < 0.5 THEN
                v_in := p.asset_a;
                v_amount := trunc(p.reserve_a * random()::numeric * 0.3) + 1;
                v_expected := creative_defi.amm_amount_out(v_amount, p.reserve_a, p.reserve_b, p.fee_bps);
            ELSE
                v_in := p.asset_b;
                v_amount := trunc(p.reserve_b * random()::numeric * 0.3) + 1;
                v_expected := creative_defi.amm_amount_out(v_amount, p.reserve_b, p.reserve_a, p.fee_bps);
            END IF;
            CONTINUE WHEN v_expected = 0;
            v_k := p.reserve_a * p.reserve_b;
            SELECT s.amount_out INTO v_out FROM creative_defi.pool_swap(v_pool, who, v_in, v_amount, 0, 'prop-swap-' || i) s;
            SELECT * INTO p FROM creative_defi.pools WHERE id = v_pool;
            UPDATE prop SET swaps = swaps + 1,
                            k_fell = k_fell + (p.reserve_a * p.reserve_b < v_k)::int,
                            wrong_out = wrong_out + (v_out <> v_expected)::int;
        END IF;
        -- the pool's reserves equal its account's holdings after every step
        UPDATE prop SET reserves_off = reserves_off
            + (q.reserve_a IS DISTINCT FROM creative_defi.balance(q.account, q.asset_a)
               OR q.reserve_b IS DISTINCT FROM creative_defi.balance(q.account, q.asset_b))::int
          FROM (SELECT * FROM creative_defi.pools WHERE id = v_pool) AS q;
    END LOOP;
END
$$;
SELECT swaps > 200 AS many_swaps, adds > 10 AS some_adds, removes > 5 AS some_removes, k_fell, wrong_out, reserves_off FROM prop;
SELECT "check", ok FROM ledger_verify() WHERE "check" LIKE 'pool%';
SELECT bool_and(ok) AS all_ok FROM ledger_verify();

-- ledger_verify() detects tampering with pool state (a superuser bypassing
-- the append-only triggers; rolled back)
BEGIN;
SET LOCAL session_replication_role = replica;
-- a pool row that no longer matches its postings
UPDATE ledger_pools SET reserve_a = reserve_a + 1 WHERE id = (SELECT id FROM fp);
-- a swap whose recorded reserves lower k
UPDATE ledger_pool_history SET reserve_b = reserve_b - 1000000
 WHERE txn_id = (SELECT id FROM ledger_transactions WHERE ref = 'fee-swap-3');
SELECT "check", ok, regexp_replace(detail, 'transaction \d+', 'transaction #', 'g') AS detail
  FROM ledger_verify() WHERE "check" LIKE 'pool%';
ROLLBACK;
BEGIN;
SET LOCAL session_replication_role = replica;
-- a pool transaction without its history row, and a pool account holding
-- a stray asset
DELETE FROM ledger_pool_history WHERE txn_id = (SELECT id FROM ledger_transactions WHERE ref = 'fee-swap-2');
INSERT INTO ledger_holdings (account, asset, amount, kind)
SELECT account, 'eip155:1/slip44:60', 0, 'pool' FROM pools WHERE id = (SELECT id FROM fp);
SELECT "check", ok, regexp_replace(detail, 'transaction \d+', 'transaction #', 'g') AS detail
  FROM ledger_verify() WHERE "check" LIKE 'pool%';
ROLLBACK;
SELECT bool_and(ok) AS all_ok FROM ledger_verify();
