-- bench/lib/pgledger_shape.sql: a second baseline for bench/ledger.sh, a
-- double-entry transfer in PL/pgSQL with the full shape of pgledger
-- (github.com/pgr0ss/pgledger, pgledger.sql), written anew for this
-- benchmark: its tables, indexes, foreign keys and statement sequence, in
-- the benchmark's bench schema.
--   ids      text, a prefix and a ULID made from a microsecond uuidv7, as
--            pgledger makes them on PostgreSQL < 18 (where uuidv7() is missing)
--   accounts balance, version, updated_at, allow_negative/positive flags
--   transfers two foreign keys to accounts, indexes on from, to and event_at
--   entries  two foreign keys (account, transfer), indexes on both, and the
--            account's balance before and after and its version
--   transfer lock the distinct account ids in sorted order (one statement
--            each), update each account with RETURNING *, check its balance
--            flags in a helper, check the currencies, insert the transfer and
--            two entries, return the transfer row
-- Amounts are numeric (pgledger uses money) so that both baselines and the
-- ledger do the same arithmetic.  Nothing here is pgledger's code.

CREATE FUNCTION bench.uuidv7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT encode(substring(int8send(floor(t_ms)::int8) FROM 3)
                  || int2send((7 << 12)::int2 | ((t_ms - floor(t_ms)) * 4096)::int2)
                  || substring(uuid_send(gen_random_uuid()) FROM 9 FOR 8), 'hex')::uuid
      FROM (SELECT extract(epoch FROM clock_timestamp()) * 1000 AS t_ms) s
$$;

-- a uuid's 128 bits as a ULID: Crockford base32, 26 characters, the first
-- holding the top 3 bits (the 2 padding bits are zero)
CREATE FUNCTION bench.uuid_to_ulid(id uuid) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    alphabet constant text := '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    bits bit(130) := B'00' || ('x' || encode(uuid_send(id), 'hex'))::bit(128);
    ulid text := '';
BEGIN
    FOR i IN 0 .. 25 LOOP
        ulid := ulid || substr(alphabet, substring(bits FROM i * 5 + 1 FOR 5)::int + 1, 1);
    END LOOP;
    RETURN ulid;
END $$;

CREATE FUNCTION bench.generate_id(prefix text) RETURNS text LANGUAGE sql VOLATILE AS $$
    SELECT prefix || '_' || bench.uuid_to_ulid(bench.uuidv7())
$$;

CREATE TABLE bench.pgl_accounts (
    id text PRIMARY KEY DEFAULT bench.generate_id('pgla'),
    name text NOT NULL,
    currency text NOT NULL,
    balance numeric NOT NULL DEFAULT 0,
    version bigint NOT NULL DEFAULT 0,
    allow_negative_balance boolean NOT NULL,
    allow_positive_balance boolean NOT NULL,
    metadata jsonb,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL);
CREATE TABLE bench.pgl_transfers (
    id text PRIMARY KEY DEFAULT bench.generate_id('pglt'),
    from_account_id text NOT NULL REFERENCES bench.pgl_accounts (id),
    to_account_id text NOT NULL REFERENCES bench.pgl_accounts (id),
    amount numeric NOT NULL,
    created_at timestamptz NOT NULL,
    event_at timestamptz NOT NULL,
    metadata jsonb,
    CHECK (amount > 0 AND from_account_id <> to_account_id));
CREATE INDEX ON bench.pgl_transfers (from_account_id);
CREATE INDEX ON bench.pgl_transfers (to_account_id);
CREATE INDEX ON bench.pgl_transfers (event_at);
CREATE TABLE bench.pgl_entries (
    id text PRIMARY KEY DEFAULT bench.generate_id('pgle'),
    account_id text NOT NULL REFERENCES bench.pgl_accounts (id),
    transfer_id text NOT NULL REFERENCES bench.pgl_transfers (id),
    amount numeric NOT NULL,
    account_previous_balance numeric NOT NULL,
    account_current_balance numeric NOT NULL,
    account_version bigint NOT NULL,
    created_at timestamptz NOT NULL);
CREATE INDEX ON bench.pgl_entries (account_id);
CREATE INDEX ON bench.pgl_entries (transfer_id);

-- benchmark account i (0 .. 9999) is pgl_accounts row pgl_account_ids.id
CREATE TABLE bench.pgl_account_ids (i int PRIMARY KEY, id text NOT NULL);
INSERT INTO bench.pgl_accounts (name, currency, balance, allow_negative_balance, allow_positive_balance,
                                created_at, updated_at)
SELECT 'account ' || lpad(a::text, 5, '0'), 'USDC', 1000000000000000000, false, true, now(), now()
  FROM generate_series(0, 9999) a;
INSERT INTO bench.pgl_account_ids
SELECT substr(name, 9)::int, id FROM bench.pgl_accounts;

CREATE FUNCTION bench.pgl_check_balance(account bench.pgl_accounts) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT account.allow_negative_balance AND account.balance < 0 THEN
        RAISE EXCEPTION 'account % does not allow a negative balance', account.id;
    END IF;
    IF NOT account.allow_positive_balance AND account.balance > 0 THEN
        RAISE EXCEPTION 'account % does not allow a positive balance', account.id;
    END IF;
END $$;

CREATE FUNCTION bench.pgl_transfer(from_id text, to_id text, amount numeric) RETURNS SETOF bench.pgl_transfers
LANGUAGE plpgsql AS $$
DECLARE
    ids text[];
    lock_id text;
    f bench.pgl_accounts;
    t bench.pgl_accounts;
    tid text;
BEGIN
    SELECT ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[from_id, to_id]) AS x ORDER BY x) INTO ids;
    FOREACH lock_id IN ARRAY ids LOOP
        PERFORM a.id FROM bench.pgl_accounts a WHERE a.id = lock_id FOR UPDATE;
    END LOOP;
    IF amount <= 0 THEN
        RAISE EXCEPTION 'amount % must be positive', amount;
    END IF;
    IF from_id = to_id THEN
        RAISE EXCEPTION 'cannot transfer to the same account %', from_id;
    END IF;
    UPDATE bench.pgl_accounts a SET balance = a.balance - amount, version = a.version + 1, updated_at = now()
     WHERE a.id = from_id RETURNING * INTO f;
    PERFORM bench.pgl_check_balance(f);
    UPDATE bench.pgl_accounts a SET balance = a.balance + amount, version = a.version + 1, updated_at = now()
     WHERE a.id = to_id RETURNING * INTO t;
    PERFORM bench.pgl_check_balance(t);
    IF f.currency <> t.currency THEN
        RAISE EXCEPTION 'cannot transfer between % and %', f.currency, t.currency;
    END IF;
    INSERT INTO bench.pgl_transfers (from_account_id, to_account_id, amount, created_at, event_at)
    VALUES (from_id, to_id, amount, now(), now()) RETURNING id INTO tid;
    INSERT INTO bench.pgl_entries (account_id, transfer_id, amount, account_previous_balance,
                                   account_current_balance, account_version, created_at)
    VALUES (from_id, tid, -amount, f.balance + amount, f.balance, f.version, now());
    INSERT INTO bench.pgl_entries (account_id, transfer_id, amount, account_previous_balance,
                                   account_current_balance, account_version, created_at)
    VALUES (to_id, tid, amount, t.balance - amount, t.balance, t.version, now());
    RETURN QUERY SELECT * FROM bench.pgl_transfers tr WHERE tr.id = tid;
END $$;
