-- The ledger event feed (src/sql/87_events.sql, docs/ledger.md "Events"):
-- ledger_events(after_seq, max_rows) returns the sealed journal in chain
-- order, a transaction still waiting to be sealed appears once it is
-- sealed, paging from the last seq returned reads every event once, and
-- bad arguments are refused.  In a database of its own, so that the
-- sequence numbers do not depend on the other suites.
\set regress_db :DBNAME
\set alice '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'
CREATE DATABASE ledger_events;
\c ledger_events
CREATE EXTENSION creative_defi;
SET search_path = creative_defi, public;
\set bob '0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359'
\set eth 'eip155:1/slip44:60'
\set song 'eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/7'
-- an empty journal has no events
SELECT count(*) AS events FROM ledger_events(0);
SELECT channel FROM ledger_events_channel() AS channel;
SELECT txn_id FROM deposit(:'alice', :'eth', 1000000, 'ev-dep');
SELECT txn_id FROM register_asset(:'song', :'eth', 'linear(base=100, slope=10)', '0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359=100%', :'bob', 500);
SELECT txn_id, cost, royalty, paid FROM buy(:'song', :'alice', 3, 1000, 'ev-buy');
SELECT txn_id FROM deposit(:'alice', :'eth', 18446744073709551617, 'ev-dep-big');
-- every sealed transaction, in chain order, with its postings (amounts as
-- JSON strings: 2^64 + 1 keeps every digit)
SELECT seq, txn_id, kind, ref, asset, octet_length(hash) AS hash_bytes, jsonb_array_length(postings) AS postings
  FROM ledger_events(0);
SELECT e.seq, p.n, p.posting->>'account' AS account, p.posting->>'asset' AS asset, p.posting->>'amount' AS amount,
       jsonb_typeof(p.posting->'amount') AS amount_type
  FROM ledger_events(0) e, jsonb_array_elements(e.postings) WITH ORDINALITY AS p(posting, n)
 ORDER BY e.seq, p.n;
-- the postings are the journal's, in posting order
SELECT bool_and(p.account::text = x.posting->>'account' AND p.asset::text = x.posting->>'asset'
                AND p.amount = (x.posting->>'amount')::numeric) AS postings_match,
       count(*) = (SELECT count(*) FROM ledger_postings) AS all_postings
  FROM ledger_events(0) e, jsonb_array_elements(e.postings) WITH ORDINALITY AS x(posting, n)
  JOIN ledger_postings p ON p.n = x.n
 WHERE p.txn_id = e.txn_id;
-- the hash is the chain's
SELECT bool_and(e.hash = c.hash) AS chain_hash FROM ledger_events(0) e JOIN ledger_chain c USING (seq);
-- paging: after a seq, at most max_rows, and the pages together are the whole feed once
SELECT seq, kind FROM ledger_events(1, 2);
SELECT seq, kind FROM ledger_events(2, 10);
SELECT count(*) AS events_after_head FROM ledger_events((SELECT seq FROM journal_head()));
WITH RECURSIVE pages(last_seq, seqs) AS (
    SELECT 0::bigint, ARRAY[]::bigint[]
    UNION ALL
    SELECT (SELECT max(e.seq) FROM ledger_events(p.last_seq, 1) e), p.seqs || (SELECT array_agg(e.seq) FROM ledger_events(p.last_seq, 1) e)
      FROM pages p WHERE EXISTS (SELECT FROM ledger_events(p.last_seq, 1))
)
SELECT seqs FROM pages ORDER BY cardinality(seqs) DESC LIMIT 1;
-- a transaction that waits to be sealed (REPEATABLE READ never seals) is
-- no event until it is sealed, then the next one in the chain
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT txn_id FROM withdraw(:'alice', :'eth', 5, 'ev-wait');
COMMIT;
SELECT count(*) AS waiting FROM ledger_unsealed;
SELECT count(*) AS events_after_4 FROM ledger_events(4);
SELECT seq FROM ledger_seal();
SELECT seq, kind, ref, postings FROM ledger_events(4);
-- errors
SELECT * FROM ledger_events(-1);
SELECT * FROM ledger_events(0, 0);
SELECT * FROM ledger_events(0, 10001);
SELECT * FROM ledger_events(0, -5);
SELECT * FROM ledger_events(NULL);
SELECT * FROM ledger_events(0, NULL);
-- privileges: every role reads the feed; PUBLIC does not; the trigger
-- function is internal
SELECT r AS role, has_function_privilege(r, 'ledger_events(bigint, integer)', 'EXECUTE') AS may_read
  FROM unnest(ARRAY['creative_defi_reader', 'creative_defi_app', 'creative_defi_treasury', 'creative_defi_operator']) r;
CREATE ROLE ledger_events_nobody;
SET ROLE ledger_events_nobody;
SELECT * FROM ledger_events(0);
RESET ROLE;
DROP ROLE ledger_events_nobody;
\c :regress_db
DROP DATABASE ledger_events;
