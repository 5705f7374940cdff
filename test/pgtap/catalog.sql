-- Catalog checks that hold for the whole extension: schema, comments,
-- function flags.  Per-area checks live in their own files.
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(8);

SELECT has_schema('creative_defi', 'the extension has its own schema');
SELECT is((SELECT extrelocatable FROM pg_extension WHERE extname = 'creative_defi'), false,
          'the extension is not relocatable');
SELECT is((SELECT n.nspname::text FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
            WHERE e.extname = 'creative_defi'), 'creative_defi', 'it is installed in schema creative_defi');

\ir ../shared/catalog_checks.sql
\ir ../shared/extension_owned_relations.sql

-- every function, type, aggregate and table of the extension is documented with COMMENT ON
SELECT is_empty($$ SELECT pg_temp.undocumented('pg_proc') $$, 'every SQL function has a comment');
SELECT is_empty($$ SELECT pg_temp.undocumented('pg_type') $$, 'every type has a comment');

-- C functions are IMMUTABLE and PARALLEL SAFE unless they touch ledger state
-- (those are SECURITY DEFINER and documented as volatile) or report the
-- server's own state (ledger_system_identifier: STABLE, the same only
-- within one cluster), or draw random bytes (liabilities_random_salts:
-- VOLATILE, revoked from PUBLIC), or keep the backend's copy of the
-- assets with dividends (dividends_watched: STABLE, it reads the registry;
-- dividends_forget: VOLATILE, it invalidates it; both revoked from PUBLIC),
-- or the system accounts a split may pay and the payer of a payment into
-- one (ledger_split_postings, ledger_record_payer, ledger_take_payer,
-- ledger_split_recipients_forget: VOLATILE, they read the registry or
-- write the transaction-local record of payers; revoked from PUBLIC), or
-- read a work's lineage from the link tables (lineage_graph: STABLE,
-- revoked from PUBLIC)
SELECT is_empty($$
    SELECT p.oid::regprocedure::text
      FROM pg_proc p
     WHERE p.pronamespace = 'creative_defi'::regnamespace
       AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')
       AND NOT p.prosecdef
       AND p.oid <> 'creative_defi.ledger_system_identifier()'::regprocedure
       AND p.oid <> 'creative_defi.liabilities_random_salts(integer)'::regprocedure
       AND p.oid <> 'creative_defi.dividends_watched(text,creative_defi.asset)'::regprocedure
       AND p.oid <> 'creative_defi.dividends_forget()'::regprocedure
       AND p.oid NOT IN ('creative_defi.ledger_split_postings(creative_defi.royalty_split,numeric,creative_defi.eth_address,creative_defi.asset)'::regprocedure,
                         'creative_defi.ledger_record_payer(creative_defi.eth_address,creative_defi.eth_address)'::regprocedure,
                         'creative_defi.ledger_take_payer(creative_defi.eth_address)'::regprocedure,
                         'creative_defi.ledger_split_recipients_forget()'::regprocedure,
                         'creative_defi.lineage_graph(creative_defi.asset)'::regprocedure,
                         'creative_defi.lineage_graph(creative_defi.asset,bigint)'::regprocedure)
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

-- pg_dump dumps the contents of an extension's table, or the value of its
-- sequence, only when it is registered with pg_extension_config_dump: every
-- table and sequence the extension owns is, including the identity and
-- serial sequences of its tables (docs/ledger.md, "Backup and restore")
SELECT is_empty($$
    SELECT oid::regclass::text FROM extension_owned_relations WHERE NOT registered
$$, 'every table and sequence of the extension is registered with pg_extension_config_dump');

SELECT * FROM finish();
ROLLBACK;
