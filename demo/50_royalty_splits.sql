-- Royalty splits: a song's earnings, exact to the wei, 0xSplits-compatible
SET search_path = public, creative_defi;

-- A song is split among its producer, its singer, the pool of artists whose
-- recordings trained the model that helped write it, and the band that
-- played it. Shares are parts per million, as 0xSplits stores them; the
-- text form takes percentages (up to 4 decimals) or ppm, in any order:
CREATE TEMP TABLE works (title text PRIMARY KEY, split royalty_split NOT NULL, royalty_bps int NOT NULL);
-- producer 30%, singer 45%, training-data pool 150000 ppm (15%), band 10%:
INSERT INTO works VALUES ('Night Drive',
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed=30%, 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359=45%,
     0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB=150000ppm, 0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb=10%,
     distributor_fee=0.5%', 750);
-- Stored canonically: sorted by address (SplitMain's order), exact percentages.
SELECT split, split_count(split), split_distributor_fee(split) FROM works;

-- The same split as 0xSplits' SplitMain v1 hashes it (_hashSplit), to match
-- the split in the database with the contract on chain:
SELECT split_hash(split) FROM works;

-- An NFT of the song sells for 3 ETH; the royalty is 7.5% (EIP-2981, as
-- OpenZeppelin's ERC2981 computes it):
SELECT royalty_amount(3000000000000000000, royalty_bps) AS royalty_wei FROM works;

-- Paid out exactly: the fee first (0.5%, to whoever runs the distribution),
-- then everyone's share, the last wei by largest remainder. The rows add up
-- to the royalty, always:
SELECT d.* FROM works, split_distribute(split, royalty_amount(3000000000000000000, royalty_bps),
                                        '0x0000000000000000000000000000000000000001') AS d;

-- An amount that does not divide evenly (7 wei more): the exact rule hands
-- out every last wei, by largest remainder...
SELECT d.* FROM works, split_distribute(split, 225000000000000007,
                                        '0x0000000000000000000000000000000000000001') AS d;
-- ...while SplitMain v1 itself rounds every share down (no remainder pass;
-- the NULL row is the dust it leaves behind), for reconciling with the chain:
SELECT d.* FROM works, split_distribute_0xsplits(split, 225000000000000007,
                                                 '0x0000000000000000000000000000000000000001') AS d;

-- The band is itself a split among its three members, weighted by the hours
-- each put in. royalty_split_agg turns weights into exact ppm:
CREATE TEMP TABLE band_hours (member eth_address, hours numeric);
INSERT INTO band_hours VALUES
    ('0x52908400098527886E0F7030069857D2E4169EE7', 40),
    ('0x8617E340B3D01FA5F11F306F4090FD50E238070D', 25.5),
    ('0x27b1fdb04752bbc536007a920d24acb045561c26', 34.5);
SELECT royalty_split_agg(member, hours) AS band FROM band_hours;

-- Flattened into the song's split: the band's 10% goes to its members by the
-- same exact rule, so the shares still add up to 100%:
SELECT split_nest(split, '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
                  (SELECT royalty_split_agg(member, hours) FROM band_hours)) AS flattened
  FROM works;

-- Which works pay this address? (a containment operator)
SELECT title FROM works WHERE split @> '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB'::eth_address;

-- As jsonb for an API, and back:
SELECT split::jsonb, split::jsonb::royalty_split = split AS round_trip FROM works;

-- Mistakes are refused with a clear reason:
\set ON_ERROR_STOP 0
SELECT '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed=60%, 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359=39.9999%'::royalty_split;
SELECT '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed=33.33333%'::royalty_split;
SELECT '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed=100%, distributor_fee=12%'::royalty_split;
\set ON_ERROR_STOP 1
