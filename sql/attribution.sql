-- attribution: a data set's contributor table, paid pro rata to integer
-- weights by largest remainder (docs/attribution.md): direct payments, a
-- trade's royalty, the data set's part as a lineage parent, a new version
-- of the table, every refusal, ledger_verify(), an exact reference on
-- random weights and amounts up to 2^256 - 1, and a payment into 100,000
-- contributors as one transaction.  In a database of its own, so that
-- the suites after it see the same sequence numbers and journal.
\set own_db cd_regress_attribution
\i test/shared/regress_own_database.sql

-- a data set DS and a model M trained on it (M pays DS 10% of its revenue)
CREATE TEMP TABLE ds_works (name text, asset asset, wallet eth_address);
INSERT INTO ds_works VALUES
    ('DS', 'eip155:1/erc721:0x00000000000000000000000000000000000001d5/1', '0x0000000000000000000000000000000000001003'),
    ('M', 'eip155:1/erc721:0x00000000000000000000000000000000000001d5/2', '0x0000000000000000000000000000000000002006'),
    ('GOV', 'eip155:1/erc721:0x00000000000000000000000000000000000001d5/3', '0x0000000000000000000000000000000000003009'),
    ('DIV', 'eip155:1/erc721:0x00000000000000000000000000000000000001d5/4', '0x000000000000000000000000000000000000400c');
SELECT count(*) AS registered FROM ds_works w,
       register_asset(w.asset, 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', linear_curve(1000, 10),
                      (w.wallet::text || '=100%')::royalty_split, w.wallet, 500) r;
CREATE FUNCTION pg_temp.w(name text) RETURNS asset LANGUAGE sql AS $$ SELECT asset FROM ds_works WHERE ds_works.name = w.name $$;
SELECT moved FROM deposit('0x52908400098527886e0f7030069857d2e4169ee7', 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
                          2::numeric ^ 256 - 1, 'ds-fund');
SELECT txn_id > 0 AS journaled FROM link_derivative(pg_temp.w('M'), pg_temp.w('DS'), 'absolute', 1000);
-- the postings of a payment, by ref, in their order
CREATE FUNCTION pg_temp.paid(p_ref text) RETURNS TABLE(n integer, account eth_address, amount numeric) LANGUAGE sql AS $$
    SELECT p.n, p.account, p.amount FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.txn_id
     WHERE t.ref = p_ref ORDER BY p.n $$;

-- five contributors, weights 1, 1, 2, 3 and one above 2^256 (any size)
SELECT contributor_count, total_weight, octet_length(weights_hash) AS hash_bytes
  FROM record_contributors(pg_temp.w('DS'),
       ARRAY['0x00000000000000000000000000000000000000c3', '0x00000000000000000000000000000000000000c1',
             '0x00000000000000000000000000000000000000c2', '0x00000000000000000000000000000000000000c4',
             '0x00000000000000000000000000000000000000c5']::eth_address[],
       ARRAY[1, 1, 2, 3, 2::numeric ^ 260], 'ds-set-1');
SELECT * FROM contributors(pg_temp.w('DS'));
-- the journal holds the count, the total and the hash of the sorted list,
-- which a client recomputes from the table
SELECT t.request ->> 'contributors' AS contributors,
       t.request ->> 'weights_hash' = '0x' || encode(attribution_weights_hash(
           ARRAY(SELECT contributor FROM contributors(pg_temp.w('DS'))),
           ARRAY(SELECT weight FROM contributors(pg_temp.w('DS')))), 'hex') AS hash_recomputes
  FROM ledger_transactions t WHERE t.ref = 'ds-set-1';
-- a retry with the same ref returns the same transaction; other weights
-- under it are a ref conflict
SELECT s.txn_id = t.id AS same_txn
  FROM record_contributors(pg_temp.w('DS'),
       ARRAY['0x00000000000000000000000000000000000000c3', '0x00000000000000000000000000000000000000c1',
             '0x00000000000000000000000000000000000000c2', '0x00000000000000000000000000000000000000c4',
             '0x00000000000000000000000000000000000000c5']::eth_address[],
       ARRAY[1, 1, 2, 3, 2::numeric ^ 260], 'ds-set-1') s, ledger_transactions t WHERE t.ref = 'ds-set-1';

-- equal weights and ties: 7 among 1:1:1:1 (the table without the large
-- weight) gives 2, 2, 2, 1: the units left go to the lower addresses
SELECT attribution_apportion(ARRAY[1, 1, 1, 1], 7);
SELECT attribution_apportion(ARRAY[1, 2, 3, 4], 7);
-- a distribute of 2^255 + 12345 into DS: all of it to the contributors (its
-- split is not paid); the weight above 2^256 takes it all: the others'
-- exact parts are at most 3/32 of a unit, its own is A - 7/32, whose
-- remainder (.78) wins the one unit the floors leave
SELECT distributed, recipients FROM distribute(pg_temp.w('DS'), '0x52908400098527886e0f7030069857d2e4169ee7',
                                               2::numeric ^ 255 + 12345, 'ds-pay-1');
SELECT * FROM pg_temp.paid('ds-pay-1');
SELECT sum(amount) AS zero_sum FROM pg_temp.paid('ds-pay-1');

-- a second version: three contributors 1:2:3; a payment of 100 into DS
SELECT contributor_count, total_weight
  FROM record_contributors(pg_temp.w('DS'),
       ARRAY['0x00000000000000000000000000000000000000c1', '0x00000000000000000000000000000000000000c2',
             '0x00000000000000000000000000000000000000c3']::eth_address[], ARRAY[1, 2, 3], 'ds-set-2');
SELECT * FROM contributors(pg_temp.w('DS'));
SELECT distributed, recipients FROM distribute(pg_temp.w('DS'), '0x52908400098527886e0f7030069857d2e4169ee7', 100, 'ds-pay-2');
SELECT * FROM pg_temp.paid('ds-pay-2');
-- a payment into M pays DS its 10% as a lineage parent, and DS's part
-- goes to its contributors: 1001 into M, DS's claim ceil(100.1) = 101,
-- shared 101 * 1/6, 2/6, 3/6 = 16.83, 33.67, 50.5: floors 16, 33, 50 and
-- two units left, to the remainders .83 and .67 (then .5 gets none)
SELECT distributed, recipients FROM distribute(pg_temp.w('M'), '0x52908400098527886e0f7030069857d2e4169ee7', 1001, 'ds-pay-m');
SELECT p.n, coalesce(w.name, p.account::text) AS account, p.amount
  FROM pg_temp.paid('ds-pay-m') p LEFT JOIN ds_works w ON w.wallet = p.account;
-- the royalty of a buy of DS (5%) goes to its contributors too
SELECT bought, royalty FROM buy(pg_temp.w('DS'), '0x52908400098527886e0f7030069857d2e4169ee7', 10, 10::numeric ^ 20, 'ds-buy');
SELECT p.n, p.account, p.amount FROM pg_temp.paid('ds-buy') p
 WHERE lower(p.account::text) LIKE '0x00000000000000000000000000000000000000c%';

-- every refusal
SELECT * FROM expect_error($$SELECT record_contributors(NULL, ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[1], 'x')$$);
SELECT * FROM expect_error($$SELECT record_contributors(pg_temp.w('DS'), NULL, ARRAY[1], 'x')$$);
SELECT * FROM expect_error($$SELECT record_contributors(pg_temp.w('DS'), ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], NULL, 'x')$$);
SELECT * FROM expect_error($$SELECT record_contributors(pg_temp.w('DS'), ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[1], NULL)$$);
SELECT * FROM expect_error($$SELECT record_contributors(pg_temp.w('DS'), '{}', '{}', 'x')$$);
SELECT * FROM expect_error($$SELECT record_contributors(pg_temp.w('DS'), ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[1, 2], 'x')$$);
SELECT * FROM expect_error($$SELECT record_contributors(pg_temp.w('DS'), ARRAY['0x00000000000000000000000000000000000000c1', NULL]::eth_address[], ARRAY[1, 2], 'x')$$);
SELECT * FROM expect_error($$SELECT record_contributors(pg_temp.w('DS'), ARRAY['0x00000000000000000000000000000000000000c1', '0x00000000000000000000000000000000000000c2']::eth_address[], ARRAY[1, NULL], 'x')$$);
SELECT * FROM expect_errors($$SELECT record_contributors(pg_temp.w('DS'), ARRAY['0x00000000000000000000000000000000000000c1', '0x00000000000000000000000000000000000000c2']::eth_address[], ARRAY[1, %s]::numeric[], 'x')$$,
    '0', '-3', '1.5', '''NaN''', '''Infinity''');
SELECT * FROM expect_error($$SELECT record_contributors(pg_temp.w('DS'), ARRAY['0x00000000000000000000000000000000000000c2', '0x00000000000000000000000000000000000000c1', '0x00000000000000000000000000000000000000c2']::eth_address[], ARRAY[1, 2, 3], 'x')$$);
-- a system account (the data set's own reserve) cannot contribute
SELECT * FROM expect_error($$SELECT record_contributors(pg_temp.w('DS'), ARRAY[ledger_reserve_account(pg_temp.w('DS'))], ARRAY[1], 'x')$$);
SELECT * FROM expect_error($$SELECT record_contributors('eip155:1/erc721:0x00000000000000000000000000000000000001d5/99', ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[1], 'x')$$);
SELECT * FROM expect_error($$SELECT record_contributors(pg_temp.w('DS'), ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[5], 'ds-set-1')$$);
SELECT * FROM expect_error($$SELECT record_contributors(pg_temp.w('DS'), ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[5], 'ds-pay-1')$$);
-- a governed asset: its approvers decide where its revenue goes
SELECT set_approvers(pg_temp.w('GOV'), ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5']::eth_address[], 1);
SELECT * FROM expect_error($$SELECT record_contributors(pg_temp.w('GOV'), ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[1], 'ds-gov')$$);
-- an asset whose revenue pays its holders
SELECT e.account IS NOT NULL AS enabled FROM dividends_enable(pg_temp.w('DIV')) e;
SELECT * FROM expect_error($$SELECT record_contributors(pg_temp.w('DIV'), ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[1], 'ds-div')$$);
SELECT * FROM expect_error($$SELECT attribution_apportion(ARRAY[1, 0], 10)$$);
SELECT * FROM expect_error($$SELECT attribution_apportion('{}', 10)$$);
-- the table's versions are immutable
SELECT * FROM expect_error($$UPDATE attribution_weights SET weight = 7$$);

-- ledger_verify(): the tables are as journaled, and every payment into DS
-- or M (the contributors' part included) recomputes from the table then
SELECT "check", ok, detail FROM ledger_verify() WHERE "check" IN ('attribution_weights', 'lineage_payments');
-- a changed weight (behind the trigger's back) is found by both
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE attribution_weights SET weight = 4 WHERE weight = 3;
SELECT "check", ok, detail FROM ledger_verify() WHERE "check" IN ('attribution_weights', 'lineage_payments');
ROLLBACK;

-- The reference, written here apart from the product: exact rational
-- quotients A * w / W (numeric is exact on integers), floors, and the
-- units left to the largest fractional parts (w * A mod W over the same
-- W), ties to the lower address; random weights up to 2^300 and amounts
-- up to 2^256 - 1, 200 cases of 1 to 30 contributors
SELECT setseed(0.17);
CREATE TEMP TABLE ref_cases AS
SELECT c.id, trunc(random()::numeric ^ 3 * (2::numeric ^ 256 - 1)) AS amount, (1 + trunc(random() * 30))::int AS n,
       (ARRAY[8, 64, 300])[1 + (c.id % 3)] AS bits
  FROM generate_series(1, 200) AS c(id);
CREATE TEMP TABLE ref_weights AS
SELECT c.id, k AS rank, 1 + trunc(random()::numeric ^ 4 * 2::numeric ^ c.bits) AS weight
  FROM ref_cases c, generate_series(1, c.n) AS k;
WITH totals AS (
    SELECT id, sum(weight) AS total FROM ref_weights GROUP BY id
), exact AS (
    SELECT w.id, w.rank, div(c.amount * w.weight, t.total) AS floor_part, mod(c.amount * w.weight, t.total) AS fraction
      FROM ref_weights w JOIN ref_cases c USING (id) JOIN totals t USING (id)
), ranked AS (
    SELECT e.*, row_number() OVER (PARTITION BY e.id ORDER BY e.fraction DESC, e.rank) AS place,
           c.amount - sum(e.floor_part) OVER (PARTITION BY e.id) AS left_over
      FROM exact e JOIN ref_cases c USING (id)
), reference AS (
    SELECT id, array_agg(floor_part + CASE WHEN place <= left_over THEN 1 ELSE 0 END ORDER BY rank) AS shares
      FROM ranked GROUP BY id
), product AS (
    SELECT c.id, attribution_apportion(array_agg(w.weight ORDER BY w.rank), c.amount) AS shares
      FROM ref_cases c JOIN ref_weights w USING (id) GROUP BY c.id, c.amount
)
SELECT count(*) AS cases, count(*) FILTER (WHERE r.shares = p.shares) AS identical,
       count(*) FILTER (WHERE (SELECT sum(s) FROM unnest(p.shares) s) = c.amount) AS conserved,
       count(*) FILTER (WHERE (SELECT max(w.weight) FROM ref_weights w WHERE w.id = c.id) > 2::numeric ^ 256) AS with_weights_above_2_256
  FROM reference r JOIN product p USING (id) JOIN ref_cases c USING (id);

-- 100,000 contributors, one payment, one journal transaction of 100,001
-- postings (more than a smallint numbers); rolled back, as the database
-- is dropped anyway
BEGIN;
CREATE TEMP TABLE big AS
SELECT ('0x' || md5(i::text) || lpad(to_hex(i), 8, '0'))::eth_address AS contributor, (1 + i % 997)::numeric AS weight
  FROM generate_series(1, 100000) AS i;
SELECT contributor_count, total_weight
  FROM record_contributors(pg_temp.w('DS'), ARRAY(SELECT contributor FROM big), ARRAY(SELECT weight FROM big), 'ds-set-big');
SELECT distributed, recipients FROM distribute(pg_temp.w('DS'), '0x52908400098527886e0f7030069857d2e4169ee7',
                                               10::numeric ^ 24 + 12345, 'ds-pay-big');
SELECT count(DISTINCT p.txn_id) AS transactions, count(*) AS postings, max(p.n) AS last_n, sum(p.amount) AS zero_sum,
       count(*) FILTER (WHERE p.amount > 0 AND p.amount - div((10::numeric ^ 24 + 12345) * b.weight, (SELECT sum(weight) FROM big)) NOT IN (0, 1)) AS beyond_floor_plus_one
  FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.txn_id LEFT JOIN big b ON b.contributor = p.account
 WHERE t.ref = 'ds-pay-big';
-- the hash chain recomputes over it (postings ordered by their integer n)
-- and the payment from the 100,000 weights (three of ledger_verify()'s
-- checks, called alone to keep this suite short)
SELECT "check", ok FROM ledger_verify_hash_chain()
UNION ALL SELECT "check", ok FROM lineage_verify_payments()
UNION ALL SELECT "check", ok FROM attribution_verify();
ROLLBACK;
\c :regress_db
DROP DATABASE :"own_db";
