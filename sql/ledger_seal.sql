-- ledger: sealing the hash chain.  A READ COMMITTED transaction that gets
-- the seal lock chains itself; one that cannot (REPEATABLE READ here; a
-- busy lock in specs/ledger_seal_race.spec) waits in ledger_unsealed until
-- ledger_seal(), journal_head(), ledger_verify() or the next sealing
-- transaction chains it.  ledger_verify() checks the waiting ones too.

-- in one READ COMMITTED session every transaction seals itself
SELECT txn_id AS rc_txn FROM deposit('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'eip155:1/slip44:60', 500, 'seal-1') \gset
SELECT count(*) AS waiting FROM ledger_unsealed;
SELECT c.txn_id = :rc_txn AS chained_last, c.seq = h.seq AS head_is_last
  FROM ledger_chain c, journal_head() h
 ORDER BY c.seq DESC LIMIT 1;

-- REPEATABLE READ never seals (its snapshot may be older than the head):
-- the transaction waits in the queue with its hash-chain body
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT txn_id AS rr_txn FROM transfer('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', '0x27b1fdb04752bbc536007a920d24acb045561c26',
                                      'eip155:1/slip44:60', 20, 'seal-rr') \gset
SELECT u.txn_id = :rr_txn AS is_rr, u.body = ledger_chain_body('transfer', 'seal-rr', 'eip155:1/slip44:60',
           ARRAY['0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', '0x27b1fdb04752bbc536007a920d24acb045561c26']::eth_address[],
           ARRAY['eip155:1/slip44:60', 'eip155:1/slip44:60']::asset[], ARRAY[-20, 20],
           '{"from_account": "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "to_account": "0x27b1fdb04752bbc536007a920d24acb045561c26", "asset": "eip155:1/slip44:60", "amount": 20}',
           '{"moved": 20}') AS body_is_the_encoding
  FROM ledger_unsealed u;
-- journal_head() cannot seal here: it returns the sealed head
SELECT h.seq = (SELECT max(seq) FROM ledger_chain) AS sealed_head,
       NOT EXISTS (SELECT 1 FROM ledger_chain c WHERE c.txn_id = :rr_txn) AS rr_not_chained
  FROM journal_head() h;
-- ledger_verify() cannot seal either: it checks the waiting transaction
SELECT "check", ok, regexp_replace(detail, '^[0-9]+ ', 'N ') AS detail FROM ledger_verify() WHERE "check" = 'hash_chain';
-- and ledger_seal() refuses (CD011)
SELECT * FROM expect_error($$SELECT * FROM ledger_seal()$$);
COMMIT;
BEGIN ISOLATION LEVEL SERIALIZABLE;
SELECT * FROM expect_error($$SELECT * FROM ledger_seal()$$);
ROLLBACK;

-- committed, it still waits: nobody has sealed since
SELECT count(*) AS waiting FROM ledger_unsealed;
-- a read-only transaction cannot seal: journal_head() returns the sealed
-- head, ledger_seal() refuses (25006)
BEGIN READ ONLY;
SELECT h.seq = (SELECT max(seq) FROM ledger_chain) AS sealed_head FROM journal_head() h;
SELECT * FROM expect_error($$SELECT * FROM ledger_seal()$$);
ROLLBACK;
SELECT count(*) AS waiting FROM ledger_unsealed;

-- ledger_seal() chains it after the head and returns the new head
SELECT (SELECT max(seq) FROM ledger_chain) AS seq_before \gset
SELECT seq AS sealed_seq, hash AS sealed_hash FROM ledger_seal() \gset
SELECT c.seq = :seq_before + 1 AS one_more, c.hash = :'sealed_hash' AS hash_is_the_link, c.txn_id = :rr_txn AS chains_rr
  FROM ledger_chain c WHERE c.seq = :sealed_seq;
SELECT count(*) AS waiting FROM ledger_unsealed;
-- sealing again with nothing waiting changes nothing
SELECT s.seq = :seq_before + 1 AS unchanged FROM ledger_seal() s;

-- the next READ COMMITTED transaction seals what waits, in txn_id order,
-- before itself
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT txn_id AS rr2_txn FROM deposit('0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60', 7, 'seal-rr-2') \gset
COMMIT;
SELECT txn_id AS rc2_txn FROM deposit('0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60', 8, 'seal-rc-2') \gset
SELECT array_agg(c.txn_id ORDER BY c.seq) = ARRAY[:rr2_txn, :rc2_txn]::bigint[] AS sealed_in_order,
       (SELECT count(*) FROM ledger_unsealed) AS waiting
  FROM ledger_chain c WHERE c.seq > :seq_before + 1;
-- and so does ledger_verify(): a quiet database has nothing waiting
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT txn_id AS rr3_txn FROM deposit('0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60', 9, 'seal-rr-3') \gset
COMMIT;
SELECT count(*) AS waiting FROM ledger_unsealed;
SELECT "check", ok, regexp_replace(detail, '^[0-9]+ ', 'N ') AS detail FROM ledger_verify() WHERE "check" = 'hash_chain';
SELECT count(*) AS waiting FROM ledger_unsealed;

-- Tampering with the queue (as a superuser; each case rolled back).  The
-- transaction stays waiting because this is REPEATABLE READ.
-- a queued body that is not the transaction's encoding
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT txn_id AS t_txn FROM deposit('0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60', 3, 'seal-tamper') \gset
UPDATE ledger_unsealed SET body = body || '\x00'::bytea;
SELECT "check", ok, replace(detail, :'t_txn', 'T') AS detail FROM ledger_verify() WHERE NOT ok;
ROLLBACK;
-- a waiting row removed: the transaction is neither chained nor waiting
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT txn_id AS t_txn FROM deposit('0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60', 3, 'seal-tamper') \gset
DELETE FROM ledger_unsealed;
SELECT "check", ok, replace(detail, :'t_txn', 'T') AS detail FROM ledger_verify() WHERE NOT ok;
ROLLBACK;
-- a chained transaction queued again, with its right body: both chained
-- and waiting
BEGIN ISOLATION LEVEL REPEATABLE READ;
INSERT INTO ledger_unsealed (txn_id, body)
SELECT l.id, ledger_chain_body(l.kind, l.ref, l.asset, array_agg(p.account ORDER BY p.n),
                               array_agg(p.asset ORDER BY p.n), array_agg(p.amount ORDER BY p.n), l.request, l.result)
  FROM ledger_transactions l JOIN ledger_postings p ON p.txn_id = l.id
 WHERE l.ref = 'seal-1' GROUP BY l.id;
SELECT "check", ok, replace(detail, :'rc_txn', 'T') AS detail FROM ledger_verify() WHERE NOT ok;
ROLLBACK;
-- a queued transaction that does not exist (foreign keys off, as a
-- replica would run)
BEGIN ISOLATION LEVEL REPEATABLE READ;
SET LOCAL session_replication_role = replica;
INSERT INTO ledger_unsealed (txn_id, body) VALUES (999999, '\x00');
SELECT "check", ok, detail FROM ledger_verify() WHERE NOT ok;
ROLLBACK;

-- The watermark is trusted only in the cluster that wrote it (docs/ledger.md,
-- "Backup and restore").  Made to look restored from another cluster (as a
-- superuser): another system identifier, and a watermark above this
-- cluster's waiting transaction though not above the current xmin.  The
-- next READ COMMITTED transaction seals the waiting one all the same, and
-- writes a watermark of this cluster.
SELECT h.sealed_system = ledger_system_identifier() AS own_watermark FROM ledger_head h;
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT txn_id AS w_txn FROM deposit('0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60', 4, 'seal-foreign-1') \gset
COMMIT;
UPDATE ledger_head SET sealed_system = ledger_system_identifier() # 1,
                       sealed_below = pg_snapshot_xmin(pg_current_snapshot());
SELECT u.xact < h.sealed_below AS waiting_below_watermark,
       h.sealed_below <= pg_snapshot_xmin(pg_current_snapshot()) AS watermark_not_above_xmin
  FROM ledger_unsealed u, ledger_head h;
SELECT txn_id AS w2_txn FROM deposit('0x27b1fdb04752bbc536007a920d24acb045561c26', 'eip155:1/slip44:60', 5, 'seal-foreign-2') \gset
SELECT count(*) AS waiting,
       (SELECT array_agg(c.txn_id ORDER BY c.seq) FROM ledger_chain c
         WHERE c.seq > (SELECT max(seq) - 2 FROM ledger_chain)) = ARRAY[:w_txn, :w2_txn]::bigint[] AS both_sealed,
       (SELECT sealed_system = ledger_system_identifier() FROM ledger_head) AS own_watermark
  FROM ledger_unsealed;

-- privileges: the reader and the operator may seal (journal_head() seals
-- for them too); neither may write the queue
SET ROLE creative_defi_reader;
SELECT s.seq = h.seq AS reader_seals FROM ledger_seal() s, journal_head() h;
SELECT count(*) AS reader_reads_queue FROM ledger_unsealed;
SELECT * FROM expect_error($$DELETE FROM ledger_unsealed$$);
RESET ROLE;
SET ROLE creative_defi_operator;
SELECT * FROM expect_error($$INSERT INTO ledger_unsealed (txn_id, body) VALUES (1, '\x00')$$);
SELECT * FROM expect_error($$UPDATE ledger_head SET seq = seq + 1$$);
RESET ROLE;

SELECT "check", ok FROM ledger_verify();
