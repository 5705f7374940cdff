-- ledger: the journal is append-only for everyone, tampering is detected by
-- ledger_verify(), unbalanced postings are refused, and privileges

SELECT * FROM deposit('0xde709f2102306220921060314715629080e2fb77', 'eip155:1/slip44:60', 700, 'jr-1');
SELECT * FROM transfer('0xde709f2102306220921060314715629080e2fb77', '0x27b1fdb04752bbc536007a920d24acb045561c26',
                       'eip155:1/slip44:60', 300, 'jr-2');

-- UPDATE, DELETE and TRUNCATE are refused even to the superuser running this (CD007)
SELECT * FROM expect_error($$UPDATE ledger_postings SET amount = amount * 2$$);
SELECT * FROM expect_error($$UPDATE ledger_transactions SET ref = 'other' WHERE ref = 'jr-2'$$);
SELECT * FROM expect_error($$DELETE FROM ledger_postings$$);
SELECT * FROM expect_error($$DELETE FROM ledger_transactions WHERE false$$);
SELECT * FROM expect_error($$TRUNCATE ledger_postings$$);
SELECT * FROM expect_error($$TRUNCATE ledger_transactions CASCADE$$);
SELECT * FROM expect_error($$UPDATE ledger_chain SET hash = hash$$);
SELECT * FROM expect_error($$DELETE FROM ledger_chain WHERE seq = 2$$);
SELECT * FROM expect_error($$TRUNCATE ledger_chain$$);

-- the one function that writes the journal refuses unbalanced postings (CD010)
SELECT * FROM expect_error($$SELECT ledger_post('transfer', 'jr-unbalanced', 'eip155:1/slip44:60', '{}', '{}',
    ARRAY['0xde709f2102306220921060314715629080e2fb77', '0x27b1fdb04752bbc536007a920d24acb045561c26']::eth_address[],
    ARRAY['eip155:1/slip44:60', 'eip155:1/slip44:60']::asset[], ARRAY[-5, 6], ARRAY['user', 'user'])$$);

SELECT "check", ok FROM ledger_verify();

-- ledger_post's first step, ledger_postings_normalize: zero postings are
-- dropped, amounts lose trailing zeros, and holdings come out grouped in
-- (account, asset) order with their net change and kind; a
-- holding whose postings cancel out is not touched
SELECT * FROM ledger_postings_normalize(
    ARRAY['0x27b1fdb04752bbc536007a920d24acb045561c26', '0xde709f2102306220921060314715629080e2fb77',
          '0x27b1fdb04752bbc536007a920d24acb045561c26', '0x27b1fdb04752bbc536007a920d24acb045561c26',
          '0x0000000000000000000000000000000000000001', '0x0000000000000000000000000000000000000001']::eth_address[],
    ARRAY['eip155:1/slip44:60', 'eip155:1/slip44:60', 'eip155:1/slip44:60', 'eip155:1/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913',
          'eip155:1/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', 'eip155:1/slip44:60']::asset[],
    ARRAY[-5.00, 7, -2, 0, 0, 0], ARRAY['reserve', 'user', 'reserve', 'user', 'user', 'user']);
SELECT * FROM ledger_postings_normalize(
    ARRAY['0x27b1fdb04752bbc536007a920d24acb045561c26', '0x27b1fdb04752bbc536007a920d24acb045561c26']::eth_address[],
    ARRAY['eip155:1/slip44:60', 'eip155:1/slip44:60']::asset[], ARRAY[-3, 3], ARRAY['user', 'user']);
SELECT * FROM ledger_postings_normalize('{}', '{}', '{}', '{}');
-- its refusals: an unbalanced asset (the first in asset order), NaN, arrays
-- of different lengths, a NULL element, a two-dimensional array
SELECT * FROM expect_error($$SELECT ledger_postings_normalize(
    ARRAY['0x27b1fdb04752bbc536007a920d24acb045561c26', '0xde709f2102306220921060314715629080e2fb77',
          '0x27b1fdb04752bbc536007a920d24acb045561c26', '0xde709f2102306220921060314715629080e2fb77']::eth_address[],
    ARRAY['eip155:1/slip44:60', 'eip155:1/slip44:60', 'eip155:1/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913',
          'eip155:1/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913']::asset[],
    ARRAY[-5, 6, -1, 2], ARRAY['user', 'user', 'user', 'user'])$$);
SELECT * FROM expect_error($$SELECT ledger_postings_normalize(ARRAY['0x27b1fdb04752bbc536007a920d24acb045561c26']::eth_address[],
    ARRAY['eip155:1/slip44:60']::asset[], ARRAY['NaN'::numeric], ARRAY['user'])$$);
SELECT * FROM expect_error($$SELECT ledger_postings_normalize(ARRAY['0x27b1fdb04752bbc536007a920d24acb045561c26']::eth_address[],
    ARRAY['eip155:1/slip44:60']::asset[], ARRAY[1, -1], ARRAY['user'])$$);
SELECT * FROM expect_error($$SELECT ledger_postings_normalize(ARRAY['0x27b1fdb04752bbc536007a920d24acb045561c26']::eth_address[],
    ARRAY['eip155:1/slip44:60']::asset[], ARRAY[NULL::numeric], ARRAY['user'])$$);
SELECT * FROM expect_error($$SELECT ledger_postings_normalize(ARRAY[['0x27b1fdb04752bbc536007a920d24acb045561c26']]::eth_address[],
    ARRAY['eip155:1/slip44:60']::asset[], ARRAY[1], ARRAY['user'])$$);

-- A superuser can still switch the triggers off (documented): the hash
-- chain then catches what was changed.  Each case is rolled back.
BEGIN;
ALTER TABLE ledger_postings DISABLE TRIGGER ledger_postings_append_only;
UPDATE ledger_postings SET amount = -amount
 WHERE txn_id = (SELECT id FROM ledger_transactions WHERE ref = 'jr-2');
SELECT * FROM ledger_verify() WHERE NOT ok;
ROLLBACK;

BEGIN;
ALTER TABLE ledger_transactions DISABLE TRIGGER ledger_transactions_append_only;
UPDATE ledger_transactions SET ref = 'jr-2-rewritten' WHERE ref = 'jr-2';
SELECT * FROM ledger_verify() WHERE NOT ok;
ROLLBACK;

-- the result a replay by ref serves, and the request it is matched
-- against, are covered by the chain too
SELECT last_value AS ids_before FROM ledger_transaction_id_seq \gset
BEGIN;
ALTER TABLE ledger_transactions DISABLE TRIGGER ledger_transactions_append_only;
UPDATE ledger_transactions SET result = '{"moved": 3000}' WHERE ref = 'jr-2';
SELECT * FROM ledger_verify() WHERE NOT ok;
SELECT * FROM transfer('0xde709f2102306220921060314715629080e2fb77', '0x27b1fdb04752bbc536007a920d24acb045561c26',
                       'eip155:1/slip44:60', 300, 'jr-2');
ROLLBACK;
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE ledger_transactions SET request = request || '{"note": "added"}' WHERE ref = 'jr-1';
SELECT * FROM ledger_verify() WHERE NOT ok;
ROLLBACK;
-- and so is a waiting transaction's: its queued body no longer matches
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT txn_id AS w_txn FROM deposit('0xde709f2102306220921060314715629080e2fb77', 'eip155:1/slip44:60', 5, 'jr-waiting') \gset
SET LOCAL session_replication_role = replica;
UPDATE ledger_transactions SET result = '{"moved": 6}' WHERE ref = 'jr-waiting';
SELECT "check", ok, replace(detail, :'w_txn', 'T') AS detail FROM ledger_verify() WHERE NOT ok;
ROLLBACK;

-- The chain hashes request and result as jsonb's text output.  It is
-- canonical for a value (keys sorted and unique, fixed spacing, numbers
-- as stored: 1.50 keeps its scale), and a dump and restore (COPY's text
-- format: jsonb out, then jsonb in) gives the same text back, so the
-- chain recomputes after a restore.
SELECT '{"b": 1.50, "a": [2.0, 1e2, -0.000], "a": "last", "c": {"y": null, "x": "é"}}'::jsonb::text AS canonical;
BEGIN;
SELECT ledger_post('deposit', 'jr-json', 'eip155:1/slip44:60', '{"amount": 1.50, "note": "1.50 keeps its scale"}',
                   '{"moved": 1.50}', '{}', '{}', '{}', '{}') > 0 AS posted;
SELECT request, result FROM ledger_transactions WHERE ref = 'jr-json';
SELECT count(*) AS transactions,
       bool_and(request::text::jsonb::text = request::text AND result::text::jsonb::text = result::text) AS text_round_trips,
       bool_and(ledger_chain_body(l.kind, l.ref, l.asset, coalesce(p.accounts, '{}'), coalesce(p.assets, '{}'),
                                  coalesce(p.amounts, '{}'), l.request::text::jsonb, l.result::text::jsonb)
                = ledger_chain_body(l.kind, l.ref, l.asset, coalesce(p.accounts, '{}'), coalesce(p.assets, '{}'),
                                    coalesce(p.amounts, '{}'), l.request, l.result)) AS bodies_round_trip
  FROM ledger_transactions l
  LEFT JOIN LATERAL (SELECT array_agg(q.account ORDER BY q.n) AS accounts, array_agg(q.asset ORDER BY q.n) AS assets,
                            array_agg(q.amount ORDER BY q.n) AS amounts
                       FROM ledger_postings q WHERE q.txn_id = l.id) p ON true;
SELECT "check", ok FROM ledger_verify() WHERE "check" = 'hash_chain';
ROLLBACK;
-- the ids the rolled-back cases drew are given back, so that the ids in
-- the files that follow do not depend on these cases
SELECT setval('ledger_transaction_id_seq', :ids_before) = :ids_before AS ids_restored;

-- a link dropped from the chain
BEGIN;
ALTER TABLE ledger_chain DISABLE TRIGGER ledger_chain_append_only;
DELETE FROM ledger_chain WHERE seq = 1;
SELECT * FROM ledger_verify() WHERE NOT ok;
ROLLBACK;

-- a holding edited behind the ledger's back
BEGIN;
UPDATE ledger_holdings SET amount = amount + 1
 WHERE account = '0x27b1fdb04752bbc536007a920d24acb045561c26' AND asset = 'eip155:1/slip44:60';
SELECT * FROM ledger_verify() WHERE NOT ok;
ROLLBACK;

-- postings of no journal transaction (the postings have no foreign key:
-- 60_ledger_schema.sql), balanced and matching no holding change, so that
-- only the hash chain's check sees them
BEGIN;
INSERT INTO ledger_postings (txn_id, n, account, asset, amount) VALUES
    (999999, 1, '0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60', 5),
    (999999, 2, '0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60', -5);
SELECT * FROM ledger_verify() WHERE NOT ok;
ROLLBACK;

-- a negative user balance is refused by a CHECK, whoever writes it
SELECT * FROM expect_error($$UPDATE ledger_holdings SET amount = -1
 WHERE account = '0x27b1fdb04752bbc536007a920d24acb045561c26' AND asset = 'eip155:1/slip44:60'$$);
-- and so are fractions of a base unit
SELECT * FROM expect_error($$UPDATE ledger_holdings SET amount = 0.5
 WHERE account = '0x27b1fdb04752bbc536007a920d24acb045561c26' AND asset = 'eip155:1/slip44:60'$$);

SELECT "check", ok FROM ledger_verify();

-- Privileges.  The operator calls the functions; no role may write a
-- table directly, the reader may not call a mutating function, and PUBLIC
-- can do neither.
CREATE ROLE ledger_regress_app NOLOGIN;
GRANT USAGE ON SCHEMA regress TO PUBLIC;  -- expect_error() for the roles below
SET ROLE creative_defi_operator;
SELECT * FROM transfer('0x27b1fdb04752bbc536007a920d24acb045561c26', '0xde709f2102306220921060314715629080e2fb77',
                       'eip155:1/slip44:60', 50, 'jr-3');
SELECT balance('0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60');
SELECT count(*) > 0 AS operator_reads FROM ledger_postings;
-- the operator moves funds but creates none: deposits are the treasury's
SELECT * FROM expect_error($$SELECT * FROM deposit('0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60', 1, 'jr-op')$$);
SELECT * FROM expect_error($$INSERT INTO ledger_holdings VALUES ('0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60', 1000000)$$);
SELECT * FROM expect_error($$UPDATE ledger_holdings SET amount = 1000000$$);
SELECT * FROM expect_error($$INSERT INTO ledger_transactions (id, ref, kind, asset, request, result)
                             VALUES (99, 'forged', 'deposit', 'eip155:1/slip44:60', '{}', '{}')$$);
SELECT * FROM expect_error($$INSERT INTO ledger_chain VALUES (99, 1, '\x00')$$);
SELECT * FROM expect_error($$INSERT INTO ledger_postings VALUES (1, 9, '0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60', 1)$$);
SELECT * FROM expect_error($$UPDATE ledger_head SET seq = 0$$);
SELECT * FROM expect_error($$SELECT ledger_post('deposit', 'forged', 'eip155:1/slip44:60', '{}', '{}', '{}', '{}', '{}', '{}')$$);
RESET ROLE;

SET ROLE creative_defi_reader;
SELECT balance('0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60');
SELECT * FROM holdings('0xde709f2102306220921060314715629080e2fb77');
SELECT seq FROM journal_head();
SELECT "check", ok FROM ledger_verify();
SELECT count(*) AS reader_reads FROM ledger_account_journal WHERE account = '0xde709f2102306220921060314715629080e2fb77';
SELECT * FROM expect_error($$SELECT * FROM transfer('0x27b1fdb04752bbc536007a920d24acb045561c26', '0xde709f2102306220921060314715629080e2fb77', 'eip155:1/slip44:60', 1, 'jr-4')$$);
SELECT * FROM expect_error($$SELECT * FROM deposit('0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60', 1, 'jr-5')$$);
SELECT * FROM expect_error($$INSERT INTO ledger_holdings VALUES ('0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60', 1000000)$$);
SELECT * FROM expect_error($$UPDATE ledger_holdings SET amount = 1000000$$);
SELECT * FROM expect_error($$DELETE FROM ledger_holdings$$);
RESET ROLE;

-- a role with no grant (PUBLIC's rights only) can neither read nor write
-- the ledger, but it may use the pure functions
SET ROLE ledger_regress_app;
SELECT creative_defi.keccak256('') AS public_pure_function;
SELECT * FROM expect_error($$SELECT * FROM creative_defi.deposit('0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60', 1, 'jr-6')$$);
SELECT * FROM expect_error($$SELECT creative_defi.balance('0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60')$$);
SELECT * FROM expect_error($$SELECT count(*) FROM creative_defi.ledger_holdings$$);
RESET ROLE;
-- granted the treasury role, the same application role can deposit
GRANT creative_defi_treasury TO ledger_regress_app;
SET ROLE ledger_regress_app;
SELECT txn_id > 0 AS applied FROM creative_defi.deposit('0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60', 1, 'jr-6');
RESET ROLE;
REVOKE creative_defi_treasury FROM ledger_regress_app;
DROP ROLE ledger_regress_app;

-- the roles the extension made: NOLOGIN, no special attributes
SELECT rolname, rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls
  FROM pg_roles WHERE rolname LIKE 'creative\_defi\_%' ORDER BY rolname;

SELECT * FROM ledger_verify();

-- ledger_post's two holdings statements lock in (account, asset) order
-- because, with its settings, the planner can only read the sorted arrays
-- as the outer side of a nested loop (or the holdings in primary-key
-- order, the same order).  The same statements, planned as ledger_post
-- plans them (generic plans with its SET clauses), on this small table,
-- where another plan would be most tempting:
BEGIN;
SET LOCAL plan_cache_mode = force_generic_plan;
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_mergejoin = off;
SET LOCAL enable_seqscan = off;
SET LOCAL enable_bitmapscan = off;
PREPARE holdings_create(eth_address[], asset[], text[]) AS
    INSERT INTO ledger_holdings AS h (account, asset, amount, kind)
    SELECT u.a, u.s, 0, u.k
      FROM unnest($1, $2, $3) WITH ORDINALITY AS u(a, s, k, i)
     WHERE NOT EXISTS (SELECT FROM ledger_holdings x WHERE x.account = u.a AND x.asset = u.s)
     ORDER BY u.i
    ON CONFLICT ON CONSTRAINT ledger_holdings_pkey DO NOTHING;
PREPARE holdings_change(eth_address[], asset[], numeric[], text[]) AS
    WITH changed AS (
        UPDATE ledger_holdings h SET amount = h.amount + u.d
          FROM unnest($1, $2, $3, $4) WITH ORDINALITY AS u(a, s, d, k, i)
         WHERE h.account = u.a AND h.asset = u.s AND h.kind = u.k AND (h.amount + u.d >= 0 OR u.k IN ('issuance', 'world'))
        RETURNING u.i
    )
    SELECT array_agg(c.i) FROM changed c;
EXPLAIN (COSTS OFF) EXECUTE holdings_create('{0x27b1fdb04752bbc536007a920d24acb045561c26}', '{eip155:1/slip44:60}', '{user}');
EXPLAIN (COSTS OFF) EXECUTE holdings_change('{0x27b1fdb04752bbc536007a920d24acb045561c26}', '{eip155:1/slip44:60}', '{1}', '{user}');
ROLLBACK;
