-- approvals (1/1): human approval checkpoints for changes to an asset
--
-- Anyone with the writer role (an automated agent, say) may propose a
-- change to a registered asset: a new curve, a new split, a new royalty
-- rate, pausing or resuming trading.  It applies only when M of the
-- asset's N approvers have signed an EIP-712 Approve of exactly that
-- proposal; then, atomically, the asset row changes and the ledger
-- journals a 'change' transaction with the signatures.  docs/approvals.md
-- is the normative description.  The journal is the record of an asset's
-- fields: a trigger refuses any change of them that the journal does not
-- give, and ledger_verify() replays them (see "Governance" below).
--
-- Error codes (class CD, docs/errors.md):
--   CD030 asset paused                 CD035 not an approver
--   CD031 asset has no approvers       CD036 duplicate approval
--   CD032 unknown proposal             CD037 signature for another proposal
--   CD033 proposal expired             CD038 threshold above the approver count
--   CD034 proposal already applied     CD039 curve change would be insolvent
-- and CD012 (the ledger's range: it guards ledger_assets, and CD030-CD039
-- are taken) for an asset field changed outside an approved proposal.

-- The approvals' transaction kind in the core's registry.
INSERT INTO ledger_transaction_kinds (kind, description) VALUES
    ('change', 'an approved proposal applied to an asset, with the approvers'' signatures');

-- Pausing: a flag on the asset row; a paused asset's supply cannot
-- change, so buy and sell (directly or through signed orders) fail.
ALTER TABLE ledger_assets ADD COLUMN paused boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN ledger_assets.paused IS
    'true while trading is paused by an approved proposal: buy and sell are refused (CD030)';

CREATE FUNCTION approvals_refuse_paused() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'asset % is paused', OLD.asset
        USING ERRCODE = 'CD030',
              DETAIL = 'Trading in the asset was paused by an approved proposal; buy and sell are refused.',
              HINT = 'An approved proposal {"paused": false} resumes trading.';
END
$$;
COMMENT ON FUNCTION approvals_refuse_paused() IS
    'trigger function: refuse a change of supply (a buy or a sell) of a paused asset with CD030';

-- The WHEN clause keeps the cost to unpaused trades at one comparison.
CREATE TRIGGER ledger_assets_paused
    BEFORE UPDATE OF supply ON ledger_assets
    FOR EACH ROW WHEN (OLD.paused AND NEW.supply IS DISTINCT FROM OLD.supply)
    EXECUTE FUNCTION approvals_refuse_paused();

-- Governance of ledger_assets.  curve, split, royalty_bps and paused
-- change only when an approved proposal applies, and the other fields of
-- a registration (asset, currency, creator, content_hash, metadata,
-- reserve_account, txn_id) never change.  The journal records all of it:
-- the 'register' transaction's request, then each applied 'change'
-- transaction's request->'change'.  One replay of those serves both the
-- trigger that refuses any other change and ledger_verify()'s 'assets'
-- check (which sees what a superuser did with the trigger disabled).

-- The replay reads only the register and change transactions of an asset;
-- this partial index keeps it from walking the asset's trades.
CREATE INDEX ledger_transactions_governance_idx ON ledger_transactions (asset, id)
    WHERE kind IN ('register', 'change');

-- The governed fields of an asset row, in the canonical forms the journal
-- holds them in (the text of each type, as register_asset and
-- approvals_canonical_change write them).  content_hash is hex text
-- whatever bytea_output says.
CREATE FUNCTION approvals_asset_fields(a ledger_assets) RETURNS jsonb
LANGUAGE sql STABLE
RETURN pg_catalog.jsonb_build_object(
    'asset', a.asset::text, 'currency', a.currency::text, 'curve', a.curve::text, 'split', a.split::text,
    'creator', a.creator::text, 'royalty_bps', a.royalty_bps,
    'content_hash', '\x' || pg_catalog.encode(a.content_hash, 'hex'), 'metadata', a.metadata,
    'paused', a.paused, 'reserve_account', a.reserve_account::text, 'txn_id', a.txn_id);
COMMENT ON FUNCTION approvals_asset_fields(ledger_assets) IS
    'internal: the governed fields of an asset row as a JSON object in canonical text forms, for comparison with the journal''s replay';

-- Replay the journal for one asset: its register request (with the
-- reserve account from its result, its own id, and paused = false), then
-- the change object of every applied change merged with ||, in id order:
-- ids are drawn under the asset's row lock, so id order is apply order.
-- NULL when the journal has no registration of the asset.
CREATE FUNCTION approvals_asset_replay(asset asset) RETURNS jsonb
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v jsonb;
    t record;
BEGIN
    FOR t IN
        SELECT l.id, l.kind, l.request, l.result FROM @extschema@.ledger_transactions l
         WHERE l.asset OPERATOR(@extschema@.=) approvals_asset_replay.asset AND l.kind IN ('register', 'change')
         ORDER BY l.id
    LOOP
        IF t.kind = 'register' THEN
            v := t.request || jsonb_build_object('reserve_account', t.result -> 'reserve_account',
                                                 'txn_id', t.id, 'paused', false);
            -- the request holds bytea in the bytea_output of its session
            IF v ->> 'content_hash' IS NOT NULL THEN
                v := jsonb_set(v, '{content_hash}',
                               to_jsonb('\x' || encode((v ->> 'content_hash')::bytea, 'hex')));
            END IF;
        ELSE
            v := v || (t.request -> 'change');
        END IF;
    END LOOP;
    RETURN v;
END
$$;
COMMENT ON FUNCTION approvals_asset_replay(asset) IS
    'internal: an asset''s governed fields replayed from the journal (register request, then each applied change in id order); NULL without a registration';

-- The fields in which an asset row differs from the journal's replay.
CREATE FUNCTION approvals_asset_diff(a ledger_assets) RETURNS TABLE(field text, in_row jsonb, in_journal jsonb)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_row jsonb := @extschema@.approvals_asset_fields(a);
    v_journal jsonb := coalesce(@extschema@.approvals_asset_replay(a.asset), '{}');
BEGIN
    RETURN QUERY
        SELECT k.k, v_row -> k.k, v_journal -> k.k
          FROM (SELECT jsonb_object_keys(v_row) UNION SELECT jsonb_object_keys(v_journal)) AS k(k)
         WHERE (v_row -> k.k) IS DISTINCT FROM (v_journal -> k.k)
         ORDER BY k.k;
END
$$;
COMMENT ON FUNCTION approvals_asset_diff(ledger_assets) IS
    'internal: the governed fields of an asset row that differ from the journal''s replay, with both values';

-- Refuse an update of a governed field unless the row it leaves equals the
-- replay of the journal: approve_change posts its 'change' transaction
-- before it updates the row, so the approved path passes and nothing else
-- does.  The trigger fires only for UPDATEs that name a governed column,
-- so a trade (SET supply, reserve) does not even evaluate it.
CREATE FUNCTION approvals_refuse_ungoverned_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_fields text;
BEGIN
    SELECT string_agg(d.field, ', ' ORDER BY d.field) INTO v_fields FROM @extschema@.approvals_asset_diff(NEW) d;
    IF v_fields IS NOT NULL THEN
        RAISE EXCEPTION 'asset governance fields change only through an approved proposal'
            USING ERRCODE = 'CD012',
                  DETAIL = format('The update would leave %s of asset %s different from the journal''s registration and applied changes. '
                                  'curve, split, royalty_bps and paused change when an approved proposal applies; the other fields never change.',
                                  v_fields, OLD.asset),
                  HINT = 'Propose the change with propose_change(asset, change, proposer); it applies when enough approvers sign it.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION approvals_refuse_ungoverned_change() IS
    'trigger function: refuse an update of an asset''s governed fields that the journal''s register and change transactions do not give (CD012)';

CREATE TRIGGER ledger_assets_governed
    BEFORE UPDATE OF asset, currency, curve, split, creator, royalty_bps, content_hash, metadata, paused,
                     reserve_account, txn_id ON ledger_assets
    FOR EACH ROW EXECUTE FUNCTION approvals_refuse_ungoverned_change();

-- ledger_verify()'s 'assets' check (registered at position 80): every
-- asset row equals the replay of its journal, and every registration in
-- the journal has its row.
CREATE FUNCTION approvals_assets_verify() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(b.asset) AS n, min(b.problem) AS e
         FROM (SELECT a.asset, format('%s: %s is %s in ledger_assets, %s in the journal', a.asset, d.field,
                                      coalesce(d.in_row::text, 'missing'), coalesce(d.in_journal::text, 'missing')) AS problem
                 FROM @extschema@.ledger_assets a,
                      LATERAL (SELECT * FROM @extschema@.approvals_asset_diff(a) LIMIT 1) d
               UNION ALL
               SELECT l.asset, format('%s: registered by journal transaction %s, not in ledger_assets', l.asset, l.id)
                 FROM @extschema@.ledger_transactions l
                WHERE l.kind = 'register'
                  AND NOT EXISTS (SELECT 1 FROM @extschema@.ledger_assets a WHERE a.asset OPERATOR(@extschema@.=) l.asset)) b) f,
      @extschema@.ledger_verify_row('assets', f.n, f.e,
          format('%s assets equal the replay of their register and change transactions',
                 (SELECT count(*) FROM @extschema@.ledger_assets)),
          'assets differ from the journal') r;
END;
COMMENT ON FUNCTION approvals_assets_verify() IS
    'internal: ledger_verify()''s assets check: every asset row equals the replay of its register and change transactions, and every registration has its row';
INSERT INTO ledger_verify_checks_registry (position, function, area) VALUES (80, 'approvals_assets_verify()', 'approvals');

-- internal: only the trigger, approve_change and ledger_verify() call them
-- (next to them rather than in 79_orders_approvals_privileges.sql, which
-- is being rewritten)
REVOKE ALL ON FUNCTION approvals_asset_fields(ledger_assets), approvals_asset_replay(asset),
    approvals_asset_diff(ledger_assets), approvals_refuse_ungoverned_change(), approvals_assets_verify()
FROM PUBLIC;

-- The asset and journal columns below carry no foreign keys to the
-- ledger's tables (only the approval functions write them, after checking),
-- so that statements on the ledger's tables never cascade into these.
CREATE TABLE approval_policies (
    asset asset NOT NULL,
    approvers eth_address[] NOT NULL,
    threshold integer NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT approval_policies_pkey PRIMARY KEY (asset),
    CONSTRAINT approval_policies_threshold CHECK (threshold BETWEEN 1 AND cardinality(approvers))
);
COMMENT ON TABLE approval_policies IS
    'per asset, the approvers (addresses) and the threshold M of N approvals a proposed change needs';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.approval_policies', '');

CREATE TABLE approval_proposals (
    id bigint GENERATED ALWAYS AS IDENTITY,
    asset asset NOT NULL,
    change jsonb NOT NULL,
    change_hash bytea NOT NULL,
    proposer eth_address NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    applied_txn bigint,
    applied_at timestamptz,
    CONSTRAINT approval_proposals_pkey PRIMARY KEY (id),
    CONSTRAINT approval_proposals_hash_length CHECK (octet_length(change_hash) = 32),
    CONSTRAINT approval_proposals_applied CHECK ((applied_txn IS NULL) = (applied_at IS NULL))
);
CREATE INDEX approval_proposals_asset_idx ON approval_proposals (asset, id);
COMMENT ON TABLE approval_proposals IS
    'proposed changes to assets (curve, split, royalty_bps, paused) waiting for approvals, and those applied';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.approval_proposals', '');
-- Its identity sequence too: registering the table dumps the rows, not the
-- sequence's value, and a restored database would hand out the restored
-- ids again (a duplicate key in propose_change).
SELECT pg_catalog.pg_extension_config_dump('@extschema@.approval_proposals_id_seq', '');

CREATE TABLE approval_signatures (
    proposal_id bigint NOT NULL REFERENCES approval_proposals (id),
    approver eth_address NOT NULL,
    signature bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT approval_signatures_pkey PRIMARY KEY (proposal_id, approver)
);
COMMENT ON TABLE approval_signatures IS
    'the EIP-712 Approve signatures approvers gave, one per approver and proposal';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.approval_signatures', '');

CREATE FUNCTION set_approvers(asset asset, approvers eth_address[], threshold integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['asset', 'approvers', 'threshold'],
        ARRAY[asset IS NULL, approvers IS NULL, threshold IS NULL]);
    PERFORM @extschema@.signer_set_check(approvers, threshold, 'approver', 'CD038', true);
    PERFORM @extschema@.ledger_lock_asset(asset);
    INSERT INTO @extschema@.approval_policies AS p (asset, approvers, threshold)
    VALUES (set_approvers.asset, set_approvers.approvers, set_approvers.threshold)
    ON CONFLICT ON CONSTRAINT approval_policies_pkey DO UPDATE
        SET approvers = excluded.approvers, threshold = excluded.threshold, updated_at = pg_catalog.now();
END
$$;
COMMENT ON FUNCTION set_approvers(asset, eth_address[], integer) IS
    'admin: set the approvers of an asset and the threshold M of N approvals its proposed changes need';

-- Validate a change and bring it to canonical form (curve and split in
-- their canonical text), so that its hash is the same for equal changes.
CREATE FUNCTION approvals_canonical_change(change jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_keys text;
    v jsonb := '{}';
    b int;
BEGIN
    IF jsonb_typeof(change) IS DISTINCT FROM 'object' OR change = '{}' THEN
        RAISE EXCEPTION 'change must be a non-empty JSON object'
            USING ERRCODE = '22023', HINT = 'Keys: curve, split, royalty_bps, paused.';
    END IF;
    SELECT string_agg(k, ', ' ORDER BY k) INTO v_keys FROM jsonb_object_keys(change) AS o(k)
     WHERE k NOT IN ('curve', 'split', 'royalty_bps', 'paused');
    IF v_keys IS NOT NULL THEN
        RAISE EXCEPTION 'change has unknown keys: %', v_keys
            USING ERRCODE = '22023', HINT = 'Keys: curve, split, royalty_bps, paused.';
    END IF;
    IF change ? 'curve' THEN
        IF jsonb_typeof(change -> 'curve') <> 'string' THEN
            RAISE EXCEPTION 'change.curve must be a bonding_curve in text form' USING ERRCODE = '22023';
        END IF;
        v := v || jsonb_build_object('curve', ((change ->> 'curve')::@extschema@.bonding_curve)::text);
    END IF;
    IF change ? 'split' THEN
        IF jsonb_typeof(change -> 'split') <> 'string' THEN
            RAISE EXCEPTION 'change.split must be a royalty_split in text form' USING ERRCODE = '22023';
        END IF;
        v := v || jsonb_build_object('split', ((change ->> 'split')::@extschema@.royalty_split)::text);
    END IF;
    IF change ? 'royalty_bps' THEN
        IF jsonb_typeof(change -> 'royalty_bps') <> 'number'
           OR (change ->> 'royalty_bps')::numeric NOT BETWEEN 0 AND 10000
           OR (change ->> 'royalty_bps')::numeric <> trunc((change ->> 'royalty_bps')::numeric) THEN
            RAISE EXCEPTION 'change.royalty_bps must be an integer between 0 and 10000'
                USING ERRCODE = '22023', DETAIL = format('The value is %s.', change -> 'royalty_bps');
        END IF;
        b := (change ->> 'royalty_bps')::int;
        v := v || jsonb_build_object('royalty_bps', b);
    END IF;
    IF change ? 'paused' THEN
        IF jsonb_typeof(change -> 'paused') <> 'boolean' THEN
            RAISE EXCEPTION 'change.paused must be true or false' USING ERRCODE = '22023';
        END IF;
        v := v || jsonb_build_object('paused', change -> 'paused');
    END IF;
    RETURN v;
END
$$;
COMMENT ON FUNCTION approvals_canonical_change(jsonb) IS
    'internal: validate a proposed change (curve, split, royalty_bps, paused) and return it in canonical form';

-- The reserve a curve change would release (held reserve minus what the
-- new curve needs at the current supply); CD039 when the new curve needs
-- more than the reserve holds.  0 without a curve change.
CREATE FUNCTION approvals_reserve_surplus(a ledger_assets, change jsonb) RETURNS numeric
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_need numeric;
BEGIN
    IF NOT change ? 'curve' THEN
        RETURN 0;
    END IF;
    v_need := @extschema@.curve_reserve((change ->> 'curve')::@extschema@.bonding_curve, a.supply);
    IF v_need > a.reserve THEN
        RAISE EXCEPTION 'curve change would leave the reserve of % insolvent', a.asset
            USING ERRCODE = 'CD039',
                  DETAIL = format('At supply %s the new curve needs a reserve of %s; the reserve holds %s.',
                                  a.supply, v_need, a.reserve),
                  HINT = 'No threshold can approve this: choose a curve whose curve_reserve at the current supply is at most the reserve.';
    END IF;
    RETURN a.reserve - v_need;
END
$$;
COMMENT ON FUNCTION approvals_reserve_surplus(ledger_assets, jsonb) IS
    'internal: the reserve a curve change releases at the current supply; CD039 when the new curve would be insolvent';

-- How many approvals a change needs: the policy's M, or all N when it
-- crosses a bound (docs/approvals.md, "Bounds"): a royalty above 50%
-- (5000 bps), or a curve change that releases reserve.
CREATE FUNCTION approvals_required(p approval_policies, a ledger_assets, change jsonb) RETURNS integer
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
RETURN CASE WHEN (change ->> 'royalty_bps')::int > 5000
                 OR @extschema@.approvals_reserve_surplus(a, change) > 0
            THEN cardinality(p.approvers) ELSE p.threshold END;
COMMENT ON FUNCTION approvals_required(approval_policies, ledger_assets, jsonb) IS
    'internal: approvals a change needs: the threshold M, or all N approvers for a royalty above 5000 bps or a curve change that releases reserve';

CREATE FUNCTION propose_change(asset asset, change jsonb, proposer eth_address,
    expires_at timestamptz DEFAULT pg_catalog.now() + interval '7 days') RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    a @extschema@.ledger_assets;
    v_change jsonb;
    v_id bigint;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['asset', 'change', 'proposer', 'expires_at'],
        ARRAY[asset IS NULL, change IS NULL, proposer IS NULL, expires_at IS NULL]);
    PERFORM @extschema@.ledger_check_user_account('proposer', proposer);
    -- the Approve type signs the expiry as whole unix seconds (uint256), so
    -- it must be finite; and before the year 10000 (the first without a
    -- four-digit ISO 8601 form), so that approvers can read it as a date,
    -- as execute_order prints a deadline below that bound
    IF NOT isfinite(expires_at) THEN
        RAISE EXCEPTION 'expires_at must be a finite timestamp'
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', expires_at),
                  HINT = 'The Approve type signs the expiry as unix seconds. Leave expires_at out to expire 7 days from now.';
    END IF;
    expires_at := date_trunc('second', expires_at);
    IF expires_at >= '10000-01-01 00:00:00+00'::timestamptz THEN
        RAISE EXCEPTION 'expires_at must be before 10000-01-01 00:00:00+00'
            USING ERRCODE = '22023',
                  DETAIL = format('The value is unix time %s; the last second accepted is 253402300799 (9999-12-31 23:59:59+00).',
                                  extract(epoch FROM expires_at)::bigint);
    ELSIF expires_at <= pg_catalog.now() THEN
        RAISE EXCEPTION 'expires_at must be in the future'
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', expires_at);
    END IF;
    v_change := @extschema@.approvals_canonical_change(change);
    IF v_change ? 'split' THEN
        PERFORM @extschema@.ledger_check_user_accounts('split recipient',
            @extschema@.split_recipients((v_change ->> 'split')::@extschema@.royalty_split));
    END IF;
    -- shared: the proposal is checked against the row as it is before or
    -- after an approved change that applies concurrently, never during it
    a := @extschema@.ledger_lock_asset(asset, 'share');
    IF NOT EXISTS (SELECT 1 FROM @extschema@.approval_policies p WHERE p.asset OPERATOR(@extschema@.=) propose_change.asset) THEN
        RAISE EXCEPTION 'asset % has no approvers', asset
            USING ERRCODE = 'CD031', DETAIL = 'Changes to an asset need approvers to sign them.',
                  HINT = 'The extension''s owner sets them with set_approvers(asset, approvers, threshold).';
    END IF;
    PERFORM @extschema@.approvals_reserve_surplus(a, v_change);   -- CD039 now rather than at the last approval
    INSERT INTO @extschema@.approval_proposals AS p (asset, change, change_hash, proposer, expires_at)
    VALUES (propose_change.asset, v_change, @extschema@.keccak256(v_change::text), proposer,
            propose_change.expires_at)
    RETURNING p.id INTO v_id;
    RETURN v_id;
END
$$;
COMMENT ON FUNCTION propose_change(asset, jsonb, eth_address, timestamptz) IS
    'propose a change to an asset (curve, split, royalty_bps, paused), applied once enough approvers sign it before it expires; returns the proposal id';

CREATE FUNCTION approval_typed_data(proposal_id bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p record;
BEGIN
    SELECT q.id, q.asset, q.change_hash, q.expires_at INTO p FROM @extschema@.approval_proposals q WHERE q.id = proposal_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown proposal %', proposal_id USING ERRCODE = 'CD032';
    END IF;
    RETURN @extschema@.order_typed_data('Approve', jsonb_build_object(
        'proposalId', p.id::text, 'asset', p.asset::text,
        'changeHash', '0x' || encode(p.change_hash, 'hex'),
        'expiry', extract(epoch FROM p.expires_at)::bigint::text));
END
$$;
COMMENT ON FUNCTION approval_typed_data(bigint) IS
    'the EIP-712 Approve typed data an approver signs for a proposal (proposal id, asset, keccak256 of the canonical change, expiry)';

CREATE FUNCTION approve_change(proposal_id bigint, signature bytea, OUT approver eth_address, OUT approvals integer,
    OUT required integer, OUT applied boolean, OUT txn_id bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p @extschema@.approval_proposals;
    pol @extschema@.approval_policies;
    a @extschema@.ledger_assets;
    v_other bigint;
    v_surplus numeric;
    v_ref text;
    v_request jsonb;
    v_result jsonb;
    r record;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['proposal_id', 'signature'],
        ARRAY[proposal_id IS NULL, signature IS NULL]);
    -- the proposal row lock serializes approvals of one proposal
    SELECT * INTO p FROM @extschema@.approval_proposals q WHERE q.id = approve_change.proposal_id FOR UPDATE;
    PERFORM @extschema@.signed_proposal_check_open('proposal', proposal_id, p.applied_txn, p.expires_at,
        ARRAY['CD032', 'CD034', 'CD033'], 'Journal transaction %s applied it; further approvals change nothing.',
        'Propose the change again.');
    approver := @extschema@.eip712_recover(@extschema@.approval_typed_data(p.id), signature);
    SELECT * INTO pol FROM @extschema@.approval_policies q WHERE q.asset OPERATOR(@extschema@.=) p.asset;
    IF approver IS NOT NULL AND NOT coalesce(approver OPERATOR(@extschema@.=) ANY (pol.approvers), false) THEN
        -- a signature of another proposal recovers to someone else here:
        -- say so when it is an approver's signature of one of the asset's
        -- 10 most recent other proposals.  The bound keeps this to at most
        -- 10 recoveries under the proposal lock, however many proposals
        -- were made (docs/approvals.md); a signature that recovers nothing
        -- here recovers nothing for any proposal.
        SELECT c.id INTO v_other
          FROM (SELECT q.id FROM @extschema@.approval_proposals q
                 WHERE q.asset OPERATOR(@extschema@.=) p.asset AND q.id <> p.id
                 ORDER BY q.id DESC LIMIT 10) AS c
         WHERE @extschema@.eip712_recover(@extschema@.approval_typed_data(c.id), signature)
               OPERATOR(@extschema@.=) ANY (pol.approvers)
         ORDER BY c.id DESC LIMIT 1;
        IF v_other IS NOT NULL THEN
            RAISE EXCEPTION 'the signature approves proposal %, not proposal %', v_other, p.id
                USING ERRCODE = 'CD037', HINT = 'Sign approval_typed_data(proposal_id) of this proposal.';
        END IF;
    END IF;
    approver := @extschema@.signed_proposal_signer(approver, pol.approvers, signature, 'CD035',
        'an approver of asset ' || p.asset::text, 'the asset''s approver set');
    approvals := @extschema@.signed_proposal_tally(
        ARRAY(SELECT s.approver FROM @extschema@.approval_signatures s WHERE s.proposal_id = p.id),
        approver, pol.approvers, 'CD036', 'already approved proposal ' || p.id::text, 'approver');
    INSERT INTO @extschema@.approval_signatures (proposal_id, approver, signature) VALUES (p.id, approver, signature);

    -- lock order as in the ledger: ref, asset row, holdings, chain head
    v_ref := 'change:' || p.id::text;
    v_request := jsonb_build_object('proposal_id', p.id, 'asset', p.asset::text, 'change', p.change,
                                    'change_hash', '0x' || encode(p.change_hash, 'hex'));
    PERFORM @extschema@.ledger_replay('change', v_ref, v_request);
    a := @extschema@.ledger_lock_asset(p.asset);
    required := @extschema@.approvals_required(pol, a, p.change);
    applied := approvals >= required;
    IF NOT applied THEN
        RETURN;
    END IF;

    -- again at the last approval: an account may have become a system
    -- account (a new reserve or pool) since the proposal
    IF p.change ? 'split' THEN
        PERFORM @extschema@.ledger_check_user_accounts('split recipient',
            @extschema@.split_recipients((p.change ->> 'split')::@extschema@.royalty_split));
    END IF;
    -- the reserve the new curve no longer needs is paid out through the
    -- split (the new one when the change sets it); no postings when it
    -- releases nothing (ledger_post drops the zero debit of the reserve)
    v_surplus := @extschema@.approvals_reserve_surplus(a, p.change);
    r := @extschema@.ledger_split_postings(coalesce((p.change ->> 'split')::@extschema@.royalty_split, a.split),
                                           v_surplus, a.creator, a.currency);
    SELECT v_request || jsonb_build_object('signatures', jsonb_agg(jsonb_build_object(
               'approver', s.approver::text, 'signature', '0x' || encode(s.signature, 'hex')) ORDER BY s.approver))
      INTO v_request
      FROM @extschema@.approval_signatures s WHERE s.proposal_id = p.id;
    v_result := jsonb_build_object('approvals', approvals, 'required', required, 'released', v_surplus);
    txn_id := @extschema@.ledger_post('change', v_ref, p.asset, v_request, v_result,
        ARRAY[a.reserve_account] || r.accounts, ARRAY[a.currency] || r.assets,
        ARRAY[-v_surplus] || r.amounts, ARRAY['reserve'] || r.kinds);
    -- the row after the journal (still under its lock): the trigger
    -- ledger_assets_governed accepts it because the journal now holds the change
    UPDATE @extschema@.ledger_assets la
       SET curve = coalesce((p.change ->> 'curve')::@extschema@.bonding_curve, la.curve),
           split = coalesce((p.change ->> 'split')::@extschema@.royalty_split, la.split),
           royalty_bps = coalesce((p.change ->> 'royalty_bps')::int, la.royalty_bps),
           paused = coalesce((p.change ->> 'paused')::boolean, la.paused),
           reserve = la.reserve - v_surplus
     WHERE la.asset OPERATOR(@extschema@.=) a.asset;
    UPDATE @extschema@.approval_proposals q SET applied_txn = approve_change.txn_id, applied_at = pg_catalog.now()
     WHERE q.id = p.id;
END
$$;
COMMENT ON FUNCTION approve_change(bigint, bytea) IS
    'record an approver''s EIP-712 Approve signature of a proposal; the approval that reaches the threshold applies the change atomically and journals it with the signatures';
