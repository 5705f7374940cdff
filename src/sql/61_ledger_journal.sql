-- ledger (2/6): the hash chain, its sealing, and the one function that
-- writes the journal
--
-- The hash chain and its encoding are stated once, in docs/ledger.md
-- ("Hash chain"); ledger_chain_body (src/pg_ledger.c) and
-- ledger_chain_hash below implement that statement.
--
-- Sealing.  A transaction does not link itself into the chain while it
-- commits (one row lock held through every commit would serialize all
-- ledger commits).  In READ COMMITTED, ledger_post tries the seal lock
-- (ledger_try_seal_lock) and, if it gets it, seals: it
-- takes every queued row of ledger_unsealed it can see (the committed
-- ones and its own earlier ones), adds its own transaction, orders them by
-- txn_id and appends them to the chain after ledger_head.  A transaction
-- that does not get the lock queues (txn_id, body) in ledger_unsealed for
-- the next sealer; nobody waits.  Correct because the lock is held to commit and
-- PostgreSQL makes a commit visible before it releases the committer's
-- locks: the next sealer's fresh READ COMMITTED snapshot sees everything
-- the previous sealer sealed, rows of transactions still in flight are
-- invisible to it (so it cannot take them), and a sealer that rolls back
-- puts the rows it took back.  The chain order is therefore the order of
-- sealing.  ledger_seal() and journal_head() wait for the lock and seal
-- everything committed; REPEATABLE READ and SERIALIZABLE transactions never
-- seal (their snapshot may be older than the chain head).

-- The ledger's advisory locks, one function each, so that no key is
-- written anywhere else.  The first key names the lock (0x43444c21,
-- 0x43444c22 and 0x43444c24: "CDL!", "CDL\"", "CDL$"; the orders' nonce
-- lock, 0x43444c23, is order_lock_nonce in 70_orders.sql); the lock order
-- is in docs/ledger.md ("Concurrency").  Plain SQL functions: the planner
-- inlines them.
-- ledger_lock_ref returns the ref, so that a PL/pgSQL caller takes the
-- lock in an assignment (a simple expression) rather than in a PERFORM
-- (a query of its own); a void is never NULL, so the CASE only orders
-- the lock before the value.
CREATE FUNCTION ledger_lock_ref(ref text) RETURNS text
LANGUAGE sql
RETURN CASE WHEN pg_catalog.pg_advisory_xact_lock(1128529921, pg_catalog.hashtext(ref)) IS NULL THEN NULL ELSE ref END;
COMMENT ON FUNCTION ledger_lock_ref(text) IS
    'internal: take the advisory lock of a ref and return the ref (idempotency: a second call with the same ref waits for the first)';

CREATE FUNCTION ledger_lock_asset_key(asset asset) RETURNS void
LANGUAGE sql
RETURN pg_catalog.pg_advisory_xact_lock(1128529922, pg_catalog.hashtext(asset::text));
COMMENT ON FUNCTION ledger_lock_asset_key(asset) IS
    'internal: take the advisory lock of an asset exclusively (a registration of the asset by an issuer)';

CREATE FUNCTION ledger_lock_asset_key_shared(asset asset) RETURNS void
LANGUAGE sql
RETURN pg_catalog.pg_advisory_xact_lock_shared(1128529922, pg_catalog.hashtext(asset::text));
COMMENT ON FUNCTION ledger_lock_asset_key_shared(asset) IS
    'internal: take the advisory lock of an asset shared (a deposit or withdrawal, against a concurrent registration)';

CREATE FUNCTION ledger_seal_lock() RETURNS void
LANGUAGE sql
RETURN pg_catalog.pg_advisory_xact_lock(1128529924, 0);
COMMENT ON FUNCTION ledger_seal_lock() IS
    'internal: wait for the seal lock of the hash chain';

CREATE FUNCTION ledger_try_seal_lock() RETURNS boolean
LANGUAGE sql
RETURN pg_catalog.pg_try_advisory_xact_lock(1128529924, 0);
COMMENT ON FUNCTION ledger_try_seal_lock() IS
    'internal: take the seal lock of the hash chain if it is free; never waits';

CREATE FUNCTION ledger_encode_amount(amount numeric) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_encode_amount(numeric) IS
    'hash-chain encoding of a signed amount: a sign byte (0x00 zero or positive, 0x01 negative) and the magnitude as 32 big-endian bytes';

CREATE FUNCTION ledger_encode_text(s text) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.int4send(pg_catalog.octet_length(pg_catalog.convert_to(s, 'UTF8')))
       || pg_catalog.convert_to(s, 'UTF8');
COMMENT ON FUNCTION ledger_encode_text(text) IS
    'hash-chain encoding of a string: its UTF-8 length as 4 big-endian bytes, then the UTF-8 bytes';

CREATE FUNCTION ledger_chain_body(kind text, ref text, asset asset,
    accounts eth_address[], assets asset[], amounts numeric[], request jsonb, result jsonb) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_chain_body(text, text, asset, eth_address[], asset[], numeric[], jsonb, jsonb) IS
    'the part of a journal transaction''s hash-chain encoding that follows the previous hash, the sequence number and the transaction id: kind, ref, asset, postings, request and result';

CREATE FUNCTION ledger_chain_hash(prev_hash bytea, seq bigint, txn_id bigint, body bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN @extschema@.keccak256(prev_hash || pg_catalog.int8send(seq) || pg_catalog.int8send(txn_id) || body);
COMMENT ON FUNCTION ledger_chain_hash(bytea, bigint, bigint, bytea) IS
    'one link of the journal''s hash chain: keccak256(previous hash || 8-byte big-endian position || 8-byte big-endian transaction id || body)';

CREATE FUNCTION ledger_chain_hashes(prev_hash bytea, seq bigint, txn_ids bigint[], bodies bytea[]) RETURNS bytea[]
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_chain_hashes(bytea, bigint, bigint[], bytea[]) IS
    'the links of a run of transactions appended after the head (seq, prev_hash): element i is ledger_chain_hash(link i - 1, seq + i, txn_ids[i], bodies[i])';

-- The head as stored: what has been sealed in this snapshot.
CREATE FUNCTION ledger_sealed_head(OUT seq bigint, OUT hash bytea)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT coalesce(h.seq, 0),
           coalesce(h.hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
      FROM (VALUES (true)) AS genesis(one)
      LEFT JOIN @extschema@.ledger_head h ON h.one = genesis.one;
END;
COMMENT ON FUNCTION ledger_sealed_head() IS
    'internal: the sealed head of the hash chain in the current snapshot (0 and 32 zero bytes before the first seal), without sealing';

CREATE FUNCTION ledger_system_identifier() RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_system_identifier() IS
    'internal: this cluster''s system identifier (as pg_control_system() reports it), which tells whose transaction ids the sealing watermark counts in';

-- The channel on which every seal notifies listeners (docs/ledger.md,
-- "Events"), one function so that the name is written once.
CREATE FUNCTION ledger_events_channel() RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 'creative_defi_ledger';
COMMENT ON FUNCTION ledger_events_channel() IS
    'the LISTEN channel on which the ledger notifies the last sealed sequence number (creative_defi_ledger)';

-- The sealing step.  The caller holds the seal lock (ledger_seal_lock) and
-- runs in READ COMMITTED, so each statement below has a snapshot taken
-- after the previous sealer committed.  Rows are read through the xact
-- index from the watermark ledger_head.sealed_below on: every committed
-- transaction below it was visible to an earlier sealer, which sealed it.
-- The new watermark is the xmin of the DELETE's own snapshot, so every
-- committed transaction below it is visible to that DELETE.
-- The watermark is trusted only in the cluster that wrote it: a pg_dump
-- restored into another cluster brings the source's watermark and the
-- source's xact values in its waiting rows, xids of another history that
-- may lie above or below this cluster's, now or later.  So when
-- sealed_system is not this cluster's system identifier the sealer reads
-- the whole queue (restored rows included) and writes a watermark of its
-- own.  A watermark above the current xmin cannot be this history's
-- either (a file-level copy of the cluster keeps its identifier), and is
-- ignored the same way.
-- enable_seqscan is off because the queue is mostly dead rows between
-- vacuums and a sequential scan would read all of them on every seal.
-- jit is off because a plan that disables a scan kind costs that kind at
-- disable_cost: before ANALYZE has seen ledger_head (a new deployment, a
-- bulk load in one transaction) the estimate passes jit_above_cost and
-- every call compiled the statement (about 0.2 s a call instead of 2 ms).
-- A seal that appends notifies ledger_events_channel() of its last
-- sequence number, delivered when the sealer commits (the event feed,
-- 87_events.sql, wakes its listeners with it); one that appends nothing
-- notifies nothing.
-- One statement (the links computed by ledger_chain_hashes, in C): the
-- hot path of every transaction.
CREATE FUNCTION ledger_seal_waiting(p_txn_id bigint, p_body bytea, OUT seq bigint, OUT hash bytea)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
SET jit = off
AS $$
BEGIN
    WITH h AS (
        SELECT coalesce(l.seq, 0) AS seq,
               coalesce(l.hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea) AS hash,
               pg_snapshot_xmin(pg_current_snapshot()) AS xmin,
               CASE WHEN l.sealed_system = @extschema@.ledger_system_identifier()
                         AND l.sealed_below <= pg_snapshot_xmin(pg_current_snapshot()) THEN l.sealed_below
                    ELSE '0'::xid8 END AS low
          FROM (VALUES (true)) AS genesis(one)
          LEFT JOIN @extschema@.ledger_head l ON l.one = genesis.one
    ), d AS (
        DELETE FROM @extschema@.ledger_unsealed u WHERE u.xact >= (SELECT h.low FROM h)
        RETURNING u.txn_id, u.body
    ), w AS (
        SELECT h.seq, h.hash, h.xmin, x.ids, @extschema@.ledger_chain_hashes(h.hash, h.seq, x.ids, x.bodies) AS hashes
          FROM h, (SELECT array_agg(y.txn_id ORDER BY y.txn_id) AS ids, array_agg(y.body ORDER BY y.txn_id) AS bodies
                     FROM (SELECT d.txn_id, d.body FROM d
                           UNION ALL
                           SELECT p_txn_id, p_body WHERE p_txn_id IS NOT NULL) y) x
    ), c AS (
        INSERT INTO @extschema@.ledger_chain (seq, txn_id, hash)
        SELECT w.seq + u.i, u.t, u.h FROM w, unnest(w.ids, w.hashes) WITH ORDINALITY AS u(t, h, i)
    ), n AS (
        INSERT INTO @extschema@.ledger_head AS l (one, seq, hash, sealed_below, sealed_system)
        SELECT true, w.seq + cardinality(w.ids), w.hashes[cardinality(w.ids)], w.xmin,
               @extschema@.ledger_system_identifier()
          FROM w WHERE w.ids IS NOT NULL
        ON CONFLICT ON CONSTRAINT ledger_head_pkey DO UPDATE
            SET seq = excluded.seq, hash = excluded.hash, sealed_below = excluded.sealed_below,
                sealed_system = excluded.sealed_system
        RETURNING l.seq, l.hash
    ), notified AS (
        SELECT pg_catalog.pg_notify(@extschema@.ledger_events_channel(), n.seq::text) FROM n
    )
    SELECT coalesce(n.seq, w.seq), coalesce(n.hash, w.hash) INTO seq, hash
      FROM w LEFT JOIN n ON true LEFT JOIN notified ON true;
END
$$;
COMMENT ON FUNCTION ledger_seal_waiting(bigint, bytea) IS
    'internal: under the seal lock, append every waiting transaction this snapshot sees (and the caller''s transaction, when given) to the hash chain, in txn_id order, and return the new head';

-- True when this transaction may seal: READ COMMITTED (a fresh snapshot per
-- statement) and read-write.
CREATE FUNCTION ledger_can_seal() RETURNS boolean
LANGUAGE sql STABLE
RETURN pg_catalog.current_setting('transaction_isolation') = 'read committed'
   AND pg_catalog.current_setting('transaction_read_only') = 'off';
COMMENT ON FUNCTION ledger_can_seal() IS
    'internal: whether this transaction may seal the hash chain (READ COMMITTED and read-write)';

CREATE FUNCTION ledger_seal(OUT seq bigint, OUT hash bytea)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'the hash chain can only be sealed in a READ COMMITTED transaction'
            USING ERRCODE = 'CD011',
                  DETAIL = format('This transaction is %s: its snapshot can miss transactions that committed after it started.',
                                  upper(current_setting('transaction_isolation'))),
                  HINT = 'Call ledger_seal() in a transaction of its own at the default isolation level.';
    END IF;
    IF current_setting('transaction_read_only') = 'on' THEN
        RAISE EXCEPTION 'the hash chain cannot be sealed in a read-only transaction'
            USING ERRCODE = '25006',
                  DETAIL = 'Sealing appends to the chain.',
                  HINT = 'journal_head() returns the sealed head without writing.';
    END IF;
    PERFORM @extschema@.ledger_seal_lock();
    SELECT s.seq, s.hash INTO ledger_seal.seq, ledger_seal.hash FROM @extschema@.ledger_seal_waiting(NULL, NULL) s;
END
$$;
COMMENT ON FUNCTION ledger_seal() IS
    'seal every committed journal transaction into the hash chain, waiting for the seal lock, and return the new head; CD011 outside READ COMMITTED';

CREATE FUNCTION journal_head(OUT seq bigint, OUT hash bytea)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF @extschema@.ledger_can_seal() THEN
        SELECT s.seq, s.hash INTO journal_head.seq, journal_head.hash FROM @extschema@.ledger_seal() s;
    ELSE
        SELECT s.seq, s.hash INTO journal_head.seq, journal_head.hash FROM @extschema@.ledger_sealed_head() s;
    END IF;
END
$$;
COMMENT ON FUNCTION journal_head() IS
    'the sequence number and hash of the chain''s head (0 and 32 zero bytes before the first), for anchoring outside the database; in a READ COMMITTED read-write transaction it first seals every committed transaction';

-- The posting set of a ledger transaction, checked and grouped in one C
-- call (src/pg_ledger_postings.c): the non-zero postings, CD010 when they do
-- not sum to zero in an asset, CD008 when one holding is posted to with
-- two kinds, and the net change of each holding in lock order.
CREATE FUNCTION ledger_postings_normalize(accounts eth_address[], assets asset[], amounts numeric[], kinds text[],
    OUT posting_accounts eth_address[], OUT posting_assets asset[], OUT posting_amounts numeric[],
    OUT holding_accounts eth_address[], OUT holding_assets asset[], OUT holding_kinds text[],
    OUT holding_deltas numeric[])
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_postings_normalize(eth_address[], asset[], numeric[], text[]) IS
    'internal: the non-zero postings of a ledger transaction (amounts trimmed), and per (account, asset) in that order its net change and kind; CD010 when the postings of an asset do not sum to zero, CD008 when a holding is posted to with two kinds';

-- Apply a ledger transaction: the one place that writes holdings and the
-- journal.  The caller has validated the request, holds the ref lock and
-- any asset row locks; this function
--   1. drops zero postings and refuses an unbalanced set (CD010), in
--      ledger_postings_normalize,
--   2. creates the holdings that do not exist yet, at zero and in
--      (account, asset) order, before it locks any holding,
--   3. updates every holding in one statement, in (account, asset) order,
--      and raises CD002 when one of them would go negative,
--   4. appends the transaction and its postings, and then
--   5. in READ COMMITTED, tries the seal lock and, if it is free, seals
--      every waiting transaction it can see and itself; otherwise (or in
--      REPEATABLE READ / SERIALIZABLE) it queues itself in ledger_unsealed.
--      The try never waits, so no ledger transaction waits for another's
--      commit.
-- Lock order for the whole ledger (docs/ledger.md, "Concurrency"): ref
-- advisory lock, asset advisory lock, asset row, holdings in (account,
-- asset) order, and last the seal lock, only ever tried.  Every function
-- follows it, so there is no deadlock.
-- Steps 2 and 3 lock in that order because each reads the holdings arrays
-- (already in lock order) as the outer side of a nested loop, which
-- returns rows in the outer side's order; the SET clauses below leave the
-- planner no other join method and no scan that could reorder rows.  Step
-- 2 comes first so that step 3 never meets a missing row while it holds
-- locks: a first holding inserted after them could wait for a concurrent
-- inserter of the same key that itself waits for one of those locks.
-- Both are set-based: one statement per step instead of one per holding
-- (the executor re-reads the table's CHECK constraints from their stored
-- text for every statement).  force_generic_plan keeps the plan cache
-- from planning them anew on every call, which it would do because the
-- arrays are short.  Materialize is off so that step 2's test for an
-- existing holding probes the key's index per posting whatever the
-- statistics were when the session planned it: with them from a table of
-- a handful of holdings, it read every holding once and rescanned that for
-- each posting (38 ms for a lineage payment of 1,001 credits, 3 ms now;
-- +0.1% instructions per buy/sell, the setting's own cost); step 3 still
-- follows them (docs/ledger.md, "Statistics after a restore or a bulk
-- load").  jit is off for the reason given at ledger_seal_waiting (scan
-- kinds set off cost disable_cost).
CREATE FUNCTION ledger_post(p_kind text, p_ref text, p_asset asset, p_request jsonb, p_result jsonb,
    p_accounts eth_address[], p_assets asset[], p_amounts numeric[], p_kinds text[])
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan
SET enable_hashjoin = off
SET enable_mergejoin = off
SET enable_seqscan = off
SET enable_bitmapscan = off
SET enable_material = off
SET jit = off
AS $$
DECLARE
    v_set record;
    v_account @extschema@.eth_address;
    v_asset @extschema@.asset;
    v_delta numeric;
    v_changed bigint[];
    v_have numeric;
    v_kind text;
    v_held_kind text;
    v_head record;
    v_body bytea;
    v_id bigint;
BEGIN
    -- 1. the postings checked, and their net change per holding in lock order
    v_set := @extschema@.ledger_postings_normalize(p_accounts, p_assets, p_amounts, p_kinds);

    -- 2. first holdings, at zero, in lock order; ON CONFLICT covers a
    -- concurrent first credit (it waits for that inserter's outcome)
    INSERT INTO @extschema@.ledger_holdings AS h (account, asset, amount, kind)
    SELECT u.a, u.s, 0, u.k
      FROM unnest(v_set.holding_accounts, v_set.holding_assets, v_set.holding_kinds) WITH ORDINALITY AS u(a, s, k, i)
     WHERE NOT EXISTS (SELECT FROM @extschema@.ledger_holdings x
                        WHERE x.account OPERATOR(@extschema@.=) u.a AND x.asset OPERATOR(@extschema@.=) u.s)
     ORDER BY u.i
    ON CONFLICT ON CONSTRAINT ledger_holdings_pkey DO NOTHING;

    -- 3. every holding, in lock order; a debit of a user or reserve
    -- account that its holding does not cover is left out, and reported;
    -- so is a holding of another kind than the posting's (a user posting
    -- to a system account that a concurrent registration just made one)
    WITH changed AS (
        UPDATE @extschema@.ledger_holdings h SET amount = h.amount + u.d
          FROM unnest(v_set.holding_accounts, v_set.holding_assets, v_set.holding_deltas, v_set.holding_kinds) WITH ORDINALITY AS u(a, s, d, k, i)
         WHERE h.account OPERATOR(@extschema@.=) u.a AND h.asset OPERATOR(@extschema@.=) u.s
           AND h.kind = u.k
           AND (h.amount + u.d >= 0 OR u.k IN ('issuance', 'world'))
        RETURNING u.i
    )
    SELECT array_agg(c.i) INTO v_changed FROM changed c;
    IF coalesce(cardinality(v_changed), 0) < cardinality(v_set.holding_accounts) THEN
        FOR i IN 1 .. cardinality(v_set.holding_accounts) LOOP
            CONTINUE WHEN i = ANY (v_changed);
            v_account := v_set.holding_accounts[i];
            v_asset := v_set.holding_assets[i];
            v_delta := v_set.holding_deltas[i];
            v_kind := v_set.holding_kinds[i];
            SELECT h.amount, h.kind INTO v_have, v_held_kind FROM @extschema@.ledger_holdings h
             WHERE h.account OPERATOR(@extschema@.=) v_account AND h.asset OPERATOR(@extschema@.=) v_asset;
            IF v_held_kind IS DISTINCT FROM v_kind THEN
                RAISE EXCEPTION 'account % is posted to as a % account but holds % as a % account',
                                v_account, v_kind, v_asset, coalesce(v_held_kind, 'missing')
                    USING ERRCODE = 'CD008',
                          DETAIL = 'A holding belongs to one kind of account; only the ledger itself posts to a system account.';
            END IF;
            RAISE EXCEPTION 'insufficient balance: account % holds % of %, needs %',
                            v_account, coalesce(v_have, 0), v_asset, -v_delta
                USING ERRCODE = 'CD002',
                      DETAIL = format('The %s is short by %s base units.', p_kind, -v_delta - coalesce(v_have, 0));
        END LOOP;
    END IF;

    -- 4. the transaction and its postings, in one statement (the postings'
    -- foreign key is checked at its end)
    v_id := nextval('@extschema@.ledger_transaction_id_seq');
    WITH t AS (
        INSERT INTO @extschema@.ledger_transactions (id, ref, kind, asset, request, result)
        VALUES (v_id, p_ref, p_kind, p_asset, p_request, p_result)
    )
    INSERT INTO @extschema@.ledger_postings (txn_id, n, account, asset, amount)
    SELECT v_id, u.i, u.a, u.s, u.x
      FROM unnest(v_set.posting_accounts, v_set.posting_assets, v_set.posting_amounts) WITH ORDINALITY AS u(a, s, x, i);
    v_body := @extschema@.ledger_chain_body(p_kind, p_ref, p_asset, v_set.posting_accounts, v_set.posting_assets,
                                            v_set.posting_amounts, p_request, p_result);

    -- seal (this transaction and whatever committed is waiting) if the seal
    -- lock is free; otherwise queue this transaction for the current sealer
    -- or the next one, which takes it once it has committed
    IF current_setting('transaction_isolation') = 'read committed' THEN
        IF @extschema@.ledger_try_seal_lock() THEN
            v_head := @extschema@.ledger_seal_waiting(v_id, v_body);
            RETURN v_id;
        END IF;
    END IF;
    INSERT INTO @extschema@.ledger_unsealed (txn_id, body) VALUES (v_id, v_body);
    RETURN v_id;
END
$$;
COMMENT ON FUNCTION ledger_post(text, text, asset, jsonb, jsonb, eth_address[], asset[], numeric[], text[]) IS
    'internal: apply a balanced set of postings to the holdings in lock order, append it to the journal and queue it for the hash chain (sealing when the seal lock is free)';
