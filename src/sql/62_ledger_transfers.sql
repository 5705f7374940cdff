-- ledger (3/6): argument checks, idempotency by ref, deposit / withdraw /
-- transfer, balances and the journal views

-- The core's transaction kinds (the registry is in 60_ledger_schema.sql).
INSERT INTO ledger_transaction_kinds (kind, description) VALUES
    ('deposit', 'an amount brought in from outside the ledger: world to account'),
    ('withdraw', 'an amount taken out of the ledger: account to world'),
    ('transfer', 'an amount moved from one account to another');

-- Raise 22004 naming the first argument that is NULL.  The mutating
-- functions are not STRICT on purpose: a NULL argument must be an error,
-- not a silently skipped call that returns NULL.  The checks of every
-- call are C (src/pg_ledger_checks.c): in PL/pgSQL each was a function
-- call with a SET clause and statements of its own.  ledger_check_not_null
-- returns true, so that a caller can check in an assignment (a simple
-- expression) rather than in a PERFORM (a query of its own).
CREATE FUNCTION ledger_check_not_null(names text[], is_null boolean[]) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_check_not_null(text[], boolean[]) IS
    'internal: raise 22004 naming the first argument that is NULL; true otherwise';

CREATE FUNCTION ledger_raise_null(name text, value anyelement) RETURNS anyelement
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION '% must not be null', name USING ERRCODE = '22004';
END
$$;
COMMENT ON FUNCTION ledger_raise_null(text, anyelement) IS
    'internal: raise 22004 naming an argument that is NULL';

-- An amount moved by the ledger: a whole number of base units in
-- 1 .. 2^256 - 1, returned without trailing zeros (what the journal
-- records, so that the request a ref replays compares equal).  A plain
-- SQL expression, which the planner inlines into the caller's.
-- Its C part, shared with ledger_check_limit; ledger_raise_null is the
-- NULL case, which the C part, being STRICT, cannot see.
CREATE FUNCTION ledger_amount_checked(name text, amount numeric, is_limit boolean) RETURNS numeric
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_amount_checked(text, numeric, boolean) IS
    'internal: ledger_check_amount, or with is_limit ledger_check_limit, for a value that is not NULL';

CREATE FUNCTION ledger_check_amount(name text, amount numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(@extschema@.ledger_amount_checked(name, amount, false), @extschema@.ledger_raise_null(name, amount));
COMMENT ON FUNCTION ledger_check_amount(text, numeric) IS
    'internal: the amount without trailing zeros; raise unless it is a whole number of base units between 1 and 2^256 - 1 (CD005 when not positive)';

-- A slippage limit (max_cost, min_proceeds, min_out, ...): a whole number
-- in 0 .. 2^256 - 1, like the amounts it is compared with; returned without
-- trailing zeros, so that the request a ref replays compares equal.  The
-- upper bound refuses Infinity, which would otherwise pass as "no limit".
CREATE FUNCTION ledger_check_limit(name text, amount numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(@extschema@.ledger_amount_checked(name, amount, true), @extschema@.ledger_raise_null(name, amount));
COMMENT ON FUNCTION ledger_check_limit(text, numeric) IS
    'internal: a slippage limit without trailing zeros; 22023 unless it is a whole number from 0 to 2^256 - 1';

-- User accounts may not be system accounts: nobody may spend from or pay
-- into the world, issuance, a curve reserve or a pool account except the
-- ledger itself.  One lookup in the registry (60_ledger_schema.sql) covers
-- every kind; this check runs in every call.  It returns the account, so
-- that a caller checks in an assignment rather than in a PERFORM.
CREATE FUNCTION ledger_check_user_account(name text, account eth_address) RETURNS eth_address
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_kind text;
BEGIN
    IF account IS NULL THEN
        RAISE EXCEPTION '% must not be null', name USING ERRCODE = '22004';
    END IF;
    SELECT r.description INTO v_kind FROM @extschema@.ledger_system_accounts r
     WHERE r.account OPERATOR(@extschema@.=) ledger_check_user_account.account;
    IF v_kind IS NOT NULL THEN
        RAISE EXCEPTION '% % is a system account', name, account
            USING ERRCODE = 'CD008',
                  DETAIL = format('%s is %s; only the ledger itself posts to it.', account, v_kind);
    END IF;
    RETURN account;
END
$$;
COMMENT ON FUNCTION ledger_check_user_account(text, eth_address) IS
    'internal: the account; raise CD008 when an account argument is one of the ledger''s system accounts';

-- The same for the recipients of a royalty split: CD008 naming the first
-- system account among them and its kind, unless its kind receives split
-- payments (ledger_account_kinds.receives_splits).  Every path by which a
-- split enters the ledger calls it (register_asset, propose_change,
-- approve_change), so no royalty is ever paid to another system account.
CREATE FUNCTION ledger_check_user_accounts(name text, accounts eth_address[]) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s record;
BEGIN
    SELECT u.account, r.description INTO s
      FROM unnest(accounts) WITH ORDINALITY AS u(account, i)
      JOIN @extschema@.ledger_system_accounts r ON r.account OPERATOR(@extschema@.=) u.account
      JOIN @extschema@.ledger_account_kinds k ON k.kind = r.kind
     WHERE NOT k.receives_splits
     ORDER BY u.i
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% % is a system account', name, s.account
            USING ERRCODE = 'CD008',
                  DETAIL = format('%s is %s; only the ledger itself posts to it.', s.account, s.description),
                  HINT = 'Royalties and payments go to user accounts.';
    END IF;
END
$$;
COMMENT ON FUNCTION ledger_check_user_accounts(text, eth_address[]) IS
    'internal: raise CD008 naming the first of a set of accounts (a split''s recipients) that is a system account of a kind that receives no split payments, and its kind';

CREATE FUNCTION ledger_ref_checked(ref text) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_ref_checked(text) IS
    'internal: a caller-given ref; 22023 when it is empty or longer than 255 bytes';

-- Idempotency by ref.  Take the ref's advisory lock (so a concurrent call
-- with the same ref waits for the first to commit or roll back), then look
-- the ref up: NULL when it is new, the original result (with txn_id) when
-- it was used with the same arguments, CD004 naming every differing field
-- otherwise.  The lock is the first the ledger takes (lock order).
CREATE FUNCTION ledger_replay(p_kind text, p_ref text, p_request jsonb) RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
    v_fields text;
    v_detail text;
BEGIN
    -- every caller-given ref passes here: checked (22004; 22023 when empty
    -- or over 255 bytes, docs/ledger.md, "Idempotency"), locked (apart, so
    -- that the planner inlines ledger_lock_ref on a plain variable), then
    -- looked up in a statement of its own, whose snapshot sees a call with
    -- the same ref that committed while this one waited
    p_ref := coalesce(@extschema@.ledger_ref_checked(p_ref), @extschema@.ledger_raise_null('ref', p_ref));
    p_ref := @extschema@.ledger_lock_ref(p_ref);
    SELECT l.id, l.kind, l.request, l.result INTO t
      FROM @extschema@.ledger_transactions l WHERE l.ref = p_ref;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF t.kind <> p_kind THEN
        RAISE EXCEPTION 'ref "%" was already used by another function', p_ref
            USING ERRCODE = 'CD004',
                  DETAIL = format('Journal transaction %s used this ref for %s, not %s.', t.id, t.kind, p_kind),
                  HINT = 'Use a new ref for a new operation.';
    END IF;
    SELECT string_agg(k, ', ' ORDER BY k),
           string_agg(format('%s was %s, now %s', k, coalesce(t.request -> k, 'null'),
                             coalesce(p_request -> k, 'null')), '; ' ORDER BY k)
      INTO v_fields, v_detail
      FROM (SELECT jsonb_object_keys(p_request) UNION SELECT jsonb_object_keys(t.request)) AS keys(k)
     WHERE (t.request -> k) IS DISTINCT FROM (p_request -> k);
    IF v_fields IS NOT NULL THEN
        RAISE EXCEPTION 'ref "%" was already used with a different %', p_ref, v_fields
            USING ERRCODE = 'CD004',
                  DETAIL = format('Journal transaction %s used this ref: %s.', t.id, v_detail),
                  HINT = 'Retry with exactly the original arguments, or use a new ref for a new operation.';
    END IF;
    RETURN t.result || jsonb_build_object('txn_id', t.id);
END
$$;
COMMENT ON FUNCTION ledger_replay(text, text, jsonb) IS
    'internal: lock a ref and return the original result of its call (NULL when new); CD004 when the arguments differ';

-- The payer of a payment into a system account (src/pg_ledger_recipients.c):
-- whoever builds the credit records its payer in the transaction-local
-- setting creative_defi.payers just before the ledger_post that posts it,
-- and the area that owns the account takes it out in its trigger on the
-- credit.  A new record of an account replaces the old one, so a record
-- left by a call that posted nothing never applies to a later payment.
CREATE FUNCTION ledger_record_payer(account eth_address, payer eth_address) RETURNS void
    AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION ledger_record_payer(eth_address, eth_address) IS
    'internal: record the payer of the credit of a system account that the caller posts next (transaction-local setting creative_defi.payers)';
CREATE FUNCTION ledger_take_payer(account eth_address) RETURNS eth_address
    AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION ledger_take_payer(eth_address) IS
    'internal: the payer recorded for a credit of a system account, taken out of the record; NULL when none was recorded';
CREATE FUNCTION ledger_split_recipients_forget() RETURNS void
    AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION ledger_split_recipients_forget() IS
    'internal: make every backend reload its set of the system accounts a royalty split may pay (after this transaction commits)';

-- The postings of a payment through a royalty split, in a currency: one
-- credit per recipient (split_distribute, with the distributor's fee to
-- the distributor), of kind user, or of its own kind for a system account
-- whose kind receives split payments, whose payer (the distributor) it
-- records; none for an amount of zero.  Every caller (buy, sell,
-- distribute, an approved curve change) adds its own debit and passes the
-- arrays to ledger_post.  C (src/pg_ledger_postings.c, the receiving
-- system accounts from a copy in backend memory): in PL/pgSQL it was a
-- query over split_distribute in every trade.
CREATE FUNCTION ledger_split_postings(split royalty_split, amount numeric, distributor eth_address, currency asset,
    OUT accounts eth_address[], OUT assets asset[], OUT amounts numeric[], OUT kinds text[])
    AS 'MODULE_PATHNAME', 'ledger_split_postings_to_kinds' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION ledger_split_postings(royalty_split, numeric, eth_address, asset) IS
    'internal: the credits of a payment through a royalty split (recipients, currency, shares, kind user or a receiving system account''s, whose payer it records); none when the amount is zero';

-- A creator that is not idempotent by ref (register_asset, pool_create:
-- its ref is derived from what it creates, and a second call is an
-- error of its own) still must not take a ref another function used:
-- CD004.  The caller holds the ref's lock.
CREATE FUNCTION ledger_refuse_used_ref(ref text, kind text) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
BEGIN
    SELECT l.id, l.kind INTO t FROM @extschema@.ledger_transactions l WHERE l.ref = ledger_refuse_used_ref.ref;
    IF FOUND THEN
        RAISE EXCEPTION 'ref "%" was already used by another function', ref
            USING ERRCODE = 'CD004',
                  DETAIL = format('Journal transaction %s used this ref for %s, not %s.', t.id, t.kind, kind);
    END IF;
END
$$;
COMMENT ON FUNCTION ledger_refuse_used_ref(text, text) IS
    'internal: raise CD004 when a ref that a non-idempotent creator derives was already used by another function';

-- Deposits and withdrawals of an asset the ledger issues itself (on a
-- bonding curve, a pool's LP share) would break supply = the sum of the
-- holdings; refuse them, and assets of a namespace an issuer reserves,
-- with the issuer's own refusal (ledger_issuers).  One lookup, whatever
-- the issuer.  The shared asset lock orders this check against a
-- concurrent registration, which takes it exclusively.
CREATE FUNCTION ledger_check_not_issued(asset asset, operation text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
BEGIN
    PERFORM @extschema@.ledger_lock_asset_key_shared(asset);
    SELECT i.sqlstate, format(i.message, ledger_check_not_issued.asset, a.description) AS message,
           format(i.detail, ledger_check_not_issued.operation) AS detail, NULL::text AS hint
      INTO r
      FROM @extschema@.ledger_issued_assets a
      JOIN @extschema@.ledger_issuers i ON i.issuer = a.issuer
     WHERE a.asset OPERATOR(@extschema@.=) ledger_check_not_issued.asset;
    IF NOT FOUND THEN
        SELECT i.sqlstate, format(i.reserved_message, ledger_check_not_issued.asset) AS message,
               format(i.reserved_detail, ledger_check_not_issued.operation) AS detail, i.reserved_hint AS hint
          INTO r
          FROM @extschema@.ledger_issuers i
         WHERE i.reserved_prefix IS NOT NULL AND starts_with(ledger_check_not_issued.asset::text, i.reserved_prefix)
         ORDER BY i.issuer LIMIT 1;
    END IF;
    IF r.hint IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = r.sqlstate, MESSAGE = r.message, DETAIL = r.detail, HINT = r.hint;
    ELSIF r.sqlstate IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = r.sqlstate, MESSAGE = r.message, DETAIL = r.detail;
    END IF;
END
$$;
COMMENT ON FUNCTION ledger_check_not_issued(asset, text) IS
    'internal: raise the issuer''s error (CD009 for a curve, CD044 for an LP share) when a deposit, withdrawal or registration names an asset the ledger issues itself, or one of a namespace an issuer reserves';

-- The shared body of deposit, withdraw and transfer: an amount of an
-- asset from one account to another, each given with its argument name
-- and kind.  The arguments are checked in the order of the callers'
-- signatures: the user accounts (22004, CD008), asset and ref (22004),
-- the amount, then that the two accounts differ; each in an assignment,
-- a simple expression with no query of its own but the system-account
-- lookup.  Then the ref is claimed (a replay returns the journal's
-- result); a move across the ledger's boundary (issued_operation names
-- it: 'deposit', 'withdrawal') refuses an asset the ledger issues itself;
-- and the amount is posted.  The request names the user accounts by
-- their argument names.
CREATE FUNCTION ledger_move(kind text, ref text, asset asset, amount numeric,
    from_name text, from_account eth_address, from_kind text, to_name text, to_account eth_address, to_kind text,
    issued_operation text, OUT txn_id bigint, OUT moved numeric)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_request jsonb;
    v_result jsonb;
BEGIN
    IF from_kind = 'user' THEN
        from_account := @extschema@.ledger_check_user_account(from_name, from_account);
    END IF;
    IF to_kind = 'user' THEN
        to_account := @extschema@.ledger_check_user_account(to_name, to_account);
    END IF;
    amount := CASE WHEN @extschema@.ledger_check_not_null(ARRAY['asset', 'ref'], ARRAY[asset IS NULL, ref IS NULL])
                   THEN @extschema@.ledger_check_amount('amount', amount) END;
    IF from_account OPERATOR(@extschema@.=) to_account THEN
        RAISE EXCEPTION '% and % are the same account', from_name, to_name
            USING ERRCODE = '22023', DETAIL = format('Both are %s.', from_account);
    END IF;
    v_request := jsonb_build_object('asset', asset::text, 'amount', amount)
        || CASE WHEN from_kind = 'user' THEN jsonb_build_object(from_name, from_account::text) ELSE '{}' END
        || CASE WHEN to_kind = 'user' THEN jsonb_build_object(to_name, to_account::text) ELSE '{}' END;
    v_result := @extschema@.ledger_replay(kind, ref, v_request);
    IF v_result IS NOT NULL THEN
        SELECT x.* INTO txn_id, moved FROM jsonb_to_record(v_result) AS x(txn_id bigint, moved numeric);
        RETURN;
    END IF;
    IF issued_operation IS NOT NULL THEN
        PERFORM @extschema@.ledger_check_not_issued(asset, issued_operation);
    END IF;
    moved := amount;
    txn_id := @extschema@.ledger_post(kind, ref, asset, v_request, jsonb_build_object('moved', moved),
        ARRAY[from_account, to_account], ARRAY[asset, asset], ARRAY[-amount, amount], ARRAY[from_kind, to_kind]);
END
$$;
COMMENT ON FUNCTION ledger_move(text, text, asset, numeric, text, eth_address, text, text, eth_address, text, text) IS
    'internal: the body of deposit, withdraw and transfer: check the arguments, replay by ref, or post the amount from one account to the other';

CREATE FUNCTION deposit(account eth_address, asset asset, amount numeric, ref text,
    OUT txn_id bigint, OUT moved numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m record;
BEGIN
    m := @extschema@.ledger_move('deposit', ref, asset, amount,
        'world', @extschema@.ledger_world_account(), 'world', 'account', account, 'user', 'deposit');
    txn_id := m.txn_id;
    moved := m.moved;
END
$$;
COMMENT ON FUNCTION deposit(eth_address, asset, numeric, text) IS
    'credit an account with an amount of an asset brought in from outside the ledger (from the world account); idempotent by ref';

CREATE FUNCTION withdraw(account eth_address, asset asset, amount numeric, ref text,
    OUT txn_id bigint, OUT moved numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m record;
BEGIN
    m := @extschema@.ledger_move('withdraw', ref, asset, amount,
        'account', account, 'user', 'world', @extschema@.ledger_world_account(), 'world', 'withdrawal');
    txn_id := m.txn_id;
    moved := m.moved;
END
$$;
COMMENT ON FUNCTION withdraw(eth_address, asset, numeric, text) IS
    'debit an account by an amount of an asset taken out of the ledger (to the world account); CD002 when the balance is short; idempotent by ref';

CREATE FUNCTION transfer(from_account eth_address, to_account eth_address, asset asset, amount numeric, ref text,
    OUT txn_id bigint, OUT moved numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m record;
BEGIN
    m := @extschema@.ledger_move('transfer', ref, asset, amount,
        'from_account', from_account, 'user', 'to_account', to_account, 'user', NULL);
    txn_id := m.txn_id;
    moved := m.moved;
END
$$;
COMMENT ON FUNCTION transfer(eth_address, eth_address, asset, numeric, text) IS
    'move an amount of an asset from one account to another; CD002 when the balance is short; idempotent by ref';

CREATE FUNCTION balance(account eth_address, asset asset) RETURNS numeric
LANGUAGE sql STABLE STRICT
BEGIN ATOMIC
    SELECT coalesce((SELECT h.amount FROM @extschema@.ledger_holdings h
                      WHERE h.account = balance.account AND h.asset = balance.asset), 0);
END;
COMMENT ON FUNCTION balance(eth_address, asset) IS
    'the amount of an asset an account holds, in base units (0 when it never held any)';

CREATE FUNCTION holdings(account eth_address) RETURNS TABLE(asset asset, amount numeric)
LANGUAGE sql STABLE STRICT
BEGIN ATOMIC
    SELECT h.asset, h.amount FROM @extschema@.ledger_holdings h
     WHERE h.account = holdings.account AND h.amount <> 0
     ORDER BY h.asset;
END;
COMMENT ON FUNCTION holdings(eth_address) IS
    'every asset an account holds a non-zero amount of, in asset order';

CREATE VIEW ledger_account_journal AS
SELECT p.account, p.asset, t.id AS txn_id, p.n, t.kind, t.ref, p.amount,
       sum(p.amount) OVER (PARTITION BY p.account, p.asset ORDER BY t.id, p.n) AS balance_after,
       t.created_at
  FROM ledger_postings p
  JOIN ledger_transactions t ON t.id = p.txn_id;
COMMENT ON VIEW ledger_account_journal IS
    'the journal per account: each posting to an account with its transaction and the running balance after it (filter by account)';

CREATE VIEW ledger_asset_journal AS
SELECT t.asset AS subject, t.id AS txn_id, t.kind, t.ref, p.n, p.account, p.asset, p.amount, t.created_at
  FROM ledger_transactions t
  LEFT JOIN ledger_postings p ON p.txn_id = t.id;
COMMENT ON VIEW ledger_asset_journal IS
    'the journal per asset: every transaction whose subject is an asset, with its postings (filter by subject)';
