-- Catalog checks that hold for the whole extension: schema, comments,
-- function flags.  Per-area checks live in their own files.
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(7);

SELECT has_schema('creative_defi', 'the extension has its own schema');
SELECT is((SELECT extrelocatable FROM pg_extension WHERE extname = 'creative_defi'), false,
          'the extension is not relocatable');
SELECT is((SELECT n.nspname::text FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
            WHERE e.extname = 'creative_defi'), 'creative_defi', 'it is installed in schema creative_defi');

-- every function, type, aggregate and table of the extension is documented with COMMENT ON
SELECT is_empty($$
    SELECT p.oid::regprocedure::text
      FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
     WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
       AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'creative_defi')
       AND obj_description(p.oid, 'pg_proc') IS NULL
$$, 'every SQL function has a comment');
SELECT is_empty($$
    SELECT t.oid::regtype::text
      FROM pg_type t JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid
     WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
       AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'creative_defi')
       AND t.typtype IN ('b', 'd', 'e', 'c') AND t.typrelid = 0
       AND obj_description(t.oid, 'pg_type') IS NULL
$$, 'every type has a comment');

-- C functions are IMMUTABLE and PARALLEL SAFE unless they touch ledger state
-- (those are SECURITY DEFINER and documented as volatile) or report the
-- server's own state (ledger_system_identifier: STABLE, the same only
-- within one cluster)
SELECT is_empty($$
    SELECT p.oid::regprocedure::text
      FROM pg_proc p
     WHERE p.pronamespace = 'creative_defi'::regnamespace
       AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')
       AND NOT p.prosecdef
       AND p.oid <> 'creative_defi.ledger_system_identifier()'::regprocedure
       AND (p.provolatile <> 'i' OR p.proparallel <> 's')
$$, 'pure C functions are IMMUTABLE PARALLEL SAFE');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text
      FROM pg_proc p
     WHERE p.pronamespace = 'creative_defi'::regnamespace
       AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')
       AND p.prokind = 'f' AND NOT p.proisstrict
       -- PostgreSQL requires a non-strict transition function for an
       -- aggregate whose state is internal and has no initial value
       AND NOT EXISTS (SELECT 1 FROM pg_aggregate a
                        WHERE a.aggtransfn = p.oid AND a.aggtranstype = 'internal'::regtype
                          AND a.agginitval IS NULL)
$$, 'C functions are STRICT (except transition functions of internal-state aggregates)');

SELECT * FROM finish();
ROLLBACK;
