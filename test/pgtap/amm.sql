-- amm functions in the catalog, and their contract-level behaviour
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(32);

SELECT has_function('creative_defi', 'amm_amount_out', ARRAY['numeric', 'numeric', 'numeric', 'integer']);
SELECT has_function('creative_defi', 'amm_amount_in', ARRAY['numeric', 'numeric', 'numeric', 'integer']);
SELECT has_function('creative_defi', 'amm_quote', ARRAY['numeric', 'numeric', 'numeric']);
SELECT has_function('creative_defi', 'amm_liquidity_minted', ARRAY['numeric', 'numeric', 'numeric', 'numeric', 'numeric']);
SELECT has_function('creative_defi', 'amm_liquidity_burned', ARRAY['numeric', 'numeric', 'numeric', 'numeric']);

SELECT function_returns('creative_defi', 'amm_amount_out', ARRAY['numeric', 'numeric', 'numeric', 'integer'], 'numeric');
SELECT function_returns('creative_defi', 'amm_liquidity_burned', ARRAY['numeric', 'numeric', 'numeric', 'numeric'], 'record');
SELECT is((SELECT proargnames FROM pg_proc WHERE oid = 'amm_liquidity_burned(numeric, numeric, numeric, numeric)'::regprocedure),
          ARRAY['liquidity', 'reserve_a', 'reserve_b', 'total_supply', 'amount_a', 'amount_b'],
          'amm_liquidity_burned returns OUT amount_a, amount_b');

-- every amm function: C, IMMUTABLE, STRICT, PARALLEL SAFE, commented
SELECT is((SELECT count(*)::int FROM pg_proc
            WHERE pronamespace = 'creative_defi'::regnamespace AND proname LIKE 'amm\_%'), 5,
          'five amm functions');
SELECT is_empty($$
    SELECT oid::regprocedure::text FROM pg_proc
     WHERE pronamespace = 'creative_defi'::regnamespace AND proname LIKE 'amm\_%'
       AND NOT (provolatile = 'i' AND proisstrict AND proparallel = 's'
                AND prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')
                AND obj_description(oid, 'pg_proc') IS NOT NULL)
$$, 'amm functions are C, IMMUTABLE, STRICT, PARALLEL SAFE and commented');
SELECT is((SELECT pg_get_expr(proargdefaults, 0) FROM pg_proc
            WHERE oid = 'amm_amount_out(numeric, numeric, numeric, integer)'::regprocedure), '30',
          'amm_amount_out fee_bps defaults to 30');
SELECT is((SELECT pg_get_expr(proargdefaults, 0) FROM pg_proc
            WHERE oid = 'amm_amount_in(numeric, numeric, numeric, integer)'::regprocedure), '30',
          'amm_amount_in fee_bps defaults to 30');

-- published values (Uniswap/v2-core and v2-periphery tests)
SELECT is(amm_amount_out(1e18, 5e18, 10e18), 1662497915624478906::numeric, 'getInputPrice:0');
SELECT is(amm_amount_out(1e18, 10e18, 5e18), 453305446940074565::numeric, 'getInputPrice:1');
SELECT is(amm_amount_in(1, 100, 100), 2::numeric, 'router getAmountIn(1, 100, 100) = 2');
SELECT is(amm_quote(1, 100, 200), 2::numeric, 'router quote(1, 100, 200) = 2');
SELECT is(amm_liquidity_minted(1e18, 4e18, 0, 0, 0), 2e18 - 1000, 'pair mint: 2e18 - MINIMUM_LIQUIDITY');
SELECT is((SELECT row(amount_a, amount_b)::text FROM amm_liquidity_burned(3e18 - 1000, 3e18, 3e18, 3e18)),
          '(2999999999999999000,2999999999999999000)', 'pair burn: 3e18 - 1000 of each');
-- fee_bps 30 is the contract's 997/1000
SELECT is(amm_amount_out(123456789, 987654321, 555555555, 30),
          div(123456789::numeric * 997 * 555555555, 987654321::numeric * 1000 + 123456789::numeric * 997),
          '30 bps = 997/1000');

-- reverts, with their SQLSTATEs
SELECT throws_ok($$ SELECT amm_amount_out(0, 100, 100) $$, '22023', 'amount_in must be greater than zero');
SELECT throws_ok($$ SELECT amm_amount_out(1, 0, 100) $$, '22023', 'reserve_in and reserve_out must be greater than zero');
SELECT throws_ok($$ SELECT amm_amount_in(0, 100, 100) $$, '22023', 'amount_out must be greater than zero');
SELECT throws_ok($$ SELECT amm_amount_in(100, 100, 100) $$, '22023', 'amount_out must be less than reserve_out');
SELECT throws_ok($$ SELECT amm_amount_in(1, 2::numeric ^ 256 - 1, 2) $$, '22003', 'amount_in is out of range for uint256');
SELECT throws_ok($$ SELECT amm_quote(0, 100, 200) $$, '22023', 'amount_a must be greater than zero');
SELECT throws_ok($$ SELECT amm_quote(2::numeric ^ 256 - 1, 1, 2) $$, '22003', 'quoted amount is out of range for uint256');
SELECT throws_ok($$ SELECT amm_liquidity_minted(1000, 1000, 0, 0, 0) $$, '22023', 'first deposit is too small to mint liquidity');
SELECT throws_ok($$ SELECT amm_liquidity_minted(1, 1, 1000, 1000, 10) $$, '22023', 'deposit is too small to mint liquidity');
SELECT throws_ok($$ SELECT amm_liquidity_burned(1, 100, 5, 10) $$, '22023', 'liquidity is too small to return both tokens');
SELECT throws_ok($$ SELECT amm_liquidity_burned(11, 1, 1, 10) $$, '22023', 'liquidity must not exceed total_supply');
SELECT throws_ok($$ SELECT amm_amount_out(1, 1, 1, 10000) $$, '22023', 'fee_bps must be between 0 and 9999');
SELECT throws_ok($$ SELECT amm_amount_out(-1, 1, 1) $$, '22023', 'amount_in must not be negative');

SELECT * FROM finish();
ROLLBACK;
