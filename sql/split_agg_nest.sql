-- royalty_split_agg (a split from weights) and split_nest (flattening a
-- nested split), both exact in ppm by largest remainder

CREATE TEMP TABLE credits (work text, who eth_address, weight numeric);
INSERT INTO credits VALUES
    ('song', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 1),
    ('song', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', 1),
    ('song', '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB', 1),
    ('hours', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 12.5),
    ('hours', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', 3.25),
    ('hours', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 4.25),   -- merges with the first row
    ('hours', '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb', 0),      -- dropped
    ('hours', NULL, 100),                                            -- skipped (NULL recipient)
    ('hours', '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB', NULL),   -- skipped (NULL weight)
    ('scores', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 0.333333333333333333333),
    ('scores', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', 0.000000000000000000001),
    ('scores', '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB', 0.666666666666666666666),
    ('tokens', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 115792089237316195423570985008687907853269984665640564039457584007913129639935),
    ('tokens', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', 115792089237316195423570985008687907853269984665640564039457584007913129639935),
    ('tokens', '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB', 1);
-- equal weights in thirds: the leftover ppm goes to the lowest address (equal remainders and weights);
-- 'hours': 16.75 / 3.25 of 20; 'scores': the tiny weight rounds to 0 ppm and is left out;
-- 'tokens': huge weights are fine, the weight-1 recipient rounds to 0 ppm
SELECT work, royalty_split_agg(who, weight) FROM credits GROUP BY work ORDER BY work;
-- the shares of the result always sum to 1e6
SELECT work, (SELECT sum(split_share(royalty_split_agg(who, weight), r))
                FROM unnest(split_recipients(royalty_split_agg(who, weight))) AS r) AS total_ppm
  FROM credits GROUP BY work ORDER BY work;
-- no rows at all: NULL, as for other aggregates
SELECT royalty_split_agg(who, weight) IS NULL AS empty_is_null FROM credits WHERE false;
-- as a window aggregate (the final function may run more than once)
SELECT work, who, royalty_split_agg(who, weight) OVER (PARTITION BY work ORDER BY who ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
  FROM credits WHERE work = 'song' ORDER BY who;
-- errors
SELECT * FROM expect_error($$SELECT royalty_split_agg(who, weight) FROM credits WHERE weight = 0$$);
SELECT * FROM expect_error($$SELECT royalty_split_agg('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', -1)$$);
SELECT * FROM expect_error($$SELECT royalty_split_agg('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'NaN')$$);
SELECT * FROM expect_error($$SELECT royalty_split_agg('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'Infinity')$$);
SELECT * FROM expect_error($$SELECT royalty_split_agg(format('0x%s', lpad(to_hex(i), 40, '0'))::eth_address, 1) FROM generate_series(1, 501) AS i$$);
-- 500 distinct recipients is fine; many rows for the same few recipients too
SELECT split_count(royalty_split_agg(format('0x%s', lpad(to_hex(i), 40, '0'))::eth_address, 1)) FROM generate_series(1, 500) AS i;
SELECT royalty_split_agg(format('0x%s', lpad(to_hex(i % 3 + 1), 40, '0'))::eth_address, i) FROM generate_series(1, 10000) AS i;

-- split_nest: the band's 30% goes to its members by the band's own shares
SELECT split_nest('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed=70%, 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359=30%, distributor_fee=1%',
                  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
                  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB=50%, 0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb=25%, 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed=25%, distributor_fee=2%');
-- 10% over 1 ppm / 499999 ppm / 50%: 0.1, 49999.9 and 50000 ppm; the 1 ppm member rounds to 0 and is left out
SELECT split_nest('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed=90%, 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359=10%',
                  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
                  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB=1ppm, 0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb=499999ppm, 0x0000000000000000000000000000000000000001=50%');
-- nesting a split into itself for its only recipient gives the inner split with the outer fee
SELECT split_nest('0x0000000000000000000000000000000000000001=100%, distributor_fee=3%', '0x0000000000000000000000000000000000000001',
                  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed=60%, 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359=40%');
-- a member whose part rounds to 0 ppm is left out (1 ppm among 60/40: all to the larger)
SELECT split_nest('0x0000000000000000000000000000000000000001=999999ppm, 0x0000000000000000000000000000000000000002=1ppm', '0x0000000000000000000000000000000000000002',
                  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed=40%, 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359=60%');
SELECT * FROM expect_error($$SELECT split_nest('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%', '0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%')$$);
-- flattening past 500 recipients is refused
SELECT * FROM expect_error($$
    SELECT split_nest(
        (SELECT royalty_split_agg(format('0x%s', lpad(to_hex(i), 40, '0'))::eth_address, 1) FROM generate_series(1, 500) AS i),
        '0x0000000000000000000000000000000000000001',
        '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=50%, 0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=50%')$$);
SELECT split_nest(NULL, '0x0000000000000000000000000000000000000001', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%') IS NULL AS null_nest;

-- documented (docs/royalty_split.md): duplicate addresses merge, and a
-- recipient whose share rounds to 0 ppm is dropped; split_count against
-- the distinct contributors detects both
SELECT royalty_split_agg(who, w) FROM (VALUES
    ('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'::eth_address, 999999),
    ('0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'::eth_address, 0.4)) AS t(who, w);
SELECT split_count(royalty_split_agg(who, w)) AS recipients,
       count(DISTINCT who) FILTER (WHERE w > 0) AS contributors
  FROM (VALUES ('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'::eth_address, 999999),
               ('0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'::eth_address, 0.4)) AS t(who, w);
SELECT royalty_split_agg(who, w) FROM (VALUES
    ('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'::eth_address, 1),
    ('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'::eth_address, 1),
    ('0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'::eth_address, 2)) AS t(who, w);
