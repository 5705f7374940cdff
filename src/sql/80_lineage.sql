-- lineage (1/1): derivative works whose revenue flows up a graph of
-- derivative links, after Story Protocol's absolute (LAP) and relative
-- (LRP) royalty policies; docs/lineage.md is the normative description.
--
-- Error codes (class CD, docs/errors.md):
--   CD050 asset not registered          CD053 duplicate link
--   CD051 self-link                     CD054 royalty stack above 100%
--   CD052 link would make a cycle       CD055 revenue routed by another area
--   CD110 no such link (unlink, change) CD111 a change that changes nothing
--
-- A payment into a work with a lineage reaches 80 through the core's
-- registry of revenue routes (60_ledger_schema.sql): the work's first
-- link registers lineage_revenue_postings as its route, and distribute
-- calls it instead of paying the split directly.  Works without a
-- lineage have no row there and are paid as before.

INSERT INTO ledger_transaction_kinds (kind, description) VALUES
    ('link_derivative', 'a derivative link: the child asset pays the parent a share of its revenue (docs/lineage.md)'),
    ('unlink_derivative', 'the removal of a derivative link: the child no longer pays the parent (docs/lineage.md)'),
    ('change_link', 'a new policy or licence of an existing derivative link (docs/lineage.md)');

-- The links as they are now.  Only link_derivative, change_link and
-- unlink_derivative write them, under the lineage lock, after they refused
-- unregistered assets, self-links, cycles, duplicates and stacks above
-- 100%; txn_id is the transaction that gave the link its present terms
-- (its link_derivative or its last change_link).  No foreign key to ledger_assets: its referenced-side
-- trigger would fire in every buy and sell (they update the asset row),
-- and registered assets are never removed.
CREATE TABLE lineage_links (
    child asset NOT NULL,
    parent asset NOT NULL,
    policy text NOT NULL,
    license_bps integer NOT NULL,
    txn_id bigint NOT NULL REFERENCES ledger_transactions (id),
    CONSTRAINT lineage_links_pkey PRIMARY KEY (child, parent),
    CONSTRAINT lineage_links_policy CHECK (policy IN ('absolute', 'relative')),
    CONSTRAINT lineage_links_license_bps CHECK (license_bps BETWEEN 1 AND 10000),
    CONSTRAINT lineage_links_not_self CHECK (child OPERATOR(@extschema@.<>) parent)
);
COMMENT ON TABLE lineage_links IS
    'derivative links: the child asset pays the parent license_bps of its revenue, absolute (LAP) or relative (LRP)';
CREATE INDEX lineage_links_parent ON lineage_links (parent);
SELECT pg_catalog.pg_extension_config_dump('@extschema@.lineage_links', '');

-- The links as they were: each former terms of a link, from the
-- transaction that gave them (txn_id) to the change_link or
-- unlink_derivative that ended them (retired_txn).  With lineage_links
-- they give the graph before any journal transaction (lineage_graph's
-- before), so that a past payment is recomputed with the links it paid.
CREATE TABLE lineage_links_retired (
    child asset NOT NULL,
    parent asset NOT NULL,
    policy text NOT NULL,
    license_bps integer NOT NULL,
    txn_id bigint NOT NULL REFERENCES ledger_transactions (id),
    retired_txn bigint NOT NULL REFERENCES ledger_transactions (id),
    CONSTRAINT lineage_links_retired_pkey PRIMARY KEY (child, parent, txn_id),
    CONSTRAINT lineage_links_retired_policy CHECK (policy IN ('absolute', 'relative')),
    CONSTRAINT lineage_links_retired_license_bps CHECK (license_bps BETWEEN 1 AND 10000),
    CONSTRAINT lineage_links_retired_order CHECK (txn_id < retired_txn)
);
COMMENT ON TABLE lineage_links_retired IS
    'former terms of derivative links: valid from journal transaction txn_id until retired_txn (a change_link or unlink_derivative)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.lineage_links_retired', '');

-- The transitive closure of the links: every (work, ancestor) pair,
-- whatever the policy.  Kept by link_derivative, so that a payment reads
-- its work's ancestors in one index scan and the links among them in
-- another, and a new link finds a cycle (its parent already descends from
-- its child) and the works whose stack it changes (the child's
-- descendants) without a walk of the graph.
CREATE TABLE lineage_ancestors (
    work asset NOT NULL,
    ancestor asset NOT NULL,
    CONSTRAINT lineage_ancestors_pkey PRIMARY KEY (work, ancestor)
);
COMMENT ON TABLE lineage_ancestors IS
    'the transitive closure of lineage_links: each work with each of its ancestors';
CREATE INDEX lineage_ancestors_ancestor ON lineage_ancestors (ancestor, work);
SELECT pg_catalog.pg_extension_config_dump('@extschema@.lineage_ancestors', '');

-- C core (src/pg_lineage.c): works are numbered 1 .. works, work 1 the
-- paid one, links passed as four parallel arrays.
CREATE FUNCTION lineage_kept(children integer[], parents integer[], relative boolean[], license_bps integer[],
    works integer, amount numeric) RETURNS numeric[]
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION lineage_kept(integer[], integer[], boolean[], integer[], integer, numeric) IS
    'internal: what each work of a lineage keeps of an amount paid into work 1 (docs/lineage.md, "Rounding"); the amounts sum to the payment';
CREATE FUNCTION lineage_stack_of(children integer[], parents integer[], relative boolean[], license_bps integer[],
    works integer) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION lineage_stack_of(integer[], integer[], boolean[], integer[], integer) IS
    'internal: the royalty stack of work 1 of a lineage in basis points (10001 for anything above 100%)';
-- The lineage lock: a link change takes it exclusively, a payment into a
-- work with a lineage shared, so that a payment sees the graph before or
-- after a change, never during it.  Taken after the asset row (the
-- ledger's lock order, docs/ledger.md "Concurrency").
CREATE FUNCTION lineage_lock(exclusive boolean) RETURNS void
LANGUAGE sql
RETURN CASE WHEN exclusive THEN pg_catalog.pg_advisory_xact_lock(1128529925, 0)
            ELSE pg_catalog.pg_advisory_xact_lock_shared(1128529925, 0) END;
COMMENT ON FUNCTION lineage_lock(boolean) IS
    'internal: take the lineage lock, exclusively (a link change) or shared (a payment into a work with a lineage)';

-- The lineage of a work as the C core takes it (src/pg_lineage_graph.c):
-- works[1] the work, then its ancestors in the order of their text (the
-- documented tie order: byte order, the asset type's own, whatever the
-- database's collation, so that the index gives it and a restore
-- elsewhere pays ties alike), and the links among them by number.  With
-- before, the lineage as it was before journal transaction before: the
-- links whose terms were journaled earlier and not retired by then
-- (lineage_links_retired), their closure walked (lineage_ancestors holds
-- only today's); a payment's transaction id orders it among the link
-- changes, since both take the lineage lock before ledger_post draws the
-- id and keep it to their commit.  Read in C, each row streamed into
-- packed arrays and numbered by a binary search: no asset[] of the links
-- and no join of them with the numbered works, which a generic plan made
-- a nested loop of n^2 comparisons (docs/benchmarks.md, "Lineage").
-- Sequential scans are off so that the links are found through their
-- indexes from the lineage's works, whatever else the ledger links
-- (bench/lineage.sh, 10,000 other links: 52 ms against 10 ms); jit off as
-- at ledger_seal_waiting.
CREATE FUNCTION lineage_graph(work asset, OUT works asset[], OUT children integer[],
    OUT parents integer[], OUT relative boolean[], OUT license_bps integer[])
AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
SET jit = off;
COMMENT ON FUNCTION lineage_graph(asset) IS
    'internal: a work and its ancestors (the work first, then in the byte order of their text) with the links among them by number, as lineage_kept takes them';
CREATE FUNCTION lineage_graph(work asset, before bigint, OUT works asset[], OUT children integer[],
    OUT parents integer[], OUT relative boolean[], OUT license_bps integer[])
AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
SET jit = off;
COMMENT ON FUNCTION lineage_graph(asset, bigint) IS
    'internal: a work and its ancestors with the links among them by number, as lineage_graph(work) gives them, as they were before journal transaction before';

CREATE FUNCTION lineage_stack(work asset) RETURNS integer
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
RETURN (SELECT @extschema@.lineage_stack_of(g.children, g.parents, g.relative, g.license_bps, cardinality(g.works))
          FROM @extschema@.lineage_graph(work) g);
COMMENT ON FUNCTION lineage_stack(asset) IS
    'internal: the royalty stack of a work in basis points from the stored links (10001 for anything above 100%)';

-- CD050 when an asset is not registered in the ledger; role says what
-- the asset was to the caller (child, parent, work).
CREATE FUNCTION lineage_check_registered(asset asset, role text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM FROM @extschema@.ledger_assets a WHERE a.asset OPERATOR(@extschema@.=) lineage_check_registered.asset;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'asset % is not registered in the ledger', asset USING ERRCODE = 'CD050',
            DETAIL = format('The %s of a derivative link must be a registered asset.', role),
            HINT = 'register_asset puts an asset on a bonding curve.';
    END IF;
END
$$;
COMMENT ON FUNCTION lineage_check_registered(asset, text) IS
    'internal: raise CD050 when an asset named as child or parent of a link is not registered';

-- 22023 for a policy other than absolute or relative or a licence
-- outside 1 .. 10000 (link_derivative, change_link).
CREATE FUNCTION lineage_check_terms(policy text, license_bps integer) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF policy NOT IN ('absolute', 'relative') OR license_bps NOT BETWEEN 1 AND 10000 THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = CASE WHEN policy NOT IN ('absolute', 'relative') THEN 'policy must be absolute or relative'
                           ELSE 'license_bps must be between 1 and 10000' END,
            DETAIL = CASE WHEN policy NOT IN ('absolute', 'relative') THEN format('The value is "%s".', policy)
                          ELSE format('The value is %s.', license_bps) END;
    END IF;
END
$$;
COMMENT ON FUNCTION lineage_check_terms(text, integer) IS
    'internal: raise 22023 for a link policy other than absolute or relative or a licence outside 1 to 10000';

-- CD054 when the stack of the child of a changed link, or of one of its
-- descendants, is above 100% with the links as they are now; change
-- says what was done, for the detail.
CREATE FUNCTION lineage_check_stacks(child asset, change text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_work @extschema@.asset;
BEGIN
    FOR v_work IN
        SELECT child
        UNION ALL
        (SELECT x.work FROM @extschema@.lineage_ancestors x
          WHERE x.ancestor OPERATOR(@extschema@.=) lineage_check_stacks.child ORDER BY x.work::text)
    LOOP
        IF @extschema@.lineage_stack(v_work) > 10000 THEN
            RAISE EXCEPTION 'the royalty stack of % would exceed 100%%', v_work
                USING ERRCODE = 'CD054',
                      DETAIL = format('%s would make %s owe its lineage more than 10000 basis points of its revenue.',
                                      change, v_work),
                      HINT = 'royalty_stack shows what a work owes its lineage now.';
        END IF;
    END LOOP;
END
$$;
COMMENT ON FUNCTION lineage_check_stacks(asset, text) IS
    'internal: raise CD054 when a work or one of its descendants owes its lineage more than 100% after a change of its links';

-- The link of child to parent as it is now, locked for a change: the
-- child's asset row, then the lineage lock (the order of link_derivative
-- and of payments); CD110 when there is none.
CREATE FUNCTION lineage_lock_link(child asset, parent asset) RETURNS lineage_links
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_link @extschema@.lineage_links;
BEGIN
    PERFORM FROM @extschema@.ledger_assets a WHERE a.asset OPERATOR(@extschema@.=) lineage_lock_link.child FOR UPDATE;
    PERFORM @extschema@.lineage_lock(true);
    SELECT * INTO v_link FROM @extschema@.lineage_links l
     WHERE l.child OPERATOR(@extschema@.=) lineage_lock_link.child AND l.parent OPERATOR(@extschema@.=) lineage_lock_link.parent;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'asset % does not derive from %', child, parent
            USING ERRCODE = 'CD110',
                  DETAIL = 'Only an existing link can be removed or changed.',
                  HINT = 'lineage(child) lists what a work derives from.';
    END IF;
    RETURN v_link;
END
$$;
COMMENT ON FUNCTION lineage_lock_link(asset, asset) IS
    'internal: lock the child''s asset row and the lineage, and return the link of child to parent; CD110 when there is none';

-- The end of a link's terms (change_link, unlink_derivative): the
-- change's ref (its prefix, the pair and the transaction that gave the
-- terms) claimed, the transaction of kind journaled with the request and
-- the former terms as its result, and the terms kept in
-- lineage_links_retired, ended by it.  Returns the transaction; the
-- caller holds the link's lock (lineage_lock_link) and then changes or
-- deletes the link.
CREATE FUNCTION lineage_retire_link(link lineage_links, kind text, ref_prefix text, request jsonb) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_ref text := @extschema@.ledger_lock_ref(ref_prefix || ':' || link.child::text || '<' || link.parent::text
                                              || '@' || link.txn_id::text);
    v_txn_id bigint;
BEGIN
    PERFORM @extschema@.ledger_refuse_used_ref(v_ref, kind);
    v_txn_id := @extschema@.ledger_post(kind, v_ref, link.child, request,
        jsonb_build_object('was', jsonb_build_object('policy', link.policy, 'license_bps', link.license_bps,
                                                     'txn_id', link.txn_id)),
        '{}'::@extschema@.eth_address[], '{}'::@extschema@.asset[], '{}'::numeric[], '{}'::text[]);
    INSERT INTO @extschema@.lineage_links_retired (child, parent, policy, license_bps, txn_id, retired_txn)
    VALUES (link.child, link.parent, link.policy, link.license_bps, link.txn_id, v_txn_id);
    RETURN v_txn_id;
END
$$;
COMMENT ON FUNCTION lineage_retire_link(lineage_links, text, text, jsonb) IS
    'internal: end the terms of a link: claim the change''s ref, journal the change with the former terms, and keep them in lineage_links_retired';

CREATE FUNCTION link_derivative(child asset, parent asset, policy text, license_bps integer, OUT txn_id bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_route text;
    v_ref text;
    v_request jsonb;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['child', 'parent', 'policy', 'license_bps'],
        ARRAY[child IS NULL, parent IS NULL, policy IS NULL, license_bps IS NULL]);
    PERFORM @extschema@.lineage_check_terms(policy, license_bps);
    IF child OPERATOR(@extschema@.=) parent THEN
        RAISE EXCEPTION 'asset % cannot derive from itself', child
            USING ERRCODE = 'CD051';
    END IF;
    v_ref := @extschema@.ledger_lock_ref('lineage:' || child::text || '<' || parent::text);
    -- the child's asset row before the lineage lock (the ledger's lock
    -- order): a payment into the child that has no route yet waits for the
    -- link, then finds the route, so that every payment after a link, in
    -- the order of the journal, pays the lineage
    PERFORM FROM @extschema@.ledger_assets a WHERE a.asset OPERATOR(@extschema@.=) link_derivative.child FOR UPDATE;
    PERFORM @extschema@.lineage_lock(true);
    PERFORM @extschema@.lineage_check_registered(child, 'child');
    PERFORM @extschema@.lineage_check_registered(parent, 'parent');
    IF EXISTS (SELECT FROM @extschema@.lineage_links l
                WHERE l.child OPERATOR(@extschema@.=) link_derivative.child
                  AND l.parent OPERATOR(@extschema@.=) link_derivative.parent) THEN
        RAISE EXCEPTION 'asset % already derives from %', child, parent
            USING ERRCODE = 'CD053',
                  DETAIL = 'A child has at most one link to each parent.';
    END IF;
    IF EXISTS (SELECT FROM @extschema@.lineage_ancestors a
                WHERE a.work OPERATOR(@extschema@.=) link_derivative.parent
                  AND a.ancestor OPERATOR(@extschema@.=) link_derivative.child) THEN
        RAISE EXCEPTION 'linking % to % would make a cycle', child, parent
            USING ERRCODE = 'CD052',
                  DETAIL = format('%s already derives, directly or not, from %s.', parent, child);
    END IF;
    -- a link again after its removal: the ref names the removal, so that
    -- each link of the pair has a ref of its own (taken under the lineage
    -- lock, which every other holder of such a ref takes first)
    SELECT @extschema@.ledger_lock_ref(v_ref || '@' || max(r.retired_txn)::text) INTO v_ref
      FROM @extschema@.lineage_links_retired r
     WHERE r.child OPERATOR(@extschema@.=) link_derivative.child AND r.parent OPERATOR(@extschema@.=) link_derivative.parent
    HAVING count(*) > 0;
    v_ref := coalesce(v_ref, 'lineage:' || child::text || '<' || parent::text);
    PERFORM @extschema@.ledger_refuse_used_ref(v_ref, 'link_derivative');
    v_request := jsonb_build_object('child', child::text, 'parent', parent::text, 'policy', policy,
                                    'license_bps', license_bps);
    txn_id := @extschema@.ledger_post('link_derivative', v_ref, child, v_request, '{}'::jsonb,
        '{}'::@extschema@.eth_address[], '{}'::@extschema@.asset[], '{}'::numeric[], '{}'::text[]);
    INSERT INTO @extschema@.lineage_links (child, parent, policy, license_bps, txn_id)
    VALUES (child, parent, policy, license_bps, txn_id);
    -- the child and its descendants gain the parent and its ancestors
    INSERT INTO @extschema@.lineage_ancestors (work, ancestor)
    SELECT d.work, a.ancestor
      FROM (SELECT child AS work
            UNION ALL
            SELECT x.work FROM @extschema@.lineage_ancestors x WHERE x.ancestor OPERATOR(@extschema@.=) link_derivative.child) d,
           (SELECT parent AS ancestor
            UNION ALL
            SELECT y.ancestor FROM @extschema@.lineage_ancestors y WHERE y.work OPERATOR(@extschema@.=) link_derivative.parent) a
    ON CONFLICT ON CONSTRAINT lineage_ancestors_pkey DO NOTHING;
    -- every stack the link can change: the child's and its descendants'
    PERFORM @extschema@.lineage_check_stacks(child,
        format('Linking %s to %s (%s, %s basis points)', child, parent, policy, license_bps));
    INSERT INTO @extschema@.ledger_revenue_routes (asset, route)
    VALUES (child, '@extschema@.lineage_revenue_postings(@extschema@.asset, numeric, @extschema@.eth_address, @extschema@.asset)'::regprocedure)
    ON CONFLICT ON CONSTRAINT ledger_revenue_routes_pkey DO NOTHING;
    -- a work has one route: another area's (dividends to its holders)
    -- would leave the lineage unpaid, so the link is refused
    SELECT r.route::text INTO v_route FROM @extschema@.ledger_revenue_routes r
     WHERE r.asset OPERATOR(@extschema@.=) link_derivative.child
       AND r.route <> '@extschema@.lineage_revenue_postings(@extschema@.asset, numeric, @extschema@.eth_address, @extschema@.asset)'::regprocedure;
    IF FOUND THEN
        RAISE EXCEPTION 'the revenue of % is already routed by another area', child
            USING ERRCODE = 'CD055',
                  DETAIL = format('%s routes what is paid into %s; a lineage would not be paid.', v_route, child),
                  HINT = 'A work pays either its lineage or its holders through distribute: enable dividends with distribute_bps 0 to have both.';
    END IF;
END
$$;
COMMENT ON FUNCTION link_derivative(asset, asset, text, integer) IS
    'record that child derives from parent under a licence of license_bps of its revenue, policy absolute (LAP) or relative (LRP); journaled; CD050-CD054 for an unregistered asset, a self-link, a cycle, a duplicate or a stack above 100%';

-- A new policy or licence for an existing link: one change_link
-- transaction; the former terms go to lineage_links_retired, ended by it.
-- The graph's shape does not change (no cycle can appear, the closure
-- holds); the stacks of the child and its descendants are checked again.
CREATE FUNCTION change_link(child asset, parent asset, policy text, license_bps integer, OUT txn_id bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_link @extschema@.lineage_links;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['child', 'parent', 'policy', 'license_bps'],
        ARRAY[child IS NULL, parent IS NULL, policy IS NULL, license_bps IS NULL]);
    PERFORM @extschema@.lineage_check_terms(policy, license_bps);
    v_link := @extschema@.lineage_lock_link(child, parent);
    IF v_link.policy = policy AND v_link.license_bps = license_bps THEN
        RAISE EXCEPTION 'the link of % to % already is % at % basis points', child, parent, policy, license_bps
            USING ERRCODE = 'CD111', DETAIL = 'A change must change the policy or the licence.';
    END IF;
    txn_id := @extschema@.lineage_retire_link(v_link, 'change_link', 'change-link',
        jsonb_build_object('child', child::text, 'parent', parent::text, 'policy', policy, 'license_bps', license_bps));
    UPDATE @extschema@.lineage_links l
       SET policy = change_link.policy, license_bps = change_link.license_bps, txn_id = change_link.txn_id
     WHERE l.child OPERATOR(@extschema@.=) change_link.child AND l.parent OPERATOR(@extschema@.=) change_link.parent;
    PERFORM @extschema@.lineage_check_stacks(child,
        format('Changing the link of %s to %s to %s, %s basis points', child, parent, policy, license_bps));
END
$$;
COMMENT ON FUNCTION change_link(asset, asset, text, integer) IS
    'give an existing derivative link a new policy or licence; journaled (change_link); CD110 when there is no such link, CD111 when nothing changes, CD054 when a stack would exceed 100%';

-- The removal of a link: one unlink_derivative transaction; the link goes
-- to lineage_links_retired, ended by it.  The closure of the child and of
-- its descendants is walked again from the links that remain (a removal
-- cannot make a cycle, and stacks only fall).  A child left without
-- parents loses the lineage's revenue route, and is paid through its
-- split as any work.
CREATE FUNCTION unlink_derivative(child asset, parent asset, OUT txn_id bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_link @extschema@.lineage_links;
    v_works @extschema@.asset[];
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['child', 'parent'], ARRAY[child IS NULL, parent IS NULL]);
    v_link := @extschema@.lineage_lock_link(child, parent);
    txn_id := @extschema@.lineage_retire_link(v_link, 'unlink_derivative', 'unlink',
        jsonb_build_object('child', child::text, 'parent', parent::text));
    DELETE FROM @extschema@.lineage_links l
     WHERE l.child OPERATOR(@extschema@.=) unlink_derivative.child AND l.parent OPERATOR(@extschema@.=) unlink_derivative.parent;
    -- the works whose ancestors may change: the child and its descendants
    v_works := ARRAY[child] || ARRAY(SELECT x.work FROM @extschema@.lineage_ancestors x
                                      WHERE x.ancestor OPERATOR(@extschema@.=) unlink_derivative.child);
    DELETE FROM @extschema@.lineage_ancestors a WHERE a.work OPERATOR(@extschema@.=) ANY (v_works);
    INSERT INTO @extschema@.lineage_ancestors (work, ancestor)
    WITH RECURSIVE up(work, ancestor) AS (
        SELECT l.child, l.parent FROM @extschema@.lineage_links l WHERE l.child OPERATOR(@extschema@.=) ANY (v_works)
        UNION
        SELECT u.work, l.parent FROM up u JOIN @extschema@.lineage_links l ON l.child OPERATOR(@extschema@.=) u.ancestor
    )
    SELECT u.work, u.ancestor FROM up u;
    IF NOT EXISTS (SELECT FROM @extschema@.lineage_links l WHERE l.child OPERATOR(@extschema@.=) unlink_derivative.child) THEN
        DELETE FROM @extschema@.ledger_revenue_routes r
         WHERE r.asset OPERATOR(@extschema@.=) unlink_derivative.child
           AND r.route = '@extschema@.lineage_revenue_postings(@extschema@.asset, numeric, @extschema@.eth_address, @extschema@.asset)'::regprocedure;
    END IF;
END
$$;
COMMENT ON FUNCTION unlink_derivative(asset, asset) IS
    'remove a derivative link: the child no longer pays the parent; journaled (unlink_derivative), past payments keep the links they paid; CD110 when there is no such link';

-- The route of a work with a lineage (ledger_revenue_routes): what each
-- work of the lineage keeps (C core), each paid through its own split in
-- the payment's currency; the work's own part first, then its ancestors
-- in the order of their text.
CREATE FUNCTION lineage_revenue_postings(asset asset, amount numeric, distributor eth_address, currency asset,
    OUT accounts eth_address[], OUT assets asset[], OUT amounts numeric[], OUT kinds text[])
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    g record;
BEGIN
    PERFORM @extschema@.lineage_lock(false);
    g := @extschema@.lineage_graph(asset);
    -- one statement for every work's credits (not a loop appending to the
    -- arrays, which copied them once a work); a work's part goes through
    -- its split, or through its payee route (ledger_payee_routes: a data
    -- set's contributors).  The route test filters the works before the
    -- functions run, so each runs once for each work it pays (the split's
    -- records the payer).
    WITH part AS MATERIALIZED (
        SELECT k.n, k.work, k.kept, a.split, pr.route
          FROM unnest(g.works, @extschema@.lineage_kept(g.children, g.parents, g.relative, g.license_bps,
                                                         cardinality(g.works), amount))
               WITH ORDINALITY AS k(work, kept, n)
          JOIN @extschema@.ledger_assets a ON a.asset OPERATOR(@extschema@.=) k.work
          LEFT JOIN @extschema@.ledger_payee_routes pr ON pr.asset OPERATOR(@extschema@.=) k.work
         WHERE k.kept > 0),
    credits AS (
        SELECT p.n, s.accounts, s.assets, s.amounts, s.kinds
          FROM part p, @extschema@.ledger_split_postings(p.split, p.kept, distributor, currency) s
         WHERE p.route IS NULL
        UNION ALL
        SELECT p.n, s.accounts, s.assets, s.amounts, s.kinds
          FROM part p, @extschema@.ledger_part_postings(p.route, p.work, p.split, p.kept, distributor, currency, NULL) s
         WHERE p.route IS NOT NULL)
    SELECT coalesce(array_agg(c.account ORDER BY w.n, c.i), '{}'), coalesce(array_agg(c.asset ORDER BY w.n, c.i), '{}'),
           coalesce(array_agg(c.amount ORDER BY w.n, c.i), '{}'), coalesce(array_agg(c.kind ORDER BY w.n, c.i), '{}')
      INTO accounts, assets, amounts, kinds
      FROM credits w, unnest(w.accounts, w.assets, w.amounts, w.kinds) WITH ORDINALITY AS c(account, asset, amount, kind, i);
END
$$;
COMMENT ON FUNCTION lineage_revenue_postings(asset, numeric, eth_address, asset) IS
    'internal: the revenue route of a work with a lineage: the credits of a payment into it, its lineage first paid by the rules of docs/lineage.md, every work''s part through its own split';

-- The split of an asset as it was before journal transaction before: the
-- last approved change of it ('change', 75_approvals.sql) or else its
-- registration; a work's part of a past payment went through that split.
CREATE FUNCTION lineage_split_at(asset asset, before bigint) RETURNS royalty_split
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
RETURN coalesce((SELECT t.request -> 'change' ->> 'split' FROM @extschema@.ledger_transactions t
                  WHERE t.asset OPERATOR(@extschema@.=) lineage_split_at.asset AND t.id < before
                    AND t.kind = 'change' AND t.request -> 'change' ? 'split'
                  ORDER BY t.id DESC LIMIT 1),
                (SELECT t.request ->> 'split' FROM @extschema@.ledger_transactions t
                  WHERE t.asset OPERATOR(@extschema@.=) lineage_split_at.asset AND t.kind = 'register'))::@extschema@.royalty_split;
COMMENT ON FUNCTION lineage_split_at(asset, bigint) IS
    'internal: the royalty split of an asset before a journal transaction, from the journal (its registration and approved changes)';

-- The credits a past payment into a work should have made: the lineage
-- as it was before the payment's transaction, each work's part through
-- its split as it was then.  ledger_verify()'s lineage_payments compares
-- them with the journal.
CREATE FUNCTION lineage_credits_at(work asset, amount numeric, distributor eth_address, currency asset, before bigint)
RETURNS TABLE(account eth_address, credit numeric, problem text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    g record;
    v_kept numeric[];
BEGIN
    g := @extschema@.lineage_graph(work, before);
    BEGIN
        v_kept := @extschema@.lineage_kept(g.children, g.parents, g.relative, g.license_bps, cardinality(g.works), amount);
    EXCEPTION WHEN OTHERS THEN
        -- links changed behind link_derivative's back: a cycle, a stack
        -- above 100%; a check reports it rather than fail
        RETURN QUERY SELECT NULL::@extschema@.eth_address, NULL::numeric, SQLERRM;
        RETURN;
    END;
    RETURN QUERY
        SELECT s.account, s.amount, NULL::text
          FROM unnest(g.works, v_kept) AS k(work, kept)
          LEFT JOIN @extschema@.ledger_payee_routes pr ON pr.asset OPERATOR(@extschema@.=) k.work,
               @extschema@.ledger_part_postings(pr.route, k.work, @extschema@.lineage_split_at(k.work, before), k.kept,
                                                distributor, currency, before) p,
               unnest(p.accounts, p.amounts) AS s(account, amount);
END
$$;
COMMENT ON FUNCTION lineage_credits_at(asset, numeric, eth_address, asset, bigint) IS
    'internal: the credits of a payment of amount into a work by the rules of docs/lineage.md, with the links and splits as they were before journal transaction before; one row with the problem when those links cannot be paid (a cycle, a stack above 100%)';

CREATE FUNCTION royalty_stack(asset asset) RETURNS integer
LANGUAGE sql SECURITY DEFINER PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
-- a void is never NULL: the CASE only orders the check before the stack
RETURN CASE WHEN @extschema@.lineage_check_registered(asset, 'work') IS NULL THEN NULL
            ELSE @extschema@.lineage_stack(asset) END;
COMMENT ON FUNCTION royalty_stack(asset) IS
    'the share of a work''s revenue, in basis points, that goes to its lineage before its own split: its ancestors'' absolute shares plus its relative parents'' licences; CD050 when it is not registered';

-- The effective shares: what each ancestor keeps of a payment of 10^76
-- base units into the work, divided by 10^76.  That is the exact share
-- for any lineage up to 18 relative links deep (each step divides by
-- 10^4 once); deeper, it is the share the payment rule gives to 76
-- decimals.  Computed when asked, from the links: a payment needs the
-- links anyway (it rounds at each work), so stored shares would serve
-- only this function and cost a recomputation for every descendant of a
-- changed link.
CREATE FUNCTION lineage(asset asset)
RETURNS TABLE(ancestor asset, share numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    g record;
    -- 10^76 < 2^256 - 1 < 10^77
    v_amount CONSTANT numeric := trim_scale(10::numeric ^ 76);
BEGIN
    PERFORM @extschema@.lineage_check_registered(asset, 'work');
    g := @extschema@.lineage_graph(asset);
    RETURN QUERY
        SELECT k.work, trim_scale(k.kept * 1e-76)
          FROM unnest(g.works, @extschema@.lineage_kept(g.children, g.parents, g.relative, g.license_bps,
                                                         cardinality(g.works), v_amount))
               WITH ORDINALITY AS k(work, kept, n)
         WHERE k.n > 1
         ORDER BY k.n;
END
$$;
COMMENT ON FUNCTION lineage(asset) IS
    'the ancestors of a work with their effective shares: the fraction of a payment into the work that each keeps (exact up to 18 relative links deep); CD050 when it is not registered';

CREATE FUNCTION descendants(asset asset) RETURNS TABLE(descendant asset)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM @extschema@.lineage_check_registered(asset, 'work');
    RETURN QUERY
        SELECT a.work FROM @extschema@.lineage_ancestors a
         WHERE a.ancestor OPERATOR(@extschema@.=) descendants.asset
         ORDER BY a.work::text;
END
$$;
COMMENT ON FUNCTION descendants(asset) IS
    'the works that derive from a work, directly or not, in the order of their text; CD050 when it is not registered';

-- ledger_verify()'s lineage checks, two rows of one statement (position
-- 85 of its registry, after the approvals' 80): lineage_links, the links
-- and their former terms are the replay of the journal's link_derivative,
-- change_link and unlink_derivative transactions (each link or change
-- gives terms that hold until the next transaction of the pair);
-- lineage_graph, the graph is acyclic, its closure is held, every stack
-- at most 100%.
CREATE FUNCTION lineage_verify() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    WITH RECURSIVE up(work, ancestor) AS (
        SELECT l.child, l.parent FROM @extschema@.lineage_links l
        UNION
        SELECT u.work, l.parent FROM up u JOIN @extschema@.lineage_links l ON l.child OPERATOR(@extschema@.=) u.ancestor
    ), cycles AS (
        SELECT u.work FROM up u WHERE u.work OPERATOR(@extschema@.=) u.ancestor
    ), replay AS (
        SELECT t.id, t.kind, t.request ->> 'child' AS child, t.request ->> 'parent' AS parent,
               t.request ->> 'policy' AS policy, (t.request ->> 'license_bps')::integer AS license_bps,
               lead(t.id) OVER (PARTITION BY t.request ->> 'child', t.request ->> 'parent' ORDER BY t.id) AS ended_by
          FROM @extschema@.ledger_transactions t
         WHERE t.kind IN ('link_derivative', 'change_link', 'unlink_derivative')
    ), terms AS (
        SELECT r.* FROM replay r WHERE r.kind <> 'unlink_derivative'
    ), link_failures AS (
        SELECT format('the link of %s to %s is not what transaction %s journaled', l.child, l.parent, l.txn_id) AS e
          FROM @extschema@.lineage_links l
         WHERE NOT EXISTS (SELECT FROM terms v
                            WHERE v.id = l.txn_id AND v.ended_by IS NULL AND v.child = l.child::text
                              AND v.parent = l.parent::text AND v.policy = l.policy AND v.license_bps = l.license_bps)
        UNION ALL
        SELECT format('transaction %s journaled a link that lineage_links does not hold', v.id)
          FROM terms v
         WHERE v.ended_by IS NULL AND NOT EXISTS (SELECT FROM @extschema@.lineage_links l WHERE l.txn_id = v.id)
        UNION ALL
        SELECT format('the former link of %s to %s is not what transactions %s and %s journaled',
                      r.child, r.parent, r.txn_id, r.retired_txn)
          FROM @extschema@.lineage_links_retired r
         WHERE NOT EXISTS (SELECT FROM terms v
                            WHERE v.id = r.txn_id AND v.ended_by = r.retired_txn AND v.child = r.child::text
                              AND v.parent = r.parent::text AND v.policy = r.policy AND v.license_bps = r.license_bps)
        UNION ALL
        SELECT format('transaction %s journaled terms ended by transaction %s that lineage_links_retired does not hold',
                      v.id, v.ended_by)
          FROM terms v
         WHERE v.ended_by IS NOT NULL
           AND NOT EXISTS (SELECT FROM @extschema@.lineage_links_retired r WHERE r.txn_id = v.id)
    ), graph_failures AS (
        SELECT format('%s is its own ancestor', c.work) AS e FROM cycles c
        UNION ALL
        SELECT format('%s derives from %s, which lineage_ancestors does not hold', d.work, d.ancestor)
          FROM (SELECT u.work, u.ancestor FROM up u EXCEPT SELECT a.work, a.ancestor FROM @extschema@.lineage_ancestors a) d
        UNION ALL
        SELECT format('lineage_ancestors holds %s as an ancestor of %s, which no link gives', d.ancestor, d.work)
          FROM (SELECT a.work, a.ancestor FROM @extschema@.lineage_ancestors a EXCEPT SELECT u.work, u.ancestor FROM up u) d
        UNION ALL
        -- stacks only of an acyclic graph (the core refuses a cycle)
        SELECT format('the royalty stack of %s is above 100%%', s.work)
          FROM (SELECT DISTINCT u.work FROM up u WHERE NOT EXISTS (SELECT FROM cycles)) s
         WHERE @extschema@.lineage_stack(s.work) > 10000
    )
    SELECT r.* FROM (SELECT count(*) AS n, min(f.e) AS e FROM link_failures f) x,
      @extschema@.ledger_verify_row('lineage_links', x.n, x.e,
          format('%s links: each as journaled', (SELECT count(*) FROM @extschema@.lineage_links)),
          'links differ from the journal') r
    UNION ALL
    SELECT r.* FROM (SELECT count(*) AS n, min(f.e) AS e FROM graph_failures f) x,
      @extschema@.ledger_verify_row('lineage_graph', x.n, x.e,
          format('%s works with a lineage: acyclic, closure held, every royalty stack at most 100%%',
                 (SELECT count(DISTINCT a.work) FROM @extschema@.lineage_ancestors a)),
          'lineage defects') r;
END;
COMMENT ON FUNCTION lineage_verify() IS
    'checks lineage_links and lineage_graph of ledger_verify(): the links and their former terms (lineage_links_retired) are the replay of the link_derivative, change_link and unlink_derivative transactions of the journal; the links are acyclic, lineage_ancestors is exactly their transitive closure, and no work owes its lineage more than 100%';

INSERT INTO ledger_verify_checks_registry (position, function, area) VALUES
    (85, 'lineage_verify()', 'lineage');

-- ledger_verify()'s lineage_payments (position 86): every payment into a
-- work that had a link before it (a distribute, the royalty of a buy or a
-- sell) credited, in its currency, exactly what the lineage as it was
-- then gives (lineage_credits_at).  A payment's credits are its postings
-- in the currency less the payer's and the reserve's own, which its
-- journaled request and result state; compared account by account.
CREATE FUNCTION lineage_verify_payments() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    WITH payments AS (
        SELECT t.id, t.asset, a.currency, a.reserve_account,
               coalesce(t.request ->> 'payer', t.request ->> 'buyer', t.request ->> 'seller')::@extschema@.eth_address AS payer,
               CASE t.kind WHEN 'distribute' THEN (t.result ->> 'distributed')::numeric
                           ELSE (t.result ->> 'royalty')::numeric END AS revenue,
               CASE t.kind WHEN 'distribute' THEN -(t.result ->> 'distributed')::numeric
                           WHEN 'buy' THEN -(t.result ->> 'paid')::numeric
                           ELSE (t.result ->> 'received')::numeric END AS payer_own,
               CASE t.kind WHEN 'buy' THEN (t.result ->> 'cost')::numeric
                           WHEN 'sell' THEN -(t.result ->> 'proceeds')::numeric ELSE 0 END AS reserve_own
          FROM @extschema@.ledger_transactions t
          JOIN @extschema@.ledger_assets a ON a.asset OPERATOR(@extschema@.=) t.asset
         WHERE t.kind IN ('distribute', 'buy', 'sell')
           AND (EXISTS (SELECT FROM @extschema@.lineage_links l
                         WHERE l.child OPERATOR(@extschema@.=) t.asset AND l.txn_id < t.id)
                OR EXISTS (SELECT FROM @extschema@.lineage_links_retired r
                            WHERE r.child OPERATOR(@extschema@.=) t.asset AND r.txn_id < t.id AND r.retired_txn > t.id)
                -- an asset whose part an area pays (ledger_payee_routes),
                -- recomputed through its route as it was then
                OR EXISTS (SELECT FROM @extschema@.ledger_payee_routes pr
                            WHERE pr.asset OPERATOR(@extschema@.=) t.asset))
    ), actual AS (
        SELECT p.id, x.account::text AS account,
               sum(x.amount) - CASE WHEN x.account OPERATOR(@extschema@.=) p.payer THEN min(p.payer_own) ELSE 0 END
                             - CASE WHEN x.account OPERATOR(@extschema@.=) p.reserve_account THEN min(p.reserve_own) ELSE 0 END
                   AS amount
          FROM payments p
          JOIN @extschema@.ledger_postings x ON x.txn_id = p.id AND x.asset OPERATOR(@extschema@.=) p.currency
         GROUP BY p.id, x.account, p.payer, p.reserve_account
    ), recomputed AS (
        SELECT p.id, c.account::text AS account, c.credit, c.problem
          FROM payments p, @extschema@.lineage_credits_at(p.asset, p.revenue, p.payer, p.currency, p.id) c
    ), expected AS (
        SELECT c.id, c.account, sum(c.credit) AS amount FROM recomputed c WHERE c.problem IS NULL GROUP BY c.id, c.account
    ), failures AS (
        SELECT format('transaction %s credited %s %s where its lineage gives %s', coalesce(a.id, e.id),
                      coalesce(a.account, e.account), coalesce(a.amount, 0), coalesce(e.amount, 0)) AS e,
               coalesce(a.id, e.id) AS id
          FROM (SELECT * FROM actual WHERE amount <> 0) a
          FULL JOIN (SELECT * FROM expected WHERE amount <> 0) e ON e.id = a.id AND e.account = a.account
         WHERE a.amount IS DISTINCT FROM e.amount
           AND NOT EXISTS (SELECT FROM recomputed c WHERE c.id = coalesce(a.id, e.id) AND c.problem IS NOT NULL)
        UNION ALL
        SELECT format('transaction %s cannot be recomputed: %s', c.id, c.problem), c.id
          FROM recomputed c WHERE c.problem IS NOT NULL
    )
    SELECT * FROM @extschema@.ledger_verify_row('lineage_payments',
        (SELECT count(DISTINCT f.id) FROM failures f), (SELECT min(f.e) FROM failures f),
        format('%s payments into works with a lineage: each as its lineage gave then', (SELECT count(*) FROM payments)),
        'payments differ from their lineage');
END;
COMMENT ON FUNCTION lineage_verify_payments() IS
    'check lineage_payments of ledger_verify(): every payment into a work with a lineage (distribute, the royalty of buy and sell) credited what the links and splits as they were before it give, to the base unit';

INSERT INTO ledger_verify_checks_registry (position, function, area) VALUES
    (86, 'lineage_verify_payments()', 'lineage');

-- privileges: the tables are read by every ledger role; links change only
-- through link_derivative, change_link and unlink_derivative (the
-- operator's, as register_asset; docs/lineage.md "Changing links"); the
-- read functions are every role's
REVOKE ALL ON TABLE lineage_links, lineage_links_retired, lineage_ancestors FROM PUBLIC;
GRANT SELECT ON TABLE lineage_links, lineage_links_retired, lineage_ancestors
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
REVOKE ALL ON FUNCTION
    lineage_kept(integer[], integer[], boolean[], integer[], integer, numeric),
    lineage_stack_of(integer[], integer[], boolean[], integer[], integer),
    lineage_lock(boolean),
    lineage_graph(asset),
    lineage_graph(asset, bigint),
    lineage_stack(asset),
    lineage_check_registered(asset, text),
    lineage_check_terms(text, integer),
    lineage_check_stacks(asset, text),
    lineage_lock_link(asset, asset),
    lineage_retire_link(lineage_links, text, text, jsonb),
    link_derivative(asset, asset, text, integer),
    change_link(asset, asset, text, integer),
    unlink_derivative(asset, asset),
    lineage_revenue_postings(asset, numeric, eth_address, asset),
    royalty_stack(asset),
    lineage(asset),
    descendants(asset),
    lineage_verify(),
    lineage_split_at(asset, bigint),
    lineage_credits_at(asset, numeric, eth_address, asset, bigint),
    lineage_verify_payments()
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION link_derivative(asset, asset, text, integer), change_link(asset, asset, text, integer),
    unlink_derivative(asset, asset) TO creative_defi_operator;
-- the read functions run as the owner (SECURITY DEFINER, hence VOLATILE
-- as every such function of the extension) and read only what every role
-- may read, so that the helpers they call stay internal
GRANT EXECUTE ON FUNCTION royalty_stack(asset), lineage(asset), descendants(asset)
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
