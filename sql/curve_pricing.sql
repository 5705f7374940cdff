-- curve_* pricing: every function and kind, rounding, errors

CREATE TABLE kinds (k text PRIMARY KEY, c bonding_curve);
INSERT INTO kinds VALUES
    ('linear', 'linear(base=1000, slope=7)'),
    ('linear_frac', 'linear(base=2.5, slope=0.25)'),
    ('exponential', 'exponential(base=1000, ratio=1.01)'),
    ('power', 'power(coefficient=62500000000000, exponent=2)'),
    ('bancor', 'bancor(reserve_ratio=0.333333, initial_supply=1000000, initial_reserve=5000000)'),
    ('bancor_half', 'bancor(reserve_ratio=0.5, initial_supply=1000, initial_reserve=100)'),
    ('constant_product', 'constant_product(virtual_reserve=30000000000, virtual_supply=1073000000)');

-- reserve, buy cost, sell proceeds, next-unit price and spot price per kind
SELECT k, curve_reserve(c, 1000) AS reserve, curve_buy_cost(c, 1000, 10) AS buy_10,
       curve_sell_proceeds(c, 1010, 10) AS sell_10, curve_price(c, 1000) AS price,
       curve_spot_price(c, 1000) AS spot, curve_spot_price(c, 1000, 2) AS spot_2
  FROM kinds ORDER BY k;

-- path independence and buy-then-sell symmetry, per kind
SELECT k, curve_buy_cost(c, 500, 300) = curve_buy_cost(c, 500, 100) + curve_buy_cost(c, 600, 200) AS path_independent,
       curve_buy_cost(c, 500, 300) = curve_sell_proceeds(c, 800, 300) AS symmetric,
       curve_reserve(c, 800) = curve_reserve(c, 500) + curve_buy_cost(c, 500, 300) AS reserve_consistent
  FROM kinds ORDER BY k;

-- buy_amount: the largest amount within budget; sell_amount: the fewest units for proceeds
SELECT k, a AS buy_amount, curve_buy_cost(c, 1000, a) <= 5000000 AND curve_buy_cost(c, 1000, a + 1) > 5000000 AS tight
  FROM kinds, LATERAL (SELECT curve_buy_amount(c, 1000, 5000000) AS a) x ORDER BY k;
SELECT k, a AS sell_amount, curve_sell_proceeds(c, 5000, a) >= 777777
       AND (a = 0 OR curve_sell_proceeds(c, 5000, a - 1) < 777777) AS tight
  FROM kinds, LATERAL (SELECT curve_sell_amount(c, 5000, 777777) AS a) x
 WHERE curve_reserve(c, 5000) >= 777777 ORDER BY k;
SELECT curve_buy_amount('linear(base=1000, slope=7)', 0, 0) AS nothing,
       curve_buy_amount('power(coefficient=1, exponent=1)', 0, 0) AS free_first_unit,
       curve_sell_amount('linear(base=1000, slope=7)', 10, 0) AS zero_proceeds,
       curve_buy_amount('constant_product(virtual_reserve=30, virtual_supply=100)', 0,
                        115792089237316195423570985008687907853269984665640564039457584007913129639935) AS up_to_virtual_supply;

-- friend.tech: power(62500000000000, 2) equals FriendtechSharesV1.getPrice(supply, amount),
-- transcribed here with exact numeric integer division
CREATE FUNCTION ft_get_price(supply numeric, amount numeric) RETURNS numeric LANGUAGE sql AS $$
    SELECT div((CASE WHEN supply + amount = 1 THEN 0
                     ELSE div((supply - 1 + amount) * (supply + amount) * (2 * (supply - 1 + amount) + 1), 6) END
              - CASE WHEN supply = 0 THEN 0
                     ELSE div((supply - 1) * supply * (2 * (supply - 1) + 1), 6) END) * 1000000000000000000, 16000)
$$;
SELECT count(*) AS compared,
       count(*) FILTER (WHERE curve_buy_cost('power(coefficient=62500000000000, exponent=2)', s, a) = ft_get_price(s, a)) AS equal
  FROM generate_series(0, 300, 7) s, generate_series(1, 60, 3) a;
SELECT curve_buy_cost('power(coefficient=62500000000000, exponent=2)', 0, 1) AS first_key,
       curve_buy_cost('power(coefficient=62500000000000, exponent=2)', 1, 1) AS second_key,
       curve_buy_cost('power(coefficient=62500000000000, exponent=2)', 100, 10) AS ten_at_100,
       ft_get_price(100, 10) AS contract;

-- exact kinds against the closed forms in numeric
SELECT s, curve_reserve('linear(base=2.5, slope=0.25)', s) = ceil(2.5 * s + 0.25 * s * (s - 1) / 2) AS linear_exact,
       curve_reserve('constant_product(virtual_reserve=30000000000, virtual_supply=1073000000)', s)
         = ceil(30000000000::numeric * s / (1073000000 - s)) AS cp_exact,
       curve_reserve('bancor(reserve_ratio=0.5, initial_supply=1000, initial_reserve=100)', s) = ceil(100 * s * s / 1000000.0) AS bancor_exact
  FROM (VALUES (0::numeric), (1), (2), (999), (123456), (1072999999)) AS t(s);

-- exponential is exact for small supplies (ratio^s as a fraction): unit 0 costs
-- exactly base, and R(10) = 7 * (1.5^10 - 1) / 0.5 = 793.310546875 (so 794)
SELECT curve_price('exponential(base=1000, ratio=1.001)', 0) AS first_unit,
       curve_reserve('exponential(base=7, ratio=1.5)', 10) AS reserve_10,
       ceil(7 * (1.5 ^ 10 - 1) / 0.5) AS exact_ceil,
       -- ceil(0.5 * (1.05^200 - 1) / 0.05) = 172916, by Python's fractions
       curve_reserve('exponential(base=0.5, ratio=1.05)', 200) = 172916 AS exact_200;

-- spot prices: half-even rounding, scale, every kind
SELECT curve_spot_price('linear(base=1000, slope=0.5)', 1, 0) AS half_to_even_down,
       curve_spot_price('linear(base=1000, slope=0.5)', 3, 0) AS half_to_even_up,
       curve_spot_price('linear(base=1000, slope=0.5)', 3, 3) AS three_places,
       curve_spot_price('power(coefficient=3, exponent=0)', 7, 0) AS constant,
       curve_spot_price('constant_product(virtual_reserve=30, virtual_supply=100)', 50, 6) AS cp,
       curve_spot_price('bancor(reserve_ratio=0.5, initial_supply=1000, initial_reserve=100)', 0, 4) AS bancor_at_zero,
       curve_spot_price('exponential(base=1, ratio=2)', 10, 0) AS two_to_the_ten;

-- spot prices round the exact value half-even, for every kind: exact ties one
-- digit past the scale in both directions, and values just off a tie.
-- exponential and bancor used to land on whichever side their binary
-- approximation fell (1.01 for exact 1.005, 0.03 for exact 0.035).
SELECT curve_spot_price('exponential(base=1, ratio=1.005)', 1, 2) AS exponential_1_005,
       curve_spot_price('bancor(reserve_ratio=0.5, initial_supply=1000, initial_reserve=1)', 17500, 2) AS bancor_0_035;
-- half-even in numeric (round() takes ties away from zero)
CREATE FUNCTION half_even(x numeric, d int) RETURNS numeric LANGUAGE sql AS $$
    SELECT (CASE WHEN y - floor(y) = 0.5 THEN floor(y) + mod(floor(y), 2) ELSE round(y) END) / 10::numeric ^ d
      FROM (SELECT x * 10::numeric ^ d AS y) t
$$;
SELECT c, s, d, exact, curve_spot_price(c::bonding_curve, s, d) AS spot,
       curve_spot_price(c::bonding_curve, s, d) = half_even(exact, d) AS half_even
  FROM (VALUES
    ('linear(base=0.125, slope=0)', 0::numeric, 2, 0.125),
    ('linear(base=0.1, slope=0.005)', 3, 2, 0.115),
    ('linear(base=0.1250000000000000000000000000000000000001, slope=0)', 0, 2, 0.1250000000000000000000000000000000000001),
    ('power(coefficient=0.5, exponent=1)', 5, 0, 2.5),
    ('power(coefficient=0.5, exponent=1)', 7, 0, 3.5),
    ('power(coefficient=0.005, exponent=3)', 3, 2, 0.135),
    ('constant_product(virtual_reserve=5, virtual_supply=2)', 0, 0, 2.5),
    ('constant_product(virtual_reserve=1, virtual_supply=6)', 2, 2, 0.375),
    ('constant_product(virtual_reserve=500001, virtual_supply=1000001)', 0, 0, 500001 / 1000001.0),
    ('exponential(base=1, ratio=1.005)', 1, 2, 1.005),
    ('exponential(base=1, ratio=1.005)', 2, 5, 1.010025),
    ('exponential(base=1, ratio=1.005)', 3, 8, 1.015075125),
    ('exponential(base=1, ratio=1.5)', 3, 2, 3.375),
    ('exponential(base=0.5, ratio=3)', 10, 0, 29524.5),
    ('exponential(base=0.5, ratio=3)', 11, 0, 88573.5),
    ('exponential(base=1, ratio=1.0050000000000000000000000000000000000001)', 1, 2, 1.0050000000000000000000000000000000000001),
    ('bancor(reserve_ratio=0.5, initial_supply=1000, initial_reserve=1)', 17500, 2, 0.035),
    ('bancor(reserve_ratio=0.5, initial_supply=1000, initial_reserve=1)', 12500, 2, 0.025),
    ('bancor(reserve_ratio=0.5, initial_supply=1000, initial_reserve=1)', 17499, 2, 0.034998),
    ('bancor(reserve_ratio=0.4, initial_supply=4000, initial_reserve=1)', 9000, 8, 0.002109375),
    ('bancor(reserve_ratio=0.4, initial_supply=4000, initial_reserve=3)', 9000, 8, 0.006328125),
    ('bancor(reserve_ratio=0.8, initial_supply=8, initial_reserve=3)', 128, 3, 0.9375),
    ('bancor(reserve_ratio=1, initial_supply=8, initial_reserve=1)', 0, 2, 0.125)
  ) AS t(c, s, d, exact);
DROP FUNCTION half_even(numeric, int);

-- curve_points for plotting
SELECT * FROM curve_points('linear(base=1000, slope=7)', 0, 100, 4);
SELECT * FROM curve_points('power(coefficient=62500000000000, exponent=2)', 0, 3, 10);
SELECT * FROM expect_error($$SELECT * FROM curve_points('linear(base=1000, slope=7)', 0, 100, 0)$$);
SELECT * FROM expect_error($$SELECT * FROM curve_points('linear(base=1000, slope=7)', 0, 100, 100001)$$);
SELECT * FROM expect_error($$SELECT * FROM curve_points('linear(base=1000, slope=7)', 10, 5, 2)$$);
SELECT * FROM expect_error($$SELECT * FROM curve_points('linear(base=1000, slope=7)', -1, 5, 2)$$);

-- the numeric <-> uint256 conversion keeps values exact across digit groups
SELECT x, curve_buy_cost('linear(base=1, slope=0)', 0, x) AS back,
       curve_buy_cost('linear(base=1, slope=0)', 0, x) = x AS equal,
       hash_numeric(curve_buy_cost('linear(base=1, slope=0)', 0, x)) = hash_numeric(x) AS same_hash
  FROM (VALUES (0::numeric), (1), (9999), (10000), (10001), (100000000), (1.000), (10000.0),
               (123456789012345678901234567890), (1e40), (2e76),
               (115792089237316195423570985008687907853269984665640564039457584007913129639935)) AS t(x);

-- NULL in, NULL out
SELECT curve_reserve(NULL, 1) IS NULL AS a, curve_buy_cost('linear(base=1, slope=1)', NULL, 1) IS NULL AS b,
       curve_spot_price('linear(base=1, slope=1)', 1, NULL) IS NULL AS c,
       (SELECT count(*) FROM curve_points(NULL, 0, 1, 1)) AS points;

-- errors: amounts, ranges, supply limits
SELECT * FROM expect_error($$SELECT curve_reserve('linear(base=1, slope=1)', -1)$$);
SELECT * FROM expect_error($$SELECT curve_reserve('linear(base=1, slope=1)', 1.5)$$);
SELECT * FROM expect_error($$SELECT curve_reserve('linear(base=1, slope=1)', 'NaN')$$);
SELECT * FROM expect_error($$SELECT curve_reserve('linear(base=1, slope=1)', 'Infinity')$$);
SELECT * FROM expect_error($$SELECT curve_reserve('linear(base=1, slope=1)', 115792089237316195423570985008687907853269984665640564039457584007913129639936)$$);
SELECT * FROM expect_error($$SELECT curve_reserve('linear(base=1, slope=1)', 1e80)$$);
SELECT * FROM expect_error($$SELECT curve_reserve('linear(base=1, slope=1)', 1e77)$$);
-- 1 + 2 + ... + 2^255 = 2^256 - 1 is the largest reserve; one more unit is out of range
SELECT curve_reserve('exponential(base=1, ratio=2)', 256) = 2::numeric ^ 256 - 1 AS max_reserve;
SELECT * FROM expect_error($$SELECT curve_reserve('exponential(base=1, ratio=2)', 257)$$);
SELECT * FROM expect_error($$SELECT curve_reserve('bancor(reserve_ratio=0.3, initial_supply=1, initial_reserve=1)', 1e30)$$);
SELECT * FROM expect_error($$SELECT curve_reserve('power(coefficient=1, exponent=8)', 1e30)$$);
SELECT * FROM expect_error($$SELECT curve_buy_cost('linear(base=1, slope=0)', 1, 115792089237316195423570985008687907853269984665640564039457584007913129639935)$$);
SELECT * FROM expect_error($$SELECT curve_buy_cost('linear(base=1, slope=1)', 1, -5)$$);
SELECT * FROM expect_error($$SELECT curve_sell_proceeds('linear(base=1, slope=1)', 5, 6)$$);
SELECT * FROM expect_error($$SELECT curve_buy_cost('constant_product(virtual_reserve=30, virtual_supply=100)', 90, 10)$$);
SELECT * FROM expect_error($$SELECT curve_spot_price('constant_product(virtual_reserve=30, virtual_supply=100)', 100)$$);
SELECT * FROM expect_error($$SELECT curve_price('constant_product(virtual_reserve=30, virtual_supply=100)', 99)$$);
SELECT * FROM expect_error($$SELECT curve_buy_amount('linear(base=1, slope=1)', 1, -1)$$);
SELECT * FROM expect_error($$SELECT curve_sell_amount('linear(base=1000, slope=7)', 10, 1000000)$$);
SELECT * FROM expect_error($$SELECT curve_sell_amount('linear(base=1000, slope=7)', 10, 0.5)$$);
SELECT * FROM expect_error($$SELECT curve_spot_price('exponential(base=1, ratio=2)', 5000, 0)$$);
SELECT * FROM expect_error($$SELECT curve_spot_price('bancor(reserve_ratio=0.000001, initial_supply=8000000, initial_reserve=1)', 16000000)$$);
SELECT * FROM expect_error($$SELECT curve_spot_price('linear(base=1, slope=1)', 1, -1)$$);
SELECT * FROM expect_error($$SELECT curve_spot_price('linear(base=1, slope=1)', 1, 101)$$);

DROP FUNCTION ft_get_price(numeric, numeric);
DROP TABLE kinds;
