-- Bonding curves: exact prices from supply
SET search_path = public, creative_defi;

-- A creator's keys priced like friend.tech: unit i costs 62500000000000 * i^2 wei
-- (sum of squares * 1 ether / 16000, exactly FriendtechSharesV1.getPrice).
SELECT power_curve(62500000000000, 2) AS friendtech;
SELECT s AS supply, curve_price(power_curve(62500000000000, 2), s) AS next_key_wei
  FROM generate_series(0, 4) AS s;

-- Buying 10 keys at once costs exactly what buying them one by one costs,
-- and selling them back returns exactly what was paid:
SELECT curve_buy_cost('power(coefficient=62500000000000, exponent=2)', 50, 10) AS at_once,
       (SELECT sum(curve_buy_cost('power(coefficient=62500000000000, exponent=2)', s, 1))
          FROM generate_series(50, 59) AS s) AS one_by_one,
       curve_sell_proceeds('power(coefficient=62500000000000, exponent=2)', 60, 10) AS sold_back;

-- One value per kind; the reserve is ceil(R(s)), so it never falls short:
SELECT c AS curve, curve_reserve(c, 1000) AS reserve_at_1000,
       curve_buy_cost(c, 1000, 100) AS cost_of_next_100,
       curve_spot_price(c, 1000, 4) AS spot_price
  FROM (VALUES ('linear(base=1000, slope=7)'::bonding_curve),
               ('exponential(base=1000, ratio=1.001)'),
               ('bancor(reserve_ratio=0.333333, initial_supply=1000, initial_reserve=50000)'),
               ('constant_product(virtual_reserve=30000000000, virtual_supply=1073000000)')) AS t(c);

-- How many units does a budget buy, and how many must be sold to raise a sum?
SELECT curve_buy_amount('linear(base=1000, slope=7)', 1000, 1000000) AS units_for_1m,
       curve_sell_amount('linear(base=1000, slope=7)', 1000, 1000000) AS units_to_raise_1m;

-- Points for a chart (supply, price of the next unit, reserve):
SELECT * FROM curve_points('exponential(base=1000, ratio=1.001)', 0, 5000, 5);

-- Curves travel as jsonb with exact string values:
SELECT 'bancor(reserve_ratio=0.5, initial_supply=1000, initial_reserve=100)'::bonding_curve::jsonb;

-- Mistakes are caught with a reason:
\set ON_ERROR_STOP 0
SELECT 'exponential(base=1000, ratio=0.9)'::bonding_curve;
SELECT curve_buy_cost('constant_product(virtual_reserve=30, virtual_supply=100)', 90, 10);
\set ON_ERROR_STOP 1
