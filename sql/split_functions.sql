-- royalty_split functions: split_distribute, split_distribute_0xsplits,
-- split_hash, accessors, containment, royalty_amount

CREATE TEMP TABLE song AS SELECT
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed=333334ppm, 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359=333333ppm, 0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB=333333ppm'::royalty_split AS s,
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed=50%, 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359=50%, distributor_fee=1%'::royalty_split AS f;

-- largest remainder: 100 in thirds; the 333334 ppm share gets the leftover unit
SELECT d.* FROM song, split_distribute(s, 100) AS d;
-- 2 units: remainders 666668, 666666, 666666: the larger share, then the lower address
SELECT d.* FROM song, split_distribute(s, 2) AS d;
-- 1 unit: the largest remainder wins
SELECT d.* FROM song, split_distribute(s, 1) AS d;
-- 0 and the largest uint256 amount; rows always sum to the amount
SELECT d.* FROM song, split_distribute(s, 0) AS d;
SELECT d.* FROM song, split_distribute(s, 115792089237316195423570985008687907853269984665640564039457584007913129639935) AS d;
SELECT sum(d.amount) = 115792089237316195423570985008687907853269984665640564039457584007913129639935 AS conserved
  FROM song, split_distribute(s, 115792089237316195423570985008687907853269984665640564039457584007913129639935) AS d;
-- 50/50 tie on odd amounts: equal remainder and share, so the lower address gets the unit
SELECT d.* FROM split_distribute('0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359=50%, 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed=50%', 5) AS d;

-- the distributor fee is carved first (floor(amount * fee / 1e6), as SplitMain);
-- without a distributor it is a row with a NULL recipient, with one it is paid to it
SELECT d.* FROM song, split_distribute(f, 1001) AS d;
SELECT d.* FROM song, split_distribute(f, 1001, '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb') AS d;
-- the distributor may also be a recipient: its rows stay separate
SELECT d.* FROM song, split_distribute(f, 1001, '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed') AS d;
-- in the select list too
SELECT split_distribute(s, 10) FROM song;

-- amount errors and NULLs (STRICT: a NULL argument gives no rows)
SELECT * FROM expect_error($$SELECT * FROM split_distribute('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%', -1)$$);
SELECT * FROM expect_error($$SELECT * FROM split_distribute('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%', 1.5)$$);
SELECT * FROM expect_error($$SELECT * FROM split_distribute('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%', 'NaN')$$);
SELECT * FROM expect_error($$SELECT * FROM split_distribute('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%', 'Infinity')$$);
SELECT * FROM expect_error($$SELECT * FROM split_distribute('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%', 115792089237316195423570985008687907853269984665640564039457584007913129639936)$$);
SELECT count(*) AS rows_for_null_amount FROM split_distribute('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%', NULL);
SELECT count(*) AS rows_for_null_split FROM split_distribute(NULL, 5);
SELECT count(*) AS rows_for_null_distributor FROM split_distribute('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%', 5, NULL);
-- 1.0 is a whole number of base units
SELECT d.* FROM split_distribute('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%', 7.000) AS d;

-- split_distribute_0xsplits: SplitMain v1 arithmetic, no remainder pass, dust row last
SELECT d.* FROM song, split_distribute_0xsplits(s, 100) AS d;
SELECT d.* FROM song, split_distribute_0xsplits(s, 1000, '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb') AS d;
-- with a fee: fee = floor(1001 * 10000 / 1e6) = 10, each floor(991 * 500000 / 1e6) = 495, dust 1
SELECT d.* FROM song, split_distribute_0xsplits(f, 1001, '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb') AS d;
-- a split with a fee needs a distributor (SplitMain would pay msg.sender)
SELECT * FROM expect_error($$SELECT * FROM split_distribute_0xsplits('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%, distributor_fee=1%', 100)$$);
SELECT * FROM expect_error($$SELECT * FROM split_distribute_0xsplits('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%, distributor_fee=1%', 100, NULL)$$);
SELECT * FROM expect_error($$SELECT * FROM split_distribute_0xsplits('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%, distributor_fee=1%', 100, '0x0000000000000000000000000000000000000000')$$);
-- amounts whose product with an allocation would wrap in SplitMain are refused
-- (2^256 - 1) / 1e6 rounded down still works; one more does not
SELECT d.* FROM split_distribute_0xsplits('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%', 115792089237316195423570985008687907853269984665640564039457584007913129) AS d;
SELECT * FROM expect_error($$SELECT * FROM split_distribute_0xsplits('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%', 115792089237316195423570985008687907853269984665640564039457584007913130)$$);
SELECT * FROM expect_error($$SELECT * FROM split_distribute_0xsplits('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%, distributor_fee=10%', 1e75, '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb')$$);
SELECT * FROM expect_error($$SELECT * FROM split_distribute_0xsplits('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%', -5)$$);
SELECT count(*) AS rows_for_null_amount FROM split_distribute_0xsplits('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%', NULL);
SELECT count(*) AS rows_for_null_split FROM split_distribute_0xsplits(NULL, 5);

-- split_hash is keccak256(abi.encodePacked(address[], uint32[], uint32)):
-- compare with the packing spelled out by hand
SELECT split_hash(f) FROM song;
SELECT split_hash(f) = keccak256(
           '\x0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed'::bytea ||
           '\x000000000000000000000000fb6916095ca1df60bb79ce92ce3ea74c37c5d359'::bytea ||
           int4send(500000) || '\x00000000000000000000000000000000000000000000000000000000'::bytea ||
           '\x00000000000000000000000000000000000000000000000000000000'::bytea || int4send(500000) ||
           int4send(10000)) AS wrong_layout_matches,
       split_hash(f) = keccak256(
           '\x0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed'::bytea ||
           '\x000000000000000000000000fb6916095ca1df60bb79ce92ce3ea74c37c5d359'::bytea ||
           '\x00000000000000000000000000000000000000000000000000000000'::bytea || int4send(500000) ||
           '\x00000000000000000000000000000000000000000000000000000000'::bytea || int4send(500000) ||
           int4send(10000)) AS matches_packed
  FROM song;
-- the same split written differently hashes the same; the fee is part of it
SELECT split_hash('0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=500000ppm, 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=50%, distributor_fee=10000ppm') = split_hash(f) AS same,
       split_hash('0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=50%, 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=50%') <> split_hash(f) AS fee_matters
  FROM song;
SELECT split_hash(NULL) IS NULL AS null_hash;

-- accessors
SELECT split_share(s, '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed') AS present,
       split_share(s, '0x0000000000000000000000000000000000000001') AS absent,
       split_recipients(s), split_count(s), split_distributor_fee(s), split_distributor_fee(f)
  FROM song;
SELECT split_share(NULL, '0x0000000000000000000000000000000000000001') IS NULL AS null_share,
       split_recipients(NULL) IS NULL AS null_recipients, split_count(NULL) IS NULL AS null_count;

-- containment: split @> address and its commutator address <@ split
SELECT s @> '0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb'::eth_address AS has,
       s @> '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb'::eth_address AS has_not,
       '0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb'::eth_address <@ s AS in_split,
       '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb'::eth_address <@ s AS not_in_split
  FROM song;
CREATE TEMP TABLE works (title text, s royalty_split);
INSERT INTO works SELECT 'song', s FROM song UNION ALL SELECT 'remix', f FROM song;
SELECT title FROM works WHERE s @> '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'::eth_address ORDER BY title;
SELECT title FROM works WHERE '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB'::eth_address <@ s ORDER BY title;
SELECT oprname, oprcom::regoperator FROM pg_operator
 WHERE oprname IN ('@>', '<@') AND 'royalty_split'::regtype IN (oprleft, oprright) ORDER BY oprname;

-- royalty_amount: EIP-2981 as OpenZeppelin ERC2981 (floor(price * bps / 10000))
SELECT royalty_amount(1000000, 250) AS two_and_a_half_pct,
       royalty_amount(999, 250) AS floor_of_24_975,
       royalty_amount(12345, 0) AS zero_bps,
       royalty_amount(12345, 10000) AS all_of_it,
       royalty_amount(0, 500) AS free,
       royalty_amount(115792089237316195423570985008687907853269984665640564039457584007913129639935, 9999) AS max_price;
SELECT * FROM expect_error($$SELECT royalty_amount(1000, 10001)$$);
SELECT * FROM expect_error($$SELECT royalty_amount(1000, -1)$$);
SELECT * FROM expect_error($$SELECT royalty_amount(-1000, 100)$$);
SELECT * FROM expect_error($$SELECT royalty_amount(10.5, 100)$$);
SELECT royalty_amount(NULL, 100) IS NULL AS null_price, royalty_amount(100, NULL) IS NULL AS null_bps;
-- a sale's royalty split among the recipients, exactly
SELECT d.* FROM song, split_distribute(s, royalty_amount(3000000000000000000, 750)) AS d;

-- documented behaviour: largest remainder has the Alabama paradox; with
-- shares 428572 / 428571 / 142857 ppm, 10 units give (4, 4, 2) and 11 give
-- (5, 5, 1): the third recipient gets one unit less for a larger amount
SELECT x.recipient, x.amount AS of_10, y.amount AS of_11
  FROM split_distribute('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed=428572ppm, 0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB=428571ppm, 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359=142857ppm', 10) WITH ORDINALITY AS x
  JOIN split_distribute('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed=428572ppm, 0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB=428571ppm, 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359=142857ppm', 11) WITH ORDINALITY AS y
    ON x.ordinality = y.ordinality;
