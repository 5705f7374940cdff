-- eth_address: input forms, EIP-55 checksums, casts, operators, binary I/O

-- the EIP-55 examples: lower, upper and checksummed input all print checksummed
SELECT a::eth_address FROM (VALUES
    ('0x52908400098527886E0F7030069857D2E4169EE7'),
    ('0x8617E340B3D01FA5F11F306F4090FD50E238070D'),
    ('0xde709f2102306220921060314715629080e2fb77'),
    ('0x27b1fdb04752bbc536007a920d24acb045561c26'),
    ('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'),
    ('0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'),
    ('0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB'),
    ('0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb'),
    ('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'),
    ('0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED'),
    ('0x0000000000000000000000000000000000000000')) AS t(a);

-- every input error, with SQLSTATE, message, detail and hint
SELECT * FROM expect_error($$SELECT '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD'::eth_address$$);
SELECT * FROM expect_error($$SELECT '5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'::eth_address$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea'::eth_address$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaedff'::eth_address$$);
SELECT * FROM expect_error($$SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg'::eth_address$$);
SELECT * FROM expect_error($$SELECT ' 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'::eth_address$$);
SELECT * FROM expect_error($$SELECT ''::eth_address$$);

-- NULL in, NULL out
SELECT NULL::eth_address IS NULL AS is_null;

-- casts: bytea both ways (exactly 20 bytes), text both ways
SELECT '\x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'::bytea::eth_address;
SELECT '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'::eth_address::bytea;
SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'::text::eth_address::text;
SELECT * FROM expect_error($$SELECT '\x5aaeb6'::bytea::eth_address$$);
SELECT * FROM expect_error($$SELECT ''::bytea::eth_address$$);

-- the address of a public key (Hardhat's first default account), both encodings
SELECT eth_address('\x048318535b54105d4a7aae60c08fc45f9687181b4fdfc625bd1a753fa7397fed753547f11ca8696646f2f3acb08e31016afac23e630c5d11f59f61fef57b0d2aa5'::bytea);
SELECT eth_address('\x038318535b54105d4a7aae60c08fc45f9687181b4fdfc625bd1a753fa7397fed75'::bytea);
SELECT * FROM expect_error($$SELECT eth_address('\x048318535b54'::bytea)$$);
SELECT * FROM expect_error($$SELECT eth_address('\x058318535b54105d4a7aae60c08fc45f9687181b4fdfc625bd1a753fa7397fed753547f11ca8696646f2f3acb08e31016afac23e630c5d11f59f61fef57b0d2aa5'::bytea)$$);
SELECT * FROM expect_error($$SELECT eth_address('\x020000000000000000000000000000000000000000000000000000000000000005'::bytea)$$);

-- comparison operators follow the numeric order of the 20 bytes
CREATE TABLE addr_t (a eth_address PRIMARY KEY, n int);
INSERT INTO addr_t VALUES
    ('0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', 1),
    ('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 2),
    ('0x0000000000000000000000000000000000000001', 3),
    ('0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB', 4);
SELECT a, n FROM addr_t ORDER BY a;
SELECT * FROM expect_error($$INSERT INTO addr_t VALUES ('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 5)$$);
SELECT count(*) FILTER (WHERE a < '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed') AS lt,
       count(*) FILTER (WHERE a <= '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed') AS le,
       count(*) FILTER (WHERE a = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed') AS eq,
       count(*) FILTER (WHERE a <> '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed') AS ne,
       count(*) FILTER (WHERE a >= '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed') AS ge,
       count(*) FILTER (WHERE a > '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed') AS gt
  FROM addr_t;
SELECT min(a), max(a) FROM addr_t;

-- the btree index is used, and hash joins and hash aggregation work
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT n FROM addr_t WHERE a = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed';
SELECT n FROM addr_t WHERE a = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed';
RESET enable_seqscan;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT x.n, y.n FROM addr_t x JOIN addr_t y USING (a);
SELECT count(*) FROM addr_t x JOIN addr_t y USING (a);
RESET enable_mergejoin;
RESET enable_nestloop;
SET enable_sort = off;
SELECT a, count(*) FROM (SELECT a FROM addr_t UNION ALL SELECT a FROM addr_t) s GROUP BY a ORDER BY a;
RESET enable_sort;
CREATE INDEX addr_t_hash ON addr_t USING hash (a);
SELECT eth_address_hash_extended('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 0) =
       eth_address_hash_extended('0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED', 0) AS same_hash;
-- hash partitioning uses the extended hash
CREATE TABLE addr_p (a eth_address) PARTITION BY HASH (a);
CREATE TABLE addr_p0 PARTITION OF addr_p FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE addr_p1 PARTITION OF addr_p FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO addr_p SELECT a FROM addr_t;
SELECT count(*) FROM addr_p;

-- binary round trip through COPY BINARY
COPY addr_t TO '/tmp/creative_defi_addr.bin' WITH (FORMAT binary);
CREATE TABLE addr_copy (LIKE addr_t);
COPY addr_copy FROM '/tmp/creative_defi_addr.bin' WITH (FORMAT binary);
SELECT count(*) AS rows_back, bool_and(c.a = t.a) AS identical
  FROM addr_copy c JOIN addr_t t USING (n);
-- send/recv directly
SELECT eth_address_send('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed');
-- a binary value of the wrong length is refused
CREATE TABLE bad_bin (b bytea);
INSERT INTO bad_bin VALUES ('\x5aaeb6');
COPY bad_bin TO '/tmp/creative_defi_bad.bin' WITH (FORMAT binary);
CREATE TABLE bad_addr (a eth_address);
SELECT * FROM expect_error($$COPY bad_addr FROM '/tmp/creative_defi_bad.bin' WITH (FORMAT binary)$$);

DROP TABLE addr_t, addr_copy, addr_p, bad_bin, bad_addr;
