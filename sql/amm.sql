-- amm: Uniswap V2 AMM math, bit-exact with the contracts

-- Uniswap/v2-core UniswapV2Pair.spec.ts getInputPrice cases (swap, reserve_in, reserve_out in 1e18)
SELECT swap, r_in, r_out,
       amm_amount_out(swap * 1e18, r_in * 1e18, r_out * 1e18) AS amount_out, expected,
       amm_amount_out(swap * 1e18, r_in * 1e18, r_out * 1e18) = expected AS ok
  FROM (VALUES (1, 5, 10, 1662497915624478906), (1, 10, 5, 453305446940074565),
               (2, 5, 10, 2851015155847869602), (2, 10, 5, 831248957812239453),
               (1, 10, 10, 906610893880149131), (1, 100, 100, 987158034397061298),
               (1, 1000, 1000, 996006981039903216)) AS t(swap, r_in, r_out, expected);

-- Uniswap/v2-periphery UniswapV2Router02.spec.ts
SELECT amm_quote(1, 100, 200) AS quote_1, amm_quote(2, 200, 100) AS quote_2,
       amm_amount_out(2, 100, 100) AS amount_out, amm_amount_in(1, 100, 100) AS amount_in;

-- the default fee is 30 bps; fee_bps generalizes 997/1000 to (10000 - fee_bps)/10000
SELECT amm_amount_out(1e18, 5e18, 10e18) = amm_amount_out(1e18, 5e18, 10e18, 30) AS default_is_30,
       amm_amount_out(100, 1000, 1000, 0) AS no_fee,
       amm_amount_out(100, 1000, 1000, 25) AS bps_25,
       amm_amount_out(100, 1000, 1000, 100) AS bps_100,
       amm_amount_out(10000, 1, 1000, 9999) AS bps_9999;
-- 30 bps equals the contract's literal 997/1000 formula
SELECT count(*) AS cases,
       count(*) FILTER (WHERE amm_amount_out(a, r_in, r_out)
                        = div(a * 997 * r_out, r_in * 1000 + a * 997)) AS equal_out,
       count(*) FILTER (WHERE amm_amount_in(a, r_in, r_out + a)
                        = div(r_in * a * 1000, r_out * 997) + 1) AS equal_in
  FROM generate_series(1, 12) a, generate_series(1, 12) r_in, generate_series(1, 12) r_out;

-- getAmountIn includes its +1: the input always buys at least amount_out
SELECT amm_amount_in(1662497915624478906, 5e18, 10e18) AS amount_in,
       amm_amount_out(amm_amount_in(1662497915624478906, 5e18, 10e18), 5e18, 10e18) >= 1662497915624478906 AS buys_enough,
       amm_amount_in(90, 1000, 1000, 0) AS no_fee,
       amm_amount_in(4, 5, 5) AS nearly_all;

-- mint: UniswapV2Pair.spec.ts mint (1e18 + 4e18 -> 2e18 - 1000 to the depositor)
SELECT amm_liquidity_minted(1e18, 4e18, 0, 0, 0) AS first_deposit,
       amm_liquidity_minted(1001, 1001, 0, 0, 0) AS smallest_first,
       amm_liquidity_minted(1e18, 4e18, 1e18, 4e18, 2e18) AS proportional,
       amm_liquidity_minted(1e18, 8e18, 1e18, 4e18, 2e18) AS excess_b,
       amm_liquidity_minted(1e18, 2e18, 1e18, 4e18, 2e18) AS short_b,
       amm_liquidity_minted(1e18, 4e18, 7, 9, 0) AS first_ignores_reserves;
-- burn: UniswapV2Pair.spec.ts burn (3e18 + 3e18, burn all but the locked 1000)
SELECT * FROM amm_liquidity_burned(3e18 - 1000, 3e18, 3e18, 3e18);
SELECT (amm_liquidity_burned(2, 100, 5, 10)).amount_a, (amm_liquidity_burned(2, 100, 5, 10)).amount_b;
-- rounding is down on both sides: the pool keeps the dust
SELECT * FROM amm_liquidity_burned(1, 1000, 999, 3);

-- uint256 boundaries: exact 512-bit intermediates, results at the edge
SELECT amm_amount_out(2::numeric ^ 256 - 1, 2::numeric ^ 256 - 1, 2::numeric ^ 256 - 1) AS max_all,
       amm_amount_out(2::numeric ^ 256 - 1, 1, 1000) AS huge_in,
       amm_amount_in(1, 2::numeric ^ 256 - 2, 2, 0) = 2::numeric ^ 256 - 1 AS in_at_max,
       amm_quote(2::numeric ^ 256 - 1, 2::numeric ^ 256 - 1, 7) AS quote_max,
       amm_liquidity_minted(2::numeric ^ 256 - 1, 2::numeric ^ 256 - 1, 0, 0, 0) AS mint_max,
       amm_liquidity_minted(2::numeric ^ 256 - 1, 1, 1, 2::numeric ^ 256 - 1, 2::numeric ^ 256 - 1) AS mint_one_share_overflows;
SELECT * FROM amm_liquidity_burned(2::numeric ^ 256 - 1, 2::numeric ^ 256 - 1, 1, 2::numeric ^ 256 - 1);
-- a scale on an integral value is accepted; the result has scale 0
SELECT amm_amount_out(100.000, 1000.0, 1000) AS scaled_input;

-- NULL in, NULL out (STRICT)
SELECT amm_amount_out(NULL, 1, 1) IS NULL AS a, amm_amount_in(1, NULL, 1) IS NULL AS b,
       amm_quote(1, 1, NULL) IS NULL AS c, amm_amount_out(1, 1, 1, NULL) IS NULL AS d,
       amm_liquidity_minted(1, 1, 1, 1, NULL) IS NULL AS e,
       (amm_liquidity_burned(NULL, 1, 1, 1)).amount_a IS NULL AS f;

-- errors where the contracts revert
SELECT * FROM expect_error($$ SELECT amm_amount_out(0, 100, 100) $$);
SELECT * FROM expect_error($$ SELECT amm_amount_out(2, 0, 100) $$);
SELECT * FROM expect_error($$ SELECT amm_amount_out(2, 100, 0) $$);
SELECT * FROM expect_error($$ SELECT amm_amount_in(0, 100, 100) $$);
SELECT * FROM expect_error($$ SELECT amm_amount_in(1, 0, 100) $$);
SELECT * FROM expect_error($$ SELECT amm_amount_in(1, 100, 0) $$);
SELECT * FROM expect_error($$ SELECT amm_amount_in(100, 100, 100) $$);
SELECT * FROM expect_error($$ SELECT amm_amount_in(101, 100, 100) $$);
SELECT * FROM expect_error($$ SELECT amm_amount_in(1, 2::numeric ^ 256 - 1, 2) $$);
SELECT * FROM expect_error($$ SELECT amm_quote(0, 100, 200) $$);
SELECT * FROM expect_error($$ SELECT amm_quote(1, 0, 200) $$);
SELECT * FROM expect_error($$ SELECT amm_quote(1, 100, 0) $$);
SELECT * FROM expect_error($$ SELECT amm_quote(2::numeric ^ 256 - 1, 1, 2) $$);
SELECT * FROM expect_error($$ SELECT amm_liquidity_minted(1000, 1000, 0, 0, 0) $$);
SELECT * FROM expect_error($$ SELECT amm_liquidity_minted(10, 5, 0, 0, 0) $$);
SELECT * FROM expect_error($$ SELECT amm_liquidity_minted(1, 1, 1000, 1000, 10) $$);
SELECT * FROM expect_error($$ SELECT amm_liquidity_minted(1, 1, 0, 5, 10) $$);
SELECT * FROM expect_error($$ SELECT amm_liquidity_minted(2::numeric ^ 256 - 1, 2::numeric ^ 256 - 1, 1, 1, 2) $$);
SELECT * FROM expect_error($$ SELECT amm_liquidity_burned(1, 1, 1, 0) $$);
SELECT * FROM expect_error($$ SELECT amm_liquidity_burned(11, 1, 1, 10) $$);
SELECT * FROM expect_error($$ SELECT amm_liquidity_burned(0, 100, 100, 10) $$);
SELECT * FROM expect_error($$ SELECT amm_liquidity_burned(1, 100, 5, 10) $$);
-- fee_bps outside 0..9999
SELECT * FROM expect_error($$ SELECT amm_amount_out(1, 1, 1000, -1) $$);
SELECT * FROM expect_error($$ SELECT amm_amount_out(1, 1, 1000, 10000) $$);
SELECT * FROM expect_error($$ SELECT amm_amount_in(1, 1, 1000, 10000) $$);
-- amounts that are not uint256
SELECT * FROM expect_error($$ SELECT amm_amount_out(-1, 100, 100) $$);
SELECT * FROM expect_error($$ SELECT amm_amount_out(1.5, 100, 100) $$);
SELECT * FROM expect_error($$ SELECT amm_amount_in(1, 'NaN', 100) $$);
SELECT * FROM expect_error($$ SELECT amm_amount_in(1, 100, 'Infinity') $$);
SELECT * FROM expect_error($$ SELECT amm_quote(1, 2::numeric ^ 256, 100) $$);
SELECT * FROM expect_error($$ SELECT amm_liquidity_minted(1, 1, 1, 1, -5) $$);
SELECT * FROM expect_error($$ SELECT amm_liquidity_burned(1, 1, 0.1, 1) $$);

-- numeric <-> uint256 conversion (src/pg_numeric_u256.c reads and writes numeric's
-- stored digits): results equal numeric_in's value, text and hash
SELECT x::text AS x, amm_quote(x, 1, 1)::text = x::text AS same_text,
       hash_numeric(amm_quote(x, 1, 1)) = hash_numeric(x) AS same_hash,
       amm_quote(x, 3, 3) = x AS via_division
  FROM (SELECT trunc(v) AS x FROM (VALUES (1::numeric), (9999), (10000), (10001), (99999999), (100000000), (1e16), (1e16 - 1),
               (1e18), (123456789012345678901234567890), (2::numeric ^ 64 - 1), (2::numeric ^ 64),
               (2::numeric ^ 128 - 1), (2::numeric ^ 128), (2::numeric ^ 128 + 1), (1e32), (1e32 - 1),
               (1e76), (1e77), (2::numeric ^ 255), (2::numeric ^ 256 - 1)) AS v(v)) AS t;
-- zero out, and inputs in numeric's long storage form (display scale > 63)
SELECT amm_amount_out(1, 1000, 1)::text AS zero, hash_numeric(amm_amount_out(1, 1000, 1)) = hash_numeric(0) AS zero_hash,
       amm_quote(('5.' || repeat('0', 70))::numeric, ('1.' || repeat('0', 80))::numeric, 3) AS long_form,
       amm_quote(round(2::numeric ^ 200, 70), 1, 1) = 2::numeric ^ 200 AS long_form_big;
-- 2,000 random integers of 1 to 77 digits round-trip exactly
SELECT setseed(0.25);
CREATE TEMP TABLE round_trip AS
SELECT (floor(random() * 9) + 1)::text
       || coalesce((SELECT string_agg(floor(random() * 10)::int::text, '') FROM generate_series(1, n)), '') AS s
  FROM (SELECT i, floor(random() * 77)::int AS n FROM generate_series(1, 2000) i) g;
ALTER TABLE round_trip ADD COLUMN x numeric;
UPDATE round_trip SET x = s::numeric;
SELECT count(*) AS values, count(DISTINCT length(s)) AS lengths,
       count(*) FILTER (WHERE amm_quote(x, 1, 1)::text = s) AS round_trip FROM round_trip;
SELECT s AS mismatch, amm_quote(x, 1, 1) FROM round_trip WHERE amm_quote(x, 1, 1)::text <> s;
SELECT * FROM expect_error($$ SELECT amm_quote(('-5.' || repeat('0', 70))::numeric, 1, 1) $$);
SELECT * FROM expect_error($$ SELECT amm_quote(('5.' || repeat('0', 69) || '1')::numeric, 1, 1) $$);
SELECT * FROM expect_error($$ SELECT amm_quote(2::numeric ^ 256 + 0.5, 1, 1) $$);
SELECT * FROM expect_error($$ SELECT amm_quote(1e78, 1, 1) $$);
SELECT * FROM expect_error($$ SELECT amm_quote(0.5, 1, 1) $$);
