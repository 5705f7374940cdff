-- attribution (1/1): a data set's contributors, paid pro rata to integer
-- weights by largest remainder; docs/attribution.md is the normative
-- description.  Built on the market (63), lineage (80) and approvals (75).
--
-- Error codes (class CD, docs/errors.md):
--   CD100 weight not a positive integer    CD102 data set governed by approvers
--   CD101 contributor named twice          CD103 revenue routed by another area
--   CD104 contributors proposal for a data set without approvers
--   CD105 unknown contributors proposal    CD108 signer not an approver
--   CD106 proposal already applied         CD109 approver already approved
--   CD107 proposal expired
--
-- A royalty split is 0xSplits-shaped (parts per million, at most 500
-- recipients); a data set has thousands to millions of contributors with
-- weights of any size.  So its contributors are a table, not a value,
-- versioned by the journal transaction that set them, and what is paid
-- into the data set (a distribute, a trade's royalty, or its part as a
-- lineage parent) goes to them instead of its split:
--   * its revenue route (ledger_revenue_routes) is the lineage's, so that
--     a payment into it pays its lineage, if any, first, and a data set
--     may gain parents later like any work;
--   * its payee route (ledger_payee_routes) is attribution_part_postings,
--     which the lineage asks for the part of every work it pays: the
--     data set's part, whether paid into it or reaching it as a parent,
--     is shared among its contributors (C: src/core/apportion.c).

INSERT INTO ledger_transaction_kinds (kind, description) VALUES
    ('attribution', 'the contributor table of a data set: how many, their total weight and the keccak256 of the sorted list (docs/attribution.md)');

-- Every version of every data set's contributor table, keyed by the
-- journal transaction that set it; a payment uses the latest version
-- before its own transaction.  Versions are immutable (the journal's
-- trigger), so a past payment can be recomputed.  The key's order is the
-- tie order of the largest remainder: by contributor address.
CREATE TABLE attribution_weights (
    asset asset NOT NULL,
    txn_id bigint NOT NULL,
    contributor eth_address NOT NULL,
    weight numeric NOT NULL,
    CONSTRAINT attribution_weights_pkey PRIMARY KEY (asset, txn_id, contributor),
    CONSTRAINT attribution_weights_positive CHECK (weight > '0'::numeric),
    CONSTRAINT attribution_weights_whole CHECK (min_scale(weight) = 0)
);
CREATE TRIGGER attribution_weights_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON attribution_weights
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
COMMENT ON TABLE attribution_weights IS
    'the contributor tables of data sets: every version, keyed by the journal transaction that set it, each contributor with a positive integer weight';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.attribution_weights', '');

-- C core (src/pg_attribution.c): the part of amount of each weight, by
-- largest remainder, ties to the earlier weight.
CREATE FUNCTION attribution_apportion(weights numeric[], amount numeric) RETURNS numeric[]
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION attribution_apportion(numeric[], numeric) IS
    'the parts of an amount for positive integer weights of any size, in their order: floor(amount * w / sum) each, the units left one each to the largest remainders, ties to the earlier weight; the parts add up to the amount';

-- The hash that the journal holds for a contributor table: keccak256 of
-- address (20 bytes) || weight in decimal || 0x0a for each contributor,
-- in address order.  Decimal, because a weight has no size limit; the
-- newline ends it, since an address has fixed length.
CREATE FUNCTION attribution_weights_hash(contributors eth_address[], weights numeric[]) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT @extschema@.keccak256(coalesce(string_agg(u.c::bytea || convert_to(trim_scale(u.w)::text, 'UTF8') || '\x0a'::bytea,
                                                     ''::bytea ORDER BY u.c), ''::bytea))
      FROM unnest(contributors, weights) AS u(c, w);
END;
COMMENT ON FUNCTION attribution_weights_hash(eth_address[], numeric[]) IS
    'the keccak256 of a contributor table as the journal records it: address || decimal weight || newline per contributor, in address order';

-- The version of a data set's table in force before journal transaction
-- before (now when NULL): the latest one set before it, NULL when none.
CREATE FUNCTION attribution_version(asset asset, before bigint) RETURNS bigint
LANGUAGE sql STABLE
RETURN (SELECT max(w.txn_id) FROM @extschema@.attribution_weights w
         WHERE w.asset OPERATOR(@extschema@.=) attribution_version.asset
           AND (before IS NULL OR w.txn_id < before));
COMMENT ON FUNCTION attribution_version(asset, bigint) IS
    'internal: the journal transaction that set the contributor table of a data set in force before transaction before (now when NULL); NULL when it had none';

-- The payee route of a data set (ledger_payee_routes): its part of a
-- payment shared among the contributors in force (before the payment
-- recomputed, with before), in address order, by largest remainder; no
-- distributor fee.  A payment made before the data set had contributors
-- went through its split as it was then.
CREATE FUNCTION attribution_part_postings(asset asset, amount numeric, distributor eth_address, currency asset, before bigint,
    OUT accounts eth_address[], OUT assets asset[], OUT amounts numeric[], OUT kinds text[])
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_version bigint := @extschema@.attribution_version(asset, before);
    v_weights numeric[];
BEGIN
    IF v_version IS NULL THEN
        SELECT * INTO accounts, assets, amounts, kinds
          FROM @extschema@.ledger_split_postings(@extschema@.lineage_split_at(asset, coalesce(before, 9223372036854775807)),
                                                 amount, distributor, currency);
        RETURN;
    END IF;
    -- in the key's order, which is the tie order
    SELECT array_agg(w.contributor), array_agg(w.weight) INTO accounts, v_weights
      FROM (SELECT x.contributor, x.weight FROM @extschema@.attribution_weights x
             WHERE x.asset OPERATOR(@extschema@.=) attribution_part_postings.asset AND x.txn_id = v_version
             ORDER BY x.contributor) w;
    amounts := @extschema@.attribution_apportion(v_weights, amount);
    assets := array_fill(currency, ARRAY[cardinality(accounts)]);
    kinds := array_fill('user'::text, ARRAY[cardinality(accounts)]);
END
$$;
COMMENT ON FUNCTION attribution_part_postings(asset, numeric, eth_address, asset, bigint) IS
    'internal: the payee route of a data set: its part of a payment shared among its contributors in force then, pro rata to weight by largest remainder (ties to the lower address)';

-- A contributor table as given, checked (22023, 22004, CD100, CD101, each
-- contributor a user account) and sorted by address, with the request its
-- attribution transaction journals: count, total weight and hash.  Shared
-- by record_contributors and propose_contributors, so that a proposed
-- table is refused exactly as a recorded one.
CREATE FUNCTION attribution_table(asset asset, contributors eth_address[], weights numeric[],
    OUT sorted_contributors eth_address[], OUT sorted_weights numeric[], OUT request jsonb)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_bad record;
BEGIN
    IF cardinality(contributors) = 0 OR cardinality(contributors) <> cardinality(weights)
       OR array_ndims(contributors) <> 1 OR array_ndims(weights) <> 1 THEN
        RAISE EXCEPTION 'contributors and weights must be non-empty one-dimensional arrays of the same length'
            USING ERRCODE = '22023',
                  DETAIL = format('There are %s contributors and %s weights.', cardinality(contributors), cardinality(weights));
    END IF;
    SELECT u.n, u.c, u.w INTO v_bad FROM unnest(contributors, weights) WITH ORDINALITY AS u(c, w, n)
     WHERE u.c IS NULL OR u.w IS NULL ORDER BY u.n LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% must not contain nulls', CASE WHEN v_bad.c IS NULL THEN 'contributors' ELSE 'weights' END
            USING ERRCODE = '22004', DETAIL = format('Element %s is null.', v_bad.n);
    END IF;
    SELECT u.c, u.w INTO v_bad FROM unnest(contributors, weights) WITH ORDINALITY AS u(c, w, n)
     WHERE NOT (u.w > 0 AND u.w < 'Infinity' AND u.w = trunc(u.w)) ORDER BY u.n LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the weight of contributor % must be a positive integer', v_bad.c
            USING ERRCODE = 'CD100', DETAIL = format('The weight is %s.', v_bad.w);
    END IF;
    SELECT u.c INTO v_bad FROM unnest(contributors) AS u(c) GROUP BY u.c HAVING count(*) > 1 ORDER BY u.c LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'contributor % is named more than once', v_bad.c
            USING ERRCODE = 'CD101', DETAIL = 'A contributor has one weight; add up its parts.';
    END IF;
    PERFORM @extschema@.ledger_check_user_accounts('contributor', contributors);
    SELECT array_agg(u.c ORDER BY u.c), array_agg(trim_scale(u.w) ORDER BY u.c)
      INTO sorted_contributors, sorted_weights
      FROM unnest(contributors, weights) AS u(c, w);
    request := jsonb_build_object('asset', asset::text, 'contributors', cardinality(sorted_contributors),
        'total_weight', (SELECT sum(w) FROM unnest(sorted_weights) AS u(w)),
        'weights_hash', '0x' || encode(@extschema@.attribution_weights_hash(sorted_contributors, sorted_weights), 'hex'));
END
$$;
COMMENT ON FUNCTION attribution_table(asset, eth_address[], numeric[]) IS
    'internal: a contributor table checked and sorted by address, with the request of the attribution transaction that would set it (count, total weight, keccak256)';

-- Sets a checked table (attribution_table) as the data set's new version:
-- its routes (CD103 when another area routes its revenue), the attribution
-- transaction and the rows.  The caller holds the asset row and the
-- lineage lock exclusively: a payment reaching the data set through a
-- lineage holds it shared, so it sees the table before or after this.
CREATE FUNCTION attribution_set(asset asset, sorted_contributors eth_address[], sorted_weights numeric[],
    ref text, request jsonb, result jsonb) RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_lineage CONSTANT regprocedure :=
        '@extschema@.lineage_revenue_postings(@extschema@.asset, numeric, @extschema@.eth_address, @extschema@.asset)';
    v_route text;
    v_txn_id bigint;
BEGIN
    INSERT INTO @extschema@.ledger_revenue_routes (asset, route) VALUES (asset, v_lineage)
    ON CONFLICT ON CONSTRAINT ledger_revenue_routes_pkey DO NOTHING;
    SELECT r.route::text INTO v_route FROM @extschema@.ledger_revenue_routes r
     WHERE r.asset OPERATOR(@extschema@.=) attribution_set.asset AND r.route <> v_lineage;
    IF FOUND THEN
        RAISE EXCEPTION 'the revenue of % is already routed by another area', asset
            USING ERRCODE = 'CD103',
                  DETAIL = format('%s routes what is paid into %s; its contributors would not be paid.', v_route, asset);
    END IF;
    INSERT INTO @extschema@.ledger_payee_routes (asset, route)
    VALUES (asset, '@extschema@.attribution_part_postings(@extschema@.asset, numeric, @extschema@.eth_address, @extschema@.asset, bigint)'::regprocedure)
    ON CONFLICT ON CONSTRAINT ledger_payee_routes_pkey DO NOTHING;
    v_txn_id := @extschema@.ledger_post('attribution', ref, asset, request, result,
        '{}'::@extschema@.eth_address[], '{}'::@extschema@.asset[], '{}'::numeric[], '{}'::text[]);
    INSERT INTO @extschema@.attribution_weights (asset, txn_id, contributor, weight)
    SELECT attribution_set.asset, v_txn_id, u.c, u.w FROM unnest(sorted_contributors, sorted_weights) AS u(c, w);
    RETURN v_txn_id;
END
$$;
COMMENT ON FUNCTION attribution_set(asset, eth_address[], numeric[], text, jsonb, jsonb) IS
    'internal: journal a checked contributor table as the data set''s new version and route its revenue to its contributors (CD103 when another area routes it); the caller holds the asset and lineage locks';

CREATE FUNCTION record_contributors(asset asset, contributors eth_address[], weights numeric[], ref text,
    OUT txn_id bigint, OUT contributor_count integer, OUT total_weight numeric, OUT weights_hash bytea)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
    v_result jsonb;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['asset', 'contributors', 'weights', 'ref'],
        ARRAY[asset IS NULL, contributors IS NULL, weights IS NULL, ref IS NULL]);
    t := @extschema@.attribution_table(asset, contributors, weights);
    contributor_count := (t.request ->> 'contributors')::integer;
    total_weight := (t.request ->> 'total_weight')::numeric;
    weights_hash := decode(substr(t.request ->> 'weights_hash', 3), 'hex');
    v_result := @extschema@.ledger_replay('attribution', ref, t.request);
    IF v_result IS NOT NULL THEN
        txn_id := (v_result ->> 'txn_id')::bigint;
        RETURN;
    END IF;
    -- lock order: the ref (ledger_replay), the asset row, the lineage lock
    -- exclusively (attribution_set)
    PERFORM @extschema@.ledger_lock_asset(asset);
    PERFORM @extschema@.lineage_lock(true);
    IF EXISTS (SELECT FROM @extschema@.approval_policies p WHERE p.asset OPERATOR(@extschema@.=) record_contributors.asset) THEN
        RAISE EXCEPTION 'the contributors of % change only through its approvers', asset
            USING ERRCODE = 'CD102',
                  DETAIL = 'The asset has approvers; its contributor table decides where its revenue goes, as its split does.',
                  HINT = 'propose_contributors(asset, contributors, weights, proposer), then approve_contributors with the approvers'' signatures.';
    END IF;
    txn_id := @extschema@.attribution_set(asset, t.sorted_contributors, t.sorted_weights, ref, t.request, '{}'::jsonb);
END
$$;
COMMENT ON FUNCTION record_contributors(asset, eth_address[], numeric[], text) IS
    'set the contributor table of a data set (a registered asset): every contributor with a positive integer weight of any size; what is paid into the data set then goes to them pro rata by largest remainder instead of its split; journaled with the keccak256 of the table; idempotent by ref';

-- ledger_verify()'s attribution_weights, position 91 (the payments are
-- lineage_payments', position 86: through ledger_payee_routes it
-- recomputes every payment into a data set and every lineage payment that
-- reaches one, with the table in force before it).
CREATE FUNCTION attribution_verify() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    WITH versions AS (
        SELECT w.asset, w.txn_id, count(*) AS n, sum(w.weight) AS total,
               @extschema@.attribution_weights_hash(array_agg(w.contributor), array_agg(w.weight)) AS hash
          FROM @extschema@.attribution_weights w GROUP BY w.asset, w.txn_id
    ), failures AS (
        SELECT format('the contributors of %s set by transaction %s are not what it journaled', coalesce(v.asset, t.asset),
                      coalesce(v.txn_id, t.id)) AS e
          FROM versions v
          FULL JOIN (SELECT * FROM @extschema@.ledger_transactions l WHERE l.kind = 'attribution') t ON t.id = v.txn_id
         WHERE t.id IS NULL OR v.txn_id IS NULL OR t.asset OPERATOR(@extschema@.<>) v.asset
            OR t.request <> jsonb_build_object('asset', v.asset::text, 'contributors', v.n, 'total_weight', v.total,
                                               'weights_hash', '0x' || encode(v.hash, 'hex'))
        UNION ALL
        SELECT format('data set %s is not paid through its contributors', d.asset)
          FROM (SELECT DISTINCT w.asset FROM @extschema@.attribution_weights w) d
         WHERE NOT EXISTS (SELECT FROM @extschema@.ledger_payee_routes p
                            WHERE p.asset OPERATOR(@extschema@.=) d.asset
                              AND p.route = '@extschema@.attribution_part_postings(@extschema@.asset, numeric, @extschema@.eth_address, @extschema@.asset, bigint)'::regprocedure)
            OR NOT EXISTS (SELECT FROM @extschema@.ledger_revenue_routes r
                            WHERE r.asset OPERATOR(@extschema@.=) d.asset
                              AND r.route = '@extschema@.lineage_revenue_postings(@extschema@.asset, numeric, @extschema@.eth_address, @extschema@.asset)'::regprocedure)
    )
    SELECT r.* FROM (SELECT count(*) AS n, min(f.e) AS e FROM failures f) x,
      @extschema@.ledger_verify_row('attribution_weights', x.n, x.e,
          format('%s contributor tables of %s data sets: each as journaled',
                 (SELECT count(*) FROM versions), (SELECT count(DISTINCT v.asset) FROM versions v)),
          'contributor tables differ from the journal') r;
END;
INSERT INTO ledger_verify_checks_registry (position, function, area) VALUES
    (91, 'attribution_verify()', 'attribution');
COMMENT ON FUNCTION attribution_verify() IS
    'check attribution_weights of ledger_verify(): every contributor table is what its attribution transaction journaled (count, total weight, keccak256 of the sorted list) and every data set is routed to its contributors; the payments are checked by lineage_payments';

CREATE FUNCTION contributors(asset asset) RETURNS TABLE(contributor eth_address, weight numeric)
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT w.contributor, w.weight FROM @extschema@.attribution_weights w
     WHERE w.asset OPERATOR(@extschema@.=) contributors.asset
       AND w.txn_id = @extschema@.attribution_version(contributors.asset, NULL)
     ORDER BY w.contributor;
END;
COMMENT ON FUNCTION contributors(asset) IS
    'the contributor table in force of a data set, in address order (empty for an asset without one)';

-- Contributor tables of governed data sets.  A data set with approvers
-- (set_approvers) changes its table only through an approved proposal, as
-- a governed work changes its links (81_provenance.sql): the table decides
-- where its revenue goes, as its split does.  A proposal holds the table,
-- checked and sorted by address (arrays: a proposal is one value, applied
-- whole), and the request its attribution transaction will journal; approvers sign that request's hash (ApproveContributors), so
-- they approve exactly that table.
CREATE TABLE attribution_proposals (
    id bigint GENERATED ALWAYS AS IDENTITY,
    asset asset NOT NULL,
    contributors eth_address[] NOT NULL,
    weights numeric[] NOT NULL,
    request jsonb NOT NULL,
    proposer eth_address NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    applied_txn bigint,
    CONSTRAINT attribution_proposals_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE attribution_proposals IS
    'proposed contributor tables of data sets that have approvers: the table sorted by address and the request its attribution transaction will journal (count, total weight, keccak256), waiting for approvals, and those applied';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.attribution_proposals', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.attribution_proposals_id_seq', '');

CREATE TABLE attribution_signatures (
    proposal_id bigint NOT NULL REFERENCES attribution_proposals (id),
    approver eth_address NOT NULL,
    signature bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT attribution_signatures_pkey PRIMARY KEY (proposal_id, approver)
);
COMMENT ON TABLE attribution_signatures IS
    'the EIP-712 ApproveContributors signatures approvers gave, one per approver and contributor proposal';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.attribution_signatures', '');

CREATE FUNCTION propose_contributors(asset asset, contributors eth_address[], weights numeric[], proposer eth_address,
    expires_at timestamptz DEFAULT pg_catalog.now() + interval '7 days') RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
    v_id bigint;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['asset', 'contributors', 'weights', 'proposer', 'expires_at'],
        ARRAY[asset IS NULL, contributors IS NULL, weights IS NULL, proposer IS NULL, expires_at IS NULL]);
    PERFORM @extschema@.ledger_check_user_account('proposer', proposer);
    t := @extschema@.attribution_table(asset, contributors, weights);
    -- signed as whole unix seconds (uint256), read by approvers as a date
    expires_at := date_trunc('second', expires_at);
    IF NOT isfinite(expires_at) OR expires_at <= pg_catalog.now() OR expires_at >= '10000-01-01 00:00:00+00'::timestamptz THEN
        RAISE EXCEPTION 'expires_at must be a finite time in the future, before 10000-01-01 00:00:00+00'
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', expires_at);
    END IF;
    -- CD001 for an unregistered asset, as record_contributors; shared, as
    -- propose_change: the approvers are read as they are before or after a
    -- concurrent change, never during it
    PERFORM @extschema@.ledger_lock_asset(asset, 'share');
    IF NOT EXISTS (SELECT FROM @extschema@.approval_policies p WHERE p.asset OPERATOR(@extschema@.=) propose_contributors.asset) THEN
        RAISE EXCEPTION 'asset % has no approvers', asset
            USING ERRCODE = 'CD104',
                  DETAIL = 'The contributor table of a data set without approvers needs no proposal.',
                  HINT = 'record_contributors(asset, contributors, weights, ref) sets it directly.';
    END IF;
    INSERT INTO @extschema@.attribution_proposals AS q (asset, contributors, weights, request, proposer, expires_at)
    VALUES (asset, t.sorted_contributors, t.sorted_weights, t.request, proposer, propose_contributors.expires_at)
    RETURNING q.id INTO v_id;
    RETURN v_id;
END
$$;
COMMENT ON FUNCTION propose_contributors(asset, eth_address[], numeric[], eth_address, timestamptz) IS
    'propose a new contributor table for a data set that has approvers (checked as record_contributors checks it), applied by approve_contributors once enough of them sign it before it expires; returns the proposal id';

-- The EIP-712 ApproveContributors type: the proposal, the data set and
-- the journal's request of the table (count, total weight in decimal, as
-- it has no size limit, keccak256 by attribution_weights_hash).
CREATE FUNCTION contributors_approval_typed_data(proposal_id bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p @extschema@.attribution_proposals;
BEGIN
    SELECT * INTO p FROM @extschema@.attribution_proposals q WHERE q.id = proposal_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown contributors proposal %', proposal_id USING ERRCODE = 'CD105';
    END IF;
    RETURN jsonb_build_object(
        'types', jsonb_build_object(
            'EIP712Domain', @extschema@.order_types() -> 'EIP712Domain',
            'ApproveContributors', '[{"name": "proposalId", "type": "uint256"}, {"name": "asset", "type": "string"},
                                     {"name": "contributors", "type": "uint256"}, {"name": "totalWeight", "type": "string"},
                                     {"name": "weightsHash", "type": "bytes32"}, {"name": "expiry", "type": "uint256"}]'::jsonb),
        'primaryType', 'ApproveContributors',
        'domain', @extschema@.order_domain_json(),
        'message', jsonb_build_object('proposalId', p.id::text, 'asset', p.asset::text,
            'contributors', p.request ->> 'contributors', 'totalWeight', p.request ->> 'total_weight',
            'weightsHash', p.request ->> 'weights_hash', 'expiry', extract(epoch FROM p.expires_at)::bigint::text));
END
$$;
COMMENT ON FUNCTION contributors_approval_typed_data(bigint) IS
    'the EIP-712 ApproveContributors typed data an approver signs for a contributors proposal under the deployment''s order domain: id, data set, count, total weight, keccak256 of the table (attribution_weights_hash), expiry';

CREATE FUNCTION approve_contributors(proposal_id bigint, signature bytea, OUT approver eth_address, OUT approvals integer,
    OUT required integer, OUT applied boolean, OUT txn_id bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p @extschema@.attribution_proposals;
    v_approvers @extschema@.eth_address[];
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['proposal_id', 'signature'],
        ARRAY[proposal_id IS NULL, signature IS NULL]);
    -- the proposal row lock serializes approvals of one proposal
    SELECT * INTO p FROM @extschema@.attribution_proposals q WHERE q.id = approve_contributors.proposal_id FOR UPDATE;
    PERFORM @extschema@.signed_proposal_check_open('contributors proposal', proposal_id, p.applied_txn, p.expires_at,
        ARRAY['CD105', 'CD106', 'CD107'], 'Journal transaction %s applied it.', 'Propose the contributors again.');
    SELECT q.approvers, q.threshold INTO v_approvers, required
      FROM @extschema@.approval_policies q WHERE q.asset OPERATOR(@extschema@.=) p.asset;
    approver := @extschema@.signed_proposal_signer(
        @extschema@.eip712_recover(@extschema@.contributors_approval_typed_data(p.id), signature), v_approvers, signature,
        'CD108', 'an approver of asset ' || p.asset::text, 'the asset''s approver set');
    approvals := @extschema@.signed_proposal_tally(
        ARRAY(SELECT s.approver FROM @extschema@.attribution_signatures s WHERE s.proposal_id = p.id),
        approver, v_approvers, 'CD109', 'already approved contributors proposal ' || p.id::text, 'approver');
    INSERT INTO @extschema@.attribution_signatures (proposal_id, approver, signature) VALUES (p.id, approver, signature);
    applied := approvals >= required;
    IF NOT applied THEN
        RETURN;
    END IF;
    -- lock order as record_contributors: the asset row, the lineage lock;
    -- the contributors again (one may have become a system account since)
    PERFORM @extschema@.ledger_lock_asset(p.asset);
    PERFORM @extschema@.lineage_lock(true);
    PERFORM @extschema@.ledger_check_user_accounts('contributor', p.contributors);
    -- the same request as record_contributors' (ledger_verify's
    -- attribution_weights checks it); the approvals in the result, which
    -- the hash chain covers
    txn_id := @extschema@.attribution_set(p.asset, p.contributors, p.weights, 'contributors:' || p.id::text, p.request,
        jsonb_build_object('proposal_id', p.id, 'approvals', approvals, 'required', required,
            'signatures', (SELECT jsonb_agg(jsonb_build_object('approver', s.approver::text,
                                                               'signature', '0x' || encode(s.signature, 'hex'))
                                            ORDER BY s.approver)
                             FROM @extschema@.attribution_signatures s WHERE s.proposal_id = p.id)));
    UPDATE @extschema@.attribution_proposals q SET applied_txn = approve_contributors.txn_id WHERE q.id = p.id;
END
$$;
COMMENT ON FUNCTION approve_contributors(bigint, bytea) IS
    'record an approver''s EIP-712 signature of a contributors proposal (contributors_approval_typed_data); the approval that reaches the threshold journals the table as an attribution transaction with the signatures, as record_contributors would';

-- privileges: the table is read by every ledger role; contributor tables
-- change only through record_contributors, the operator's (as
-- link_derivative), or for a governed data set propose_contributors (the
-- operator's, as propose_link) and approve_contributors (the app's, as
-- approve_link); the read function, the typed data and the two pure ones,
-- with which a client checks a table's hash and a payment, are every role's
REVOKE ALL ON TABLE attribution_weights FROM PUBLIC;
GRANT SELECT ON TABLE attribution_weights
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
REVOKE ALL ON FUNCTION
    attribution_apportion(numeric[], numeric),
    attribution_weights_hash(eth_address[], numeric[]),
    attribution_version(asset, bigint),
    attribution_part_postings(asset, numeric, eth_address, asset, bigint),
    attribution_table(asset, eth_address[], numeric[]),
    attribution_set(asset, eth_address[], numeric[], text, jsonb, jsonb),
    record_contributors(asset, eth_address[], numeric[], text),
    contributors(asset),
    attribution_verify(),
    propose_contributors(asset, eth_address[], numeric[], eth_address, timestamptz),
    contributors_approval_typed_data(bigint),
    approve_contributors(bigint, bytea)
FROM PUBLIC;
REVOKE ALL ON TABLE attribution_proposals, attribution_signatures FROM PUBLIC;
GRANT SELECT ON TABLE attribution_proposals, attribution_signatures
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
GRANT EXECUTE ON FUNCTION propose_contributors(asset, eth_address[], numeric[], eth_address, timestamptz)
    TO creative_defi_operator;
GRANT EXECUTE ON FUNCTION approve_contributors(bigint, bytea) TO creative_defi_app;
GRANT EXECUTE ON FUNCTION record_contributors(asset, eth_address[], numeric[], text) TO creative_defi_operator;
GRANT EXECUTE ON FUNCTION contributors(asset), attribution_apportion(numeric[], numeric),
    attribution_weights_hash(eth_address[], numeric[]), contributors_approval_typed_data(bigint)
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
