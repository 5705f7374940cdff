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
SELECT * FROM expect_errors('SELECT %L::bonding_curve',
    '',
    'quadratic(a=1)',
    'linear',
    'linear(base=1, slope=2',
    'linear(base=1, slope=2) x',
    'linear(base=1, slope)',
    'linear(base=1, height=2)',
    'linear(base=1, base=2)',
    'linear(base=1)',
    'linear(base=, slope=1)',
    'linear(base=-1, slope=1)',
    'linear(base=1e3, slope=1)',
    'linear(base=0, slope=0)',
    'linear(base=0.00000000000000000000000000000000000000001, slope=1)',
    'linear(base=115792089237316195423570985008687907853269984665640564039457584007913129639936, slope=1)',
    'exponential(base=0, ratio=2)',
    'exponential(base=1, ratio=0.99)',
    'power(coefficient=1, exponent=9)',
    'power(coefficient=1, exponent=1.5)',
    'power(coefficient=0, exponent=1)',
    'bancor(reserve_ratio=0, initial_supply=1, initial_reserve=1)',
    'bancor(reserve_ratio=1.5, initial_supply=1, initial_reserve=1)',
    'bancor(reserve_ratio=0.0000001, initial_supply=1, initial_reserve=1)',
    'bancor(reserve_ratio=0.5, initial_supply=0, initial_reserve=1)',
    'bancor(reserve_ratio=0.5, initial_supply=1.5, initial_reserve=1)',
    'bancor(reserve_ratio=0.5, initial_supply=1, initial_reserve=0)',
    'constant_product(virtual_reserve=0, virtual_supply=1)',
    'constant_product(virtual_reserve=1, virtual_supply=0)');

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
CREATE TABLE curve_t (c bonding_curve PRIMARY KEY, n int GENERATED ALWAYS AS IDENTITY);
INSERT INTO curve_t (c) VALUES
    ('constant_product(virtual_reserve=30, virtual_supply=1000)'),
    ('linear(base=1000.5, slope=0)'),
    ('linear(base=1000, slope=7)'),
    ('exponential(base=1, ratio=1.5)'),
    ('power(coefficient=2, exponent=1)'),
    ('bancor(reserve_ratio=1, initial_supply=1, initial_reserve=1)'),
    ('linear(base=1000, slope=0.5)');
-- comparisons, index use, hash joins, aggregation, indexes and partitions,
-- COPY BINARY: test/shared/regress_opclass_checks.sql
\set tbl curve_t
\set col c
\set duplicate 'linear(base=1000.000, slope=7.0)'
\set probe 'linear(base=1000, slope=7)'
\set btree_lookup 'linear(base=01000, slope=7.00)'
\set hash_lookup 'linear(slope=7.0, base=1000)'
\set binfile /tmp/creative_defi_curve.bin
\i test/shared/regress_opclass_checks.sql
SELECT bonding_curve_hash_extended('linear(base=1000, slope=7)', 0) =
       bonding_curve_hash_extended('linear(slope=7.0, base=1000)', 0) AS same_hash,
       bonding_curve_hash('linear(base=1000, slope=7)') = bonding_curve_hash('linear(base=1000, slope=7.0)') AS same_hash32;
-- send directly
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

DROP TABLE curve_t, bad_bin, bad_curve;
