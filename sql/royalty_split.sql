-- royalty_split: text input and canonical output, every input error,
-- casts (text, jsonb), operators, hashing, binary I/O

-- canonical output: sorted by address, checksummed, exact percentages
SELECT s::royalty_split FROM (VALUES
    ('0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359=40%, 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed=60%'),
    ('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=333334ppm,0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=33.3333%,0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb=333333ppm'),
    ('  0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed = 99.9999 % , 0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359 = 1 ppm  '),
    ('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%, distributor_fee=1%'),
    ('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%, distributor_fee=100000ppm'),
    ('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%, distributor_fee=0%'),
    ('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=12.5%, 0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=87.5000%')) AS t(s);

-- the output parses back to the same value
SELECT s::royalty_split::text::royalty_split = s::royalty_split AS round_trip
  FROM (VALUES ('0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=33.3333%,0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb=333333ppm,0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=333334ppm, distributor_fee=0.25%')) AS t(s);

-- every input error, each with its SQLSTATE and message
SELECT * FROM expect_error($$SELECT ''::royalty_split$$);
SELECT * FROM expect_error($$SELECT 'distributor_fee=1%'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=50%, 0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED=50%'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=0%, 0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=100%'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=60%, 0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=39.9999%'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=60%, 0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=60%'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD=100%'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6=100%'::royalty_split$$);
SELECT * FROM expect_error($$SELECT 'alice=100%'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%, distributor_fee=10.0001%'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%, distributor_fee=101%'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=33.33333%'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=150%'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=1000001ppm'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=50.5ppm, 0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=50%'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=50.%'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=-5%'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed 100%'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%,'::royalty_split$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%; x'::royalty_split$$);
SELECT * FROM expect_error($$SELECT 'distributor_fee=1%, 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%'::royalty_split$$);
-- more than 500 recipients (501 distinct addresses, shares summing to 100%)
SELECT * FROM expect_error($$
    SELECT (string_agg(format('0x%s=%sppm', lpad(to_hex(i), 40, '0'), CASE WHEN i = 1 THEN 999500 ELSE 1 END), ', '))::royalty_split
      FROM generate_series(1, 501) AS i$$);
-- exactly 500 is fine
SELECT split_count((string_agg(format('0x%s=%sppm', lpad(to_hex(i), 40, '0'), CASE WHEN i = 1 THEN 999501 ELSE 1 END), ', '))::royalty_split)
  FROM generate_series(1, 500) AS i;

-- NULL in, NULL out
SELECT NULL::royalty_split IS NULL AS is_null, (NULL::text)::royalty_split IS NULL AS cast_null;

-- jsonb both ways (jsonb orders object keys by length, so "share" prints before "address")
SELECT '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359=40%, 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed=60%, distributor_fee=0.5%'::royalty_split::jsonb;
SELECT '{"recipients": [{"address": "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359", "share": 400000},
                        {"address": "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "share": 600000}],
         "distributor_fee": 5000}'::jsonb::royalty_split;
-- distributor_fee may be left out
SELECT '{"recipients": [{"address": "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "share": 1000000}]}'::jsonb::royalty_split;
SELECT s::jsonb::royalty_split = s AS jsonb_round_trip
  FROM (VALUES ('0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=33.3333%,0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb=333333ppm,0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=333334ppm, distributor_fee=10%'::royalty_split)) AS t(s);
-- jsonb errors
SELECT * FROM expect_error($$SELECT '[]'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT '42'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT '{"distributor_fee": 0}'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT '{"recipients": {}}'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT '{"recipients": [], "fee": 1}'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT '{"recipients": []}'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT '{"recipients": [42]}'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT '{"recipients": [{"address": "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "share": 1000000, "name": "x"}]}'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT '{"recipients": [{"address": 5, "share": 1000000}]}'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT '{"recipients": [{"address": "0x5aaeb6", "share": 1000000}]}'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT '{"recipients": [{"address": "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}]}'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT '{"recipients": [{"address": "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "share": "100%"}]}'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT '{"recipients": [{"address": "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "share": 999999.5}]}'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT '{"recipients": [{"address": "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "share": -1}]}'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT '{"recipients": [{"address": "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "share": 2000000}]}'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT '{"recipients": [{"address": "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "share": 900000}]}'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT '{"recipients": [{"address": "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "share": 1000000}], "distributor_fee": 200000}'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT '{"recipients": [{"address": "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "share": 1000000}], "distributor_fee": "1%"}'::jsonb::royalty_split$$);
SELECT * FROM expect_error($$SELECT jsonb_build_object('recipients',
    (SELECT jsonb_agg(jsonb_build_object('address', format('0x%s', lpad(to_hex(i), 40, '0')), 'share', 1))
       FROM generate_series(1, 501) AS i))::royalty_split$$);

-- equality ignores input order and spelling; the order is total
CREATE TABLE split_t (id int PRIMARY KEY, s royalty_split);
INSERT INTO split_t VALUES
    (1, '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359=40%, 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed=60%'),
    (2, '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=600000ppm, 0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=400000ppm'),
    (3, '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=60%, 0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=40%, distributor_fee=1%'),
    (4, '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%'),
    (5, '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=50%, 0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=50%'),
    (6, '0x0000000000000000000000000000000000000001=100%');
SELECT a.id, b.id, a.s = b.s AS eq, a.s <> b.s AS ne, a.s < b.s AS lt, a.s <= b.s AS le,
       a.s > b.s AS gt, a.s >= b.s AS ge, royalty_split_cmp(a.s, b.s) AS cmp
  FROM split_t a, split_t b WHERE a.id < b.id ORDER BY a.id, b.id;
SELECT id, s FROM split_t ORDER BY s, id;
SELECT s, count(*) FROM split_t GROUP BY s ORDER BY s;
SELECT royalty_split_hash(a.s) = royalty_split_hash(b.s) AS same_hash,
       royalty_split_hash_extended(a.s, 7) = royalty_split_hash_extended(b.s, 7) AS same_ext_hash,
       royalty_split_hash_extended(a.s, 7) <> royalty_split_hash_extended(a.s, 8) AS seed_matters
  FROM split_t a, split_t b WHERE a.id = 1 AND b.id = 2;
-- indexes: btree and hash; hash join; hash partitioning
CREATE INDEX split_t_btree ON split_t (s);
CREATE INDEX split_t_hash ON split_t USING hash (s);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM split_t WHERE s = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%';
SELECT id FROM split_t WHERE s = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%';
EXPLAIN (COSTS OFF) SELECT id FROM split_t WHERE s < '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%';
SELECT id FROM split_t WHERE s < '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%' ORDER BY id;
RESET enable_seqscan;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT a.id, b.id FROM split_t a JOIN split_t b ON a.s = b.s;
SELECT a.id, b.id FROM split_t a JOIN split_t b ON a.s = b.s AND a.id < b.id;
RESET enable_mergejoin;
RESET enable_nestloop;
CREATE TABLE split_p (s royalty_split) PARTITION BY HASH (s);
CREATE TABLE split_p0 PARTITION OF split_p FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE split_p1 PARTITION OF split_p FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO split_p SELECT s FROM split_t;
SELECT count(*) AS rows, count(DISTINCT tableoid) <= 2 AS partitioned FROM split_p;
-- equal splits land in the same partition
SELECT count(DISTINCT tableoid) AS partitions_of_equal_splits FROM split_p
 WHERE s = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=60%, 0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=40%';

-- binary I/O: send layout, COPY BINARY round trip
SELECT royalty_split_send('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=60%, 0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=40%, distributor_fee=1%');
COPY split_t TO '/tmp/creative_defi_split.bin' WITH (FORMAT binary);
CREATE TABLE split_copy (LIKE split_t);
COPY split_copy FROM '/tmp/creative_defi_split.bin' WITH (FORMAT binary);
SELECT count(*) AS rows_back, bool_and(c.s = t.s) AS identical FROM split_copy c JOIN split_t t USING (id);
-- binary input is validated like text input: too short, wrong length,
-- unsorted (accepted, sorted), duplicate, bad sum, bad fee, too many
CREATE TABLE split_bin (id int, b bytea);
INSERT INTO split_bin VALUES
    (1, '\x000000'),
    (2, '\x0000000000000001' || '\x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'::bytea),
    (3, '\x0000000000000002' || '\xfb6916095ca1df60bb79ce92ce3ea74c37c5d35900061a80'::bytea || '\x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed000927c0'::bytea),
    (4, '\x0000000000000002' || '\x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed0007a120'::bytea || '\x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed0007a120'::bytea),
    (5, '\x0000000000000001' || '\x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed000f423f'::bytea),
    (6, '\x000186a100000001' || '\x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed000f4240'::bytea),
    (7, '\x00000000000001f5'::bytea),
    (8, '\x0000000000000000'::bytea);
CREATE TABLE split_bin_one (b bytea);
CREATE TABLE split_in (s royalty_split);
CREATE FUNCTION pg_temp.try_bin(n int) RETURNS TABLE (error_code text, message text, detail text, hint text)
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE split_bin_one, split_in;
    INSERT INTO split_bin_one SELECT b FROM split_bin WHERE id = n;
    COPY split_bin_one TO '/tmp/creative_defi_split_bad.bin' WITH (FORMAT binary);
    RETURN QUERY SELECT * FROM expect_error($q$COPY split_in FROM '/tmp/creative_defi_split_bad.bin' WITH (FORMAT binary)$q$);
END $$;
SELECT n, e.* FROM unnest(ARRAY[1, 2, 4, 5, 6, 7, 8]) AS n, pg_temp.try_bin(n) AS e ORDER BY n;
-- an unsorted but otherwise valid binary value is accepted and stored sorted
TRUNCATE split_bin_one, split_in;
INSERT INTO split_bin_one SELECT b FROM split_bin WHERE id = 3;
COPY split_bin_one TO '/tmp/creative_defi_split_bad.bin' WITH (FORMAT binary);
COPY split_in FROM '/tmp/creative_defi_split_bad.bin' WITH (FORMAT binary);
SELECT s FROM split_in;

DROP TABLE split_t, split_p, split_copy, split_bin, split_bin_one, split_in;
