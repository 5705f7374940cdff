-- ledger (6/6): the core's privileges (the roles are in
-- 59_ledger_roles.sql; each area grants its own functions at its end)


REVOKE ALL ON TABLE ledger_holdings, ledger_transactions, ledger_postings, ledger_chain, ledger_head, ledger_unsealed,
    ledger_system_accounts, ledger_account_kinds, ledger_transaction_kinds, ledger_issuers, ledger_issued_assets,
    ledger_verify_checks_registry, ledger_revenue_routes, ledger_account_journal, ledger_asset_journal FROM PUBLIC;
GRANT SELECT ON TABLE ledger_holdings, ledger_transactions, ledger_postings, ledger_chain, ledger_head, ledger_unsealed,
    ledger_system_accounts, ledger_account_kinds, ledger_transaction_kinds, ledger_issuers, ledger_issued_assets,
    ledger_verify_checks_registry, ledger_revenue_routes, ledger_account_journal, ledger_asset_journal
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
REVOKE ALL ON SEQUENCE ledger_transaction_id_seq FROM PUBLIC;

-- internal functions: only the (SECURITY DEFINER) ledger functions call
-- them; called directly they would skip the checks of their callers
REVOKE ALL ON FUNCTION
    ledger_post(text, text, asset, jsonb, jsonb, eth_address[], asset[], numeric[], text[]),
    ledger_postings_normalize(eth_address[], asset[], numeric[], text[]),
    ledger_replay(text, text, jsonb),
    ledger_refuse_used_ref(text, text),
    ledger_split_postings(royalty_split, numeric, eth_address, asset),
    ledger_record_payer(eth_address, eth_address),
    ledger_take_payer(eth_address),
    ledger_split_recipients_forget(),
    ledger_routed_postings(regprocedure, asset, numeric, eth_address, asset),
    ledger_lock_ref(text),
    ledger_lock_asset_key(asset),
    ledger_lock_asset_key_shared(asset),
    ledger_seal_lock(),
    ledger_try_seal_lock(),
    ledger_move(text, text, asset, numeric, text, eth_address, text, text, eth_address, text, text),
    ledger_check_not_null(text[], boolean[]),
    ledger_raise_null(text, anyelement),
    ledger_amount_checked(text, numeric, boolean),
    ledger_ref_checked(text),
    ledger_check_amount(text, numeric),
    ledger_check_limit(text, numeric),
    ledger_check_user_account(text, eth_address),
    ledger_check_user_accounts(text, eth_address[]),
    ledger_check_not_issued(asset, text),
    ledger_refuse_change(),
    ledger_seal_waiting(bigint, bytea),
    ledger_chain_hashes(bytea, bigint, bigint[], bytea[]),
    ledger_sealed_head(),
    ledger_can_seal(),
    ledger_system_identifier(),
    ledger_verify_row(text, bigint, text, text, text),
    ledger_verify_zero_sum(),
    ledger_verify_balances(),
    ledger_verify_accounts(),
    ledger_verify_hash_chain(),
    ledger_verify_checks()
FROM PUBLIC;

-- reading: every role.  journal_head() and ledger_verify() seal before
-- they read (a reader can therefore append to the chain, but only what
-- others committed), so the explicit ledger_seal() is granted as well.
REVOKE ALL ON FUNCTION balance(eth_address, asset), holdings(eth_address), journal_head(), ledger_seal(),
    ledger_verify() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION balance(eth_address, asset), holdings(eth_address), journal_head(), ledger_seal(),
    ledger_verify() TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;

-- money across the ledger's boundary: the treasury
REVOKE ALL ON FUNCTION
    deposit(eth_address, asset, numeric, text),
    withdraw(eth_address, asset, numeric, text)
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    deposit(eth_address, asset, numeric, text),
    withdraw(eth_address, asset, numeric, text)
TO creative_defi_treasury;

-- moving funds between accounts without a wallet's signature: the operator
REVOKE ALL ON FUNCTION transfer(eth_address, eth_address, asset, numeric, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION transfer(eth_address, eth_address, asset, numeric, text) TO creative_defi_operator;

-- payee routes (60_ledger_schema.sql): read by every ledger role, the
-- dispatch internal
REVOKE ALL ON TABLE ledger_payee_routes FROM PUBLIC;
GRANT SELECT ON TABLE ledger_payee_routes
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
REVOKE ALL ON FUNCTION
    ledger_part_postings(regprocedure, asset, royalty_split, numeric, eth_address, asset, bigint)
FROM PUBLIC;
