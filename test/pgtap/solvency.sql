-- solvency in the catalog: tables, append-only triggers, function flags,
-- the registered check, and privileges (the salts readable by no role)
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(39);

SELECT has_table('creative_defi', t, 'the table ' || t)
  FROM unnest(ARRAY['liabilities_snapshots', 'liabilities_leaves', 'liabilities_levels']) AS t;
SELECT col_is_pk('creative_defi', 'liabilities_snapshots', 'id', 'snapshots are keyed by id');
SELECT col_is_unique('creative_defi', 'liabilities_snapshots', 'ref', 'one snapshot per ref');
SELECT col_is_pk('creative_defi', 'liabilities_leaves', ARRAY['snapshot_id', 'position'], 'leaves are keyed by position');
SELECT col_is_unique('creative_defi', 'liabilities_leaves', ARRAY['snapshot_id', 'account'], 'one leaf per account');
SELECT has_trigger('creative_defi', t, t || '_append_only', t || ' is append-only')
  FROM unnest(ARRAY['liabilities_snapshots', 'liabilities_leaves', 'liabilities_levels']) AS t;
SELECT is((SELECT attstorage FROM pg_attribute WHERE attrelid = 'creative_defi.liabilities_levels'::regclass
            AND attname = 'nodes'), 'e'::"char", 'levels are stored EXTERNAL, so a proof reads a slice');

-- flags: pure functions, the two SECURITY DEFINER ones with a pinned search_path
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
     WHERE p.oid IN ('liabilities_verify(jsonb)'::regprocedure,
                     'liabilities_tree_levels(bytea,numeric[],bytea)'::regprocedure,
                     'liabilities_proof_json(eth_address,numeric,bytea,bigint,bigint,bytea[],bytea,numeric)'::regprocedure,
                     'claims_leaf(eth_address,numeric)'::regprocedure,
                     'claims_tree(bytea[])'::regprocedure)
       AND NOT (p.provolatile = 'i' AND p.proisstrict AND p.proparallel = 's' AND NOT p.prosecdef)
$$, 'the pure functions are IMMUTABLE STRICT PARALLEL SAFE');
SELECT is_definer('creative_defi', f, f || ' is SECURITY DEFINER')
  FROM unnest(ARRAY['liabilities_snapshot', 'liabilities_proof', 'claims_root', 'claims_proof']) AS f;
-- (their search_path: test/pgtap/ledger.sql checks every SECURITY DEFINER function)
SELECT volatility_is('creative_defi', 'liabilities_random_salts', ARRAY['integer'], 'volatile', 'salts are random');
SELECT volatility_is('creative_defi', f, ARRAY[]::text[], 'stable', f || ' sees one snapshot')
  FROM unnest(ARRAY['liabilities_verify_snapshots', 'claims_verify_trees', 'checkpoint_verify']) AS f;
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
     WHERE p.pronamespace = 'creative_defi'::regnamespace AND (p.proname LIKE 'liabilities%' OR p.proname LIKE 'claims%' OR p.proname LIKE '%checkpoint%')
       AND obj_description(p.oid, 'pg_proc') IS NULL
$$, 'every liabilities, claims and checkpoint function has a comment');
SELECT is((SELECT array_agg(r.position || ' ' || r.function::text || ' ' || r.area ORDER BY r.position)
             FROM ledger_verify_checks_registry r WHERE r.area = 'solvency'),
          ARRAY['82 liabilities_verify_snapshots() solvency', '83 claims_verify_trees() solvency',
                '84 checkpoint_verify() solvency'],
          'the checks of liabilities, claim trees and checkpoints are registered at positions 82 to 84');

-- privileges
SELECT is_empty($$
    SELECT r || ' ' || c FROM unnest(ARRAY['creative_defi_reader', 'creative_defi_app', 'creative_defi_treasury',
                                           'creative_defi_operator']) AS r,
                          unnest(ARRAY['snapshot_id', 'position', 'account', 'balance']) AS c
     WHERE NOT has_column_privilege(r, 'creative_defi.liabilities_leaves', c, 'SELECT')
$$, 'every role reads the leaves but their salts');
SELECT is_empty($$
    SELECT r FROM unnest(ARRAY['creative_defi_reader', 'creative_defi_app', 'creative_defi_treasury',
                               'creative_defi_operator', 'public']) AS r
     WHERE has_column_privilege(r, 'creative_defi.liabilities_leaves', 'salt', 'SELECT')
$$, 'no role reads a salt: it leaves the database only in its holder''s proof');
SELECT function_privs_are('creative_defi', 'liabilities_snapshot', ARRAY['asset', 'text'], 'creative_defi_operator',
    ARRAY['EXECUTE'], 'the operator takes snapshots');
SELECT function_privs_are('creative_defi', 'liabilities_snapshot', ARRAY['asset', 'text'], 'creative_defi_reader',
    ARRAY[]::text[], 'the reader does not');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
     WHERE p.pronamespace = 'creative_defi'::regnamespace
       AND p.proname IN ('liabilities_random_salts', 'liabilities_proof_json', 'liabilities_balances_at',
                         'liabilities_verify_snapshots', 'claims_leaves', 'liabilities_leaf_of')
       AND a.grantee <> p.proowner
$$, 'the internal liabilities functions are for the owner only');

-- stored claim trees and signed checkpoints
SELECT has_table('creative_defi', t, 'the table ' || t)
  FROM unnest(ARRAY['claims_trees', 'checkpoint_auditors', 'checkpoint_signatures']) AS t;
SELECT has_trigger('creative_defi', t, t || '_append_only', t || ' is append-only')
  FROM unnest(ARRAY['claims_trees', 'checkpoint_auditors', 'checkpoint_signatures']) AS t;
SELECT has_trigger('creative_defi', 'liabilities_leaves', 'liabilities_leaves_claims_tree',
    'the leaves'' trigger stores the claim tree at snapshot time');
SELECT is((SELECT attstorage FROM pg_attribute WHERE attrelid = 'creative_defi.claims_trees'::regclass
            AND attname = 'nodes'), 'e'::"char", 'claim trees are stored EXTERNAL, so a proof reads a slice');
SELECT is_definer('creative_defi', f, f || ' is SECURITY DEFINER')
  FROM unnest(ARRAY['record_checkpoint', 'checkpoint_json', 'set_checkpoint_auditors']) AS f;
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
     WHERE p.pronamespace = 'creative_defi'::regnamespace
       AND p.proname IN ('claims_store_trees', 'claims_tree_of', 'claims_tree_index', 'liabilities_changes_between',
                         'checkpoint_count', 'checkpoint_signed_other', 'set_checkpoint_auditors',
                         'checkpoint_auditor_set', 'claims_tree_difference', 'claims_verify_trees',
                         'checkpoint_signature_defect', 'checkpoint_verify')
       AND a.grantee <> p.proowner
$$, 'the internal claims and checkpoint functions, and set_checkpoint_auditors, are for the owner only');

SELECT * FROM finish();
ROLLBACK;
