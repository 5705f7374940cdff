-- ledger (6/6): roles and privileges
--
-- Two NOLOGIN group roles, granted to application roles by the DBA:
--   creative_defi_writer  may call the mutating functions (and read)
--   creative_defi_reader  may read the ledger tables, views and balances
-- Neither may INSERT, UPDATE or DELETE any ledger table: every write goes
-- through a SECURITY DEFINER function.  Roles are cluster-wide, so a second
-- database that installs the extension finds them already there: it reuses
-- them, provided they are still plain NOLOGIN roles without special
-- attributes (otherwise it refuses, rather than hand the ledger to a role
-- someone prepared).  DROP EXTENSION leaves the roles in place.
DO $$
DECLARE
    v_name text;
    r record;
BEGIN
    FOREACH v_name IN ARRAY ARRAY['creative_defi_writer', 'creative_defi_reader'] LOOP
        SELECT * INTO r FROM pg_catalog.pg_roles WHERE rolname = v_name;
        IF NOT FOUND THEN
            EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', v_name);
            EXECUTE pg_catalog.format('COMMENT ON ROLE %I IS %L', v_name,
                CASE v_name WHEN 'creative_defi_writer'
                    THEN 'creative_defi: may call the ledger''s mutating functions and read the ledger'
                    ELSE 'creative_defi: may read the ledger' END);
        ELSIF r.rolcanlogin OR r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls THEN
            RAISE EXCEPTION 'role % already exists with attributes the ledger does not expect', v_name
                USING ERRCODE = '42710',
                      DETAIL = 'creative_defi reuses an existing role of this name only when it is a plain NOLOGIN role.',
                      HINT = 'Remove LOGIN, SUPERUSER, CREATEROLE, CREATEDB, REPLICATION and BYPASSRLS from the role, or drop it.';
        END IF;
    END LOOP;
END
$$;

GRANT USAGE ON SCHEMA @extschema@ TO creative_defi_writer, creative_defi_reader;

REVOKE ALL ON TABLE ledger_holdings, ledger_transactions, ledger_postings, ledger_chain, ledger_head, ledger_unsealed,
    ledger_assets, ledger_account_journal, ledger_asset_journal FROM PUBLIC;
GRANT SELECT ON TABLE ledger_holdings, ledger_transactions, ledger_postings, ledger_chain, ledger_head, ledger_unsealed,
    ledger_assets, ledger_account_journal, ledger_asset_journal TO creative_defi_writer, creative_defi_reader;

-- internal functions: only the (SECURITY DEFINER) ledger functions call them
REVOKE ALL ON FUNCTION
    ledger_post(text, text, asset, jsonb, jsonb, eth_address[], asset[], numeric[], text[]),
    ledger_postings_normalize(eth_address[], asset[], numeric[], text[]),
    ledger_replay(text, text, jsonb),
    ledger_check_not_null(text[], boolean[]),
    ledger_check_amount(text, numeric),
    ledger_check_limit(text, numeric),
    ledger_check_user_account(text, eth_address),
    ledger_check_not_issued(asset, text),
    ledger_lock_asset(asset),
    ledger_refuse_change(),
    ledger_seal_waiting(bigint, bytea),
    ledger_sealed_head(),
    ledger_can_seal(),
    ledger_verify_checks()
FROM PUBLIC;

REVOKE ALL ON FUNCTION
    deposit(eth_address, asset, numeric, text),
    withdraw(eth_address, asset, numeric, text),
    transfer(eth_address, eth_address, asset, numeric, text),
    register_asset(asset, asset, bonding_curve, royalty_split, eth_address, integer, bytea, jsonb),
    buy(asset, eth_address, numeric, numeric, text),
    sell(asset, eth_address, numeric, numeric, text),
    distribute(asset, eth_address, numeric, text)
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    deposit(eth_address, asset, numeric, text),
    withdraw(eth_address, asset, numeric, text),
    transfer(eth_address, eth_address, asset, numeric, text),
    register_asset(asset, asset, bonding_curve, royalty_split, eth_address, integer, bytea, jsonb),
    buy(asset, eth_address, numeric, numeric, text),
    sell(asset, eth_address, numeric, numeric, text),
    distribute(asset, eth_address, numeric, text)
TO creative_defi_writer;

REVOKE ALL ON SEQUENCE ledger_transaction_id_seq FROM PUBLIC;
-- journal_head() and ledger_verify() seal before they read (a reader role
-- can therefore append to the chain, but only what writers committed), so
-- the explicit ledger_seal() is granted to both roles as well
REVOKE ALL ON FUNCTION balance(eth_address, asset), holdings(eth_address), journal_head(), ledger_seal(),
    ledger_verify() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION balance(eth_address, asset), holdings(eth_address), journal_head(), ledger_seal(),
    ledger_verify() TO creative_defi_writer, creative_defi_reader;
