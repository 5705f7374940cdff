-- ledger (1/6): accounts, holdings and the append-only journal
--
-- The ledger is double-entry: every ledger transaction is a set of postings
-- (account, asset, signed amount) that sum to zero per asset, and every
-- holding is the running sum of its postings.  Accounts are eth_addresses.
-- Three kinds of system account make the books balance (docs/ledger.md,
-- "System accounts"); their addresses are the last 20 bytes of a
-- keccak256 of a fixed string, as CREATE2 derives contract addresses, so no
-- one holds a key for them:
--   world     keccak256('creative_defi.world')[12:]     deposits and withdrawals
--   issuance  keccak256('creative_defi.issuance')[12:]  units minted and burnt by curves
--   reserve   keccak256('creative_defi.reserve:' || asset)[12:], one per
--             registered asset, holding the currency its buyers paid
-- world and issuance balances are negative (what entered the ledger, what
-- was issued); every other balance is >= 0, enforced by a CHECK.
--
-- SQL functions with a RETURN or BEGIN ATOMIC body are parsed when they are
-- created, so search_path at call time cannot change what they call; they
-- carry no SET clause so that the planner can inline them (the system
-- account functions then fold to constants).  PL/pgSQL functions, parsed at
-- run time, pin search_path = pg_catalog, pg_temp and qualify every name.
--
-- Error codes of the ledger (class CD, docs/errors.md):
--   CD001 unknown asset               CD006 asset already registered
--   CD002 insufficient balance        CD007 journal is append-only
--   CD003 slippage exceeded           CD008 system account used as a user account
--   CD004 ref conflict                CD009 asset is issued by its bonding curve
--   CD005 amount not positive         CD010 unbalanced transaction
--   CD011 ledger_seal() outside READ COMMITTED
--   CD012 asset fields changed outside an approved proposal (raised by
--         75_approvals.sql, which governs them)

CREATE FUNCTION ledger_world_account() RETURNS eth_address
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN substr(@extschema@.keccak256('creative_defi.world'::text), 13)::@extschema@.eth_address;
COMMENT ON FUNCTION ledger_world_account() IS
    'the system account for the world outside the ledger: deposits come from it, withdrawals go to it (its balances are negative)';

CREATE FUNCTION ledger_issuance_account() RETURNS eth_address
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN substr(@extschema@.keccak256('creative_defi.issuance'::text), 13)::@extschema@.eth_address;
COMMENT ON FUNCTION ledger_issuance_account() IS
    'the system account that bonding curves mint from and burn to (its balance in an asset is minus the supply)';

CREATE FUNCTION ledger_reserve_account(asset asset) RETURNS eth_address
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN substr(@extschema@.keccak256('creative_defi.reserve:'::text || asset::text), 13)::@extschema@.eth_address;
COMMENT ON FUNCTION ledger_reserve_account(asset) IS
    'the system account holding the curve reserve of a registered asset (in its currency)';

-- Registries.  The core knows only its own kinds of account and of
-- transaction, its own checks and its own system accounts; each area
-- built on it (the market, pools, approvals, ...) adds its rows in its own
-- file, as PostgreSQL's catalogs are extended by rows.  So a part of the
-- install script never names an object of a higher-numbered part
-- (scripts/check-layout.sh checks it; docs/architecture.md).

-- Kinds of account a holding or a posting belongs to.  The core's: user,
-- and the two system accounts world and issuance, whose balances are
-- negative (ledger_holdings_not_negative names them).  receives_splits:
-- a royalty split may name a system account of this kind, and pays it
-- with this kind (an area's account that passes on what it is paid, such
-- as the dividend account of an asset); a split naming any other system
-- account is refused (CD008).
CREATE TABLE ledger_account_kinds (
    kind text NOT NULL,
    description text NOT NULL,
    receives_splits boolean NOT NULL DEFAULT false,
    CONSTRAINT ledger_account_kinds_pkey PRIMARY KEY (kind)
);
COMMENT ON TABLE ledger_account_kinds IS
    'registry: the kinds of account a holding belongs to (user, world, issuance, and those the areas add), and whether a royalty split may pay a system account of the kind';
INSERT INTO ledger_account_kinds (kind, description) VALUES
    ('user', 'an account of a person, a wallet or a contract: only what it was paid, never negative'),
    ('world', 'the world outside the ledger: minus everything deposited and not withdrawn'),
    ('issuance', 'where issued units come from: minus the supply of each issued asset');
-- its rows come with CREATE EXTENSION (and upgrade scripts), never from a dump
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_account_kinds', 'WHERE false');

-- Kinds of journal transaction.  The core's are deposit, withdraw and
-- transfer (62_ledger_transfers.sql); each area adds its own.
CREATE TABLE ledger_transaction_kinds (
    kind text NOT NULL,
    description text NOT NULL,
    CONSTRAINT ledger_transaction_kinds_pkey PRIMARY KEY (kind)
);
COMMENT ON TABLE ledger_transaction_kinds IS
    'registry: the kinds of journal transaction (deposit, withdraw, transfer, and those the areas add)';
-- its rows come with CREATE EXTENSION (and upgrade scripts), never from a dump
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_transaction_kinds', 'WHERE false');

-- The registry of system accounts: every address that only the ledger
-- itself posts to, whatever its kind.  The core registers world and
-- issuance here; an area registers each account it creates (a curve's
-- reserve in register_asset, a pool's account in pool_create) through
-- ledger_register_system_account, so that one lookup tells any system
-- account from a user account (ledger_check_user_account).  description
-- completes the sentence "<address> is ..." in CD008 errors.
CREATE TABLE ledger_system_accounts (
    account eth_address NOT NULL,
    kind text NOT NULL REFERENCES ledger_account_kinds (kind),
    description text NOT NULL,
    CONSTRAINT ledger_system_accounts_pkey PRIMARY KEY (account),
    CONSTRAINT ledger_system_accounts_not_user CHECK (kind <> 'user')
);
COMMENT ON TABLE ledger_system_accounts IS
    'the registry of system accounts (world, issuance, curve reserves, pool accounts): addresses only the ledger itself posts to';
INSERT INTO ledger_system_accounts (account, kind, description) VALUES
    (ledger_world_account(), 'world', 'the world account'),
    (ledger_issuance_account(), 'issuance', 'the issuance account');
-- world and issuance come with CREATE EXTENSION; the dump holds the rest
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_system_accounts',
    $$WHERE kind NOT IN ('world', 'issuance')$$);

-- Issuers: the areas that issue units of an asset themselves (a bonding
-- curve, a pool's LP share), so that the asset must never be deposited or
-- withdrawn (supply = the sum of the holdings).  Each issuer says how its
-- refusal reads (SQLSTATE, and format() templates: the message takes the
-- asset and the issued asset's description, the detail the operation), and
-- may reserve a namespace for assets it will issue (reserved_prefix of the
-- asset's canonical text), refused with the reserved_* texts.
CREATE TABLE ledger_issuers (
    issuer text NOT NULL,
    sqlstate text NOT NULL,
    message text NOT NULL,
    detail text NOT NULL,
    reserved_prefix text,
    reserved_message text,
    reserved_detail text,
    reserved_hint text,
    CONSTRAINT ledger_issuers_pkey PRIMARY KEY (issuer),
    CONSTRAINT ledger_issuers_sqlstate CHECK (sqlstate ~ '^[0-9A-Z]{5}$'),
    CONSTRAINT ledger_issuers_reserved CHECK ((reserved_prefix IS NULL) = (reserved_message IS NULL))
);
COMMENT ON TABLE ledger_issuers IS
    'registry: the areas that issue assets themselves, with the refusal their assets raise in a deposit or withdrawal, and the namespace they reserve';
-- its rows come with CREATE EXTENSION (and upgrade scripts), never from a dump
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_issuers', 'WHERE false');

-- The assets an issuer issues: ledger_check_not_issued refuses them with
-- one lookup.  register_asset and pool_create fill it.
CREATE TABLE ledger_issued_assets (
    asset asset NOT NULL,
    issuer text NOT NULL REFERENCES ledger_issuers (issuer),
    description text NOT NULL,
    CONSTRAINT ledger_issued_assets_pkey PRIMARY KEY (asset)
);
COMMENT ON TABLE ledger_issued_assets IS
    'registry: the assets the ledger issues itself (on a bonding curve, a pool''s LP share), which no deposit or withdrawal may name';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_issued_assets', '');

-- Revenue routes: an area that must see a payment into an asset before its
-- split (80_lineage.sql: the asset's lineage) registers a route for that
-- asset, a function (asset asset, amount numeric, distributor eth_address,
-- currency asset) returning the credits as ledger_split_postings does.
-- distribute looks the asset up here, one index probe: an asset with no
-- row is paid through its split as before, and the core names no area.
CREATE TABLE ledger_revenue_routes (
    asset asset NOT NULL,
    route regprocedure NOT NULL,
    CONSTRAINT ledger_revenue_routes_pkey PRIMARY KEY (asset)
);
COMMENT ON TABLE ledger_revenue_routes IS
    'registry: the assets whose revenue an area routes before their royalty split, each with the function that returns the credits';
-- its rows are data (an area adds them as the ledger is used)
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_revenue_routes', '');

-- Payee routes: an area that pays an asset's own part of a payment some
-- other way than through the asset's royalty split (92_attribution.sql: a
-- data set's contributors) registers a route for that asset, a function
-- (asset asset, amount numeric, distributor eth_address, currency asset,
-- before bigint) returning the credits as ledger_split_postings does;
-- before is NULL for a payment now, else the journal transaction whose
-- payment is recomputed (ledger_verify()).  Whoever pays an asset's part
-- (80_lineage.sql, for every work of a lineage) asks here first, so that
-- it names no area.
CREATE TABLE ledger_payee_routes (
    asset asset NOT NULL,
    route regprocedure NOT NULL,
    CONSTRAINT ledger_payee_routes_pkey PRIMARY KEY (asset)
);
COMMENT ON TABLE ledger_payee_routes IS
    'registry: the assets whose own part of a payment an area pays instead of their royalty split, each with the function that returns the credits';
-- its rows are data (an area adds them as the ledger is used)
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_payee_routes', '');

-- The checks of ledger_verify(): each one function returning
-- (check, ok, detail) rows, run in position order in one snapshot.  The
-- core registers its own in 68_ledger_verify.sql; each area registers its
-- own.
CREATE TABLE ledger_verify_checks_registry (
    position integer NOT NULL,
    function regprocedure NOT NULL,
    area text NOT NULL,
    CONSTRAINT ledger_verify_checks_registry_pkey PRIMARY KEY (position),
    CONSTRAINT ledger_verify_checks_registry_function_key UNIQUE (function)
);
COMMENT ON TABLE ledger_verify_checks_registry IS
    'registry: the checks ledger_verify() runs, in position order, each a function returning (check, ok, detail) rows';
-- its rows come with CREATE EXTENSION (and upgrade scripts), never from a dump
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_verify_checks_registry', 'WHERE false');

-- The row a check returns: ok when nothing failed; the detail says what
-- was checked, or how many failed and the first of them.
CREATE FUNCTION ledger_verify_row(name text, failures bigint, example text, ok_detail text, failures_are text,
    OUT "check" text, OUT ok boolean, OUT detail text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT name, failures = 0,
           CASE WHEN failures = 0 THEN ok_detail ELSE format('%s %s, e.g. %s', failures, failures_are, example) END;
END;
COMMENT ON FUNCTION ledger_verify_row(text, bigint, text, text, text) IS
    'internal: a ledger_verify() row: ok when there are no failures; the detail is what was checked, or the failures counted with the first as an example';

-- One row per (account, asset) that was ever posted to.  kind tells user
-- accounts from the system ones, so the CHECK can let exactly the world
-- and issuance accounts go negative.
-- Every ledger transaction updates several holdings; the free space that
-- fillfactor 85 leaves in each page lets those updates stay on the page
-- (HOT), without a new entry in the primary key.
-- Whole amounts are checked as min_scale(x) = 0, not x = trunc(x):
-- trunc(numeric) is a SQL function, and the executor inlines it, parsing
-- its body, in every statement that checks the constraint (about 4% of a
-- buy's time); min_scale is a plain C function.  For the same reason the
-- constants are written as typed constants ('0'::numeric, a text[]
-- literal): the executor reads each table CHECK back from its stored node
-- text in every INSERT and UPDATE statement, and 0 would be stored as a
-- cast of an integer, IN (...) as an array of separate constants.
--
-- A domain's CHECK is read once per session (the type cache keeps it), a
-- table's in every statement that writes the table: the checks of a
-- single column on the tables every trade writes are domains (about 15,000
-- instructions a constraint and statement, docs/benchmarks.md).
CREATE DOMAIN ledger_natural_amount AS numeric
    CONSTRAINT ledger_natural_amount_not_negative CHECK (VALUE >= '0'::numeric)
    CONSTRAINT ledger_natural_amount_whole CHECK (min_scale(VALUE) = 0);
COMMENT ON DOMAIN ledger_natural_amount IS
    'a whole, non-negative number of base units (an asset''s supply and reserve)';
CREATE DOMAIN ledger_position AS bigint
    CONSTRAINT ledger_position_positive CHECK (VALUE > 0);
COMMENT ON DOMAIN ledger_position IS
    'a position in the hash chain: 1, 2, 3, ...';
CREATE DOMAIN ledger_hash AS bytea
    CONSTRAINT ledger_hash_length CHECK (octet_length(VALUE) = 32);
COMMENT ON DOMAIN ledger_hash IS
    'a keccak256 hash of the hash chain: 32 bytes';
CREATE DOMAIN ledger_single_row_key AS boolean
    CONSTRAINT ledger_single_row_key_true CHECK (VALUE);
COMMENT ON DOMAIN ledger_single_row_key IS
    'the key of a table of at most one row: its primary key holds only true';

CREATE TABLE ledger_holdings (
    account eth_address NOT NULL,
    asset asset NOT NULL,
    amount numeric NOT NULL,
    kind text NOT NULL DEFAULT 'user',
    CONSTRAINT ledger_holdings_pkey PRIMARY KEY (account, asset),
    CONSTRAINT ledger_holdings_kind FOREIGN KEY (kind) REFERENCES ledger_account_kinds (kind),
    CONSTRAINT ledger_holdings_whole CHECK (min_scale(amount) = 0),
    CONSTRAINT ledger_holdings_not_negative CHECK (amount >= '0'::numeric OR kind = ANY ('{issuance,world}'::text[]))
) WITH (fillfactor = 85);
COMMENT ON TABLE ledger_holdings IS
    'balances: the amount of each asset each account holds, in base units; never negative for user and reserve accounts';

-- The journal: one row per ledger transaction.  id comes from a sequence
-- (an aborted call may leave a gap); the hash chain in ledger_chain gives
-- the gap-free order of sealing.  request and result keep the call's arguments
-- and return values for idempotent replays by ref.
CREATE SEQUENCE ledger_transaction_id_seq AS bigint;
COMMENT ON SEQUENCE ledger_transaction_id_seq IS 'ids of ledger transactions';
CREATE TABLE ledger_transactions (
    id bigint NOT NULL,
    ref text NOT NULL,
    kind text NOT NULL,
    asset asset NOT NULL,
    request jsonb NOT NULL,
    result jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT ledger_transactions_pkey PRIMARY KEY (id),
    CONSTRAINT ledger_transactions_ref_key UNIQUE (ref),
    CONSTRAINT ledger_transactions_kind FOREIGN KEY (kind) REFERENCES ledger_transaction_kinds (kind),
    CONSTRAINT ledger_transactions_id_positive CHECK (id > 0)
);
CREATE INDEX ledger_transactions_asset_idx ON ledger_transactions (asset, id);
COMMENT ON TABLE ledger_transactions IS
    'the journal: one immutable row per ledger transaction, with the arguments and result of the call';

-- No foreign key to ledger_transactions: ledger_post writes a transaction
-- and its postings in one statement, the journal refuses UPDATE and
-- DELETE for every role, and ledger_verify()'s hash_chain check reports a
-- posting of no journal transaction.  A foreign key would check each
-- posting with a query of its own (9% of a buy's instructions,
-- docs/benchmarks.md).
-- n is an integer: a transaction may have more than 32,767 postings (a
-- payment into a data set of 100,000 contributors, docs/attribution.md).
CREATE TABLE ledger_postings (
    txn_id bigint NOT NULL,
    n integer NOT NULL,
    account eth_address NOT NULL,
    asset asset NOT NULL,
    amount numeric NOT NULL,
    CONSTRAINT ledger_postings_pkey PRIMARY KEY (txn_id, n),
    CONSTRAINT ledger_postings_n_positive CHECK (n > 0),
    CONSTRAINT ledger_postings_not_zero CHECK (amount <> '0'::numeric),
    CONSTRAINT ledger_postings_whole CHECK (min_scale(amount) = 0)
);
-- The per-account journal reads an account's postings through this index.
-- It leaves out the asset: every posting inserts into it at a random
-- place, and an asset's canonical text (63 bytes a posting on average in
-- the bench) would make it 2.5 times larger (42 MB against 17 MB over the
-- same postings), with more page splits and first-touch page images in
-- the WAL.  A filter on account and asset reads the
-- account's postings and checks their asset.
CREATE INDEX ledger_postings_account_idx ON ledger_postings (account, txn_id);
COMMENT ON TABLE ledger_postings IS
    'the journal''s immutable double-entry postings: per transaction and asset they sum to zero';

-- The hash chain: position seq (1, 2, 3, ... without gaps) chains the
-- transaction txn_id to its predecessor (docs/ledger.md, "Hash chain").
-- Transactions enter it when they are sealed (61_ledger_journal.sql), in
-- the order of sealing.
CREATE TABLE ledger_chain (
    seq ledger_position NOT NULL,
    txn_id bigint NOT NULL REFERENCES ledger_transactions (id),
    hash ledger_hash NOT NULL,
    CONSTRAINT ledger_chain_pkey PRIMARY KEY (seq),
    CONSTRAINT ledger_chain_txn_id_key UNIQUE (txn_id)
);
COMMENT ON TABLE ledger_chain IS
    'the journal''s hash chain: each transaction''s position and keccak256 hash, linked to the previous one';

-- The head of the hash chain: at most one row, written only by a sealer
-- (the holder of the seal lock).  Empty means the genesis state (seq 0, 32
-- zero bytes).  sealed_below is a transaction-id watermark: every
-- committed transaction whose top-level xid is below it has been sealed,
-- so the next sealer looks only at waiting rows from sealed_below on.
-- Transaction ids mean something only in the cluster that assigned them:
-- sealed_system is that cluster's system identifier, so that a watermark
-- restored from a pg_dump of another cluster is not trusted
-- (61_ledger_journal.sql, ledger_seal_waiting).
CREATE TABLE ledger_head (
    one ledger_single_row_key NOT NULL DEFAULT true,
    seq bigint NOT NULL,
    hash bytea NOT NULL,
    sealed_below xid8 NOT NULL,
    sealed_system bigint NOT NULL,
    CONSTRAINT ledger_head_pkey PRIMARY KEY (one)
);
COMMENT ON TABLE ledger_head IS
    'the latest position and hash of the journal''s hash chain (a single row; empty before the first transaction is sealed)';

-- Transactions waiting to be sealed into the chain.  ledger_post queues a
-- transaction here, with its hash-chain body, when it cannot seal it
-- itself; whoever holds the seal lock next moves the committed ones into
-- ledger_chain (61_ledger_journal.sql).
-- xact is the inserting top-level transaction's id, indexed so that a
-- sealer reads only the rows at or above ledger_head.sealed_below instead
-- of scanning the dead rows of this queue table.
CREATE TABLE ledger_unsealed (
    txn_id bigint NOT NULL REFERENCES ledger_transactions (id),
    body bytea NOT NULL,
    xact xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
    CONSTRAINT ledger_unsealed_pkey PRIMARY KEY (txn_id)
);
CREATE INDEX ledger_unsealed_xact_idx ON ledger_unsealed (xact);
COMMENT ON TABLE ledger_unsealed IS
    'journal transactions waiting to be sealed into the hash chain, with their hash-chain body; emptied by every sealer';

-- UPDATE, DELETE and TRUNCATE of the journal are refused for every role,
-- the owner and superusers included.  (A superuser can still disable
-- triggers or set session_replication_role = replica; ledger_verify() then
-- detects any change through the hash chain.)
CREATE FUNCTION ledger_refuse_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'the ledger journal is append-only'
        USING ERRCODE = 'CD007',
              DETAIL = format('%s on %s is refused for every role.', TG_OP, TG_TABLE_NAME),
              HINT = 'Correct a mistake with a new, compensating transaction.';
END
$$;
COMMENT ON FUNCTION ledger_refuse_change() IS
    'trigger function that refuses UPDATE, DELETE and TRUNCATE on the journal tables';

CREATE TRIGGER ledger_transactions_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_transactions
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_postings_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_postings
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_chain_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_chain
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- pg_dump dumps the contents of extension tables only when told to.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_holdings', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_transactions', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_postings', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_chain', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_head', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_unsealed', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_transaction_id_seq', '');
