-- orders and approvals: privileges (the roles are the ledger's,
-- 69_ledger_privileges.sql)
--
-- The app role (an application serving end users) may execute signed
-- orders, cancel nonces and hand in approvals: each is authorized by a
-- wallet's signature, not by the role.  Proposing a change needs no
-- signature, so it is the operator's.  Every role may read the tables and
-- build typed data.  set_order_domain and set_approvers are
-- granted to no one: only the extension's owner (the role that ran CREATE
-- EXTENSION) and superusers call them, or roles the owner grants EXECUTE.
-- Nobody but the SECURITY DEFINER functions writes the tables.

REVOKE ALL ON TABLE order_domain, order_nonces, approval_policies, approval_proposals, approval_signatures
    FROM PUBLIC;
GRANT SELECT ON TABLE order_domain, order_nonces, approval_policies, approval_proposals, approval_signatures
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;

REVOKE ALL ON FUNCTION
    set_order_domain(text, text, numeric, eth_address),
    set_approvers(asset, eth_address[], integer),
    order_uint(text, jsonb),
    order_address(text, jsonb),
    order_authenticate(jsonb, bytea, text[]),
    order_lock_nonce(eth_address, numeric),
    approvals_refuse_paused(),
    approvals_canonical_change(jsonb),
    approvals_reserve_surplus(ledger_assets, jsonb),
    approvals_required(approval_policies, ledger_assets, jsonb),
    execute_order(jsonb, bytea),
    cancel_nonce(jsonb, bytea),
    propose_change(asset, jsonb, eth_address, timestamptz),
    approve_change(bigint, bytea),
    order_domain_json(),
    order_types(),
    order_typed_data(text, jsonb),
    approval_typed_data(bigint)
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    execute_order(jsonb, bytea),
    cancel_nonce(jsonb, bytea),
    approve_change(bigint, bytea)
TO creative_defi_app;
GRANT EXECUTE ON FUNCTION propose_change(asset, jsonb, eth_address, timestamptz) TO creative_defi_operator;
GRANT EXECUTE ON FUNCTION
    order_domain_json(),
    order_types(),
    order_typed_data(text, jsonb),
    approval_typed_data(bigint)
TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
