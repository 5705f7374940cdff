-- What ledger_verify() cannot see (docs/ledger.md): a consistent cut of
-- the journal's tail passes every check inside the database; a copy of
-- journal_head() kept outside detects it.  In a database of its own, so
-- that the cut leaves the other suites' journal alone.
\set regress_db :DBNAME
CREATE DATABASE ledger_anchor;
\c ledger_anchor
SET client_min_messages = warning;
CREATE EXTENSION creative_defi;
SET search_path = creative_defi, public;
SELECT txn_id FROM deposit('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'eip155:1/slip44:60', 1000, 'anchor-1');
SELECT txn_id FROM transfer('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', '0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359',
                            'eip155:1/slip44:60', 400, 'anchor-2');
-- the copy kept outside: the head after the transfer
CREATE TEMP TABLE kept AS SELECT seq, hash FROM journal_head();
-- a superuser cuts the transfer out, consistently: its chain row, postings
-- and journal row, the holdings as before it, and the head as before it
BEGIN;
SET LOCAL session_replication_role = replica;
CREATE TEMP TABLE cut AS
    SELECT l.id AS txn_id, c.seq FROM ledger_transactions l JOIN ledger_chain c ON c.txn_id = l.id WHERE l.ref = 'anchor-2';
UPDATE ledger_holdings h SET amount = h.amount - p.amount
  FROM ledger_postings p, cut WHERE p.txn_id = cut.txn_id AND h.account = p.account AND h.asset = p.asset;
DELETE FROM ledger_chain c USING cut WHERE c.txn_id = cut.txn_id;
DELETE FROM ledger_postings p USING cut WHERE p.txn_id = cut.txn_id;
DELETE FROM ledger_transactions l USING cut WHERE l.id = cut.txn_id;
UPDATE ledger_head SET seq = c.seq, hash = c.hash FROM ledger_chain c, cut WHERE c.seq = cut.seq - 1;
COMMIT;
-- nothing inside the database contradicts the cut
SELECT "check", ok FROM ledger_verify();
-- the kept head does
SELECT coalesce((SELECT c.hash = k.hash FROM ledger_chain c WHERE c.seq = k.seq), false) AS unchanged FROM kept k;
\c :regress_db
DROP DATABASE ledger_anchor;
