-- extension_owned_relations (a temporary view): every table (r, p) and
-- sequence (S) the extension owns, with the identity and serial sequences of
-- its tables, and whether each is registered with pg_extension_config_dump
-- (which pg_dump needs to dump its contents or state).  Used by
-- test/pgtap/catalog.sql and test/suites/dump_restore.sh.
CREATE TEMP VIEW extension_owned_relations AS
WITH e AS (SELECT oid, extconfig FROM pg_extension WHERE extname = 'creative_defi'),
members AS (
    SELECT c.oid FROM pg_depend d JOIN pg_class c ON c.oid = d.objid, e
     WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_extension'::regclass
       AND d.refobjid = e.oid AND d.deptype = 'e' AND c.relkind IN ('r', 'p', 'S')),
owned AS (
    SELECT oid FROM members
    UNION
    SELECT s.oid FROM pg_depend d JOIN pg_class s ON s.oid = d.objid
     WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
       AND d.deptype IN ('i', 'a') AND s.relkind = 'S' AND d.refobjid IN (SELECT oid FROM members))
SELECT o.oid, o.oid = ANY (e.extconfig) AS registered FROM owned o, e;
