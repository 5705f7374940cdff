-- The lineage payment rules of docs/lineage.md ("Rounding") written the
-- way one would write them without the C core: recursive CTEs over
-- creative_defi.lineage_links and a PL/pgSQL loop, exact numeric.  The
-- baseline of bench/lineage.sh, which first checks that it keeps, work by
-- work, what creative_defi.lineage_kept keeps.
--
-- bench.ref_lineage_kept(work, amount): each work of the lineage (the
-- work, then its ancestors in the byte order of their text) with what it keeps
-- of a payment of amount into the work.  Works are processed each after
-- every work that can pay it a relative royalty (by their longest path
-- from the paid work); the claims on a work's revenue are its absolute
-- ancestors (weight: the licences of the links into them, summed over the
-- paths of absolute links) and its relative parents; the lineage gets the
-- sum of the floors plus ceil(sum of remainders / 10000), one unit each
-- to the largest remainders, ties to the lower node, absolute first.
CREATE FUNCTION bench.ref_lineage_kept(p_work creative_defi.asset, p_amount numeric)
RETURNS TABLE(work creative_defi.asset, kept numeric)
LANGUAGE plpgsql AS $$
DECLARE
    v record;
    v_extra bigint;
BEGIN
    CREATE TEMP TABLE IF NOT EXISTS ref_nodes (node int PRIMARY KEY, asset creative_defi.asset, depth int,
                                               revenue numeric, kept numeric) ON COMMIT DROP;
    TRUNCATE ref_nodes;
    -- the works, numbered as the core numbers them, with their longest
    -- distance from the paid work
    INSERT INTO ref_nodes
    WITH RECURSIVE up(asset, depth) AS (
        SELECT p_work, 0
        UNION ALL
        SELECT l.parent, u.depth + 1 FROM up u JOIN creative_defi.lineage_links l ON l.child OPERATOR(creative_defi.=) u.asset
    ), works AS (
        SELECT u.asset, max(u.depth) AS depth FROM up u GROUP BY u.asset
    )
    SELECT (row_number() OVER (ORDER BY w.depth > 0, w.asset) - 1)::int, w.asset, w.depth,
           CASE WHEN w.depth = 0 THEN p_amount ELSE 0 END, 0
      FROM works w;
    CREATE TEMP TABLE IF NOT EXISTS ref_claims (node int, relative boolean, amount numeric, remainder numeric) ON COMMIT DROP;
    FOR v IN SELECT n.node, n.asset FROM ref_nodes n ORDER BY n.depth, n.node LOOP
        -- a work without revenue pays nothing
        CONTINUE WHEN (SELECT x.revenue FROM ref_nodes x WHERE x.node = v.node) = 0;
        TRUNCATE ref_claims;
        INSERT INTO ref_claims
        WITH RECURSIVE paths(asset, license_bps) AS (
            SELECT l.parent, l.license_bps FROM creative_defi.lineage_links l
             WHERE l.child OPERATOR(creative_defi.=) v.asset AND l.policy = 'absolute'
            UNION ALL
            SELECT l.parent, l.license_bps FROM paths p JOIN creative_defi.lineage_links l
                ON l.child OPERATOR(creative_defi.=) p.asset AND l.policy = 'absolute'
        ), claims AS (
            SELECT p.asset, false AS relative, sum(p.license_bps) AS weight FROM paths p GROUP BY p.asset
            UNION ALL
            SELECT l.parent, true, l.license_bps FROM creative_defi.lineage_links l
             WHERE l.child OPERATOR(creative_defi.=) v.asset AND l.policy = 'relative'
        )
        SELECT n.node, c.relative, div(r.revenue * c.weight, 10000), mod(r.revenue * c.weight, 10000)
          FROM claims c JOIN ref_nodes n ON n.asset OPERATOR(creative_defi.=) c.asset,
               (SELECT x.revenue FROM ref_nodes x WHERE x.node = v.node) r;
        IF NOT EXISTS (SELECT FROM ref_claims) THEN
            UPDATE ref_nodes SET kept = kept + revenue, revenue = 0 WHERE node = v.node;
            CONTINUE;
        END IF;
        v_extra := (SELECT ceil(sum(c.remainder) / 10000) FROM ref_claims c);
        UPDATE ref_claims c SET amount = c.amount + 1
          FROM (SELECT x.node, x.relative FROM ref_claims x
                 ORDER BY x.remainder DESC, x.node, x.relative LIMIT v_extra) t
         WHERE c.node = t.node AND c.relative = t.relative;
        UPDATE ref_nodes n SET kept = n.kept + c.amount FROM ref_claims c WHERE n.node = c.node AND NOT c.relative;
        UPDATE ref_nodes n SET revenue = n.revenue + c.amount FROM ref_claims c WHERE n.node = c.node AND c.relative;
        UPDATE ref_nodes n SET kept = n.kept + n.revenue - (SELECT coalesce(sum(c.amount), 0) FROM ref_claims c), revenue = 0
         WHERE n.node = v.node;
    END LOOP;
    RETURN QUERY SELECT n.asset, n.kept FROM ref_nodes n ORDER BY n.node;
END
$$;
