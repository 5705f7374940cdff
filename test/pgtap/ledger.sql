-- the ledger in the catalog: tables, functions, SECURITY DEFINER with a
-- pinned search_path, roles and privileges
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(67);

SELECT set_eq($$SELECT tablename::text FROM pg_tables WHERE schemaname = 'creative_defi' AND tablename LIKE 'ledger\_%'$$,
    ARRAY['ledger_assets', 'ledger_chain', 'ledger_head', 'ledger_holdings', 'ledger_postings', 'ledger_transactions',
          'ledger_unsealed', 'ledger_system_accounts', 'ledger_account_kinds', 'ledger_transaction_kinds',
          'ledger_issuers', 'ledger_issued_assets', 'ledger_verify_checks_registry', 'ledger_revenue_routes',
          'ledger_payee_routes',
          'ledger_pools', 'ledger_pool_history'],  -- pools: test/pgtap/pools.sql
    'the ledger''s tables, and no other ledger_* tables (other areas have their own)');
SELECT views_are('creative_defi', ARRAY['ledger_account_journal', 'ledger_asset_journal', 'pools',
    -- wallet access: test/pgtap/wallet_access.sql
    'wallet_holdings', 'wallet_postings', 'wallet_transactions', 'wallet_order_nonces', 'wallet_sign_ins',
    'wallet_proposals', 'wallet_approvals'], 'the journal views (and pools, and the wallet views)');
SELECT col_is_pk('creative_defi', 'ledger_holdings', ARRAY['account', 'asset'], 'a holding per (account, asset)');
SELECT col_is_pk('creative_defi', 'ledger_chain', 'seq', 'the chain is keyed by its position');
SELECT col_is_pk('creative_defi', 'ledger_unsealed', 'txn_id', 'a transaction waits to be sealed at most once');
SELECT fk_ok('creative_defi', 'ledger_unsealed', 'txn_id', 'creative_defi', 'ledger_transactions', 'id',
             'only journal transactions wait to be sealed');
SELECT col_is_unique('creative_defi', 'ledger_transactions', 'ref', 'refs are unique');
SELECT col_type_is('creative_defi', 'ledger_postings', 'n', 'integer',
    'postings are numbered by integer: a transaction may have more than 32,767 (a data set''s contributors, docs/attribution.md)');
SELECT set_eq($$SELECT c.relname::text || ' ' || o FROM pg_class c, unnest(c.reloptions) o
                WHERE c.relnamespace = 'creative_defi'::regnamespace AND c.relname LIKE 'ledger\_%'$$,
    ARRAY['ledger_holdings fillfactor=85', 'ledger_assets fillfactor=85'],
    'the two tables every trade updates leave room for updates in place (HOT); the journal tables are insert-only and packed');
-- the sealing watermark's cluster (docs/ledger.md, "Backup and restore")
SELECT is(ledger_system_identifier(), (pg_control_system()).system_identifier,
    'ledger_system_identifier() is the system identifier pg_control_system() reports');
-- the single-column checks of the tables a trade writes are domains
-- (read once per session, not in every statement: 60_ledger_schema.sql)
SELECT set_eq($$SELECT a.attrelid::regclass::text || '.' || a.attname || ' ' || a.atttypid::regtype::text
                FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
               WHERE t.typtype = 'd' AND a.attnum > 0 AND NOT a.attisdropped
                 AND a.attrelid::regclass::text IN ('ledger_chain', 'ledger_head', 'ledger_assets')$$,
    ARRAY['ledger_chain.seq ledger_position', 'ledger_chain.hash ledger_hash', 'ledger_head.one ledger_single_row_key',
          'ledger_assets.royalty_bps ledger_royalty_bps', 'ledger_assets.supply ledger_natural_amount',
          'ledger_assets.reserve ledger_natural_amount'],
    'the hash chain, its head and the asset rows check their columns with domains');
SELECT hasnt_fk('creative_defi', 'ledger_postings',
    'postings have no foreign key: ledger_post writes a transaction with its postings, ledger_verify() finds one without');
SELECT has_check('creative_defi', 'ledger_holdings', 'holdings have CHECK constraints (never negative)');
SELECT ok((SELECT count(*) = 1 FROM pg_constraint
            WHERE conname = 'ledger_holdings_not_negative' AND conrelid = 'creative_defi.ledger_holdings'::regclass),
          'the not-negative CHECK exists');
-- whole amounts: min_scale(x) = 0 (docs/benchmarks.md, "Where a buy's time goes")
SELECT throws_ok($$INSERT INTO creative_defi.ledger_holdings (account, asset, amount)
                   VALUES ('0x00000000000000000000000000000000000000f1', 'eip155:1/erc20:0x00000000000000000000000000000000000000f2', 1.5)$$,
    '23514', 'new row for relation "ledger_holdings" violates check constraint "ledger_holdings_whole"',
    'a holding of 1.5 base units is refused');
SELECT lives_ok($$INSERT INTO creative_defi.ledger_holdings (account, asset, amount)
                  VALUES ('0x00000000000000000000000000000000000000f1', 'eip155:1/erc20:0x00000000000000000000000000000000000000f2', 2.000)$$,
    'a whole amount written with trailing zeros (2.000) is accepted, as x = trunc(x) accepted it');
SELECT throws_ok($$INSERT INTO creative_defi.ledger_postings (txn_id, n, account, asset, amount)
                   VALUES (1, 1, '0x00000000000000000000000000000000000000f1', 'eip155:1/erc20:0x00000000000000000000000000000000000000f2', 0.5)$$,
    '23514', 'new row for relation "ledger_postings" violates check constraint "ledger_postings_whole"',
    'a posting of 0.5 base units is refused');
SELECT lives_ok($$SELECT creative_defi.register_asset('eip155:1/erc1155:0x00000000000000000000000000000000000000f3/1',
                    'eip155:1/erc20:0x00000000000000000000000000000000000000f2', creative_defi.linear_curve(1, 1),
                    '0x00000000000000000000000000000000000000f1=100%', '0x00000000000000000000000000000000000000f1')$$,
    'an asset to check the supply constraint on');
SELECT throws_ok($$UPDATE creative_defi.ledger_assets SET supply = supply + 0.5
                    WHERE asset = 'eip155:1/erc1155:0x00000000000000000000000000000000000000f3/1'$$,
    '23514', 'value for domain ledger_natural_amount violates check constraint "ledger_natural_amount_whole"',
    'a fractional supply is refused');
SELECT ok(NOT EXISTS (SELECT FROM pg_constraint c
                       WHERE c.contype = 'c' AND c.connamespace = 'creative_defi'::regnamespace
                         AND pg_get_constraintdef(c.oid) LIKE '%trunc(%'),
    'no CHECK constraint calls trunc(), a SQL function the executor would re-inline in every write');
SELECT has_trigger('creative_defi', 'ledger_transactions', 'ledger_transactions_append_only', 'transactions are append-only');
SELECT has_trigger('creative_defi', 'ledger_postings', 'ledger_postings_append_only', 'postings are append-only');
SELECT has_trigger('creative_defi', 'ledger_chain', 'ledger_chain_append_only', 'the chain is append-only');
SELECT is(ledger_events_channel(), 'creative_defi_ledger', 'every seal notifies the event feed''s listeners on one channel');

-- the mutating functions: SECURITY DEFINER, search_path pinned, volatile
SELECT is_definer('creative_defi', f, f || ' is SECURITY DEFINER')
  FROM unnest(ARRAY['deposit', 'withdraw', 'transfer', 'register_asset', 'buy', 'sell', 'distribute']) AS f;
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
     WHERE p.pronamespace = 'creative_defi'::regnamespace AND p.prosecdef
       AND NOT (p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'])
$$, 'every SECURITY DEFINER function pins search_path = pg_catalog, pg_temp');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
     WHERE p.pronamespace = 'creative_defi'::regnamespace AND p.prosecdef AND p.provolatile <> 'v'
$$, 'SECURITY DEFINER functions are VOLATILE');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
     WHERE p.pronamespace = 'creative_defi'::regnamespace AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'plpgsql')
       AND NOT (p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'])
$$, 'every PL/pgSQL function pins search_path');
-- a plan with a scan kind off costs that kind at disable_cost, which before
-- ANALYZE passes jit_above_cost: such a function must not compile each call
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
     WHERE p.pronamespace = 'creative_defi'::regnamespace
       AND EXISTS (SELECT FROM unnest(p.proconfig) c WHERE c ~ '^enable_[a-z]+=off$')
       AND NOT (p.proconfig @> ARRAY['jit=off'])
$$, 'every function that sets a scan or join kind off sets jit off too');
-- ledger_verify() seals first (so it is SECURITY DEFINER and volatile);
-- its checks run in one STABLE function, against one snapshot
SELECT volatility_is('creative_defi', 'ledger_verify_checks', ARRAY[]::text[], 'stable', 'ledger_verify''s checks see one snapshot');
SELECT is_definer('creative_defi', f, f || ' is SECURITY DEFINER: it seals the chain for the reader role too')
  FROM unnest(ARRAY['ledger_seal', 'journal_head', 'ledger_verify']) AS f;
SELECT isnt_definer('creative_defi', 'ledger_seal_waiting', ARRAY['bigint', 'bytea'],
    'the sealing step runs only inside the SECURITY DEFINER functions');

-- roles
SELECT has_role('creative_defi_operator', 'the operator role exists');
SELECT has_role('creative_defi_reader', 'the reader role exists');
SELECT is((SELECT rolcanlogin FROM pg_roles WHERE rolname = 'creative_defi_operator'), false, 'the operator role cannot log in');
SELECT is((SELECT rolcanlogin FROM pg_roles WHERE rolname = 'creative_defi_reader'), false, 'the reader role cannot log in');

-- privileges: nothing for PUBLIC, SELECT only for the roles
SELECT table_privs_are('creative_defi', t, 'creative_defi_operator', ARRAY['SELECT'], 'the operator only reads ' || t)
  FROM unnest(ARRAY['ledger_holdings', 'ledger_transactions', 'ledger_postings', 'ledger_chain', 'ledger_head', 'ledger_unsealed',
                    'ledger_assets']) AS t;
SELECT table_privs_are('creative_defi', t, 'creative_defi_reader', ARRAY['SELECT'], 'the reader only reads ' || t)
  FROM unnest(ARRAY['ledger_holdings', 'ledger_transactions', 'ledger_postings', 'ledger_chain', 'ledger_head', 'ledger_unsealed',
                    'ledger_assets']) AS t;
SELECT is_empty($$
    SELECT c.relname FROM pg_class c, aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
     WHERE c.relnamespace = 'creative_defi'::regnamespace AND c.relname LIKE 'ledger%' AND a.grantee = 0
$$, 'PUBLIC has no privilege on any ledger table, view or sequence');
SELECT function_privs_are('creative_defi', 'buy', ARRAY['asset', 'eth_address', 'numeric', 'numeric', 'text'],
    'creative_defi_operator', ARRAY['EXECUTE'], 'the operator may buy');
SELECT function_privs_are('creative_defi', 'buy', ARRAY['asset', 'eth_address', 'numeric', 'numeric', 'text'],
    'creative_defi_reader', ARRAY[]::text[], 'the reader may not buy');
SELECT function_privs_are('creative_defi', 'buy', ARRAY['asset', 'eth_address', 'numeric', 'numeric', 'text'],
    'public', ARRAY[]::text[], 'PUBLIC may not buy');
SELECT function_privs_are('creative_defi', 'ledger_verify', ARRAY[]::text[],
    'creative_defi_reader', ARRAY['EXECUTE'], 'the reader may verify');
SELECT function_privs_are('creative_defi', 'ledger_seal', ARRAY[]::text[],
    'creative_defi_reader', ARRAY['EXECUTE'], 'the reader may seal');
SELECT function_privs_are('creative_defi', 'ledger_seal', ARRAY[]::text[],
    'creative_defi_operator', ARRAY['EXECUTE'], 'the operator may seal');
SELECT function_privs_are('creative_defi', 'ledger_seal_waiting', ARRAY['bigint', 'bytea'],
    'creative_defi_operator', ARRAY[]::text[], 'the operator may not run the internal sealing step');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
     WHERE p.pronamespace = 'creative_defi'::regnamespace AND a.grantee = 0
       AND (p.prosecdef OR p.proname IN ('ledger_post', 'ledger_postings_normalize', 'ledger_replay', 'ledger_lock_asset', 'balance', 'holdings',
                                         'journal_head', 'ledger_verify', 'ledger_verify_checks', 'ledger_seal',
                                         'ledger_seal_waiting', 'ledger_sealed_head', 'ledger_can_seal'))
$$, 'PUBLIC may execute no mutating, internal or ledger-reading function');

SELECT * FROM finish();
ROLLBACK;
