-- liquidity pools in the catalog: tables, functions, SECURITY DEFINER with
-- a pinned search_path, privileges, comments
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(37);

SELECT has_table('creative_defi', 'ledger_pools', 'the pools table');
SELECT has_table('creative_defi', 'ledger_pool_history', 'the pool history table');
SELECT has_view('creative_defi', 'pools', 'the pools view');
SELECT col_is_pk('creative_defi', 'ledger_pools', 'id', 'pools are keyed by id');
SELECT col_is_unique('creative_defi', 'ledger_pools', ARRAY['asset_a', 'asset_b'], 'one pool per pair');
SELECT col_is_unique('creative_defi', 'ledger_pools', 'lp_asset', 'one LP asset per pool');
SELECT ok((SELECT count(*) = 1 FROM pg_constraint
            WHERE conname = 'ledger_pools_canonical' AND conrelid = 'creative_defi.ledger_pools'::regclass),
          'the pair is stored in canonical order (CHECK asset_a < asset_b)');
SELECT has_trigger('creative_defi', 'ledger_pool_history', 'ledger_pool_history_append_only', 'the pool history is append-only');
SELECT ok(EXISTS (SELECT FROM ledger_account_kinds WHERE kind = 'pool'),
          'holdings may be of kind pool (the pools'' row in the core''s registry of account kinds)');

-- the mutating functions: SECURITY DEFINER, search_path pinned, volatile
SELECT is_definer('creative_defi', f, f || ' is SECURITY DEFINER')
  FROM unnest(ARRAY['pool_create', 'pool_add_liquidity', 'pool_remove_liquidity', 'pool_swap']) AS f;
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
     WHERE p.pronamespace = 'creative_defi'::regnamespace AND p.proname LIKE 'pool%'
       AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'plpgsql')
       AND NOT (p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'])
$$, 'every PL/pgSQL pool function pins search_path');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
     WHERE p.pronamespace = 'creative_defi'::regnamespace AND p.proname LIKE 'pool%' AND p.prosecdef AND p.provolatile <> 'v'
$$, 'SECURITY DEFINER pool functions are VOLATILE');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
     WHERE p.pronamespace = 'creative_defi'::regnamespace AND p.proname LIKE 'pool%'
       AND obj_description(p.oid, 'pg_proc') IS NULL
$$, 'every pool function has a comment');
SELECT ok(obj_description('creative_defi.ledger_pools'::regclass, 'pg_class') IS NOT NULL
          AND obj_description('creative_defi.ledger_pool_history'::regclass, 'pg_class') IS NOT NULL
          AND obj_description('creative_defi.pools'::regclass, 'pg_class') IS NOT NULL
          AND obj_description('creative_defi.ledger_pool_id_seq'::regclass, 'pg_class') IS NOT NULL,
          'the pool tables, view and sequence have comments');
SELECT volatility_is('creative_defi', f, ARRAY[]::text[], 'stable', f || ' sees one snapshot')
  FROM unnest(ARRAY['pools_verify_reserves', 'pools_verify_history', 'pools_verify_k', 'pools_verify_accounts']) AS f;
SELECT is((SELECT array_agg(r.position || ' ' || r.function::text || ' ' || r.area ORDER BY r.position)
             FROM ledger_verify_checks_registry r WHERE r.area = 'pools'),
          ARRAY['70 pools_verify_reserves() pools', '71 pools_verify_history() pools',
                '72 pools_verify_k() pools', '73 pools_verify_accounts() pools'],
          'the four pool checks are registered at positions 70 to 73');
SELECT volatility_is('creative_defi', 'pool_lp_asset', ARRAY['asset', 'asset'], 'immutable', 'the LP asset is a function of the pair');

-- privileges: the operator may call the pool functions, the reader and PUBLIC may not
SELECT function_privs_are('creative_defi', f, a, 'creative_defi_operator', ARRAY['EXECUTE'], 'the operator may call ' || f)
  FROM (VALUES ('pool_create', ARRAY['asset', 'asset', 'integer']),
               ('pool_add_liquidity', ARRAY['bigint', 'eth_address', 'numeric', 'numeric', 'numeric', 'text']),
               ('pool_remove_liquidity', ARRAY['bigint', 'eth_address', 'numeric', 'numeric', 'numeric', 'text']),
               ('pool_swap', ARRAY['bigint', 'eth_address', 'asset', 'numeric', 'numeric', 'text'])) AS v(f, a);
SELECT function_privs_are('creative_defi', 'pool_swap', ARRAY['bigint', 'eth_address', 'asset', 'numeric', 'numeric', 'text'],
    'creative_defi_reader', ARRAY[]::text[], 'the reader may not swap');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
     WHERE p.pronamespace = 'creative_defi'::regnamespace AND p.proname LIKE 'pool%' AND a.grantee = 0
       AND p.proname NOT IN ('pool_account', 'pool_lp_asset')
$$, 'PUBLIC may execute no pool function but the two pure derivations');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
     WHERE p.pronamespace = 'creative_defi'::regnamespace
       AND p.proname IN ('pool_lock', 'pool_record')
       AND a.grantee <> p.proowner
$$, 'the internal pool functions are for the owner only');
SELECT table_privs_are('creative_defi', t, 'creative_defi_operator', ARRAY['SELECT'], 'the operator only reads ' || t)
  FROM unnest(ARRAY['ledger_pools', 'ledger_pool_history', 'pools']) AS t;
SELECT table_privs_are('creative_defi', t, 'creative_defi_reader', ARRAY['SELECT'], 'the reader only reads ' || t)
  FROM unnest(ARRAY['ledger_pools', 'ledger_pool_history', 'pools']) AS t;
SELECT is_empty($$
    SELECT c.relname FROM pg_class c, aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
     WHERE c.relnamespace = 'creative_defi'::regnamespace
       AND c.relname IN ('ledger_pools', 'ledger_pool_history', 'pools', 'ledger_pool_id_seq') AND a.grantee = 0
$$, 'PUBLIC has no privilege on the pool tables, view or sequence');

SELECT * FROM finish();
ROLLBACK;
