-- solvency: liabilities snapshots in a Merkle sum tree, inclusion proofs
-- every holder can check, and the ledger_verify() check that ties each
-- snapshot to the journal (docs/solvency.md; encoding in src/core/sum_tree.h)
--
-- Error codes (class CD, docs/errors.md):
--   CD060 no user holds the asset at the snapshot's sequence number
--   CD061 unknown liabilities snapshot
--   CD062 the account is not a leaf of the snapshot
--   CD063 the snapshot ref was used for another asset

-- pure functions: the tree's levels, and the proof's verifier
CREATE FUNCTION liabilities_tree_levels(accounts bytea, balances numeric[], salts bytea,
    OUT level integer, OUT nodes bytea) RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'liabilities_tree_levels' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION liabilities_tree_levels(bytea, numeric[], bytea) IS
    'every level of the liabilities sum tree (docs/solvency.md), leaves first, each node as hash || u256be(sum), from 20-byte accounts in ascending order, their balances and 32-byte salts';

CREATE FUNCTION liabilities_verify(proof jsonb) RETURNS boolean
    AS 'MODULE_PATHNAME', 'liabilities_verify' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION liabilities_verify(jsonb) IS
    'true when a liabilities inclusion proof''s leaf and path recompute to its root and total; a malformed proof is an error';

-- internal: salts from the server's strong random generator, and the
-- proof's JSON written by the core
CREATE FUNCTION liabilities_random_salts(n integer) RETURNS bytea
    AS 'MODULE_PATHNAME', 'liabilities_random_salts' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION liabilities_random_salts(integer) IS
    'internal: n salts of 32 bytes from pg_strong_random, one per leaf of a liabilities snapshot';

CREATE FUNCTION liabilities_proof_json(account eth_address, balance numeric, salt bytea, index bigint,
    leaf_count bigint, siblings bytea[], root bytea, total numeric) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'liabilities_proof_json' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION liabilities_proof_json(eth_address, numeric, bytea, bigint, bigint, bytea[], bytea, numeric) IS
    'internal: the JSON of a liabilities inclusion proof from its leaf, its stored sibling nodes and the root';

CREATE FUNCTION liabilities_leaf_rows(accounts bytea, balances bytea, salts bytea,
    OUT "position" bigint, OUT account eth_address, OUT balance numeric, OUT salt bytea) RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'liabilities_leaf_rows' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION liabilities_leaf_rows(bytea, bytea, bytea) IS
    'internal: the rows of packed liabilities leaves (20-byte accounts, 32-byte big-endian balances, 32-byte salts), position counting from 0';

-- Snapshots: one row each, immutable.  seq and journal_head are the hash
-- chain's position and hash the balances were summed at.
CREATE SEQUENCE liabilities_snapshot_id_seq AS bigint;
COMMENT ON SEQUENCE liabilities_snapshot_id_seq IS 'ids of liabilities snapshots';
CREATE TABLE liabilities_snapshots (
    id bigint NOT NULL,
    ref text NOT NULL,
    asset asset NOT NULL,
    seq bigint NOT NULL,
    journal_head bytea NOT NULL,
    root bytea NOT NULL,
    total numeric NOT NULL,
    leaf_count bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT liabilities_snapshots_pkey PRIMARY KEY (id),
    CONSTRAINT liabilities_snapshots_ref_key UNIQUE (ref),
    CONSTRAINT liabilities_snapshots_root_len CHECK (octet_length(root) = 32),
    CONSTRAINT liabilities_snapshots_leaf_count CHECK (leaf_count > 0)
);
COMMENT ON TABLE liabilities_snapshots IS
    'liabilities snapshots: the root and total of the sum tree of an asset''s user holdings at one journal sequence number';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.liabilities_snapshots', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.liabilities_snapshot_id_seq', '');

-- The leaves: position in the tree, account, balance and salt.  No role
-- reads salt (column privileges below): a holder gets theirs in a proof.
-- No foreign key to the snapshots: liabilities_snapshot writes a snapshot
-- and its leaves in one transaction, and a check per leaf cost a fifth of
-- a snapshot; the check liabilities of ledger_verify() finds any leaf of
-- no snapshot instead (as the postings, docs/ledger.md).
CREATE TABLE liabilities_leaves (
    snapshot_id bigint NOT NULL,
    position bigint NOT NULL,
    account eth_address NOT NULL,
    balance numeric NOT NULL,
    salt bytea NOT NULL,
    CONSTRAINT liabilities_leaves_pkey PRIMARY KEY (snapshot_id, position),
    CONSTRAINT liabilities_leaves_account_key UNIQUE (snapshot_id, account),
    CONSTRAINT liabilities_leaves_salt_len CHECK (octet_length(salt) = 32)
);
COMMENT ON TABLE liabilities_leaves IS
    'the leaves of each liabilities snapshot: account, balance and salt (the salt readable only through liabilities_proof)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.liabilities_leaves', '');

-- The tree's levels as built, so that a proof reads its siblings instead
-- of rebuilding the tree: level 0 the leaves, the last the root, each node
-- 64 bytes (hash || u256be(sum)).  EXTERNAL storage (uncompressed) lets
-- substring() fetch one node of a large level without reading it all.
CREATE TABLE liabilities_levels (
    snapshot_id bigint NOT NULL REFERENCES liabilities_snapshots (id),
    level integer NOT NULL,
    nodes bytea NOT NULL,
    CONSTRAINT liabilities_levels_pkey PRIMARY KEY (snapshot_id, level),
    CONSTRAINT liabilities_levels_nodes CHECK (octet_length(nodes) > 0 AND octet_length(nodes) % 64 = 0)
);
ALTER TABLE liabilities_levels ALTER COLUMN nodes SET STORAGE EXTERNAL;
COMMENT ON TABLE liabilities_levels IS
    'the levels of each liabilities snapshot''s sum tree, leaves first, 64 bytes a node, from which proofs are served';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.liabilities_levels', '');

-- The claims tree of each snapshot (@openzeppelin/merkle-tree's
-- StandardMerkleTree over the same balances, 83_claims.sql), built from
-- the same leaves in the same pass as the sum tree and stored whole in the
-- library's array order (the root first, the sorted leaves last in
-- reverse), so that claims_root is a read and claims_proof a binary search
-- for the leaf and one sibling per level.  EXTERNAL storage (uncompressed)
-- lets substr() fetch one node without reading the tree.  Derived from the
-- leaves: a dump registers the table but none of its rows ('WHERE false'),
-- and the leaves' trigger of 83_claims.sql rebuilds each tree when the
-- leaves are restored.
CREATE TABLE claims_trees (
    snapshot_id bigint NOT NULL REFERENCES liabilities_snapshots (id),
    leaf_count bigint NOT NULL,
    root bytea NOT NULL,
    nodes bytea NOT NULL,
    CONSTRAINT claims_trees_pkey PRIMARY KEY (snapshot_id),
    CONSTRAINT claims_trees_root_len CHECK (octet_length(root) = 32),
    CONSTRAINT claims_trees_nodes CHECK (octet_length(nodes) = (2 * leaf_count - 1) * 32)
);
ALTER TABLE claims_trees ALTER COLUMN nodes SET STORAGE EXTERNAL;
COMMENT ON TABLE claims_trees IS
    'the StandardMerkleTree of each liabilities snapshot''s balances as built at snapshot time (claims_tree), from which claim roots and proofs are served';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.claims_trees', 'WHERE false');
CREATE TRIGGER claims_trees_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON claims_trees
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

CREATE TRIGGER liabilities_snapshots_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON liabilities_snapshots
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER liabilities_leaves_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON liabilities_leaves
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER liabilities_levels_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON liabilities_levels
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- What the postings of the transactions chained after after_seq and up to
-- seq add to each user account's balance of an asset (the same accounts
-- as liabilities_balances_at): the check's step from one snapshot of an
-- asset to the next, which reads only the transactions between them.
CREATE FUNCTION liabilities_changes_between(asset asset, after_seq bigint, seq bigint, listed eth_address[] DEFAULT '{}')
    RETURNS TABLE(account eth_address, change numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT p.account, sum(p.amount)
      FROM @extschema@.ledger_chain c
      JOIN @extschema@.ledger_postings p ON p.txn_id = c.txn_id
     WHERE c.seq > liabilities_changes_between.after_seq AND c.seq <= liabilities_changes_between.seq
       AND p.asset OPERATOR(@extschema@.=) liabilities_changes_between.asset
       AND (NOT EXISTS (SELECT FROM @extschema@.ledger_system_accounts s
                         WHERE s.account OPERATOR(@extschema@.=) p.account)
            OR p.account OPERATOR(@extschema@.=) ANY (listed))
     GROUP BY p.account;
END;
COMMENT ON FUNCTION liabilities_changes_between(asset, bigint, bigint, eth_address[]) IS
    'internal: the change of each user balance of an asset from the postings of the transactions chained after after_seq up to seq';

-- The user balances of an asset at a sequence number of the hash chain:
-- the sums of the postings of the transactions chained up to seq, for
-- the accounts that are not system accounts (and, for the check, the
-- accounts a snapshot lists even if they became one later), non-zero, in
-- account order.
CREATE FUNCTION liabilities_balances_at(asset asset, seq bigint, listed eth_address[] DEFAULT '{}')
    RETURNS TABLE(account eth_address, balance numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
    -- the chain's sequence numbers start at 1
    SELECT d.account, d.change
      FROM @extschema@.liabilities_changes_between(liabilities_balances_at.asset, 0, liabilities_balances_at.seq,
                                                   liabilities_balances_at.listed) d
     WHERE d.change <> 0
     ORDER BY d.account;
END;
COMMENT ON FUNCTION liabilities_balances_at(asset, bigint, eth_address[]) IS
    'internal: the non-zero user balances of an asset at a sequence number of the hash chain, from the postings, in account order';

-- internal: the whole snapshot built and stored in one C call
-- (pg_solvency_snapshot.c): the balances at seq read once, the salts, the
-- sum tree and the claims tree computed from the same leaves, and the
-- snapshot row, levels, claims tree and leaves written by a statement
-- each (a level each for the levels), in memory bounded by the leaves
-- themselves.  No balance: leaf_count 0, nothing stored.
CREATE FUNCTION liabilities_snapshot_store(ref text, asset asset, seq bigint, journal_head bytea,
    OUT snapshot_id bigint, OUT root bytea, OUT total numeric, OUT leaf_count bigint)
    AS 'MODULE_PATHNAME', 'liabilities_snapshot_store' LANGUAGE C VOLATILE STRICT SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    -- the balances' query is one pass of sums: compiling it costs more
    -- time than it saves, and maps the JIT's library into the backend
    SET jit = off;
COMMENT ON FUNCTION liabilities_snapshot_store(text, asset, bigint, bytea) IS
    'internal: build and store the liabilities snapshot of asset''s user balances at seq (snapshot, levels, claims tree, leaves); leaf_count 0 and nothing stored when no user holds asset';

-- liabilities_snapshot: the sum tree of every user holding of asset at
-- the current head of the hash chain.  journal_head() seals what waits
-- (in READ COMMITTED), and the balances are summed from the postings of
-- the transactions chained up to that head, so the snapshot reflects
-- exactly one sequence number whatever commits meanwhile.  A ref makes it
-- idempotent, as the ledger's operations are.
CREATE FUNCTION liabilities_snapshot(asset asset, ref text,
    OUT snapshot_id bigint, OUT seq bigint, OUT journal_head bytea, OUT root bytea, OUT total numeric,
    OUT leaf_count bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s @extschema@.liabilities_snapshots;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['asset', 'ref'], ARRAY[asset IS NULL, ref IS NULL]);
    ref := @extschema@.ledger_lock_ref(@extschema@.ledger_ref_checked(ref));
    SELECT * INTO s FROM @extschema@.liabilities_snapshots l WHERE l.ref = liabilities_snapshot.ref;
    IF FOUND THEN
        IF s.asset OPERATOR(@extschema@.<>) asset THEN
            RAISE EXCEPTION 'ref "%" was already used for a liabilities snapshot of another asset', ref
                USING ERRCODE = 'CD063',
                      DETAIL = format('Snapshot %s is of %s, not %s.', s.id, s.asset, asset);
        END IF;
        SELECT s.id, s.seq, s.journal_head, s.root, s.total, s.leaf_count
          INTO snapshot_id, seq, journal_head, root, total, leaf_count;
        RETURN;
    END IF;

    SELECT h.seq, h.hash INTO seq, journal_head FROM @extschema@.journal_head() h;
    -- one C call reads the balances at seq (in account order: the builder
    -- refuses accounts out of order, so an order lost is an error, never
    -- another tree), builds both trees and stores everything
    SELECT b.snapshot_id, b.root, b.total, b.leaf_count INTO snapshot_id, root, total, leaf_count
      FROM @extschema@.liabilities_snapshot_store(ref, asset, seq, journal_head) b;
    IF leaf_count = 0 THEN
        RAISE EXCEPTION 'no user holds % at journal sequence number %', asset, seq
            USING ERRCODE = 'CD060',
                  DETAIL = 'A liabilities snapshot needs at least one user account with a non-zero balance.';
    END IF;
END
$$;
COMMENT ON FUNCTION liabilities_snapshot(asset, text) IS
    'take a liabilities snapshot of asset: the Merkle sum tree of every user holding at the current journal head, stored with its salts and levels; idempotent by ref';

-- The leaf of an account in a snapshot: CD061 when there is no such
-- snapshot, CD062 when the account has no leaf in it.
CREATE FUNCTION liabilities_leaf_of(snapshot_id bigint, account eth_address) RETURNS liabilities_leaves
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s @extschema@.liabilities_snapshots;
    l @extschema@.liabilities_leaves;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['snapshot_id', 'account'],
        ARRAY[snapshot_id IS NULL, account IS NULL]);
    SELECT * INTO s FROM @extschema@.liabilities_snapshots x WHERE x.id = liabilities_leaf_of.snapshot_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown liabilities snapshot %', snapshot_id USING ERRCODE = 'CD061';
    END IF;
    SELECT * INTO l FROM @extschema@.liabilities_leaves x
     WHERE x.snapshot_id = s.id AND x.account OPERATOR(@extschema@.=) liabilities_leaf_of.account;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'account % is not in liabilities snapshot %', account, snapshot_id
            USING ERRCODE = 'CD062',
                  DETAIL = format('Snapshot %s lists the %s user accounts that held %s at journal sequence number %s.',
                                  s.id, s.leaf_count, s.asset, s.seq);
    END IF;
    RETURN l;
END
$$;
COMMENT ON FUNCTION liabilities_leaf_of(bigint, eth_address) IS
    'internal: the leaf of an account in a liabilities snapshot; CD061 for an unknown snapshot, CD062 for an account without a leaf';

-- liabilities_proof: a holder's inclusion proof, read from the stored
-- levels (the sibling at each level, or the padding node past a level's
-- end).
CREATE FUNCTION liabilities_proof(snapshot_id bigint, account eth_address) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    l @extschema@.liabilities_leaves := @extschema@.liabilities_leaf_of(snapshot_id, account);
    s @extschema@.liabilities_snapshots;
    v_siblings bytea[];
BEGIN
    SELECT * INTO s FROM @extschema@.liabilities_snapshots x WHERE x.id = l.snapshot_id;
    SELECT coalesce(array_agg(CASE WHEN octet_length(v.nodes) / 64 > v.sibling
                                   THEN substr(v.nodes, (v.sibling * 64 + 1)::integer, 64)
                                   ELSE '\x00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000'::bytea
                              END ORDER BY v.level), '{}')
      INTO v_siblings
      FROM (SELECT x.level, x.nodes, (l.position >> x.level) # 1 AS sibling
              FROM @extschema@.liabilities_levels x
             WHERE x.snapshot_id = s.id AND octet_length(x.nodes) > 64) v;
    RETURN @extschema@.liabilities_proof_json(l.account, l.balance, l.salt, l.position, s.leaf_count,
                                              v_siblings, s.root, s.total)
        || jsonb_build_object('snapshot', s.id, 'asset', s.asset::text, 'seq', s.seq,
                              'journal_head', '0x' || encode(s.journal_head, 'hex'));
END
$$;
COMMENT ON FUNCTION liabilities_proof(bigint, eth_address) IS
    'the inclusion proof of an account in a liabilities snapshot, as JSON: account, balance, salt, leaf, index, leaf_count, path of sibling hash and sum per level, root, total';

-- ledger_verify() check liabilities: each snapshot's leaves are exactly
-- the non-zero user balances of its asset at its seq; its total and leaf
-- count are theirs; its stored levels are the tree rebuilt from its
-- leaves, and its root the last level's hash.  The balances are summed
-- from the postings for the first snapshot of an asset only; each later
-- one is checked against the previous one's leaves plus the postings
-- chained between the two seqs.  Every run checks every step, so each
-- snapshot is still held to the postings up to its seq (by induction from
-- the first), while the journal is read once per asset rather than once
-- per snapshot (docs/solvency.md, "What ledger_verify checks").
CREATE FUNCTION liabilities_verify_snapshots() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT v.n + o.n AS n, coalesce(v.e, o.e) AS e FROM
      (SELECT count(*) AS n, min(e.failure) AS e
         FROM @extschema@.liabilities_snapshots s
         -- the previous snapshot of the asset, and the accounts this one lists
         LEFT JOIN LATERAL (SELECT p.id, p.seq FROM @extschema@.liabilities_snapshots p
                             WHERE p.asset OPERATOR(@extschema@.=) s.asset AND (p.seq, p.id) < (s.seq, s.id)
                             ORDER BY p.seq DESC, p.id DESC LIMIT 1) pv ON true
         CROSS JOIN LATERAL (SELECT ARRAY(SELECT x.account FROM @extschema@.liabilities_leaves x
                                           WHERE x.snapshot_id = s.id) AS listed) ls
         CROSS JOIN LATERAL (
             SELECT format('snapshot %s: %s', s.id, f.what) AS failure
               FROM (
                   -- leaves against the postings, both ways: the first
                   -- snapshot of the asset against the balances at its seq,
                   -- a later one against the previous snapshot's leaves (of
                   -- the accounts this one may list) plus the changes since
                   (SELECT format('account %s has %s in the snapshot and %s in the journal at seq %s',
                                  coalesce(lf.account, b.account), coalesce(lf.balance, 0),
                                  coalesce(b.balance, 0), s.seq) AS what
                      FROM (SELECT x.account, x.balance FROM @extschema@.liabilities_leaves x
                             WHERE x.snapshot_id = s.id) lf
                      FULL JOIN (
                          SELECT e.account, sum(e.balance) AS balance
                            FROM (SELECT a.account, a.balance
                                    FROM @extschema@.liabilities_balances_at(s.asset, s.seq, ls.listed) a
                                   WHERE pv.id IS NULL
                                  UNION ALL
                                  SELECT x.account, x.balance FROM @extschema@.liabilities_leaves x
                                   WHERE x.snapshot_id = pv.id
                                     AND (NOT EXISTS (SELECT FROM @extschema@.ledger_system_accounts y
                                                       WHERE y.account OPERATOR(@extschema@.=) x.account)
                                          OR x.account OPERATOR(@extschema@.=) ANY (ls.listed))
                                  UNION ALL
                                  SELECT d.account, d.change
                                    FROM @extschema@.liabilities_changes_between(s.asset, pv.seq, s.seq, ls.listed) d
                                   WHERE pv.id IS NOT NULL) e
                           GROUP BY e.account
                          HAVING sum(e.balance) <> 0) b
                        ON b.account OPERATOR(@extschema@.=) lf.account
                     WHERE lf.balance IS DISTINCT FROM b.balance
                     LIMIT 1)
                   UNION ALL
                   -- total, count and positions
                   (SELECT format('total %s over %s leaves, the leaves sum to %s over %s', s.total, s.leaf_count,
                                  coalesce(sum(x.balance), 0), count(*))
                      FROM @extschema@.liabilities_leaves x WHERE x.snapshot_id = s.id
                    HAVING s.total <> coalesce(sum(x.balance), 0) OR s.leaf_count <> count(*)
                        OR count(*) <> count(DISTINCT x.position) OR max(x.position) <> count(*) - 1)
                   UNION ALL
                   -- the stored levels and root against the tree rebuilt from the leaves
                   (SELECT format('level %s does not recompute from the leaves', coalesce(st.level, t.level))
                      FROM (SELECT x.level, x.nodes FROM @extschema@.liabilities_levels x WHERE x.snapshot_id = s.id) st
                      FULL JOIN @extschema@.liabilities_tree_levels(
                                    (SELECT string_agg(@extschema@.eth_address_to_bytea(x.account), ''::bytea ORDER BY x.position)
                                       FROM @extschema@.liabilities_leaves x WHERE x.snapshot_id = s.id),
                                    ARRAY(SELECT x.balance FROM @extschema@.liabilities_leaves x
                                           WHERE x.snapshot_id = s.id ORDER BY x.position),
                                    (SELECT string_agg(x.salt, ''::bytea ORDER BY x.position)
                                       FROM @extschema@.liabilities_leaves x WHERE x.snapshot_id = s.id)) t
                        ON t.level = st.level
                     WHERE st.nodes IS DISTINCT FROM t.nodes
                     LIMIT 1)
                   UNION ALL
                   (SELECT 'the root is not the hash of the last level'
                     WHERE s.root IS DISTINCT FROM
                           (SELECT substr(x.nodes, 1, 32) FROM @extschema@.liabilities_levels x
                             WHERE x.snapshot_id = s.id ORDER BY x.level DESC LIMIT 1))
                   UNION ALL
                   (SELECT format('journal_head is not the chain''s hash at seq %s', s.seq)
                     WHERE s.journal_head IS DISTINCT FROM
                           coalesce((SELECT c.hash FROM @extschema@.ledger_chain c WHERE c.seq = s.seq),
                                    CASE WHEN s.seq = 0 THEN '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea END))
               ) f
              LIMIT 1) e) v,
      -- the leaves have no foreign key (liabilities_leaves): a leaf of no
      -- snapshot is a failure of its own
      (SELECT count(*) AS n,
              min(format('leaf %s of snapshot %s: there is no such snapshot', x.position, x.snapshot_id)) AS e
         FROM @extschema@.liabilities_leaves x
        WHERE NOT EXISTS (SELECT FROM @extschema@.liabilities_snapshots y WHERE y.id = x.snapshot_id)) o) f,
      @extschema@.ledger_verify_row('liabilities', f.n, f.e,
          format('%s liabilities snapshots: leaves, totals, levels and roots recompute from the journal',
                 (SELECT count(*) FROM @extschema@.liabilities_snapshots)),
          'liabilities snapshots differ from the journal') r;
END;
COMMENT ON FUNCTION liabilities_verify_snapshots() IS
    'check liabilities of ledger_verify(): each snapshot''s leaves are the user balances of its asset at its seq (from the postings), its total and count theirs, its levels and root the tree rebuilt from its leaves';
INSERT INTO ledger_verify_checks_registry (position, function, area)
VALUES (82, 'liabilities_verify_snapshots()', 'solvency');

-- privileges: every role reads the snapshots and the levels, and the
-- leaves but their salts; a holder's salt leaves the database only in
-- that holder's proof.  Snapshots are taken by the operator (back office).
REVOKE ALL ON TABLE liabilities_snapshots, liabilities_leaves, liabilities_levels, claims_trees FROM PUBLIC;
REVOKE ALL ON SEQUENCE liabilities_snapshot_id_seq FROM PUBLIC;
GRANT SELECT ON TABLE liabilities_snapshots, liabilities_levels, claims_trees
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
GRANT SELECT (snapshot_id, position, account, balance) ON TABLE liabilities_leaves
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
REVOKE ALL ON FUNCTION
    liabilities_random_salts(integer),
    liabilities_leaf_rows(bytea, bytea, bytea),
    liabilities_snapshot_store(text, asset, bigint, bytea),
    liabilities_proof_json(eth_address, numeric, bytea, bigint, bigint, bytea[], bytea, numeric),
    liabilities_balances_at(asset, bigint, eth_address[]),
    liabilities_changes_between(asset, bigint, bigint, eth_address[]),
    liabilities_leaf_of(bigint, eth_address),
    liabilities_verify_snapshots(),
    liabilities_snapshot(asset, text),
    liabilities_proof(bigint, eth_address)
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION liabilities_proof(bigint, eth_address)
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
GRANT EXECUTE ON FUNCTION liabilities_snapshot(asset, text) TO creative_defi_operator;
