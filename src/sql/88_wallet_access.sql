-- wallet access: a role for applications that act for signed-in wallets,
-- which sees only the rows of current_wallet() and acts only by wallet
-- signatures
--
-- Security-barrier views, not row-level security on the core's tables
-- (docs/identity.md, "Row-level security", gives the reasons): the ledger's
-- tables stay as they are for every other role and for ledger_post, and
-- the role creative_defi_wallet_app reads no table at all, only the views
-- below, each filtered by (SELECT current_wallet()) (one call a statement,
-- an init plan).  security_barrier keeps a caller's leaky function or
-- operator in a WHERE clause from seeing the rows the view filters out.
-- Privileges at the end of this file.

-- The role, made as 59_ledger_roles.sql makes the ledger's: reused when a
-- plain NOLOGIN role of that name exists (another database of the cluster
-- installed the extension), refused when it has attributes or memberships
-- that would grant more than the views.
DO $$
DECLARE
    r record;
BEGIN
    SELECT * INTO r FROM pg_catalog.pg_roles WHERE rolname = 'creative_defi_wallet_app';
    IF NOT FOUND THEN
        CREATE ROLE creative_defi_wallet_app NOLOGIN;
        COMMENT ON ROLE creative_defi_wallet_app IS
            'creative_defi: acts for signed-in wallets: reads only current_wallet()''s rows (the wallet_* views), signs in and out, runs that wallet''s signed orders, cancellations and approvals';
    ELSIF r.rolcanlogin OR r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls
          OR EXISTS (SELECT FROM pg_catalog.pg_auth_members m WHERE m.member = r.oid) THEN
        RAISE EXCEPTION 'role creative_defi_wallet_app already exists with attributes or memberships the ledger does not expect'
            USING ERRCODE = '42710',
                  DETAIL = 'creative_defi reuses an existing role of this name only when it is a plain NOLOGIN role of no other role.',
                  HINT = 'Remove its attributes and memberships, or drop it.';
    END IF;
END
$$;

CREATE VIEW wallet_holdings WITH (security_barrier) AS
SELECT h.asset, h.amount
  FROM @extschema@.ledger_holdings AS h
 WHERE h.account = (SELECT @extschema@.current_wallet());
COMMENT ON VIEW wallet_holdings IS
    'the holdings of current_wallet(): asset and amount in base units; no rows without a session';

CREATE VIEW wallet_postings WITH (security_barrier) AS
SELECT p.txn_id, p.n, p.asset, p.amount
  FROM @extschema@.ledger_postings AS p
 WHERE p.account = (SELECT @extschema@.current_wallet());
COMMENT ON VIEW wallet_postings IS
    'the journal''s postings to and from current_wallet()''s account (positive in, negative out); no rows without a session';

CREATE VIEW wallet_transactions WITH (security_barrier) AS
SELECT t.id, t.ref, t.kind, t.asset, t.request, t.result, t.created_at
  FROM @extschema@.ledger_transactions AS t
 WHERE t.id IN (SELECT p.txn_id FROM @extschema@.ledger_postings AS p
                 WHERE p.account = (SELECT @extschema@.current_wallet()));
COMMENT ON VIEW wallet_transactions IS
    'the journal transactions with a posting of current_wallet(), with their arguments and result; no rows without a session';

CREATE VIEW wallet_order_nonces WITH (security_barrier) AS
SELECT o.nonce, o.status, o.primary_type, o.order_hash, o.txn_id, o.result, o.created_at
  FROM @extschema@.order_nonces AS o
 WHERE o.signer = (SELECT @extschema@.current_wallet());
COMMENT ON VIEW wallet_order_nonces IS
    'the order nonces current_wallet() consumed: by its executed orders (hash and result) or by cancel_nonce; no rows without a session';

-- The sign-ins of the wallet, with the Sign-In with Ethereum nonce each
-- consumed; never the token's hash.
CREATE VIEW wallet_sign_ins WITH (security_barrier) AS
SELECT s.nonce, n.domain, s.chain_id, s.created_at, s.expires_at, s.revoked_at
  FROM @extschema@.wallet_sessions AS s
  JOIN @extschema@.siwe_nonces AS n ON n.nonce = s.nonce
 WHERE s.address = (SELECT @extschema@.current_wallet());
COMMENT ON VIEW wallet_sign_ins IS
    'the sessions current_wallet() opened (not their tokens): the Sign-In with Ethereum nonce and domain, chain, expiry and revocation; no rows without a session';

-- A proposal concerns the wallet that proposed it and the approvers of its
-- asset.
CREATE VIEW wallet_proposals WITH (security_barrier) AS
SELECT p.id, p.asset, p.change, p.change_hash, p.proposer, p.expires_at, p.created_at, p.applied_txn, p.applied_at
  FROM @extschema@.approval_proposals AS p
  LEFT JOIN @extschema@.approval_policies AS a ON a.asset = p.asset
 WHERE p.proposer = (SELECT @extschema@.current_wallet())
    OR (SELECT @extschema@.current_wallet()) = ANY (a.approvers);
COMMENT ON VIEW wallet_proposals IS
    'the proposed asset changes current_wallet() proposed or may approve; no rows without a session';

CREATE VIEW wallet_approvals WITH (security_barrier) AS
SELECT s.proposal_id, s.approver, s.signature, s.created_at
  FROM @extschema@.approval_signatures AS s
 WHERE s.proposal_id IN (SELECT p.id FROM @extschema@.wallet_proposals AS p);
COMMENT ON VIEW wallet_approvals IS
    'the approvals given to the proposals of wallet_proposals (by current_wallet() or by the other approvers); no rows without a session';

-- What an approver signs, for the proposals of wallet_proposals only
-- (approval_typed_data would show any proposal to the role).
CREATE FUNCTION wallet_approval_typed_data(proposal_id bigint) RETURNS jsonb
LANGUAGE sql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT @extschema@.approval_typed_data(p.id) FROM @extschema@.wallet_proposals AS p WHERE p.id = proposal_id;
END;
COMMENT ON FUNCTION wallet_approval_typed_data(bigint) IS
    'approval_typed_data of a proposal of wallet_proposals (the EIP-712 Approve an approver signs); NULL for any other proposal';

-- The check of a wallet-signed act made through the role: CD078 when the
-- request has no live session, CD079 when another wallet signed.  The
-- wallet_* acts run the act, then this check on its signer, in one
-- statement: a refusal rolls the act back with it.
CREATE FUNCTION wallet_session_signer(signer eth_address) RETURNS boolean
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_wallet @extschema@.eth_address := @extschema@.current_wallet();
BEGIN
    IF v_wallet IS NULL THEN
        RAISE EXCEPTION 'no wallet session'
            USING ERRCODE = 'CD078',
                  DETAIL = 'The setting creative_defi.session_token is unset, or names a session that is unknown, expired or revoked.',
                  HINT = 'Sign in with wallet_login and set creative_defi.session_token to its token for each request.';
    ELSIF signer IS NULL OR signer OPERATOR(@extschema@.<>) v_wallet THEN
        RAISE EXCEPTION 'signed by %, not by the session''s wallet %', signer, v_wallet
            USING ERRCODE = 'CD079',
                  DETAIL = 'Through creative_defi_wallet_app a wallet acts only for itself.',
                  HINT = 'Have the signed-in wallet sign, or sign in with the signing wallet.';
    END IF;
    RETURN true;
END
$$;
COMMENT ON FUNCTION wallet_session_signer(eth_address) IS
    'true when the signer of a wallet-signed act is the session''s wallet; error CD078 without a live session, CD079 for another signer';

-- The check before a wallet-signed act runs: CD078 without a live
-- session, CD079 when the act names another wallet as its signer
-- (claimed; NULL when its input names none, left to the act's own
-- checks).  An act of another wallet must not run at all: its own
-- refusals (a balance short by so much, a nonce used by some journal
-- transaction) would tell the session about that wallet.  The check after
-- the act, on the signer it recovered, still decides.
CREATE FUNCTION wallet_session_claim(claimed eth_address) RETURNS boolean
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF claimed IS NULL AND @extschema@.current_wallet() IS NOT NULL THEN
        RETURN true;
    END IF;
    RETURN @extschema@.wallet_session_signer(claimed);
END
$$;
COMMENT ON FUNCTION wallet_session_claim(eth_address) IS
    'true when a wallet-signed act may run for the session: error CD078 without a live session, CD079 when claimed (the signer the act names, if any) is another wallet';

-- The signer an order or cancellation names (message.signer), when it is
-- written as an address; its checksum, and whether it signed, are the
-- act's to judge.
CREATE FUNCTION wallet_order_claimed_signer(typed_data jsonb) RETURNS eth_address
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN (typed_data #>> '{message,signer}') OPERATOR(pg_catalog.~) '^0[xX][0-9a-fA-F]{40}$'
            THEN pg_catalog.lower(typed_data #>> '{message,signer}')::@extschema@.eth_address END;
COMMENT ON FUNCTION wallet_order_claimed_signer(jsonb) IS
    'the signer an order''s typed data names (message.signer), when it reads as an address; NULL otherwise';

-- The approver an approval would record, before approve_change runs: a
-- signature of the proposal's Approve by another wallet is CD079, and a
-- proposal outside wallet_proposals is unknown to the session (CD032, as
-- one that does not exist: the session may not learn its asset or state).
CREATE FUNCTION wallet_approval_claim(proposal_id bigint, signature bytea) RETURNS boolean
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM @extschema@.wallet_session_claim(NULL);
    IF proposal_id IS NULL THEN
        RETURN true;
    END IF;
    IF octet_length(signature) IN (64, 65) THEN
        PERFORM @extschema@.wallet_session_claim(
            @extschema@.eip712_recover(@extschema@.approval_typed_data(proposal_id), signature));
    END IF;
    IF NOT EXISTS (SELECT FROM @extschema@.wallet_proposals AS p WHERE p.id = proposal_id) THEN
        RAISE EXCEPTION 'unknown proposal %', proposal_id USING ERRCODE = 'CD032';
    END IF;
    RETURN true;
END
$$;
COMMENT ON FUNCTION wallet_approval_claim(bigint, bytea) IS
    'true when an approval of proposal_id may run for the session: CD078 without a live session, CD079 when the signature is another wallet''s, CD032 for a proposal outside wallet_proposals';

CREATE FUNCTION wallet_execute_order(typed_data jsonb, signature bytea,
    OUT order_hash bytea, OUT signer eth_address, OUT nonce numeric, OUT kind text, OUT txn_id bigint, OUT result jsonb)
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT @extschema@.wallet_session_claim(@extschema@.wallet_order_claimed_signer(typed_data));
    SELECT e.* FROM @extschema@.execute_order(typed_data, signature) AS e WHERE @extschema@.wallet_session_signer(e.signer);
END;
COMMENT ON FUNCTION wallet_execute_order(jsonb, bytea) IS
    'execute_order for the session''s wallet: CD078 without a session, CD079 when another wallet signed (nothing executed)';

CREATE FUNCTION wallet_cancel_nonce(typed_data jsonb, signature bytea, OUT signer eth_address, OUT nonce numeric,
    OUT cancelled_at timestamptz)
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT @extschema@.wallet_session_claim(@extschema@.wallet_order_claimed_signer(typed_data));
    SELECT c.* FROM @extschema@.cancel_nonce(typed_data, signature) AS c WHERE @extschema@.wallet_session_signer(c.signer);
END;
COMMENT ON FUNCTION wallet_cancel_nonce(jsonb, bytea) IS
    'cancel_nonce for the session''s wallet: CD078 without a session, CD079 when another wallet signed (nothing cancelled)';

CREATE FUNCTION wallet_approve_change(proposal_id bigint, signature bytea, OUT approver eth_address, OUT approvals integer,
    OUT required integer, OUT applied boolean, OUT txn_id bigint)
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT @extschema@.wallet_approval_claim(proposal_id, signature);
    SELECT a.* FROM @extschema@.approve_change(proposal_id, signature) AS a WHERE @extschema@.wallet_session_signer(a.approver);
END;
COMMENT ON FUNCTION wallet_approve_change(bigint, bytea) IS
    'approve_change for the session''s wallet: CD078 without a session, CD079 when another wallet signed (no approval recorded)';

-- Privileges: the wallet app role reads the views (no table but the
-- orders' EIP-712 domain; the
-- ledger's other roles, which read every table, read the views too), signs
-- in and out, builds orders' typed data, and acts only through the
-- wallet_* functions above.  Every function it may execute that is not
-- IMMUTABLE is listed in test/pgtap/wallet_access.sql, which fails on any
-- other.
REVOKE ALL ON TABLE wallet_holdings, wallet_postings, wallet_transactions, wallet_order_nonces, wallet_sign_ins,
    wallet_proposals, wallet_approvals FROM PUBLIC;
GRANT SELECT ON TABLE wallet_holdings, wallet_postings, wallet_transactions, wallet_order_nonces, wallet_sign_ins,
    wallet_proposals, wallet_approvals
    TO creative_defi_wallet_app, creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
-- order_domain: the one row of the orders' EIP-712 domain, the same for
-- every wallet, which order_domain_json and order_typed_data read with
-- their caller's rights
GRANT SELECT ON TABLE order_domain TO creative_defi_wallet_app;
REVOKE ALL ON FUNCTION
    wallet_session_signer(eth_address),
    wallet_session_claim(eth_address),
    wallet_order_claimed_signer(jsonb),
    wallet_approval_claim(bigint, bytea),
    wallet_execute_order(jsonb, bytea),
    wallet_cancel_nonce(jsonb, bytea),
    wallet_approve_change(bigint, bytea),
    wallet_approval_typed_data(bigint)
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    wallet_execute_order(jsonb, bytea),
    wallet_cancel_nonce(jsonb, bytea),
    wallet_approve_change(bigint, bytea),
    wallet_approval_typed_data(bigint),
    siwe_nonce(text, interval),
    wallet_login(text, bytea),
    wallet_logout(text),
    current_wallet(),
    order_domain_json(),
    order_types(),
    order_typed_data(text, jsonb)
TO creative_defi_wallet_app;
