-- ledger (2/6): the hash chain and the one function that writes the journal
--
-- Hash chain (docs/ledger.md, "Hash chain", is the normative description):
--   hash(0)  = 32 zero bytes (genesis)
--   hash(i)  = keccak256(hash(i-1) || u64be(i) || u64be(txn_id(i)) || body(i))
--   body     = str(kind) || str(ref) || str(asset) || u32be(k) || posting(1) || ... || posting(k)
--   posting  = account (20 bytes) || str(asset) || sign (0x00 credit, 0x01 debit) || u256be(|amount|)
--   str(s)   = u32be(number of UTF-8 bytes of s) || the UTF-8 bytes of s
-- Assets are in their canonical text form; postings in the order of n.

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
    accounts eth_address[], assets asset[], amounts numeric[]) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_chain_body(text, text, asset, eth_address[], asset[], numeric[]) IS
    'the part of a journal transaction''s hash-chain encoding that follows the previous hash and the sequence number';

CREATE FUNCTION ledger_chain_hash(prev_hash bytea, seq bigint, txn_id bigint, body bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN @extschema@.keccak256(prev_hash || pg_catalog.int8send(seq) || pg_catalog.int8send(txn_id) || body);
COMMENT ON FUNCTION ledger_chain_hash(bytea, bigint, bigint, bytea) IS
    'one link of the journal''s hash chain: keccak256(previous hash || 8-byte big-endian position || 8-byte big-endian transaction id || body)';

CREATE FUNCTION journal_head(OUT seq bigint, OUT hash bytea)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT coalesce(h.seq, 0),
           coalesce(h.hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
      FROM (VALUES (true)) AS genesis(one)
      LEFT JOIN @extschema@.ledger_head h ON h.one = genesis.one;
END;
COMMENT ON FUNCTION journal_head() IS
    'the sequence number and hash of the latest journal transaction (0 and 32 zero bytes before the first), for anchoring outside the database';

-- Apply a ledger transaction: the one place that writes holdings and the
-- journal.  The caller has validated the request, holds the ref lock and
-- any asset row locks; this function
--   1. drops zero postings and refuses an unbalanced set (CD010),
--   2. locks and updates the holdings one by one in (account, asset) order,
--      raising CD002 before any user balance would go negative,
--   3. appends the transaction and its postings, and only then
--   4. takes the chain head (held until commit, so the chain order is the
--      commit order) and appends the chain link: the one global lock is
--      held for two small statements and the commit.
-- Lock order for the whole ledger (docs/ledger.md, "Concurrency"): ref
-- advisory lock, asset advisory lock, asset row, holdings in (account,
-- asset) order, chain head.  Every function follows it, so there is no
-- deadlock.
CREATE FUNCTION ledger_post(p_kind text, p_ref text, p_asset asset, p_request jsonb, p_result jsonb,
    p_accounts eth_address[], p_assets asset[], p_amounts numeric[], p_kinds text[])
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_accounts @extschema@.eth_address[];
    v_assets @extschema@.asset[];
    v_amounts numeric[];
    v_kinds text[];
    r record;
    v_have numeric;
    v_body bytea;
    v_id bigint;
    v_seq bigint;
    v_hash bytea;
BEGIN
    SELECT coalesce(array_agg(u.a ORDER BY u.i), '{}'), coalesce(array_agg(u.s ORDER BY u.i), '{}'),
           coalesce(array_agg(trim_scale(u.x) ORDER BY u.i), '{}'), coalesce(array_agg(u.k ORDER BY u.i), '{}')
      INTO v_accounts, v_assets, v_amounts, v_kinds
      FROM unnest(p_accounts, p_assets, p_amounts, p_kinds) WITH ORDINALITY AS u(a, s, x, k, i)
     WHERE u.x <> 0;

    SELECT u.s, sum(u.x) AS total INTO r
      FROM unnest(v_assets, v_amounts) AS u(s, x)
     GROUP BY u.s HAVING sum(u.x) <> 0
     ORDER BY u.s LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unbalanced ledger transaction: postings in asset % sum to %', r.s, r.total
            USING ERRCODE = 'CD010',
                  DETAIL = 'The postings of a transaction must sum to zero in every asset.';
    END IF;

    FOR r IN
        SELECT u.a AS account, u.s AS asset, min(u.k) AS kind, sum(u.x) AS delta
          FROM unnest(v_accounts, v_assets, v_amounts, v_kinds) AS u(a, s, x, k)
         GROUP BY u.a, u.s
        HAVING sum(u.x) <> 0
         ORDER BY u.a, u.s
    LOOP
        -- the common case in one statement: the row exists and, for a debit
        -- of a user or reserve account, covers it
        UPDATE @extschema@.ledger_holdings h SET amount = h.amount + r.delta
         WHERE h.account OPERATOR(@extschema@.=) r.account AND h.asset OPERATOR(@extschema@.=) r.asset
           AND (h.amount + r.delta >= 0 OR r.kind IN ('issuance', 'world'));
        IF NOT FOUND THEN
            IF r.delta < 0 AND r.kind IN ('user', 'reserve') THEN
                SELECT h.amount INTO v_have FROM @extschema@.ledger_holdings h
                 WHERE h.account OPERATOR(@extschema@.=) r.account AND h.asset OPERATOR(@extschema@.=) r.asset;
                RAISE EXCEPTION 'insufficient balance: account % holds % of %, needs %',
                                r.account, coalesce(v_have, 0), r.asset, -r.delta
                    USING ERRCODE = 'CD002',
                          DETAIL = format('The %s is short by %s base units.', p_kind, -r.delta - coalesce(v_have, 0));
            END IF;
            -- a first holding; ON CONFLICT covers a concurrent first credit
            INSERT INTO @extschema@.ledger_holdings AS h (account, asset, amount, kind)
            VALUES (r.account, r.asset, r.delta, r.kind)
            ON CONFLICT ON CONSTRAINT ledger_holdings_pkey DO UPDATE SET amount = h.amount + excluded.amount;
        END IF;
    END LOOP;

    v_id := nextval('@extschema@.ledger_transaction_id_seq');
    INSERT INTO @extschema@.ledger_transactions (id, ref, kind, asset, request, result)
    VALUES (v_id, p_ref, p_kind, p_asset, p_request, p_result);
    INSERT INTO @extschema@.ledger_postings (txn_id, n, account, asset, amount)
    SELECT v_id, u.i, u.a, u.s, u.x
      FROM unnest(v_accounts, v_assets, v_amounts) WITH ORDINALITY AS u(a, s, x, i);
    v_body := @extschema@.ledger_chain_body(p_kind, p_ref, p_asset, v_accounts, v_assets, v_amounts);

    -- the critical section: from here to commit every ledger transaction waits
    INSERT INTO @extschema@.ledger_head AS h (one, seq, hash)
    VALUES (true, 1, @extschema@.ledger_chain_hash(
        '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea, 1, v_id, v_body))
    ON CONFLICT ON CONSTRAINT ledger_head_pkey DO UPDATE
        SET seq = h.seq + 1, hash = @extschema@.ledger_chain_hash(h.hash, h.seq + 1, v_id, v_body)
    RETURNING h.seq, h.hash INTO v_seq, v_hash;
    INSERT INTO @extschema@.ledger_chain (seq, txn_id, hash) VALUES (v_seq, v_id, v_hash);
    RETURN v_id;
END
$$;
COMMENT ON FUNCTION ledger_post(text, text, asset, jsonb, jsonb, eth_address[], asset[], numeric[], text[]) IS
    'internal: apply a balanced set of postings to the holdings in lock order and append it to the hash-chained journal';
