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
SELECT * FROM expect_errors('SELECT %L::eth_address',
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD',
    '5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea',
    '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaedff',
    '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg',
    ' 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
    '');

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
CREATE TABLE addr_t (a eth_address PRIMARY KEY, n int GENERATED ALWAYS AS IDENTITY);
INSERT INTO addr_t (a) VALUES
    ('0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'),
    ('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'),
    ('0x0000000000000000000000000000000000000001'),
    ('0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB');
SELECT min(a), max(a) FROM addr_t;

-- comparisons, index use, hash joins, aggregation, indexes and partitions,
-- COPY BINARY: test/shared/regress_opclass_checks.sql
\set tbl addr_t
\set col a
\set duplicate 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed
\set probe 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed
\set btree_lookup 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed
\set hash_lookup 0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED
\set binfile /tmp/creative_defi_addr.bin
\i test/shared/regress_opclass_checks.sql
SELECT eth_address_hash_extended('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 0) =
       eth_address_hash_extended('0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED', 0) AS same_hash;
-- send/recv directly
SELECT eth_address_send('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed');
-- a binary value of the wrong length is refused
CREATE TABLE bad_bin (b bytea);
INSERT INTO bad_bin VALUES ('\x5aaeb6');
COPY bad_bin TO '/tmp/creative_defi_bad.bin' WITH (FORMAT binary);
CREATE TABLE bad_addr (a eth_address);
SELECT * FROM expect_error($$COPY bad_addr FROM '/tmp/creative_defi_bad.bin' WITH (FORMAT binary)$$);

DROP TABLE addr_t, bad_bin, bad_addr;
