-- ledger (5/6): ledger_verify(), the invariants recomputed from the journal
--
-- Each invariant is a check: a function returning (check, ok, detail)
-- rows, registered in ledger_verify_checks_registry (60_ledger_schema.sql)
-- at a position.  The core's checks are below; each area registers its
-- own in its own file (the market's supply and reserves, the pools', the
-- approvals' asset fields).  ledger_verify() first seals what it can
-- (61_ledger_journal.sql), then runs ledger_verify_checks(), which is
-- STABLE, so every check runs against one snapshot: a consistent picture
-- even while writers keep posting.

-- every transaction's postings sum to zero in every asset
CREATE FUNCTION ledger_verify_zero_sum() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(*) AS n, min(format('transaction %s sums to %s in %s', z.txn_id, z.total, z.asset)) AS e
         FROM (SELECT p.txn_id, p.asset, sum(p.amount) AS total
                 FROM @extschema@.ledger_postings p GROUP BY p.txn_id, p.asset
               HAVING sum(p.amount) <> 0) z) f,
      @extschema@.ledger_verify_row('zero_sum', f.n, f.e,
          format('%s postings balance per transaction and asset', (SELECT count(*) FROM @extschema@.ledger_postings)),
          'unbalanced (transaction, asset) pairs') r;
END;
COMMENT ON FUNCTION ledger_verify_zero_sum() IS
    'check zero_sum of ledger_verify(): the postings of every transaction sum to zero in every asset';

-- every holding equals the sum of its postings
CREATE FUNCTION ledger_verify_balances() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(*) AS n, min(format('%s in %s holds %s, postings sum to %s', b.account, b.asset,
                                        coalesce(b.amount, 0), coalesce(b.total, 0))) AS e
         FROM (SELECT coalesce(h.account, s.account) AS account, coalesce(h.asset, s.asset) AS asset,
                      h.amount, s.total
                 FROM @extschema@.ledger_holdings h
                 FULL JOIN (SELECT p.account, p.asset, sum(p.amount) AS total
                              FROM @extschema@.ledger_postings p GROUP BY p.account, p.asset) s
                   ON s.account OPERATOR(@extschema@.=) h.account AND s.asset OPERATOR(@extschema@.=) h.asset
                WHERE coalesce(h.amount, 0) <> coalesce(s.total, 0)) b) f,
      @extschema@.ledger_verify_row('balances', f.n, f.e,
          format('%s holdings equal the sums of their postings', (SELECT count(*) FROM @extschema@.ledger_holdings)),
          'holdings differ from their postings') r;
END;
COMMENT ON FUNCTION ledger_verify_balances() IS
    'check balances of ledger_verify(): every holding equals the sum of its postings';

-- system accounts are exactly where the registry says: a holding of a
-- system kind sits at an account registered with that kind, a user
-- holding at a registered system account is zero, and no user balance is
-- negative
CREATE FUNCTION ledger_verify_accounts() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(*) AS n, min(format('%s in %s has kind %s', h.account, h.asset, h.kind)) AS e
         FROM @extschema@.ledger_holdings h
         LEFT JOIN @extschema@.ledger_system_accounts s ON s.account OPERATOR(@extschema@.=) h.account
        WHERE (h.kind <> 'user' AND s.kind IS DISTINCT FROM h.kind)
           OR (h.kind = 'user' AND h.amount <> 0 AND s.kind IS NOT NULL)
           OR (h.kind = 'user' AND h.amount < 0)) f,
      @extschema@.ledger_verify_row('accounts', f.n, f.e,
          'system accounts hold only what they may; no user balance is negative',
          'holdings in the wrong kind of account') r;
END;
COMMENT ON FUNCTION ledger_verify_accounts() IS
    'check accounts of ledger_verify(): holdings of a system kind only at accounts registered with that kind, no user balance at a system account, none negative';

-- The hash chain recomputes from genesis to its head; each waiting
-- transaction's queued body is its recomputed body; and every transaction
-- is either chained once or waiting once.  A loop, not one statement: each
-- link's hash is the next one's input.
CREATE FUNCTION ledger_verify_hash_chain() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_count bigint;
    t record;
    v_seq bigint := 0;
    v_hash bytea := '\x0000000000000000000000000000000000000000000000000000000000000000';
    v_broken text;
    v_head record;
    v_waiting bigint;
BEGIN
    FOR t IN
        SELECT c.seq, c.txn_id, c.hash, l.kind, l.ref, l.asset, l.request, l.result,
               p.accounts, p.assets, p.amounts, p.k, p.last_n
          FROM @extschema@.ledger_chain c
          LEFT JOIN @extschema@.ledger_transactions l ON l.id = c.txn_id
          LEFT JOIN LATERAL (
              SELECT array_agg(q.account ORDER BY q.n) AS accounts, array_agg(q.asset ORDER BY q.n) AS assets,
                     array_agg(q.amount ORDER BY q.n) AS amounts, count(*) AS k, max(q.n) AS last_n
                FROM @extschema@.ledger_postings q WHERE q.txn_id = c.txn_id) p ON true
         ORDER BY c.seq
    LOOP
        v_seq := v_seq + 1;
        IF t.seq <> v_seq THEN
            v_broken := format('chain position %s follows %s: the chain has a gap', t.seq, v_seq - 1);
            EXIT;
        END IF;
        IF t.kind IS NULL THEN
            v_broken := format('chain position %s links transaction %s, which does not exist', t.seq, t.txn_id);
            EXIT;
        END IF;
        IF t.k <> coalesce(t.last_n, 0) THEN
            v_broken := format('the postings of transaction %s are not numbered 1 to %s', t.txn_id, t.k);
            EXIT;
        END IF;
        v_hash := @extschema@.ledger_chain_hash(v_hash, t.seq, t.txn_id,
            @extschema@.ledger_chain_body(t.kind, t.ref, t.asset, coalesce(t.accounts, '{}'),
                                         coalesce(t.assets, '{}'), coalesce(t.amounts, '{}'),
                                         t.request, t.result));
        IF v_hash <> t.hash THEN
            v_broken := format('chain position %s (transaction %s): its hash does not recompute', t.seq, t.txn_id);
            EXIT;
        END IF;
    END LOOP;
    IF v_broken IS NULL THEN
        SELECT * INTO v_head FROM @extschema@.ledger_sealed_head();
        IF v_head.seq <> v_seq OR v_head.hash <> v_hash THEN
            v_broken := format('journal_head() is at %s, the chain ends at %s', v_head.seq, v_seq);
        END IF;
    END IF;
    IF v_broken IS NULL THEN
        SELECT count(*), min(format('waiting transaction %s %s', w.txn_id, w.problem)) FILTER (WHERE w.problem IS NOT NULL)
          INTO v_waiting, v_broken
          FROM (SELECT u.txn_id,
                       CASE WHEN l.id IS NULL THEN 'does not exist'
                            WHEN p.k <> coalesce(p.last_n, 0) THEN 'has postings not numbered 1 to ' || p.k
                            WHEN u.body IS DISTINCT FROM @extschema@.ledger_chain_body(l.kind, l.ref, l.asset,
                                     coalesce(p.accounts, '{}'), coalesce(p.assets, '{}'), coalesce(p.amounts, '{}'),
                                     l.request, l.result)
                                THEN 'has a queued body that differs from its journal row and postings'
                       END AS problem
                  FROM @extschema@.ledger_unsealed u
                  LEFT JOIN @extschema@.ledger_transactions l ON l.id = u.txn_id
                  LEFT JOIN LATERAL (
                      SELECT array_agg(q.account ORDER BY q.n) AS accounts, array_agg(q.asset ORDER BY q.n) AS assets,
                             array_agg(q.amount ORDER BY q.n) AS amounts, count(*) AS k, max(q.n) AS last_n
                        FROM @extschema@.ledger_postings q WHERE q.txn_id = u.txn_id) p ON true) w;
    END IF;
    IF v_broken IS NULL THEN
        SELECT count(*), min(format('transaction %s has %s chain links and %s waiting rows',
                                    l.id, coalesce(c.n, 0), coalesce(w.n, 0)))
          INTO v_count, v_broken
          FROM @extschema@.ledger_transactions l
          LEFT JOIN (SELECT c.txn_id, count(*) AS n FROM @extschema@.ledger_chain c GROUP BY c.txn_id) c
            ON c.txn_id = l.id
          LEFT JOIN (SELECT u.txn_id, count(*) AS n FROM @extschema@.ledger_unsealed u GROUP BY u.txn_id) w
            ON w.txn_id = l.id
         WHERE coalesce(c.n, 0) + coalesce(w.n, 0) <> 1;
        IF v_count > 0 THEN
            v_broken := format('%s transactions are not exactly once in the chain or waiting, e.g. %s', v_count, v_broken);
        ELSE
            v_broken := NULL;
        END IF;
    END IF;
    -- postings have no foreign key (60_ledger_schema.sql): one of no
    -- journal transaction is in no chain link's body
    IF v_broken IS NULL THEN
        SELECT format('%s postings belong to no journal transaction, e.g. posting %s of transaction %s',
                      count(*) OVER (), p.n, p.txn_id)
          INTO v_broken
          FROM @extschema@.ledger_postings p
         WHERE NOT EXISTS (SELECT FROM @extschema@.ledger_transactions l WHERE l.id = p.txn_id)
         ORDER BY p.txn_id, p.n LIMIT 1;
    END IF;
    "check" := 'hash_chain';
    ok := v_broken IS NULL;
    detail := coalesce(v_broken, format('%s transactions recompute to journal_head(), %s waiting to be sealed',
                                        v_seq, v_waiting));
    RETURN NEXT;

END
$$;
COMMENT ON FUNCTION ledger_verify_hash_chain() IS
    'check hash_chain of ledger_verify(): the chain recomputes from genesis to journal_head(), waiting rows match their transactions, every transaction is chained or waiting exactly once, every posting belongs to a transaction';

INSERT INTO ledger_verify_checks_registry (position, function, area) VALUES
    (10, 'ledger_verify_zero_sum()', 'ledger'),
    (20, 'ledger_verify_balances()', 'ledger'),
    (30, 'ledger_verify_accounts()', 'ledger'),
    (60, 'ledger_verify_hash_chain()', 'ledger');

-- Every registered check, in position order, in this function's snapshot.
CREATE FUNCTION ledger_verify_checks() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT r.function::oid::regproc AS fn FROM @extschema@.ledger_verify_checks_registry r ORDER BY r.position LOOP
        RETURN QUERY EXECUTE format('SELECT * FROM %s()', c.fn);
    END LOOP;
END
$$;
COMMENT ON FUNCTION ledger_verify_checks() IS
    'internal: the checks of ledger_verify() in one snapshot, without sealing first';

-- Seal first when this transaction may and the seal lock is free (a
-- quiet database then reports nothing waiting); never wait for the lock,
-- so a verification cannot block on, or deadlock with, a sealer.
CREATE FUNCTION ledger_verify() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF @extschema@.ledger_can_seal() THEN
        IF @extschema@.ledger_try_seal_lock() THEN
            PERFORM @extschema@.ledger_seal_waiting(NULL, NULL);
        END IF;
    END IF;
    RETURN QUERY SELECT * FROM @extschema@.ledger_verify_checks();
END
$$;
COMMENT ON FUNCTION ledger_verify() IS
    'recompute the ledger''s invariants: zero-sum postings, balances from postings, system accounts, supplies, reserves against their curves, the hash chain (sealing waiting transactions first when it can), pools, and asset fields against the journal';
