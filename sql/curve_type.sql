-- bonding_curve: text, jsonb and binary forms, constructors, operators

-- every kind, canonical output (parameters in the kind's order, normalized decimals)
SELECT c::bonding_curve AS canonical, curve_kind(c::bonding_curve) FROM (VALUES
    ('linear(base=1000, slope=7)'),
    ('  LINEAR ( slope = 7.500 ,base=001000.0 ) '),
    ('exponential(ratio=1.05, base=.5)'),
    ('power(exponent=2, coefficient=62500000000000)'),
    ('bancor(initial_reserve=100, initial_supply=1000, reserve_ratio=0.333333)'),
    ('constant_product(virtual_supply=1073000000, virtual_reserve=30000000000)'),
    ('linear(base=0.05, slope=0)')) AS t(c);

-- every input error, with SQLSTATE, message, detail and hint
SELECT * FROM expect_error($$SELECT ''::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'quadratic(a=1)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'linear'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'linear(base=1, slope=2'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'linear(base=1, slope=2) x'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'linear(base=1, slope)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'linear(base=1, height=2)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'linear(base=1, base=2)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'linear(base=1)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'linear(base=, slope=1)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'linear(base=-1, slope=1)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'linear(base=1e3, slope=1)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'linear(base=0, slope=0)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'linear(base=0.00000000000000000000000000000000000000001, slope=1)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'linear(base=115792089237316195423570985008687907853269984665640564039457584007913129639936, slope=1)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'exponential(base=0, ratio=2)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'exponential(base=1, ratio=0.99)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'power(coefficient=1, exponent=9)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'power(coefficient=1, exponent=1.5)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'power(coefficient=0, exponent=1)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'bancor(reserve_ratio=0, initial_supply=1, initial_reserve=1)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'bancor(reserve_ratio=1.5, initial_supply=1, initial_reserve=1)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'bancor(reserve_ratio=0.0000001, initial_supply=1, initial_reserve=1)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'bancor(reserve_ratio=0.5, initial_supply=0, initial_reserve=1)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'bancor(reserve_ratio=0.5, initial_supply=1.5, initial_reserve=1)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'bancor(reserve_ratio=0.5, initial_supply=1, initial_reserve=0)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'constant_product(virtual_reserve=0, virtual_supply=1)'::bonding_curve$$);
SELECT * FROM expect_error($$SELECT 'constant_product(virtual_reserve=1, virtual_supply=0)'::bonding_curve$$);

-- NULL in, NULL out
SELECT NULL::bonding_curve IS NULL AS is_null, linear_curve(NULL, 1) IS NULL AS ctor_null,
       (NULL::jsonb)::bonding_curve IS NULL AS json_null;

-- constructors: same values and the same errors as text input
SELECT linear_curve(1000, 7) = 'linear(base=1000, slope=7)' AS linear,
       exponential_curve(0.50, 1.05) AS exponential,
       power_curve(62500000000000, 2) AS power,
       bancor_curve(0.5, 1000, 100) AS bancor,
       constant_product_curve(30000000000, 1073000000) AS constant_product;
SELECT * FROM expect_error($$SELECT linear_curve(-1, 7)$$);
SELECT * FROM expect_error($$SELECT exponential_curve(1, 'NaN')$$);
SELECT * FROM expect_error($$SELECT power_curve(1, 2.5)$$);
SELECT * FROM expect_error($$SELECT bancor_curve(2, 1, 1)$$);
SELECT * FROM expect_error($$SELECT constant_product_curve(1, 0)$$);

-- jsonb both ways; numbers or strings accepted, strings produced
SELECT 'linear(base=1000, slope=7.5)'::bonding_curve::jsonb;
SELECT '{"kind": "linear", "base": "1000", "slope": "10"}'::jsonb::bonding_curve;
SELECT '{"kind": "power", "coefficient": 62500000000000, "exponent": 2}'::jsonb::bonding_curve;
SELECT '{"kind": "exponential", "base": 1.50, "ratio": 1E+0}'::jsonb::bonding_curve;
SELECT c = (c::jsonb)::bonding_curve AS round_trip FROM (VALUES
    ('bancor(reserve_ratio=0.333333, initial_supply=1000, initial_reserve=100)'::bonding_curve),
    ('exponential(base=0.5, ratio=1.05)')) AS t(c);
SELECT * FROM expect_error($$SELECT '[1, 2]'::jsonb::bonding_curve$$);
SELECT * FROM expect_error($$SELECT '{"base": "1", "slope": "2"}'::jsonb::bonding_curve$$);
SELECT * FROM expect_error($$SELECT '{"kind": 1, "base": "1", "slope": "2"}'::jsonb::bonding_curve$$);
SELECT * FROM expect_error($$SELECT '{"kind": "linear", "base": true, "slope": "2"}'::jsonb::bonding_curve$$);
SELECT * FROM expect_error($$SELECT '{"kind": "linear", "base": "1, slope=2"}'::jsonb::bonding_curve$$);
SELECT * FROM expect_error($$SELECT '{"kind": "linear", "base": -1, "slope": 2}'::jsonb::bonding_curve$$);
SELECT * FROM expect_error($$SELECT '{"kind": "linear", "base": "1"}'::jsonb::bonding_curve$$);
SELECT * FROM expect_error($$SELECT '{"kind": "linear", "base": "1", "slope": "2", "a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7}'::jsonb::bonding_curve$$);
SELECT * FROM expect_error($$SELECT '{"kind": "cubic", "base": "1"}'::jsonb::bonding_curve$$);

-- text casts
SELECT 'power(exponent=2, coefficient=3)'::text::bonding_curve::text;

-- equality is by value (canonical form), order is kind then parameters by value
CREATE TABLE curve_t (c bonding_curve PRIMARY KEY, n int);
INSERT INTO curve_t VALUES
    ('constant_product(virtual_reserve=30, virtual_supply=1000)', 1),
    ('linear(base=1000.5, slope=0)', 2),
    ('linear(base=1000, slope=7)', 3),
    ('exponential(base=1, ratio=1.5)', 4),
    ('power(coefficient=2, exponent=1)', 5),
    ('bancor(reserve_ratio=1, initial_supply=1, initial_reserve=1)', 6),
    ('linear(base=1000, slope=0.5)', 7);
SELECT c, n FROM curve_t ORDER BY c;
SELECT * FROM expect_error($$INSERT INTO curve_t VALUES ('linear(base=1000.000, slope=7.0)', 8)$$);
SELECT count(*) FILTER (WHERE c < 'linear(base=1000, slope=7)') AS lt,
       count(*) FILTER (WHERE c <= 'linear(base=1000, slope=7)') AS le,
       count(*) FILTER (WHERE c = 'linear(base=1000, slope=7)') AS eq,
       count(*) FILTER (WHERE c <> 'linear(base=1000, slope=7)') AS ne,
       count(*) FILTER (WHERE c >= 'linear(base=1000, slope=7)') AS ge,
       count(*) FILTER (WHERE c > 'linear(base=1000, slope=7)') AS gt
  FROM curve_t;

-- the btree index is used, and hash joins, hash aggregation and hash partitioning work
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT n FROM curve_t WHERE c = 'linear(base=1000, slope=7)';
SELECT n FROM curve_t WHERE c = 'linear(base=01000, slope=7.00)';
RESET enable_seqscan;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT x.n, y.n FROM curve_t x JOIN curve_t y USING (c);
SELECT count(*) FROM curve_t x JOIN curve_t y USING (c);
RESET enable_mergejoin;
RESET enable_nestloop;
SET enable_sort = off;
SELECT c, count(*) FROM (SELECT c FROM curve_t UNION ALL SELECT c FROM curve_t) s GROUP BY c ORDER BY c::text;
RESET enable_sort;
CREATE INDEX curve_t_hash ON curve_t USING hash (c);
SELECT bonding_curve_hash_extended('linear(base=1000, slope=7)', 0) =
       bonding_curve_hash_extended('linear(slope=7.0, base=1000)', 0) AS same_hash,
       bonding_curve_hash('linear(base=1000, slope=7)') = bonding_curve_hash('linear(base=1000, slope=7.0)') AS same_hash32;
CREATE TABLE curve_p (c bonding_curve) PARTITION BY HASH (c);
CREATE TABLE curve_p0 PARTITION OF curve_p FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE curve_p1 PARTITION OF curve_p FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO curve_p SELECT c FROM curve_t;
SELECT count(*) FROM curve_p;

-- binary round trip through COPY BINARY, and send directly
COPY curve_t TO '/tmp/creative_defi_curve.bin' WITH (FORMAT binary);
CREATE TABLE curve_copy (LIKE curve_t);
COPY curve_copy FROM '/tmp/creative_defi_curve.bin' WITH (FORMAT binary);
SELECT count(*) AS rows_back, bool_and(k.c = t.c) AS identical
  FROM curve_copy k JOIN curve_t t USING (n);
SELECT bonding_curve_send('linear(base=1000, slope=0.5)');
-- binary values that are not curves are refused (recv re-validates)
CREATE TABLE bad_bin (b bytea);
CREATE TABLE bad_curve (c bonding_curve);
INSERT INTO bad_bin VALUES ('\x0102');
COPY bad_bin TO '/tmp/creative_defi_bad_curve.bin' WITH (FORMAT binary);
SELECT * FROM expect_error($$COPY bad_curve FROM '/tmp/creative_defi_bad_curve.bin' WITH (FORMAT binary)$$);
TRUNCATE bad_bin;
INSERT INTO bad_bin VALUES ('\x01');
COPY bad_bin TO '/tmp/creative_defi_bad_curve.bin' WITH (FORMAT binary);
SELECT * FROM expect_error($$COPY bad_curve FROM '/tmp/creative_defi_bad_curve.bin' WITH (FORMAT binary)$$);
-- linear with base 0 and slope 0 (both zero): well-formed bytes, invalid curve
TRUNCATE bad_bin;
INSERT INTO bad_bin VALUES (decode('0102' || '00' || repeat('00', 32) || '00' || repeat('00', 32), 'hex'));
COPY bad_bin TO '/tmp/creative_defi_bad_curve.bin' WITH (FORMAT binary);
SELECT * FROM expect_error($$COPY bad_curve FROM '/tmp/creative_defi_bad_curve.bin' WITH (FORMAT binary)$$);
-- slope 10 stored with scale 1 (1.0): not canonical
TRUNCATE bad_bin;
INSERT INTO bad_bin VALUES (decode('0102' || '00' || repeat('00', 31) || '01' || '01' || repeat('00', 31) || '0a', 'hex'));
COPY bad_bin TO '/tmp/creative_defi_bad_curve.bin' WITH (FORMAT binary);
SELECT * FROM expect_error($$COPY bad_curve FROM '/tmp/creative_defi_bad_curve.bin' WITH (FORMAT binary)$$);

DROP TABLE curve_t, curve_copy, curve_p, bad_bin, bad_curve;
