-- ledger events: a cursor over the sealed journal and a notification when
-- transactions are sealed (docs/ledger.md, "Events"; docs/clients.md)
--
-- An application learns of every committed ledger transaction exactly once
-- and in chain order by reading ledger_events(after_seq, max_rows) from
-- the last sequence number it has seen.  The chain a snapshot sees is a
-- gap-free prefix (each sealer commits before the next one gets the seal
-- lock, docs/ledger.md "Sealing"), so the cursor never skips a number that
-- later appears.  A transaction is an event once it is sealed: at once
-- when its own call sealed, otherwise when the next ledger transaction,
-- ledger_seal() or journal_head() seals it.
--
-- Listeners are woken by the NOTIFY on ledger_events_channel() that every
-- seal sends with the last sequence number it appended
-- (61_ledger_journal.sql, ledger_seal_waiting), delivered when the sealer
-- commits.  A notification only wakes: the cursor is the truth (a listener
-- that was disconnected catches up from its last seen seq).  Sealers run
-- one at a time under the seal lock, so the commit-time lock NOTIFY takes
-- is not contended by other ledger commits.

-- One row per sealed journal transaction after after_seq, in chain order,
-- at most max_rows of them.  Postings are a JSON array in posting order,
-- each {"account", "asset", "amount"} with the amount as a string of
-- decimal digits (a JSON number would lose precision above 2^53 in
-- JavaScript's JSON.parse).  One query, so one snapshot; it never seals, so
-- an event once returned is never taken back by a rolled-back sealer.
-- VOLATILE as every SECURITY DEFINER function of the extension.
CREATE FUNCTION ledger_events(after_seq bigint, max_rows integer DEFAULT 1000)
RETURNS TABLE(seq bigint, txn_id bigint, kind text, ref text, asset asset, hash bytea,
              created_at timestamptz, postings jsonb)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF after_seq IS NULL THEN
        RAISE EXCEPTION 'after_seq must not be null' USING ERRCODE = '22004';
    END IF;
    IF max_rows IS NULL THEN
        RAISE EXCEPTION 'max_rows must not be null' USING ERRCODE = '22004';
    END IF;
    IF after_seq < 0 THEN
        RAISE EXCEPTION 'after_seq must not be negative'
            USING ERRCODE = '22023',
                  DETAIL = format('after_seq is %s.', after_seq),
                  HINT = 'Sequence numbers start at 1; pass 0 to read from the first transaction.';
    END IF;
    IF max_rows < 1 OR max_rows > 10000 THEN
        RAISE EXCEPTION 'max_rows must be between 1 and 10000'
            USING ERRCODE = '22023',
                  DETAIL = format('max_rows is %s.', max_rows),
                  HINT = 'Read further pages from the last seq returned.';
    END IF;
    RETURN QUERY
    -- seq and hash are domains (60_ledger_schema.sql): RETURN QUERY wants
    -- the result's own types
    SELECT c.seq::bigint, c.txn_id, t.kind, t.ref, t.asset, c.hash::bytea, t.created_at,
           coalesce((SELECT jsonb_agg(jsonb_build_object('account', p.account::text, 'asset', p.asset::text,
                                                          'amount', p.amount::text) ORDER BY p.n)
                       FROM @extschema@.ledger_postings p WHERE p.txn_id = c.txn_id), '[]'::jsonb)
      FROM @extschema@.ledger_chain c
      JOIN @extschema@.ledger_transactions t ON t.id = c.txn_id
     WHERE c.seq > after_seq
     ORDER BY c.seq
     LIMIT max_rows;
END
$$;
COMMENT ON FUNCTION ledger_events(bigint, integer) IS
    'the sealed journal transactions after sequence number after_seq, in chain order, at most max_rows (1 to 10000): seq, txn_id, kind, ref, asset, hash, created_at and the postings as JSON (amounts as strings)';

-- privileges: reading the journal is every role's (its tables are readable
-- by every role already)
REVOKE ALL ON FUNCTION ledger_events(bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ledger_events(bigint, integer)
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
