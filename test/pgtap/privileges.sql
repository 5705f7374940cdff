-- privileges: the roles, exactly what each may execute and read, and
-- exactly what PUBLIC may execute (docs/ledger.md, "Roles and privileges")
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(20);

-- the functions a role may execute by a grant of its own (PUBLIC's aside)
CREATE TEMP VIEW role_functions AS
SELECT r.rolname::text AS role, p.oid::regprocedure::text AS fn
  FROM pg_proc p
 CROSS JOIN LATERAL aclexplode(p.proacl) a
  JOIN pg_roles r ON r.oid = a.grantee
 WHERE p.pronamespace = 'creative_defi'::regnamespace AND a.privilege_type = 'EXECUTE'
   AND r.rolname LIKE 'creative\_defi\_%';

-- the four roles, and the wallet app role (test/pgtap/wallet_access.sql):
-- NOLOGIN, no special attributes, members of no role
SELECT set_eq($$SELECT rolname::text FROM pg_roles WHERE rolname LIKE 'creative\_defi\_%'$$,
    ARRAY['creative_defi_reader', 'creative_defi_app', 'creative_defi_treasury', 'creative_defi_operator',
          'creative_defi_wallet_app'],
    'the extension''s roles: reader, app, treasury, operator, wallet app');
SELECT is_empty($$
    SELECT rolname FROM pg_roles
     WHERE rolname LIKE 'creative\_defi\_%'
       AND (rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls)
$$, 'each role is a plain NOLOGIN role');
SELECT is_empty($$
    SELECT r.rolname FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid
     WHERE r.rolname LIKE 'creative\_defi\_%'
$$, 'no role is a member of another role, so each grants exactly its own privileges');

-- what every role may execute: read balances, the journal, the typed data
-- and lineages, and verify (each role's set below starts with it)
CREATE FUNCTION pg_temp.reads() RETURNS text[] LANGUAGE sql AS $$
SELECT ARRAY['balance(eth_address,asset)', 'holdings(eth_address)', 'journal_head()', 'ledger_seal()', 'ledger_verify()', 'ledger_events(bigint,integer)',
             'order_domain_json()', 'order_types()', 'order_typed_data(text,jsonb)', 'approval_typed_data(bigint)',
             'current_wallet()', 'royalty_stack(asset)', 'lineage(asset)', 'descendants(asset)',
             'liabilities_proof(bigint,eth_address)', 'claims_root(bigint)', 'claims_proof(bigint,eth_address)',
             'checkpoint_types()', 'checkpoint_typed_data(bigint)', 'checkpoint_json(bigint)',
             'checkpoint_typed_data_of(liabilities_snapshots,bytea,jsonb)',
             'link_approval_typed_data(bigint)', 'provenance_types()', 'provenance_typed_data(asset,bytea,eth_address,jsonb)',
             'dividend_account(asset)', 'dividends_owed(eth_address,asset)', 'dividends_status(asset)',
             'contributors(asset)', 'attribution_apportion(numeric[],numeric)',
             'attribution_weights_hash(eth_address[],numeric[])', 'contributors_approval_typed_data(bigint)']
$$;

-- each role's exact set of executable functions
SELECT set_eq($$SELECT fn FROM role_functions WHERE role = 'creative_defi_reader'$$,
    pg_temp.reads(),
    'the reader reads balances, the journal head, the typed data and lineages, and verifies');
SELECT set_eq($$SELECT fn FROM role_functions WHERE role = 'creative_defi_app'$$,
    pg_temp.reads() || ARRAY[
          'execute_order(jsonb,bytea)', 'cancel_nonce(jsonb,bytea)', 'approve_change(bigint,bytea)',
          'record_checkpoint(bigint,bytea)', 'approve_link(bigint,bytea)', 'approve_contributors(bigint,bytea)',
          'siwe_nonce(text,interval)', 'wallet_login(text,bytea)', 'wallet_logout(text)'],
    'the app role reads, runs only the wallet-signed paths, and opens and closes wallet sessions');
SELECT set_eq($$SELECT fn FROM role_functions WHERE role = 'creative_defi_treasury'$$,
    pg_temp.reads() || ARRAY[
          'deposit(eth_address,asset,numeric,text)', 'withdraw(eth_address,asset,numeric,text)'],
    'the treasury reads, deposits and withdraws');
SELECT set_eq($$SELECT fn FROM role_functions WHERE role = 'creative_defi_operator'$$,
    pg_temp.reads() || ARRAY[
          'link_derivative(asset,asset,text,integer)',
          'register_derivative(asset,asset,bonding_curve,royalty_split,eth_address,jsonb,integer,bytea,jsonb)',
          'propose_link(asset,asset,text,integer,eth_address,timestamp with time zone)',
          'register_generated_work(asset,asset,bonding_curve,royalty_split,eth_address,bytea,eth_address,jsonb,bytea,integer,jsonb)',
          'transfer(eth_address,eth_address,asset,numeric,text)',
          'register_asset(asset,asset,bonding_curve,royalty_split,eth_address,integer,bytea,jsonb)',
          'buy(asset,eth_address,numeric,numeric,text)', 'sell(asset,eth_address,numeric,numeric,text)',
          'distribute(asset,eth_address,numeric,text)', 'propose_change(asset,jsonb,eth_address,timestamp with time zone)',
          'pool_create(asset,asset,integer)', 'pool_add_liquidity(bigint,eth_address,numeric,numeric,numeric,text)',
          'pool_remove_liquidity(bigint,eth_address,numeric,numeric,numeric,text)',
          'pool_swap(bigint,eth_address,asset,numeric,numeric,text)', 'liabilities_snapshot(asset,text)',
          'record_checkpoint(bigint,bytea)',
          'dividends_enable(asset,integer,asset)', 'pay_dividends(asset,eth_address,numeric,text)',
          'claim_dividends(eth_address,asset,text)',
          'change_link(asset,asset,text,integer)', 'unlink_derivative(asset,asset)',
          'propose_unlink(asset,asset,eth_address,timestamp with time zone)',
          'propose_link_change(asset,asset,text,integer,eth_address,timestamp with time zone)',
          'record_contributors(asset,eth_address[],numeric[],text)',
          'wallet_identity_purge(interval)',
          'propose_contributors(asset,eth_address[],numeric[],eth_address,timestamp with time zone)'],
    'the operator reads, runs the direct operations and purges old sign-in nonces and sessions');
SELECT is_empty($$SELECT fn FROM role_functions WHERE fn LIKE 'set\_%'$$,
    'set_order_domain, set_approvers and set_checkpoint_auditors are the owner''s alone');
SELECT ok(NOT has_function_privilege('creative_defi_app', 'transfer(eth_address,eth_address,asset,numeric,text)', 'EXECUTE')
      AND NOT has_function_privilege('creative_defi_app', 'withdraw(eth_address,asset,numeric,text)', 'EXECUTE')
      AND NOT has_function_privilege('creative_defi_app', 'sell(asset,eth_address,numeric,numeric,text)', 'EXECUTE'),
    'the app role cannot move funds without a signature (has_function_privilege, PUBLIC included)');
SELECT ok(NOT has_function_privilege('creative_defi_operator', 'deposit(eth_address,asset,numeric,text)', 'EXECUTE')
      AND NOT has_function_privilege('creative_defi_treasury', 'buy(asset,eth_address,numeric,numeric,text)', 'EXECUTE'),
    'the operator cannot create money; the treasury cannot trade');

-- tables, views and sequences: every role reads, none writes, PUBLIC nothing
SELECT is_empty($$
    SELECT c.relname || ' ' || r.rolname || ' ' || pr.p
      FROM pg_class c,
           unnest(ARRAY['creative_defi_reader', 'creative_defi_app', 'creative_defi_treasury', 'creative_defi_operator',
                         'creative_defi_wallet_app']) AS r(rolname),
           unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) AS pr(p)
     WHERE c.relnamespace = 'creative_defi'::regnamespace AND c.relkind IN ('r', 'v', 'p')
       AND has_table_privilege(r.rolname, c.oid, pr.p)
$$, 'no role may write any table of the extension');
SELECT is_empty($$
    SELECT c.relname || ' ' || r.rolname
      FROM pg_class c,
           unnest(ARRAY['creative_defi_reader', 'creative_defi_app', 'creative_defi_treasury', 'creative_defi_operator']) AS r(rolname)
     WHERE c.relnamespace = 'creative_defi'::regnamespace AND c.relkind IN ('r', 'v', 'p')
       AND NOT has_table_privilege(r.rolname, c.oid, 'SELECT')
       -- every column but the salts (test/pgtap/solvency.sql)
       AND c.relname <> 'liabilities_leaves'
$$, 'every role reads every table and view (liabilities_leaves but its salt column)');
SELECT is_empty($$
    SELECT c.relname FROM pg_class c, aclexplode(coalesce(c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner))) a
     WHERE c.relnamespace = 'creative_defi'::regnamespace AND c.relkind IN ('r', 'v', 'p', 'S') AND a.grantee = 0
$$, 'PUBLIC has no privilege on any table, view or sequence');
SELECT is_empty($$
    SELECT c.relname || ' ' || r.rolname
      FROM pg_class c,
           unnest(ARRAY['creative_defi_reader', 'creative_defi_app', 'creative_defi_treasury', 'creative_defi_operator',
                         'creative_defi_wallet_app']) AS r(rolname)
     WHERE c.relnamespace = 'creative_defi'::regnamespace AND c.relkind = 'S'
       AND has_sequence_privilege(r.rolname, c.oid, 'USAGE, UPDATE')
$$, 'no role may draw from a sequence');

-- the pure API is open to every role (item 17): the schema, and the
-- pure functions keep PUBLIC's EXECUTE
SELECT ok(has_schema_privilege('public', 'creative_defi', 'USAGE'), 'PUBLIC has USAGE on the schema');
SELECT ok(NOT has_schema_privilege('public', 'creative_defi', 'CREATE'), 'PUBLIC cannot create objects in it');

-- exactly the documented pure API is executable by PUBLIC; every
-- internal function (ledger_royalty, the checks, the sealing step) is not
SELECT set_eq($$
    SELECT p.oid::regprocedure::text
      FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
     WHERE p.pronamespace = 'creative_defi'::regnamespace AND a.grantee = 0 AND a.privilege_type = 'EXECUTE'
$$, ARRAY[
    'amm_amount_in(numeric,numeric,numeric,integer)',
    'amm_amount_out(numeric,numeric,numeric,integer)',
    'amm_liquidity_burned(numeric,numeric,numeric,numeric)',
    'amm_liquidity_minted(numeric,numeric,numeric,numeric,numeric)',
    'amm_quote(numeric,numeric,numeric)',
    'asset(text,text,text,text)',
    'asset_chain(asset)',
    'asset_cmp(asset,asset)',
    'asset_eq(asset,asset)',
    'asset_from_parts(text,text,text)',
    'asset_from_parts(text,text,text,text)',
    'asset_ge(asset,asset)',
    'asset_gt(asset,asset)',
    'asset_hash(asset)',
    'asset_hash_extended(asset,bigint)',
    'asset_in(cstring)',
    'asset_larger(asset,asset)',
    'asset_le(asset,asset)',
    'asset_lt(asset,asset)',
    'asset_namespace(asset)',
    'asset_ne(asset,asset)',
    'asset_out(asset)',
    'asset_recv(internal)',
    'asset_reference(asset)',
    'asset_send(asset)',
    'asset_smaller(asset,asset)',
    'asset_token_id(asset)',
    'bancor_curve(numeric,numeric,numeric)',
    'bonding_curve_cmp(bonding_curve,bonding_curve)',
    'bonding_curve_eq(bonding_curve,bonding_curve)',
    'bonding_curve_from_jsonb(jsonb)',
    'bonding_curve_ge(bonding_curve,bonding_curve)',
    'bonding_curve_gt(bonding_curve,bonding_curve)',
    'bonding_curve_hash(bonding_curve)',
    'bonding_curve_hash_extended(bonding_curve,bigint)',
    'bonding_curve_in(cstring)',
    'bonding_curve_le(bonding_curve,bonding_curve)',
    'bonding_curve_lt(bonding_curve,bonding_curve)',
    'bonding_curve_ne(bonding_curve,bonding_curve)',
    'bonding_curve_out(bonding_curve)',
    'bonding_curve_recv(internal)',
    'bonding_curve_send(bonding_curve)',
    'bonding_curve_to_jsonb(bonding_curve)',
    'claims_leaf(eth_address,numeric)',
    'claims_tree(bytea[])',
    'constant_product_curve(numeric,numeric)',
    'curve_buy_amount(bonding_curve,numeric,numeric)',
    'curve_buy_cost(bonding_curve,numeric,numeric)',
    'curve_kind(bonding_curve)',
    'curve_points(bonding_curve,numeric,numeric,integer)',
    'curve_price(bonding_curve,numeric)',
    'curve_reserve(bonding_curve,numeric)',
    'curve_sell_amount(bonding_curve,numeric,numeric)',
    'curve_sell_proceeds(bonding_curve,numeric,numeric)',
    'curve_spot_price(bonding_curve,numeric,integer)',
    'ecrecover(bytea,bytea)',
    'did_key_ed25519(bytea)',
    'did_key_parse(text)',
    'did_key_secp256k1(bytea)',
    'did_pkh(eth_address,bigint)',
    'did_pkh_parse(text)',
    'ed25519_verify(bytea,bytea,bytea)',
    'ed25519_verify_did(bytea,bytea,text)',
    'eip712_domain_separator(jsonb)',
    'eip712_domain_separator(jsonb,jsonb)',
    'eip712_hash(jsonb)',
    'eip712_hash_struct(jsonb,text,jsonb)',
    'eip712_recover(jsonb,bytea)',
    'eip712_verify(eth_address,jsonb,bytea)',
    'eth_address(bytea)',
    'eth_address_cmp(eth_address,eth_address)',
    'eth_address_eq(eth_address,eth_address)',
    'eth_address_from_bytea(bytea)',
    'eth_address_ge(eth_address,eth_address)',
    'eth_address_gt(eth_address,eth_address)',
    'eth_address_hash(eth_address)',
    'eth_address_hash_extended(eth_address,bigint)',
    'eth_address_in(cstring)',
    'eth_address_larger(eth_address,eth_address)',
    'eth_address_le(eth_address,eth_address)',
    'eth_address_lt(eth_address,eth_address)',
    'eth_address_ne(eth_address,eth_address)',
    'eth_address_out(eth_address)',
    'eth_address_recv(internal)',
    'eth_address_send(eth_address)',
    'eth_address_smaller(eth_address,eth_address)',
    'eth_address_to_bytea(eth_address)',
    'eth_message_hash(bytea)',
    'eth_message_hash(text)',
    'eth_recover_message(bytea,bytea)',
    'eth_recover_message(text,bytea)',
    'eth_verify_message(eth_address,bytea,bytea)',
    'eth_verify_message(eth_address,text,bytea)',
    'exponential_curve(numeric,numeric)',
    'keccak256(bytea)',
    'keccak256(text)',
    'ledger_chain_body(text,text,asset,eth_address[],asset[],numeric[],jsonb,jsonb)',
    'ledger_chain_hash(bytea,bigint,bigint,bytea)',
    'ledger_encode_amount(numeric)',
    'ledger_encode_text(text)',
    'ledger_events_channel()',
    'ledger_issuance_account()',
    'ledger_reserve_account(asset)',
    'ledger_world_account()',
    'liabilities_tree_levels(bytea,numeric[],bytea)',
    'liabilities_verify(jsonb)',
    'linear_curve(numeric,numeric)',
    'max(asset)',
    'max(eth_address)',
    'merkle_proof(bytea[],integer)',
    'merkle_root(bytea[])',
    'merkle_verify(bytea,bytea,bytea[])',
    'min(asset)',
    'min(eth_address)',
    'pool_account(asset,asset)',
    'pool_lp_asset(asset,asset)',
    'power_curve(numeric,numeric)',
    'royalty_amount(numeric,integer)',
    'royalty_split_agg(eth_address,numeric)',
    'royalty_split_agg_finalfn(internal)',
    'royalty_split_agg_transfn(internal,eth_address,numeric)',
    'royalty_split_cmp(royalty_split,royalty_split)',
    'royalty_split_eq(royalty_split,royalty_split)',
    'royalty_split_from_jsonb(jsonb)',
    'royalty_split_ge(royalty_split,royalty_split)',
    'royalty_split_gt(royalty_split,royalty_split)',
    'royalty_split_hash(royalty_split)',
    'royalty_split_hash_extended(royalty_split,bigint)',
    'royalty_split_in(cstring)',
    'royalty_split_le(royalty_split,royalty_split)',
    'royalty_split_lt(royalty_split,royalty_split)',
    'royalty_split_ne(royalty_split,royalty_split)',
    'royalty_split_out(royalty_split)',
    'royalty_split_recv(internal)',
    'royalty_split_send(royalty_split)',
    'royalty_split_to_jsonb(royalty_split)',
    'schnorr_verify(bytea,bytea,bytea)',
    'secp256k1_verify(bytea,bytea,bytea,boolean)',
    'secp256k1_verify_did(bytea,bytea,text,boolean)',
    'siwe_parse(text)',
    'siwe_verify(text,bytea,text,text,timestamp with time zone)',
    'split_count(royalty_split)',
    'split_distribute(royalty_split,numeric)',
    'split_distribute(royalty_split,numeric,eth_address)',
    'split_distribute_0xsplits(royalty_split,numeric,eth_address)',
    'split_distribute_0xsplits_internal(royalty_split,numeric,eth_address)',
    'split_distributor_fee(royalty_split)',
    'split_has_recipient(royalty_split,eth_address)',
    'split_hash(royalty_split)',
    'split_nest(royalty_split,eth_address,royalty_split)',
    'split_recipient_of(eth_address,royalty_split)',
    'split_recipients(royalty_split)',
    'split_share(royalty_split,eth_address)'
], 'PUBLIC may execute exactly the documented pure functions');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text
      FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
     WHERE p.pronamespace = 'creative_defi'::regnamespace AND a.grantee = 0
       AND (p.prosecdef OR p.provolatile <> 'i')
$$, 'every function PUBLIC may execute is IMMUTABLE and not SECURITY DEFINER');
SELECT ok(NOT has_function_privilege('public', 'ledger_royalty(numeric,integer)', 'EXECUTE'),
    'ledger_royalty, an unchecked internal helper, is not PUBLIC''s');

-- roles meet the same refusals as PUBLIC on internals
SELECT is_empty($$
    SELECT fn FROM role_functions
     WHERE fn LIKE 'ledger\_post%' OR fn LIKE 'ledger\_check%' OR fn LIKE 'ledger\_seal\_waiting%'
        OR fn LIKE 'ledger\_register%' OR fn LIKE 'pool\_lock%' OR fn LIKE 'pools\_verify%'
$$, 'no role may call an internal function directly');

SELECT * FROM finish();
ROLLBACK;
