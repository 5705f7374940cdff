-- asset: CAIP-19 asset ids: valid inputs, canonical form, every error,
-- casts, accessors, the constructor, operators, binary I/O

-- the test cases of CAIP-19 itself and of its eip155 profile
SELECT a::asset FROM (VALUES
    ('eip155:1/slip44:60'),
    ('bip122:000000000019d6689c085ae165831e93/slip44:0'),
    ('cosmos:cosmoshub-3/slip44:118'),
    ('bip122:12a765e31ffd4059bada1e25190f6e98/slip44:2'),
    ('cosmos:Binance-Chain-Tigris/slip44:714'),
    ('cosmos:iov-mainnet/slip44:234'),
    ('lip9:9ee11e9df416b18b/slip44:134'),
    ('eip155:1/erc20:0x6b175474e89094c44da98b954eedeac495271d0f'),
    ('eip155:1/erc721:0x06012c8cf97BEaD5deAe237070F9587f8E7A266d'),
    ('eip155:1/erc721:0x06012c8cf97BEaD5deAe237070F9587f8E7A266d/771769'),
    ('hedera:mainnet/nft:0.0.55492/12'),
    ('eip155:1/erc721:0x5180db8f5c931aae63c74266b211f580155ecac8/4663')) AS t(a);

-- canonical form: contract addresses in lower case (checksummed, upper or
-- lower input), percent-encodings normalized, UUIDs of unminted works lower
-- case; other namespaces keep their case, since CAIP-19 is case-sensitive
SELECT a AS input, a::asset AS canonical FROM (VALUES
    ('eip155:8453/erc20:0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913'),
    ('eip155:8453/erc20:0X833589FCD6EDB6E08F4C7C32D4F71B54BDA02913'),
    ('eip155:1/erc1155:0x76BE3b62873462d2142405439777e971754E8E77/10'),
    ('foo:bar/baz:a%41b%2f%3Ac%25'),
    ('cdefi:acme-gallery/work:0E6F2A4C-6B8D-4F1E-9A3B-2C5D7E9F1A3B/3'),
    ('solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp/token:EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v')) AS t(a);
SELECT 'eip155:1/erc721:0x06012c8cf97BEaD5deAe237070F9587f8E7A266d/771769'::asset
     = 'eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769'::asset AS checksummed_equals_lower;
-- the longest asset id: every part at its CAIP length limit (258 characters)
SELECT length(a::text), a::asset::text = a AS unchanged
  FROM (SELECT 'abcdefgh:0123456789abcdefghijABCDEFGHIJ-_/abcdefgh:' || repeat('r', 128) || '/' || repeat('7', 78) AS a) s;

-- grammar errors: each says which part is wrong and why
SELECT * FROM expect_errors('SELECT %L::asset',
    '',
    'eip155:1',
    'eip155/slip44:60',
    'EIP155:1/slip44:60',
    'ab:1/slip44:60',
    'abcdefghi:1/slip44:60',
    'eip155:/slip44:60',
    'foo:0123456789abcdefghijABCDEFGHIJ-_x/slip44:60',
    'cosmos:hub.3/slip44:118',
    'eip155:1/slip44',
    'eip155:1/sl:60',
    'eip155:1/slip44:',
    'foo:bar/baz:' || repeat('r', 129),
    'foo:bar/baz:a:b',
    'foo:bar/baz:a b',
    'foo:bar/baz:é',
    'foo:bar/baz:a%zz',
    'foo:bar/baz:x/',
    'foo:bar/baz:x/' || repeat('7', 79),
    'foo:bar/baz:x/1/2',
    'foo:bar/baz:x/a_b');
-- a long input is quoted truncated
SELECT * FROM expect_error($$SELECT repeat('x', 300)::asset$$);

-- namespace profile errors: eip155 chain ids, contracts, token ids, slip44, works
SELECT * FROM expect_errors('SELECT %L::asset',
    'eip155:0x1/slip44:60',
    'eip155:01/slip44:60',
    'eip155:0/slip44:60',
    'eip155:1/erc20:0x6b175474e89094c44da98b954eedeac495271d0',
    'eip155:1/erc721:0x06012c8cf97BEaD5deAe237070F9587f8E7A266D',
    'eip155:1/erc20:0x6b175474e89094c44da98b954eedeac495271d0f/1',
    'eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/0x1',
    'eip155:1/erc1155:0x06012c8cf97bead5deae237070f9587f8e7a266d/007',
    'eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/115792089237316195423570985008687907853269984665640564039457584007913129639936',
    'eip155:1/slip44:060',
    'eip155:1/slip44:eth',
    'eip155:1/slip44:60/1',
    'cdefi:acme/work:0e6f2a4c6b8d4f1e9a3b2c5d7e9f1a3b',
    'cdefi:acme/work:0e6f2a4c-6b8d-4f1e-9a3b-2c5d7e9f1a3b/first');

-- NULL in, NULL out
SELECT NULL::asset IS NULL AS is_null,
       asset_chain(NULL) IS NULL AS chain_null,
       asset_token_id(NULL) IS NULL AS token_null;

-- casts: text both ways; asset -> text is an assignment cast
SELECT 'eip155:1/slip44:60'::text::asset::text;
CREATE TABLE asset_text (t text);
INSERT INTO asset_text VALUES ('eip155:1/erc20:0X6B175474E89094C44DA98B954EEDEAC495271D0F'::asset);
SELECT t FROM asset_text;
SELECT * FROM expect_error($$SELECT 'nonsense'::text::asset$$);

-- accessors
SELECT asset_chain(a), asset_namespace(a), asset_reference(a), asset_token_id(a)
  FROM (VALUES ('eip155:1/erc721:0x06012c8cf97BEaD5deAe237070F9587f8E7A266d/771769'::asset),
               ('eip155:1/slip44:60'::asset),
               ('hedera:mainnet/nft:0.0.55492/12'::asset)) AS t(a);

-- the constructor: three or four parts; a NULL token id means none; any
-- other NULL gives NULL; the result is canonical
SELECT asset('eip155:1', 'erc721', '0x06012c8cf97BEaD5deAe237070F9587f8E7A266d', '771769');
SELECT asset('eip155:1', 'slip44', '60');
SELECT asset('eip155:1', 'slip44', '60', NULL);
SELECT asset(chain => 'eip155:8453', namespace => 'erc20', reference => '0x833589fcd6edb6e08f4c7c32d4f71b54bda02913');
SELECT asset(NULL, 'slip44', '60') IS NULL AS null_chain,
       asset('eip155:1', NULL, '60') IS NULL AS null_namespace,
       asset('eip155:1', 'slip44', NULL) IS NULL AS null_reference;
-- asset(x) with one argument is the cast, not the constructor
SELECT asset('eip155:1/slip44:60') AS one_argument_cast,
       pg_typeof(asset('eip155:1/slip44:60')) AS type;
-- and the constructor resolves to the SQL function, whose body calls the C parts
SELECT p.oid::regprocedure AS resolved, l.lanname
  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
 WHERE p.oid = 'asset(text,text,text,text)'::regprocedure;
-- each constructor error names the argument that is wrong
SELECT * FROM expect_errors('SELECT asset(%s)',
    $$'eip155', 'slip44', '60'$$,
    $$'eip155:1/x', 'slip44', '60'$$,
    $$'eip155:01', 'slip44', '60'$$,
    $$'eip155:1', 'slip44:60', '60'$$,
    $$'eip155:1', 'erc20', '0x12'$$,
    $$'eip155:1', 'erc721', '0x06012c8cf97bead5deae237070f9587f8e7a266d', '1/2'$$,
    $$'eip155:1', 'erc721', '0x06012c8cf97bead5deae237070f9587f8e7a266d', ''$$,
    $$'eip155:1', 'slip44', '60', '5'$$);

-- operators: = on the canonical form, a total order for indexes
CREATE TABLE asset_t (a asset PRIMARY KEY, n int GENERATED ALWAYS AS IDENTITY);
INSERT INTO asset_t (a) VALUES
    ('eip155:1/slip44:60'),
    ('eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913'),
    ('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769'),
    ('bip122:000000000019d6689c085ae165831e93/slip44:0'),
    ('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/9'),
    ('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/10');
-- a prefix sorts first
SELECT 'eip155:1/slip44:6'::asset < 'eip155:1/slip44:60'::asset AS prefix_first,
       asset_cmp('eip155:1/slip44:60', 'eip155:1/slip44:6') AS cmp_longer,
       asset_cmp('eip155:1/slip44:60', 'eip155:1/slip44:60') AS cmp_same;
SELECT min(a), max(a) FROM asset_t;

-- comparisons, index use, hash joins, aggregation, indexes and partitions,
-- COPY BINARY: test/shared/regress_opclass_checks.sql
\set tbl asset_t
\set col a
\set duplicate eip155:1/erc721:0x06012c8cf97BEaD5deAe237070F9587f8E7A266d/771769
\set probe eip155:1/slip44:60
\set btree_lookup eip155:1/slip44:60
\set hash_lookup eip155:1/erc721:0x06012c8cf97BEaD5deAe237070F9587f8E7A266d/9
\set binfile /tmp/creative_defi_asset.bin
\i test/shared/regress_opclass_checks.sql
SELECT asset_hash('eip155:1/erc20:0x6b175474e89094c44da98b954eedeac495271d0f') =
       asset_hash('eip155:1/erc20:0x6B175474E89094C44DA98B954EEDEAC495271D0F') AS same_hash,
       asset_hash_extended('eip155:1/erc20:0x6b175474e89094c44da98b954eedeac495271d0f', 7) =
       asset_hash_extended('eip155:1/erc20:0x6B175474E89094C44DA98B954EEDEAC495271D0F', 7) AS same_extended_hash,
       asset_hash_extended('eip155:1/slip44:60', 0) <> asset_hash_extended('eip155:1/slip44:60', 1) AS seed_matters;
-- send gives the canonical text's bytes
SELECT convert_from(asset_send('eip155:1/slip44:60'), 'SQL_ASCII') AS sent;
-- binary input is validated and canonicalized like text input: a text
-- column copied in binary is read as asset
CREATE TABLE asset_bin (t text);
INSERT INTO asset_bin VALUES ('eip155:1/erc20:0X6B175474E89094C44DA98B954EEDEAC495271D0F');
COPY asset_bin TO '/tmp/creative_defi_asset_good.bin' WITH (FORMAT binary);
CREATE TABLE asset_in_bin (a asset);
COPY asset_in_bin FROM '/tmp/creative_defi_asset_good.bin' WITH (FORMAT binary);
SELECT a FROM asset_in_bin;
-- and an invalid one is refused with the binary SQLSTATE
TRUNCATE asset_bin;
INSERT INTO asset_bin VALUES ('eip155:1/erc20:0x12');
COPY asset_bin TO '/tmp/creative_defi_asset_bad.bin' WITH (FORMAT binary);
SELECT * FROM expect_error($$COPY asset_in_bin FROM '/tmp/creative_defi_asset_bad.bin' WITH (FORMAT binary)$$);
SELECT count(*) AS still_one_row FROM asset_in_bin;

DROP TABLE asset_text, asset_t, asset_bin, asset_in_bin;
