-- provenance (1/1): derivatives registered with their parents in one call,
-- link changes of governed works through their approvers, and generated
-- works registered with a signed provenance record (docs/provenance.md is
-- the normative description).  Built on lineage (80) and approvals (75).
--
-- Error codes (class CD, docs/errors.md):
--   CD090 link of a governed work outside an approved proposal
--   CD091 link proposal for a work without approvers
--   CD092 unknown link proposal           CD095 signer not an approver
--   CD093 link proposal already applied   CD096 approver already approved
--   CD094 link proposal expired           CD097 record not signed by its generator
--   CD098 content hash already registered
--   (CD110 no such link, CD111 a change that changes nothing: 80_lineage.sql)

INSERT INTO ledger_transaction_kinds (kind, description) VALUES
    ('link_approval', 'the approvals of a derivative link of a governed work: proposal and signatures (docs/provenance.md)'),
    ('provenance', 'the signed provenance record of a generated work: content hash, generator, sources and weights (docs/provenance.md)');

-- A JSON array argument of objects with exactly the keys of shape, each
-- "string" or "integer" (a JSON number without a fraction that fits an
-- integer): its elements with their position; 22023 otherwise, naming
-- the argument and the element.  register_derivative's parents and a
-- provenance record's sources are read through it.
CREATE FUNCTION provenance_json_objects(value jsonb, argument text, shape jsonb)
RETURNS TABLE(n integer, element jsonb)
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_keys text[] := ARRAY(SELECT k FROM jsonb_object_keys(shape) AS o(k) ORDER BY k);
    v_form text := '{' || (SELECT string_agg(format('"%s": %s', k, CASE WHEN shape ->> k = 'string' THEN 'text' ELSE 'integer' END), ', ')
                             FROM jsonb_object_keys(shape) AS o(k)) || '}';
BEGIN
    IF jsonb_typeof(value) IS DISTINCT FROM 'array' OR jsonb_array_length(value) = 0 THEN
        RAISE EXCEPTION '% must be a non-empty JSON array', argument
            USING ERRCODE = '22023', HINT = format('Each element is %s.', v_form);
    END IF;
    FOR n, element IN SELECT a.i, a.x FROM jsonb_array_elements(value) WITH ORDINALITY AS a(x, i) LOOP
        IF jsonb_typeof(element) IS DISTINCT FROM 'object'
           OR ARRAY(SELECT k FROM jsonb_object_keys(element) AS o(k) ORDER BY k) <> v_keys
           OR EXISTS (SELECT FROM jsonb_each_text(shape) AS f(k, t)
                       WHERE CASE WHEN f.t = 'string' THEN jsonb_typeof(element -> f.k) <> 'string'
                                  ELSE jsonb_typeof(element -> f.k) <> 'number'
                                       OR (element ->> f.k)::numeric <> trunc((element ->> f.k)::numeric)
                                       OR abs((element ->> f.k)::numeric) > 2147483647 END) THEN
            RAISE EXCEPTION '%[%] must be an object %', argument, n, v_form
                USING ERRCODE = '22023', DETAIL = format('The element is %s.', element);
        END IF;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION provenance_json_objects(jsonb, text, jsonb) IS
    'internal: the elements of a JSON array argument of objects of one shape (keys typed string or integer) with their position; 22023 for a malformed array';

-- The parents of register_derivative as rows, in the order given: a JSON
-- array of {"parent": asset text, "policy": text, "license_bps": integer}.
-- Policy and licence values are checked by link_derivative, with its own
-- messages; this checks the shape only.
CREATE FUNCTION provenance_parent_links(parents jsonb)
RETURNS TABLE(n integer, parent asset, policy text, license_bps integer)
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT o.n, (o.element ->> 'parent')::@extschema@.asset, o.element ->> 'policy', (o.element ->> 'license_bps')::numeric::integer
      FROM @extschema@.provenance_json_objects(parents, 'parents',
               '{"parent": "string", "policy": "string", "license_bps": "integer"}') o
     ORDER BY o.n;
END;
COMMENT ON FUNCTION provenance_parent_links(jsonb) IS
    'internal: the parents argument of register_derivative as rows (parent, policy, license_bps) in the order given; 22023 for a malformed array';

CREATE FUNCTION register_derivative(asset asset, currency asset, curve bonding_curve, split royalty_split,
    creator eth_address, parents jsonb, royalty_bps integer DEFAULT 0, content_hash bytea DEFAULT NULL,
    metadata jsonb DEFAULT '{}', OUT txn_id bigint, OUT reserve_account eth_address, OUT link_txn_ids bigint[])
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['parents'], ARRAY[parents IS NULL]);
    -- the shape first, so that a malformed call registers nothing even
    -- before the rollback would undo it
    PERFORM FROM @extschema@.provenance_parent_links(parents);
    SELECT g.txn_id, g.reserve_account INTO txn_id, reserve_account
      FROM @extschema@.register_asset(asset, currency, curve, split, creator, royalty_bps, content_hash, metadata) g;
    link_txn_ids := '{}';
    FOR r IN SELECT * FROM @extschema@.provenance_parent_links(parents) p ORDER BY p.n LOOP
        link_txn_ids := link_txn_ids
            || (SELECT l.txn_id FROM @extschema@.link_derivative(asset, r.parent, r.policy, r.license_bps) l);
    END LOOP;
END
$$;
COMMENT ON FUNCTION register_derivative(asset, asset, bonding_curve, royalty_split, eth_address, jsonb, integer, bytea, jsonb) IS
    'register an asset on a bonding curve together with its derivative links (parents: JSON array of {parent, policy, license_bps}), atomically: a register transaction then one link_derivative transaction per parent in the order given';

-- Link changes of governed works.  A work with approvers (set_approvers)
-- gains, loses or changes a parent only through an approved proposal: a
-- link diverts part of the work's revenue from its split, which is the
-- approvers' to change.  Proposals and signatures live here; the
-- approvers and the threshold are the work's approval policy.  action:
-- link (a new link, with its terms), unlink (a removal, no terms), change
-- (new terms of an existing link).
CREATE TABLE lineage_link_proposals (
    id bigint GENERATED ALWAYS AS IDENTITY,
    child asset NOT NULL,
    parent asset NOT NULL,
    policy text,
    license_bps integer,
    proposer eth_address NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    applied_txn bigint,
    applied_at timestamptz,
    action text NOT NULL DEFAULT 'link',
    CONSTRAINT lineage_link_proposals_pkey PRIMARY KEY (id),
    CONSTRAINT lineage_link_proposals_action CHECK (action IN ('link', 'unlink', 'change')),
    CONSTRAINT lineage_link_proposals_terms CHECK ((action = 'unlink') = (policy IS NULL)
                                                   AND (action = 'unlink') = (license_bps IS NULL)),
    CONSTRAINT lineage_link_proposals_policy CHECK (policy IN ('absolute', 'relative')),
    CONSTRAINT lineage_link_proposals_license_bps CHECK (license_bps BETWEEN 1 AND 10000),
    -- applied_at is set first, while approve_link applies the link (the
    -- trigger lineage_links_governed looks for it), applied_txn after
    CONSTRAINT lineage_link_proposals_applied CHECK (applied_txn IS NULL OR applied_at IS NOT NULL)
);
CREATE INDEX lineage_link_proposals_child_idx ON lineage_link_proposals (child, parent, id);
COMMENT ON TABLE lineage_link_proposals IS
    'proposed derivative links of works that have approvers, waiting for approvals, and those applied';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.lineage_link_proposals', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.lineage_link_proposals_id_seq', '');

CREATE TABLE lineage_link_signatures (
    proposal_id bigint NOT NULL REFERENCES lineage_link_proposals (id),
    approver eth_address NOT NULL,
    signature bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT lineage_link_signatures_pkey PRIMARY KEY (proposal_id, approver)
);
COMMENT ON TABLE lineage_link_signatures IS
    'the EIP-712 ApproveLink signatures approvers gave, one per approver and link proposal';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.lineage_link_signatures', '');

-- Refuses a new, removed or changed link of a work with approvers unless
-- approve_link is applying a proposal of it in this transaction.  Only
-- new links whose journal transaction is being written now are checked
-- (created_at is the transaction's start): a restore copies links
-- journaled earlier, after the approval policies, and must not be
-- refused.
CREATE FUNCTION lineage_refuse_ungoverned_link() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_link @extschema@.lineage_links := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
    IF (TG_OP = 'INSERT' AND NOT EXISTS (SELECT FROM @extschema@.ledger_transactions t
                                          WHERE t.id = NEW.txn_id AND t.created_at = pg_catalog.now()))
       OR NOT EXISTS (SELECT FROM @extschema@.approval_policies p WHERE p.asset OPERATOR(@extschema@.=) v_link.child)
       OR EXISTS (SELECT FROM @extschema@.lineage_link_proposals q
                   WHERE q.child OPERATOR(@extschema@.=) v_link.child AND q.parent OPERATOR(@extschema@.=) v_link.parent
                     AND q.applied_txn IS NULL AND q.applied_at = pg_catalog.now()) THEN
        RETURN v_link;
    END IF;
    IF TG_OP = 'INSERT' THEN
        RAISE EXCEPTION 'links of asset % change only through an approved proposal', NEW.child
            USING ERRCODE = 'CD090',
                  DETAIL = 'The asset has approvers; a new parent diverts part of its revenue from its split.',
                  HINT = 'propose_link(child, parent, policy, license_bps, proposer), then approve_link with the approvers'' signatures.';
    END IF;
    RAISE EXCEPTION 'links of asset % change only through an approved proposal', v_link.child
        USING ERRCODE = 'CD090',
              DETAIL = 'The asset has approvers; removing or changing a link changes what its split receives.',
              HINT = 'propose_unlink(child, parent, proposer) or propose_link_change(child, parent, policy, license_bps, proposer), then approve_link with the approvers'' signatures.';
END
$$;
COMMENT ON FUNCTION lineage_refuse_ungoverned_link() IS
    'internal: trigger function of lineage_links_governed: CD090 for a new, removed or changed link of a work with approvers outside approve_link';
CREATE TRIGGER lineage_links_governed BEFORE INSERT OR UPDATE OR DELETE ON lineage_links
    FOR EACH ROW EXECUTE FUNCTION lineage_refuse_ungoverned_link();

-- A proposal of action (link, unlink, change) for a work with approvers:
-- the checks every kind of proposal shares, and the row.  policy and
-- license_bps are NULL for an unlink (and not checked for NULL).  A removal or change needs the link
-- to exist now (CD110); all is checked again when it applies.
CREATE FUNCTION lineage_propose(action text, child asset, parent asset, policy text, license_bps integer,
    proposer eth_address, expires_at timestamptz) RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_id bigint;
    v_unlink boolean := action = 'unlink';
BEGIN
    PERFORM @extschema@.ledger_check_not_null(
        ARRAY['child', 'parent'] || CASE WHEN v_unlink THEN '{}'::text[] ELSE ARRAY['policy', 'license_bps'] END
            || ARRAY['proposer', 'expires_at'],
        ARRAY[child IS NULL, parent IS NULL]
            || CASE WHEN v_unlink THEN '{}'::boolean[] ELSE ARRAY[policy IS NULL, license_bps IS NULL] END
            || ARRAY[proposer IS NULL, expires_at IS NULL]);
    PERFORM @extschema@.ledger_check_user_account('proposer', proposer);
    IF action <> 'unlink' AND (policy NOT IN ('absolute', 'relative') OR license_bps NOT BETWEEN 1 AND 10000) THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = CASE WHEN policy NOT IN ('absolute', 'relative') THEN 'policy must be absolute or relative'
                           ELSE 'license_bps must be between 1 and 10000' END;
    END IF;
    -- signed as whole unix seconds (uint256), read by approvers as a date
    expires_at := date_trunc('second', expires_at);
    IF NOT isfinite(expires_at) OR expires_at <= pg_catalog.now() OR expires_at >= '10000-01-01 00:00:00+00'::timestamptz THEN
        RAISE EXCEPTION 'expires_at must be a finite time in the future, before 10000-01-01 00:00:00+00'
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', expires_at);
    END IF;
    PERFORM @extschema@.lineage_check_registered(child, 'child');
    PERFORM @extschema@.lineage_check_registered(parent, 'parent');
    IF NOT EXISTS (SELECT FROM @extschema@.approval_policies p WHERE p.asset OPERATOR(@extschema@.=) lineage_propose.child) THEN
        RAISE EXCEPTION 'asset % has no approvers', child
            USING ERRCODE = 'CD091',
                  DETAIL = 'A link of a work without approvers needs no proposal.',
                  HINT = CASE action WHEN 'link' THEN 'link_derivative links it directly.'
                                     WHEN 'unlink' THEN 'unlink_derivative removes the link directly.'
                                     ELSE 'change_link changes the link directly.' END;
    END IF;
    IF action <> 'link' AND NOT EXISTS (SELECT FROM @extschema@.lineage_links l
                                         WHERE l.child OPERATOR(@extschema@.=) lineage_propose.child
                                           AND l.parent OPERATOR(@extschema@.=) lineage_propose.parent) THEN
        RAISE EXCEPTION 'asset % does not derive from %', child, parent
            USING ERRCODE = 'CD110',
                  DETAIL = 'Only an existing link can be removed or changed.',
                  HINT = 'lineage(child) lists what a work derives from.';
    END IF;
    INSERT INTO @extschema@.lineage_link_proposals AS q (child, parent, policy, license_bps, proposer, expires_at, action)
    VALUES (child, parent, policy, license_bps, proposer, lineage_propose.expires_at, action)
    RETURNING q.id INTO v_id;
    RETURN v_id;
END
$$;
COMMENT ON FUNCTION lineage_propose(text, asset, asset, text, integer, eth_address, timestamptz) IS
    'internal: record a link, unlink or change proposal of a work with approvers after the checks they share; returns its id';

CREATE FUNCTION propose_link(child asset, parent asset, policy text, license_bps integer, proposer eth_address,
    expires_at timestamptz DEFAULT pg_catalog.now() + interval '7 days') RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
RETURN @extschema@.lineage_propose('link', child, parent, policy, license_bps, proposer, expires_at);
COMMENT ON FUNCTION propose_link(asset, asset, text, integer, eth_address, timestamptz) IS
    'propose a derivative link of a work that has approvers, applied by approve_link once enough of them sign it before it expires; returns the proposal id';

CREATE FUNCTION propose_unlink(child asset, parent asset, proposer eth_address,
    expires_at timestamptz DEFAULT pg_catalog.now() + interval '7 days') RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
RETURN @extschema@.lineage_propose('unlink', child, parent, NULL, NULL, proposer, expires_at);
COMMENT ON FUNCTION propose_unlink(asset, asset, eth_address, timestamptz) IS
    'propose the removal of a derivative link of a work that has approvers, applied by approve_link (unlink_derivative) once enough of them sign it; returns the proposal id';

CREATE FUNCTION propose_link_change(child asset, parent asset, policy text, license_bps integer, proposer eth_address,
    expires_at timestamptz DEFAULT pg_catalog.now() + interval '7 days') RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
RETURN @extschema@.lineage_propose('change', child, parent, policy, license_bps, proposer, expires_at);
COMMENT ON FUNCTION propose_link_change(asset, asset, text, integer, eth_address, timestamptz) IS
    'propose new terms (policy, licence) for a derivative link of a work that has approvers, applied by approve_link (change_link) once enough of them sign it; returns the proposal id';

CREATE FUNCTION link_approval_typed_data(proposal_id bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p @extschema@.lineage_link_proposals;
BEGIN
    SELECT * INTO p FROM @extschema@.lineage_link_proposals q WHERE q.id = proposal_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown link proposal %', proposal_id USING ERRCODE = 'CD092';
    END IF;
    -- a type per action, so that a wallet shows what is approved and a
    -- signature of one action is never valid for another
    IF p.action = 'unlink' THEN
        RETURN jsonb_build_object(
            'types', jsonb_build_object(
                'EIP712Domain', @extschema@.order_types() -> 'EIP712Domain',
                'ApproveUnlink', '[{"name": "proposalId", "type": "uint256"}, {"name": "child", "type": "string"},
                                   {"name": "parent", "type": "string"}, {"name": "expiry", "type": "uint256"}]'::jsonb),
            'primaryType', 'ApproveUnlink',
            'domain', @extschema@.order_domain_json(),
            'message', jsonb_build_object('proposalId', p.id::text, 'child', p.child::text, 'parent', p.parent::text,
                'expiry', extract(epoch FROM p.expires_at)::bigint::text));
    END IF;
    RETURN jsonb_build_object(
        'types', jsonb_build_object(
            'EIP712Domain', @extschema@.order_types() -> 'EIP712Domain',
            CASE p.action WHEN 'link' THEN 'ApproveLink' ELSE 'ApproveLinkChange' END,
            '[{"name": "proposalId", "type": "uint256"}, {"name": "child", "type": "string"},
              {"name": "parent", "type": "string"}, {"name": "policy", "type": "string"},
              {"name": "licenseBps", "type": "uint256"}, {"name": "expiry", "type": "uint256"}]'::jsonb),
        'primaryType', CASE p.action WHEN 'link' THEN 'ApproveLink' ELSE 'ApproveLinkChange' END,
        'domain', @extschema@.order_domain_json(),
        'message', jsonb_build_object('proposalId', p.id::text, 'child', p.child::text, 'parent', p.parent::text,
            'policy', p.policy, 'licenseBps', p.license_bps::text,
            'expiry', extract(epoch FROM p.expires_at)::bigint::text));
END
$$;
COMMENT ON FUNCTION link_approval_typed_data(bigint) IS
    'the EIP-712 typed data an approver signs for a link proposal under the deployment''s order domain: ApproveLink (id, child, parent, policy, licence, expiry) for a new link, ApproveLinkChange (the same fields) for new terms, ApproveUnlink (id, child, parent, expiry) for a removal';

CREATE FUNCTION approve_link(proposal_id bigint, signature bytea, OUT approver eth_address, OUT approvals integer,
    OUT required integer, OUT applied boolean, OUT txn_id bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p @extschema@.lineage_link_proposals;
    pol @extschema@.approval_policies;
    v_request jsonb;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['proposal_id', 'signature'],
        ARRAY[proposal_id IS NULL, signature IS NULL]);
    -- the proposal row lock serializes approvals of one proposal
    SELECT * INTO p FROM @extschema@.lineage_link_proposals q WHERE q.id = approve_link.proposal_id FOR UPDATE;
    PERFORM @extschema@.signed_proposal_check_open('link proposal', proposal_id, p.applied_txn, p.expires_at,
        ARRAY['CD092', 'CD093', 'CD094'], 'Journal transaction %s applied it.', 'Propose the link again.');
    SELECT * INTO pol FROM @extschema@.approval_policies q WHERE q.asset OPERATOR(@extschema@.=) p.child;
    approver := @extschema@.signed_proposal_signer(
        @extschema@.eip712_recover(@extschema@.link_approval_typed_data(p.id), signature), pol.approvers, signature,
        'CD095', 'an approver of asset ' || p.child::text, 'the asset''s approver set');
    approvals := @extschema@.signed_proposal_tally(
        ARRAY(SELECT s.approver FROM @extschema@.lineage_link_signatures s WHERE s.proposal_id = p.id),
        approver, pol.approvers, 'CD096', 'already approved link proposal ' || p.id::text, 'approver');
    INSERT INTO @extschema@.lineage_link_signatures (proposal_id, approver, signature) VALUES (p.id, approver, signature);
    -- as approvals.md's royalty bound: a licence above half the child's
    -- revenue needs every approver (a removal has none: M of N)
    required := CASE WHEN p.license_bps > 5000 THEN cardinality(pol.approvers) ELSE pol.threshold END;
    applied := approvals >= required;
    IF NOT applied THEN
        RETURN;
    END IF;
    -- the signatures are journaled first (the hash chain covers them),
    -- then the link, its removal or its change, which
    -- lineage_links_governed accepts while the proposal is being applied
    SELECT jsonb_build_object('proposal_id', p.id, 'child', p.child::text, 'parent', p.parent::text,
               'policy', p.policy, 'license_bps', p.license_bps)
           || CASE WHEN p.action = 'link' THEN '{}'::jsonb ELSE jsonb_build_object('action', p.action) END
           || jsonb_build_object(
               'signatures', jsonb_agg(jsonb_build_object('approver', s.approver::text,
                                                          'signature', '0x' || encode(s.signature, 'hex'))
                                       ORDER BY s.approver))
      INTO v_request
      FROM @extschema@.lineage_link_signatures s WHERE s.proposal_id = p.id;
    PERFORM @extschema@.ledger_post('link_approval', 'link-approval:' || p.id::text, p.child, v_request,
        jsonb_build_object('approvals', approvals, 'required', required),
        '{}'::@extschema@.eth_address[], '{}'::@extschema@.asset[], '{}'::numeric[], '{}'::text[]);
    UPDATE @extschema@.lineage_link_proposals q SET applied_at = pg_catalog.now() WHERE q.id = p.id;
    txn_id := CASE p.action
        WHEN 'link' THEN (SELECT l.txn_id FROM @extschema@.link_derivative(p.child, p.parent, p.policy, p.license_bps) l)
        WHEN 'unlink' THEN (SELECT l.txn_id FROM @extschema@.unlink_derivative(p.child, p.parent) l)
        ELSE (SELECT l.txn_id FROM @extschema@.change_link(p.child, p.parent, p.policy, p.license_bps) l) END;
    UPDATE @extschema@.lineage_link_proposals q SET applied_txn = approve_link.txn_id WHERE q.id = p.id;
END
$$;
COMMENT ON FUNCTION approve_link(bigint, bytea) IS
    'record an approver''s EIP-712 signature of a link proposal (link_approval_typed_data); the approval that reaches the threshold journals the signatures and applies the proposal: link_derivative, unlink_derivative or change_link';

-- AI provenance.  A generated work's record: the work, its content hash,
-- the generator's address and its sources (models, data sets: registered
-- assets) with attribution weights in basis points of the work's revenue.
-- The EIP-712 types, under the deployment's order domain.
CREATE FUNCTION provenance_types() RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN '{
  "Provenance": [{"name": "work", "type": "string"}, {"name": "contentHash", "type": "bytes32"},
                 {"name": "generator", "type": "address"}, {"name": "sources", "type": "Source[]"}],
  "Source": [{"name": "asset", "type": "string"}, {"name": "weightBps", "type": "uint256"}]
}'::jsonb;
COMMENT ON FUNCTION provenance_types() IS
    'the EIP-712 types of a provenance record (Provenance, Source) as wallets take them';

-- The sources of a record as rows, in the order given; 22023 for a
-- malformed array, a weight outside 1..10000 or an asset named twice.
CREATE FUNCTION provenance_sources(sources jsonb)
RETURNS TABLE(n integer, asset asset, weight_bps integer)
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o record;
    v_seen text[] := '{}';
BEGIN
    FOR o IN SELECT * FROM @extschema@.provenance_json_objects(sources, 'sources', '{"asset": "string", "weight_bps": "integer"}') LOOP
        n := o.n;
        asset := (o.element ->> 'asset')::@extschema@.asset;
        -- through numeric: the shape allows an integral number written 1500.0
        weight_bps := (o.element ->> 'weight_bps')::numeric::integer;
        IF weight_bps NOT BETWEEN 1 AND 10000 THEN
            RAISE EXCEPTION 'sources[%].weight_bps must be between 1 and 10000', n
                USING ERRCODE = '22023', DETAIL = format('The value is %s.', weight_bps);
        END IF;
        IF asset::text = ANY (v_seen) THEN
            RAISE EXCEPTION 'source % is named twice', asset USING ERRCODE = '22023';
        END IF;
        v_seen := v_seen || asset::text;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION provenance_sources(jsonb) IS
    'internal: the sources of a provenance record as rows (asset, weight_bps) in the order given; 22023 for a malformed array, a weight outside 1..10000 or an asset named twice';

CREATE FUNCTION provenance_typed_data(work asset, content_hash bytea, generator eth_address, sources jsonb)
RETURNS jsonb
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['work', 'content_hash', 'generator', 'sources'],
        ARRAY[work IS NULL, content_hash IS NULL, generator IS NULL, sources IS NULL]);
    IF octet_length(content_hash) <> 32 THEN
        RAISE EXCEPTION 'content_hash must be 32 bytes'
            USING ERRCODE = '22023', DETAIL = format('It is %s bytes long.', octet_length(content_hash));
    END IF;
    RETURN jsonb_build_object(
        'types', jsonb_build_object('EIP712Domain', @extschema@.order_types() -> 'EIP712Domain')
                 || @extschema@.provenance_types(),
        'primaryType', 'Provenance',
        'domain', @extschema@.order_domain_json(),
        'message', jsonb_build_object('work', work::text, 'contentHash', '0x' || encode(content_hash, 'hex'),
            'generator', generator::text,
            'sources', (SELECT jsonb_agg(jsonb_build_object('asset', s.asset::text, 'weightBps', s.weight_bps::text)
                                         ORDER BY s.n)
                          FROM @extschema@.provenance_sources(sources) s)));
END
$$;
COMMENT ON FUNCTION provenance_typed_data(asset, bytea, eth_address, jsonb) IS
    'the EIP-712 Provenance typed data a generator signs for a generated work: work, content hash, generator, sources with weights in basis points';

-- The records, one per generated work; only register_generated_work
-- writes them, after its journal transaction (txn_id) took the record.
-- No foreign key to the journal (as the approvals' tables): statements on
-- the ledger's tables never cascade into this one, and the provenance row
-- of ledger_verify() reports a record without its transaction.
CREATE TABLE provenance_records (
    work asset NOT NULL,
    content_hash bytea NOT NULL,
    generator eth_address NOT NULL,
    sources jsonb NOT NULL,
    signature bytea NOT NULL,
    record_hash bytea NOT NULL,
    txn_id bigint NOT NULL,
    CONSTRAINT provenance_records_pkey PRIMARY KEY (work),
    CONSTRAINT provenance_records_content_hash_key UNIQUE (content_hash),
    CONSTRAINT provenance_records_hash_lengths CHECK (octet_length(content_hash) = 32 AND octet_length(record_hash) = 32)
);
COMMENT ON TABLE provenance_records IS
    'the signed provenance records of generated works: content hash, generator, sources with weights, the generator''s EIP-712 signature and digest';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.provenance_records', '');

CREATE FUNCTION register_generated_work(asset asset, currency asset, curve bonding_curve, split royalty_split,
    creator eth_address, content_hash bytea, generator eth_address, sources jsonb, signature bytea,
    royalty_bps integer DEFAULT 0, metadata jsonb DEFAULT '{}',
    OUT txn_id bigint, OUT reserve_account eth_address, OUT provenance_txn_id bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_typed jsonb;
    v_signer @extschema@.eth_address;
    v_work text;
    v_request jsonb;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['signature'], ARRAY[signature IS NULL]);
    v_typed := @extschema@.provenance_typed_data(asset, content_hash, generator, sources);
    v_signer := @extschema@.eip712_recover(v_typed, signature);
    IF v_signer IS NULL OR v_signer OPERATOR(@extschema@.<>) generator THEN
        RAISE EXCEPTION 'the provenance record of % is not signed by its generator %', asset, generator
            USING ERRCODE = 'CD097',
                  DETAIL = CASE WHEN v_signer IS NULL THEN @extschema@.order_signature_defect(signature)
                                ELSE format('The signature recovers to %s.', v_signer) END,
                  HINT = 'The generator signs provenance_typed_data(work, content_hash, generator, sources).';
    END IF;
    SELECT r.work::text INTO v_work FROM @extschema@.provenance_records r WHERE r.content_hash = register_generated_work.content_hash;
    IF FOUND THEN
        RAISE EXCEPTION 'content 0x% is already registered', encode(content_hash, 'hex')
            USING ERRCODE = 'CD098', DETAIL = format('It is the content of %s.', v_work);
    END IF;
    -- weights become relative links: the signed weights add up to the
    -- work's royalty stack, and each source pays its own lineage from
    -- what it receives (docs/provenance.md, "Links, not a split")
    SELECT g.txn_id, g.reserve_account INTO txn_id, reserve_account
      FROM @extschema@.register_derivative(asset, currency, curve, split, creator,
               (SELECT jsonb_agg(jsonb_build_object('parent', s.asset::text, 'policy', 'relative',
                                                    'license_bps', s.weight_bps) ORDER BY s.n)
                  FROM @extschema@.provenance_sources(sources) s),
               royalty_bps, content_hash, metadata) g;
    v_request := jsonb_build_object('work', asset::text, 'content_hash', '0x' || encode(content_hash, 'hex'),
        'generator', generator::text, 'sources', v_typed -> 'message' -> 'sources',
        'signature', '0x' || encode(signature, 'hex'),
        'record_hash', '0x' || encode(@extschema@.eip712_hash(v_typed), 'hex'));
    provenance_txn_id := @extschema@.ledger_post('provenance', 'provenance:' || asset::text, asset, v_request, '{}'::jsonb,
        '{}'::@extschema@.eth_address[], '{}'::@extschema@.asset[], '{}'::numeric[], '{}'::text[]);
    INSERT INTO @extschema@.provenance_records (work, content_hash, generator, sources, signature, record_hash, txn_id)
    VALUES (asset, content_hash, generator, v_request -> 'sources', signature, @extschema@.eip712_hash(v_typed),
            provenance_txn_id);
END
$$;
COMMENT ON FUNCTION register_generated_work(asset, asset, bonding_curve, royalty_split, eth_address, bytea, eth_address, jsonb, bytea, integer, jsonb) IS
    'register a generated work with its provenance record signed by the generator (EIP-712, verified): the asset, a relative link to each source at its weight, and a journaled provenance transaction; CD097 for a signature not by the generator, CD098 for content already registered';

-- ledger_verify()'s provenance row (position 88): every record is what its
-- journal transaction took, and its signature recovers to its generator
-- from the journaled digest.
CREATE FUNCTION provenance_verify() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    WITH failures AS (
        SELECT format('the provenance record of %s is not what transaction %s journaled', r.work, r.txn_id) AS e
          FROM @extschema@.provenance_records r
          LEFT JOIN @extschema@.ledger_transactions t ON t.id = r.txn_id
         WHERE t.id IS NULL OR t.kind <> 'provenance'
            OR t.request <> jsonb_build_object('work', r.work::text, 'content_hash', '0x' || encode(r.content_hash, 'hex'),
                   'generator', r.generator::text, 'sources', r.sources,
                   'signature', '0x' || encode(r.signature, 'hex'),
                   'record_hash', '0x' || encode(r.record_hash, 'hex'))
        UNION ALL
        -- the digest, not the typed data: the domain may have changed since
        SELECT format('the signature of the provenance record of %s does not recover to its generator', r.work)
          FROM @extschema@.provenance_records r
         WHERE @extschema@.ecrecover(r.record_hash, r.signature) IS DISTINCT FROM r.generator
        UNION ALL
        SELECT format('transaction %s journaled a provenance record that provenance_records does not hold', t.id)
          FROM @extschema@.ledger_transactions t
         WHERE t.kind = 'provenance'
           AND NOT EXISTS (SELECT FROM @extschema@.provenance_records r WHERE r.txn_id = t.id)
    )
    SELECT r.* FROM (SELECT count(*) AS n, min(f.e) AS e FROM failures f) x,
      @extschema@.ledger_verify_row('provenance', x.n, x.e,
          format('%s provenance records: each as journaled', (SELECT count(*) FROM @extschema@.provenance_records)),
          'provenance defects') r;
END;
COMMENT ON FUNCTION provenance_verify() IS
    'the provenance check of ledger_verify(): every provenance record is what its provenance transaction journaled, its signature recovers to its generator from its digest, and every provenance transaction has its record';

INSERT INTO ledger_verify_checks_registry (position, function, area) VALUES
    (88, 'provenance_verify()', 'provenance');

-- privileges: registrations are the operator's (as register_asset and
-- link_derivative), link proposals the operator's (as propose_change),
-- approvals the app's (as approve_change); typed data for every role
REVOKE ALL ON TABLE lineage_link_proposals, lineage_link_signatures, provenance_records FROM PUBLIC;
GRANT SELECT ON TABLE lineage_link_proposals, lineage_link_signatures, provenance_records
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
REVOKE ALL ON FUNCTION
    provenance_json_objects(jsonb, text, jsonb),
    provenance_parent_links(jsonb),
    register_derivative(asset, asset, bonding_curve, royalty_split, eth_address, jsonb, integer, bytea, jsonb),
    lineage_refuse_ungoverned_link(),
    lineage_propose(text, asset, asset, text, integer, eth_address, timestamptz),
    propose_link(asset, asset, text, integer, eth_address, timestamptz),
    propose_unlink(asset, asset, eth_address, timestamptz),
    propose_link_change(asset, asset, text, integer, eth_address, timestamptz),
    link_approval_typed_data(bigint),
    approve_link(bigint, bytea),
    provenance_types(),
    provenance_sources(jsonb),
    provenance_typed_data(asset, bytea, eth_address, jsonb),
    register_generated_work(asset, asset, bonding_curve, royalty_split, eth_address, bytea, eth_address, jsonb, bytea, integer, jsonb),
    provenance_verify()
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    register_derivative(asset, asset, bonding_curve, royalty_split, eth_address, jsonb, integer, bytea, jsonb),
    propose_link(asset, asset, text, integer, eth_address, timestamptz),
    propose_unlink(asset, asset, eth_address, timestamptz),
    propose_link_change(asset, asset, text, integer, eth_address, timestamptz),
    register_generated_work(asset, asset, bonding_curve, royalty_split, eth_address, bytea, eth_address, jsonb, bytea, integer, jsonb)
    TO creative_defi_operator;
GRANT EXECUTE ON FUNCTION approve_link(bigint, bytea) TO creative_defi_app;
GRANT EXECUTE ON FUNCTION link_approval_typed_data(bigint), provenance_types(),
    provenance_typed_data(asset, bytea, eth_address, jsonb)
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
