-- Wallet access in the catalog: the role creative_defi_wallet_app reads
-- exactly the wallet_* views (security barriers filtered by
-- current_wallet()), and every function it may execute that is not
-- IMMUTABLE (so may read the ledger's tables) is one listed here, each of
-- which returns only the session's wallet's rows or refuses.  A new
-- function granted to the role fails this test until it is reviewed and
-- listed.
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(9);

SELECT has_role('creative_defi_wallet_app', 'the wallet app role exists');
SELECT is((SELECT rolcanlogin OR rolsuper OR rolbypassrls OR rolcreaterole OR rolcreatedb OR rolreplication
             FROM pg_roles WHERE rolname = 'creative_defi_wallet_app'), false,
          'creative_defi_wallet_app is a plain NOLOGIN role (BYPASSRLS would not matter to views, but nothing else is granted)');
SELECT is_empty($$SELECT roleid::regrole::text FROM pg_auth_members WHERE member = 'creative_defi_wallet_app'::regrole$$,
                'creative_defi_wallet_app is a member of no role, so it inherits no read privilege');

SELECT bag_eq($$
    SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'creative_defi'
       AND (has_table_privilege('creative_defi_wallet_app', c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
            OR (c.relkind = 'S' AND has_sequence_privilege('creative_defi_wallet_app', c.oid, 'USAGE, SELECT, UPDATE')))$$,
    ARRAY['wallet_holdings', 'wallet_postings', 'wallet_transactions', 'wallet_order_nonces', 'wallet_sign_ins',
          'wallet_proposals', 'wallet_approvals', 'order_domain'],
    'creative_defi_wallet_app reads the wallet_* views, the one row of the orders'' domain (the same for every wallet), and no other table, view or sequence');
SELECT is_empty($$
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'creative_defi' AND c.relname LIKE 'wallet\_%' AND c.relkind = 'v'
       AND (has_table_privilege('creative_defi_wallet_app', c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')
            OR NOT coalesce('security_barrier=true' = ANY (c.reloptions), false))$$,
    'the wallet_* views are security barriers, read-only for the role');
SELECT is_empty($$
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'creative_defi' AND c.relname LIKE 'wallet\_%' AND c.relkind = 'v'
       AND pg_get_viewdef(c.oid) NOT LIKE '%current_wallet()%' AND pg_get_viewdef(c.oid) NOT LIKE '%wallet_proposals%'$$,
    'each wallet_* view filters by current_wallet() (wallet_approvals through wallet_proposals)');

-- the reviewed list: sign-in and session functions (wallet_login returns
-- the row of the session it opens), the wallet_* acts (CD078 without a
-- session, CD079 for another signer), wallet_approval_typed_data
-- (proposals of wallet_proposals only), and the typed-data builders,
-- which read only the order domain (one row, the same for every wallet)
SELECT bag_eq($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'creative_defi' AND p.provolatile <> 'i'
       AND has_function_privilege('creative_defi_wallet_app', p.oid, 'EXECUTE')$$,
    ARRAY['siwe_nonce(text,interval)', 'wallet_login(text,bytea)', 'wallet_logout(text)', 'current_wallet()',
          'wallet_execute_order(jsonb,bytea)', 'wallet_cancel_nonce(jsonb,bytea)', 'wallet_approve_change(bigint,bytea)',
          'wallet_approval_typed_data(bigint)', 'order_domain_json()', 'order_typed_data(text,jsonb)'],
    'every function creative_defi_wallet_app may execute that is not IMMUTABLE is a reviewed one');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'creative_defi' AND p.provolatile = 'i' AND p.prosecdef
       AND has_function_privilege('creative_defi_wallet_app', p.oid, 'EXECUTE')$$,
    'no IMMUTABLE function the role may execute runs with its owner''s rights (so none reads a table the role cannot)');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname = 'creative_defi' AND p.proname IN ('wallet_execute_order', 'wallet_cancel_nonce', 'wallet_approve_change',
                                                        'wallet_approval_typed_data')
       AND NOT (p.prosecdef AND p.proconfig = ARRAY['search_path=pg_catalog, pg_temp']
                AND NOT has_function_privilege('public', p.oid, 'EXECUTE'))$$,
    'the wallet_* functions are SECURITY DEFINER with a fixed search_path, not executable by PUBLIC');

SELECT * FROM finish();
ROLLBACK;
