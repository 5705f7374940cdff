-- ledger roles: who may do what (each area grants its own functions to
-- these roles at its end: 64_ledger_market_verify.sql, 69, 73, 79)
--
-- Four NOLOGIN group roles, granted to application roles by the DBA
-- (docs/ledger.md, "Roles and privileges", gives the reason for each
-- boundary):
--   creative_defi_reader    reads the ledger tables, views and balances
--   creative_defi_app       reads, and runs only the paths a wallet's
--                           signature authorizes (execute_order,
--                           cancel_nonce, approve_change): the role for an
--                           application that serves end users
--   creative_defi_treasury  reads, and moves money across the ledger's
--                           boundary (deposit, withdraw)
--   creative_defi_operator  reads, and runs the direct ledger operations
--                           (transfer, buy, sell, distribute,
--                           register_asset, propose_change, the pools)
-- Set-up functions (set_order_domain, set_approvers) are the owner's.  No
-- role may INSERT, UPDATE or DELETE a ledger table: every write goes
-- through a SECURITY DEFINER function.  Each role gets its privileges
-- directly; none is a member of another, so granting one never grants
-- more than it says.
--
-- Roles are cluster-wide, so a second database that installs the
-- extension finds them already there: it reuses them, provided they are
-- still plain NOLOGIN roles without special attributes and without
-- membership in any other role (otherwise it refuses, rather than hand the
-- ledger to a role someone prepared).  DROP EXTENSION leaves the roles in
-- place.
DO $$
DECLARE
    v_role text[];
    r record;
    v_parent text;
BEGIN
    FOREACH v_role SLICE 1 IN ARRAY ARRAY[
        ['creative_defi_reader', 'creative_defi: may read the ledger'],
        ['creative_defi_app', 'creative_defi: may read the ledger and run wallet-signed orders, cancellations and approvals'],
        ['creative_defi_treasury', 'creative_defi: may read the ledger, deposit and withdraw'],
        ['creative_defi_operator', 'creative_defi: may read the ledger and run direct transfers, trades, distributions, registrations, proposals and pool operations']]
    LOOP
        SELECT * INTO r FROM pg_catalog.pg_roles WHERE rolname = v_role[1];
        IF NOT FOUND THEN
            EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', v_role[1]);
            EXECUTE pg_catalog.format('COMMENT ON ROLE %I IS %L', v_role[1], v_role[2]);
            CONTINUE;
        END IF;
        IF r.rolcanlogin OR r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls THEN
            RAISE EXCEPTION 'role % already exists with attributes the ledger does not expect', v_role[1]
                USING ERRCODE = '42710',
                      DETAIL = 'creative_defi reuses an existing role of this name only when it is a plain NOLOGIN role.',
                      HINT = 'Remove LOGIN, SUPERUSER, CREATEROLE, CREATEDB, REPLICATION and BYPASSRLS from the role, or drop it.';
        END IF;
        SELECT g.rolname INTO v_parent
          FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
         WHERE m.member = r.oid ORDER BY g.rolname LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'role % already exists as a member of role %', v_role[1], v_parent
                USING ERRCODE = '42710',
                      DETAIL = 'A member inherits the other role''s privileges, so granting it to an application would grant more than the ledger''s role says.',
                      HINT = pg_catalog.format('REVOKE %I FROM %I, or drop the role.', v_parent, v_role[1]);
        END IF;
    END LOOP;
END
$$;

-- The schema is open to every role, as pgcrypto's functions are: the
-- types and the pure functions (hashes, signatures, curve and AMM pricing,
-- splits) keep PostgreSQL's default EXECUTE for PUBLIC.  The ledger stays
-- behind its roles: every table, view and sequence, and every
-- function that reads or changes ledger state, is revoked from PUBLIC by
-- the privileges at the end of its area.
-- test/pgtap/privileges.sql lists exactly what PUBLIC may execute.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;
