-- Catalog checks for signed orders and approval checkpoints: which
-- functions are SECURITY DEFINER with a pinned search_path, who may
-- execute what, and that no role but the owner writes the tables.
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(20);

-- the entry points run as the owner, with search_path pinned
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
     WHERE p.oid IN ('execute_order(jsonb, bytea)'::regprocedure, 'cancel_nonce(jsonb, bytea)'::regprocedure,
                     'propose_change(asset, jsonb, eth_address, timestamptz)'::regprocedure,
                     'approve_change(bigint, bytea)'::regprocedure,
                     'set_order_domain(text, text, numeric, eth_address)'::regprocedure,
                     'set_approvers(asset, eth_address[], integer)'::regprocedure)
       AND (NOT p.prosecdef OR p.proconfig IS DISTINCT FROM ARRAY['search_path=pg_catalog, pg_temp'])
$$, 'the six entry points are SECURITY DEFINER with search_path = pg_catalog, pg_temp');
-- the internal helpers are not: they run only inside the entry points
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
     WHERE p.pronamespace = 'creative_defi'::regnamespace
       AND (p.proname LIKE 'order\_%' OR p.proname LIKE 'approvals\_%' OR p.proname = 'approval_typed_data')
       AND p.prosecdef
$$, 'order_* and approvals_* helpers are not SECURITY DEFINER');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
     WHERE p.pronamespace = 'creative_defi'::regnamespace
       AND (p.proname LIKE 'order\_%' OR p.proname LIKE 'approvals\_%' OR p.proname = 'approval_typed_data')
       AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'plpgsql')
       AND p.proconfig IS DISTINCT FROM ARRAY['search_path=pg_catalog, pg_temp']
$$, 'PL/pgSQL helpers pin search_path');

-- who may execute what
SELECT ok(has_function_privilege('creative_defi_app', 'execute_order(jsonb, bytea)', 'EXECUTE')
      AND has_function_privilege('creative_defi_app', 'cancel_nonce(jsonb, bytea)', 'EXECUTE')
      AND has_function_privilege('creative_defi_operator', 'propose_change(asset, jsonb, eth_address, timestamptz)', 'EXECUTE')
      AND has_function_privilege('creative_defi_app', 'approve_change(bigint, bytea)', 'EXECUTE'),
   'the app role executes orders, cancels and approves; the operator proposes');
SELECT ok(NOT has_function_privilege('creative_defi_reader', 'execute_order(jsonb, bytea)', 'EXECUTE')
      AND NOT has_function_privilege('creative_defi_reader', 'cancel_nonce(jsonb, bytea)', 'EXECUTE')
      AND NOT has_function_privilege('creative_defi_reader', 'propose_change(asset, jsonb, eth_address, timestamptz)', 'EXECUTE')
      AND NOT has_function_privilege('creative_defi_reader', 'approve_change(bigint, bytea)', 'EXECUTE'),
   'the reader role executes none of them');
SELECT ok(NOT has_function_privilege('creative_defi_operator', 'set_order_domain(text, text, numeric, eth_address)', 'EXECUTE')
      AND NOT has_function_privilege('creative_defi_operator', 'set_approvers(asset, eth_address[], integer)', 'EXECUTE')
      AND NOT has_function_privilege('creative_defi_app', 'set_approvers(asset, eth_address[], integer)', 'EXECUTE')
      AND NOT has_function_privilege('creative_defi_reader', 'set_order_domain(text, text, numeric, eth_address)', 'EXECUTE')
      AND NOT has_function_privilege('creative_defi_reader', 'set_approvers(asset, eth_address[], integer)', 'EXECUTE'),
   'no role sets the domain or the approvers (owner only)');
SELECT ok(has_function_privilege('creative_defi_reader', 'order_typed_data(text, jsonb)', 'EXECUTE')
      AND has_function_privilege('creative_defi_reader', 'approval_typed_data(bigint)', 'EXECUTE')
      AND has_function_privilege('creative_defi_reader', 'order_domain_json()', 'EXECUTE'),
   'readers may build typed data for wallets');
-- PUBLIC holds no EXECUTE on any of them (no ACL entry with grantee 0)
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
     WHERE p.pronamespace = 'creative_defi'::regnamespace
       AND (p.proname LIKE 'order\_%' OR p.proname LIKE 'approvals\_%' OR p.proname IN
            ('approval_typed_data', 'execute_order', 'cancel_nonce', 'propose_change', 'approve_change',
             'set_order_domain', 'set_approvers'))
       AND (p.proacl IS NULL OR EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0))
$$, 'PUBLIC executes none of the order and approval functions');

-- tables: read by both roles, written by neither, nothing for PUBLIC
SELECT is_empty($$
    SELECT c.relname || ' ' || r.rolname || ' ' || pr.p
      FROM unnest(ARRAY['order_domain', 'order_nonces', 'approval_policies', 'approval_proposals', 'approval_signatures']) AS c(relname),
           unnest(ARRAY['creative_defi_reader', 'creative_defi_app', 'creative_defi_treasury', 'creative_defi_operator']) AS r(rolname),
           unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS pr(p)
     WHERE has_table_privilege(r.rolname, 'creative_defi.' || c.relname, pr.p)
$$, 'no role may write the order and approval tables');
SELECT is_empty($$
    SELECT c.relname || ' ' || r.rolname
      FROM unnest(ARRAY['order_domain', 'order_nonces', 'approval_policies', 'approval_proposals', 'approval_signatures']) AS c(relname),
           unnest(ARRAY['creative_defi_reader', 'creative_defi_app', 'creative_defi_treasury', 'creative_defi_operator']) AS r(rolname)
     WHERE NOT has_table_privilege(r.rolname, 'creative_defi.' || c.relname, 'SELECT')
$$, 'every role may read them');
SELECT is_empty($$
    SELECT c.relname FROM pg_class c
     WHERE c.relnamespace = 'creative_defi'::regnamespace
       AND c.relname IN ('order_domain', 'order_nonces', 'approval_policies', 'approval_proposals', 'approval_signatures')
       AND (c.relacl IS NULL OR EXISTS (SELECT 1 FROM aclexplode(c.relacl) a WHERE a.grantee = 0))
$$, 'PUBLIC has no privilege on them');

-- the hooks into the ledger
SELECT has_column('creative_defi', 'ledger_assets', 'paused', 'ledger_assets has the paused flag');
SELECT col_not_null('creative_defi', 'ledger_assets', 'paused', 'paused is NOT NULL');
SELECT has_trigger('creative_defi', 'ledger_assets', 'ledger_assets_paused', 'a trigger refuses supply changes of paused assets');
SELECT has_trigger('creative_defi', 'ledger_assets', 'ledger_assets_governed',
   'a trigger refuses changes of governed asset fields that the journal does not give');
-- it fires only for UPDATEs naming a governed column (a trade's SET
-- supply, reserve does not evaluate it), before each row, and is enabled
SELECT is((SELECT array_agg(a.attname::text ORDER BY a.attname)
             FROM pg_trigger t JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = ANY (t.tgattr)
            WHERE t.tgname = 'ledger_assets_governed'),
   ARRAY['asset', 'content_hash', 'creator', 'currency', 'curve', 'metadata', 'paused', 'reserve_account',
         'royalty_bps', 'split', 'txn_id'],
   'ledger_assets_governed fires for updates of exactly the governed columns (not supply, reserve, created_at)');
SELECT ok((SELECT t.tgenabled = 'O' AND t.tgtype = 1 | 2 | 16 FROM pg_trigger t WHERE t.tgname = 'ledger_assets_governed'),
   'ledger_assets_governed is an enabled BEFORE UPDATE row trigger');
SELECT volatility_is('creative_defi', 'approvals_assets_verify', ARRAY[]::text[], 'stable',
   'the assets check of ledger_verify sees one snapshot');
SELECT ok(EXISTS (SELECT FROM ledger_transaction_kinds WHERE kind = 'change'),
   'the journal accepts transactions of kind change (the approvals'' row in the core''s registry)');
SELECT is((SELECT count(*)::int FROM pg_constraint
            WHERE confrelid IN ('ledger_transactions'::regclass, 'ledger_assets'::regclass)
              AND conrelid IN ('order_nonces'::regclass, 'approval_policies'::regclass, 'approval_proposals'::regclass)),
   0, 'no foreign keys from order or approval tables into the ledger''s (nothing cascades from the journal)');

SELECT * FROM finish();
ROLLBACK;
