-- extension-catalog.sql: the catalog's description of one extension, one
-- line per fact, each line led by the object it describes (as
-- pg_describe_object names it), sorted, with no OIDs, so that two
-- databases can be compared with diff.  Run by
-- scripts/compare-extension-catalog.sh:
--   psql -X -At -v ext=NAME -v data=on|off -f scripts/extension-catalog.sql
--
-- The objects: the extension's members (pg_depend deptype 'e') and what
-- hangs on them (deptype 'a' and 'i', transitively: columns' defaults,
-- constraints, indexes, triggers, rules, policies, row and array types,
-- identity sequences, operator family members).  Of each: its definition
-- (pg_get_functiondef, pg_get_viewdef, columns in order,
-- pg_get_constraintdef, pg_get_indexdef, pg_get_triggerdef, sequence
-- parameters, type, operator, operator class and cast properties), owner,
-- privileges (ACLs sorted, NULL shown as the default they stand for, and
-- the initial privileges pg_dump starts from), comment.  Also the
-- extension's version and configuration tables, and the roles its ACLs
-- name: attributes, comment, and the roles each is a member of.
-- With data=on, also every row of the extension's tables and the state of
-- its sequences: for databases without user data (a fresh install, where
-- the install script's registry rows are what is compared).
SET search_path = pg_catalog;   -- every other schema's names come out qualified
SET DateStyle = ISO;
SET IntervalStyle = postgres;
SET extra_float_digits = 1;

WITH RECURSIVE
ext AS (
    SELECT e.oid, e.extname, e.extnamespace, e.extversion, e.extrelocatable, e.extconfig, e.extcondition
      FROM pg_extension e WHERE e.extname = :'ext'),
owned (classid, objid, objsubid, member) AS (
    SELECT d.classid, d.objid, d.objsubid, true
      FROM pg_depend d JOIN ext ON d.refobjid = ext.oid
     WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
    UNION
    SELECT d.classid, d.objid, d.objsubid, false
      FROM pg_depend d JOIN owned o ON d.refclassid = o.classid AND d.refobjid = o.objid
     WHERE d.deptype IN ('a', 'i')),
obj AS (
    -- one row per object.  Left out, as named by OIDs: RI triggers (their
    -- foreign key constraint describes them) and TOAST tables and indexes.
    SELECT o.classid, o.objid, bool_or(o.member) AS member,
           pg_describe_object(o.classid, o.objid, 0) AS name
      FROM owned o
     WHERE o.objsubid = 0
       AND NOT (o.classid = 'pg_trigger'::regclass
                AND (SELECT t.tgisinternal FROM pg_trigger t WHERE t.oid = o.objid))
       AND NOT (o.classid = 'pg_class'::regclass
                AND (SELECT c.relnamespace = 'pg_toast'::regnamespace FROM pg_class c WHERE c.oid = o.objid))
     GROUP BY o.classid, o.objid),
-- privileges in a canonical form: sorted items, the default when NULL
acl (classid, objid, objsubid, items) AS (
    SELECT 'pg_class'::regclass, c.oid, 0,
           coalesce(c.relacl, acldefault((CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END)::"char", c.relowner))
      FROM pg_class c JOIN obj ON obj.classid = 'pg_class'::regclass AND obj.objid = c.oid
    UNION ALL
    SELECT 'pg_class'::regclass, a.attrelid, a.attnum, a.attacl
      FROM pg_attribute a JOIN obj ON obj.classid = 'pg_class'::regclass AND obj.objid = a.attrelid
     WHERE a.attacl IS NOT NULL AND NOT a.attisdropped
    UNION ALL
    SELECT 'pg_proc'::regclass, p.oid, 0, coalesce(p.proacl, acldefault('f'::"char", p.proowner))
      FROM pg_proc p JOIN obj ON obj.classid = 'pg_proc'::regclass AND obj.objid = p.oid
    UNION ALL
    SELECT 'pg_type'::regclass, t.oid, 0, coalesce(t.typacl, acldefault('T'::"char", t.typowner))
      FROM pg_type t JOIN obj ON obj.classid = 'pg_type'::regclass AND obj.objid = t.oid
    UNION ALL
    SELECT 'pg_namespace'::regclass, n.oid, 0, coalesce(n.nspacl, acldefault('n'::"char", n.nspowner))
      FROM pg_namespace n JOIN obj ON obj.classid = 'pg_namespace'::regclass AND obj.objid = n.oid
    UNION ALL
    SELECT 'pg_language'::regclass, l.oid, 0, coalesce(l.lanacl, acldefault('l'::"char", l.lanowner))
      FROM pg_language l JOIN obj ON obj.classid = 'pg_language'::regclass AND obj.objid = l.oid),
rel AS (
    SELECT c.*, obj.name FROM pg_class c JOIN obj ON obj.classid = 'pg_class'::regclass AND obj.objid = c.oid),
lines (name, ord, n, line) AS (
    -- the extension
    SELECT 'extension ' || ext.extname, 0, 0,
           format('version %s, schema %s, relocatable %s', ext.extversion, ext.extnamespace::regnamespace, ext.extrelocatable)
      FROM ext
    UNION ALL
    SELECT 'extension ' || ext.extname, 1, 0,
           format('configuration table %s, condition %L', u.relid::regclass, u.cond)
      FROM ext, unnest(ext.extconfig, ext.extcondition) AS u(relid, cond)
    -- every object, and whether it is a member or hangs on one
    UNION ALL
    SELECT obj.name, 0, 0, CASE WHEN obj.member THEN 'member of the extension' ELSE 'belongs to a member' END
      FROM obj
    -- comments (columns' too)
    UNION ALL
    SELECT obj.name, 90, d.objsubid,
           CASE WHEN d.objsubid = 0 THEN 'comment: '
                ELSE format('comment on column %s: ', (SELECT a.attname FROM pg_attribute a
                                                       WHERE a.attrelid = d.objoid AND a.attnum = d.objsubid)) END
           || replace(d.description, E'\n', '\n')
      FROM obj JOIN pg_description d ON d.classoid = obj.classid AND d.objoid = obj.objid
    -- privileges, and the initial privileges pg_dump starts from
    UNION ALL
    SELECT obj.name, 80, acl.objsubid,
           CASE WHEN acl.objsubid = 0 THEN 'privileges: '
                ELSE format('privileges on column %s: ', (SELECT a.attname FROM pg_attribute a
                                                          WHERE a.attrelid = acl.objid AND a.attnum = acl.objsubid)) END
           || (SELECT string_agg(i::text, ' ' ORDER BY i::text) FROM unnest(acl.items) i)
      FROM acl JOIN obj USING (classid, objid)
    UNION ALL
    SELECT obj.name, 81, ip.objsubid,
           format('initial privileges (%s)%s: %s', ip.privtype,
                  CASE WHEN ip.objsubid = 0 THEN '' ELSE ' on column ' || ip.objsubid END,
                  (SELECT string_agg(i::text, ' ' ORDER BY i::text) FROM unnest(ip.initprivs) i))
      FROM obj JOIN pg_init_privs ip ON ip.classoid = obj.classid AND ip.objoid = obj.objid
    -- functions, procedures, aggregates
    UNION ALL
    SELECT obj.name, 1, 0, 'owner ' || p.proowner::regrole
      FROM obj JOIN pg_proc p ON obj.classid = 'pg_proc'::regclass AND p.oid = obj.objid
    UNION ALL
    SELECT obj.name, 2, l.n, l.line
      FROM obj JOIN pg_proc p ON obj.classid = 'pg_proc'::regclass AND p.oid = obj.objid AND p.prokind <> 'a',
           regexp_split_to_table(pg_get_functiondef(p.oid), E'\n') WITH ORDINALITY AS l(line, n)
    UNION ALL
    SELECT obj.name, 2, 0,
           format('aggregate kind %s, %s direct arguments, transition %s, state %s (space %s, initial %L), final %s (extra %s, modify %s), '
                  'combine %s, serial %s, deserial %s, moving %s / %s / %s, state %s (initial %L), sort operator %s, parallel %s, strict %s',
                  a.aggkind, a.aggnumdirectargs, a.aggtransfn::regprocedure, a.aggtranstype::regtype, a.aggtransspace, a.agginitval,
                  a.aggfinalfn::regprocedure, a.aggfinalextra, a.aggfinalmodify, a.aggcombinefn::regprocedure,
                  a.aggserialfn::regprocedure, a.aggdeserialfn::regprocedure, a.aggmtransfn::regprocedure,
                  a.aggminvtransfn::regprocedure, a.aggmfinalfn::regprocedure, a.aggmtranstype::regtype, a.aggminitval,
                  a.aggsortop::regoperator, p.proparallel, p.proisstrict)
      FROM obj JOIN pg_proc p ON obj.classid = 'pg_proc'::regclass AND p.oid = obj.objid
               JOIN pg_aggregate a ON a.aggfnoid = p.oid
    -- relations: tables, views, sequences, indexes, composite types
    UNION ALL
    SELECT rel.name, 1, 0,
           format('kind %s, persistence %s, options %s, row security %s (forced %s), replica identity %s, owner %s',
                  rel.relkind, rel.relpersistence, coalesce(rel.reloptions::text, '{}'), rel.relrowsecurity,
                  rel.relforcerowsecurity, rel.relreplident, rel.relowner::regrole)
      FROM rel
    UNION ALL
    SELECT rel.name, 3, a.attnum,   -- columns in their order (dropped ones leave no line)
           format('column %s %s%s%s%s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),
                  CASE WHEN a.attcollation <> t.typcollation THEN ' collate ' || a.attcollation::regcollation END,
                  CASE WHEN a.attnotnull THEN ' not null' END,
                  CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text END,
                  CASE WHEN a.attgenerated <> '' THEN ' generated ' || a.attgenerated::text END,
                  (SELECT ' default ' || pg_get_expr(ad.adbin, ad.adrelid) FROM pg_attrdef ad
                    WHERE ad.adrelid = a.attrelid AND ad.adnum = a.attnum))
      FROM rel JOIN pg_attribute a ON a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped
               JOIN pg_type t ON t.oid = a.atttypid
     WHERE rel.relkind <> 'i'
    UNION ALL
    SELECT rel.name, 4, l.n, l.line
      FROM rel, regexp_split_to_table(pg_get_viewdef(rel.oid, true), E'\n') WITH ORDINALITY AS l(line, n)
     WHERE rel.relkind IN ('v', 'm')
    UNION ALL
    SELECT rel.name, 4, 0,
           format('index %s%s%s', pg_get_indexdef(rel.oid),
                  CASE WHEN i.indisclustered THEN ', clustered' END, CASE WHEN i.indisreplident THEN ', replica identity' END)
      FROM rel JOIN pg_index i ON i.indexrelid = rel.oid
    UNION ALL
    SELECT rel.name, 4, 0,
           format('sequence %s, start %s, increment %s, min %s, max %s, cache %s, cycle %s%s',
                  s.seqtypid::regtype, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                  (SELECT ', owned by ' || pg_describe_object(d.refclassid, d.refobjid, d.refobjsubid)
                     FROM pg_depend d
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = rel.oid AND d.deptype IN ('a', 'i')
                      AND d.refclassid = 'pg_class'::regclass))
      FROM rel JOIN pg_sequence s ON s.seqrelid = rel.oid
    -- constraints, triggers, rules, policies
    UNION ALL
    SELECT obj.name, 1, 0, 'constraint ' || pg_get_constraintdef(c.oid, true)
      FROM obj JOIN pg_constraint c ON obj.classid = 'pg_constraint'::regclass AND c.oid = obj.objid
    UNION ALL
    SELECT obj.name, 1, 0, format('trigger %s, enabled %s', pg_get_triggerdef(t.oid, true), t.tgenabled)
      FROM obj JOIN pg_trigger t ON obj.classid = 'pg_trigger'::regclass AND t.oid = obj.objid
    UNION ALL
    SELECT obj.name, 1, 0, 'rule ' || pg_get_ruledef(r.oid, true)
      FROM obj JOIN pg_rewrite r ON obj.classid = 'pg_rewrite'::regclass AND r.oid = obj.objid
     WHERE r.rulename <> '_RETURN'
    UNION ALL
    SELECT obj.name, 1, 0,
           format('policy for %s, permissive %s, roles %s, using %s, with check %s', p.polcmd, p.polpermissive,
                  (SELECT string_agg(CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END, ' ' ORDER BY 1)
                     FROM unnest(p.polroles) r),
                  pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid))
      FROM obj JOIN pg_policy p ON obj.classid = 'pg_policy'::regclass AND p.oid = obj.objid
    -- types
    UNION ALL
    SELECT obj.name, 1, 0,
           format('type %s, owner %s, length %s, by value %s, alignment %s, storage %s, category %s, preferred %s, '
                  'delimiter %s, input %s, output %s, receive %s, send %s, typmod in %s, typmod out %s, analyze %s, '
                  'subscript %s, element %s, array %s, base %s, not null %s, default %L, collation %s',
                  t.typtype, t.typowner::regrole, t.typlen, t.typbyval, t.typalign, t.typstorage, t.typcategory,
                  t.typispreferred, t.typdelim, t.typinput::regprocedure, t.typoutput::regprocedure,
                  t.typreceive::regprocedure, t.typsend::regprocedure, t.typmodin::regprocedure,
                  t.typmodout::regprocedure, t.typanalyze::regprocedure, t.typsubscript::regprocedure,
                  t.typelem::regtype, t.typarray::regtype, t.typbasetype::regtype, t.typnotnull, t.typdefault,
                  t.typcollation::regcollation)
      FROM obj JOIN pg_type t ON obj.classid = 'pg_type'::regclass AND t.oid = obj.objid
    UNION ALL
    SELECT obj.name, 2, e.enumsortorder::int, 'label ' || e.enumlabel
      FROM obj JOIN pg_enum e ON obj.classid = 'pg_type'::regclass AND e.enumtypid = obj.objid
    UNION ALL
    SELECT obj.name, 3, a.attnum, format('attribute %s %s', a.attname, format_type(a.atttypid, a.atttypmod))
      FROM obj JOIN pg_type t ON obj.classid = 'pg_type'::regclass AND t.oid = obj.objid AND t.typtype = 'c'
               JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT obj.name, 2, 0,
           format('range over %s, collation %s, operator class %s, canonical %s, subtype diff %s, multirange %s',
                  r.rngsubtype::regtype, r.rngcollation::regcollation,
                  pg_describe_object('pg_opclass'::regclass, r.rngsubopc, 0), r.rngcanonical::regprocedure,
                  r.rngsubdiff::regprocedure, r.rngmultitypid::regtype)
      FROM obj JOIN pg_range r ON obj.classid = 'pg_type'::regclass AND r.rngtypid = obj.objid
    -- operators, operator classes and families and their members, casts
    UNION ALL
    SELECT obj.name, 1, 0,
           format('operator returns %s, function %s, commutator %s, negator %s, restrict %s, join %s, merges %s, hashes %s, owner %s',
                  o.oprresult::regtype, o.oprcode::regprocedure, o.oprcom::regoperator, o.oprnegate::regoperator,
                  o.oprrest::regprocedure, o.oprjoin::regprocedure, o.oprcanmerge, o.oprcanhash, o.oprowner::regrole)
      FROM obj JOIN pg_operator o ON obj.classid = 'pg_operator'::regclass AND o.oid = obj.objid
    UNION ALL
    SELECT obj.name, 1, 0,
           format('operator class for %s, default %s, %s, storage %s, owner %s', c.opcintype::regtype, c.opcdefault,
                  pg_describe_object('pg_opfamily'::regclass, c.opcfamily, 0), c.opckeytype::regtype, c.opcowner::regrole)
      FROM obj JOIN pg_opclass c ON obj.classid = 'pg_opclass'::regclass AND c.oid = obj.objid
    UNION ALL
    SELECT obj.name, 1, 0, 'operator family, owner ' || f.opfowner::regrole
      FROM obj JOIN pg_opfamily f ON obj.classid = 'pg_opfamily'::regclass AND f.oid = obj.objid
    UNION ALL
    SELECT obj.name, 1, 0, format('purpose %s, sort family %s', a.amoppurpose,
                                   CASE WHEN a.amopsortfamily <> 0 THEN pg_describe_object('pg_opfamily'::regclass, a.amopsortfamily, 0) END)
      FROM obj JOIN pg_amop a ON obj.classid = 'pg_amop'::regclass AND a.oid = obj.objid
    UNION ALL
    SELECT obj.name, 1, 0, format('cast function %s, context %s, method %s', c.castfunc::regprocedure, c.castcontext, c.castmethod)
      FROM obj JOIN pg_cast c ON obj.classid = 'pg_cast'::regclass AND c.oid = obj.objid
    UNION ALL
    SELECT obj.name, 1, 0, 'owner ' || n.nspowner::regrole
      FROM obj JOIN pg_namespace n ON obj.classid = 'pg_namespace'::regclass AND n.oid = obj.objid
    UNION ALL
    SELECT 'default privileges', 1, 0,
           format('for role %s in schema %s on %s: %s', d.defaclrole::regrole, d.defaclnamespace::regnamespace, d.defaclobjtype,
                  (SELECT string_agg(i::text, ' ' ORDER BY i::text) FROM unnest(d.defaclacl) i))
      FROM pg_default_acl d JOIN ext ON d.defaclnamespace = ext.extnamespace
    -- the roles the privileges name: attributes, comment, memberships
    UNION ALL
    SELECT 'role ' || r.rolname, 1, 0,
           format('superuser %s, inherit %s, create role %s, create database %s, login %s, replication %s, bypass rls %s, '
                  'connection limit %s, valid until %s, settings %s',
                  r.rolsuper, r.rolinherit, r.rolcreaterole, r.rolcreatedb, r.rolcanlogin, r.rolreplication,
                  r.rolbypassrls, r.rolconnlimit, r.rolvaliduntil, r.rolconfig)
      FROM pg_roles r
     WHERE r.oid IN (SELECT (aclexplode(acl.items)).grantee FROM acl) AND NOT r.rolsuper
    UNION ALL
    SELECT 'role ' || r.rolname, 2, 0, 'comment: ' || replace(shobj_description(r.oid, 'pg_authid'), E'\n', '\n')
      FROM pg_roles r
     WHERE r.oid IN (SELECT (aclexplode(acl.items)).grantee FROM acl) AND NOT r.rolsuper
       AND shobj_description(r.oid, 'pg_authid') IS NOT NULL
    UNION ALL
    SELECT 'role ' || r.rolname, 3, 0, format('member of %s (admin option %s)', m.roleid::regrole, m.admin_option)
      FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid
     WHERE r.oid IN (SELECT (aclexplode(acl.items)).grantee FROM acl) AND NOT r.rolsuper
    -- data=on: the rows of the tables, the state of the sequences
    UNION ALL
    SELECT rel.name, 100, 0, 'row ' || x.r
      FROM rel, unnest(xpath('/table/row/r/text()',
                             query_to_xml(format('SELECT t::text AS r FROM %s t', rel.oid::regclass), false, false, ''))) x(r)
     WHERE :'data' = 'on' AND rel.relkind IN ('r', 'p')
    UNION ALL
    SELECT rel.name, 100, 0, 'state ' || (xpath('/row/s/text()',
               query_to_xml(format('SELECT last_value || '' '' || is_called AS s FROM %s', rel.oid::regclass), false, true, '')))[1]
      FROM rel
     WHERE :'data' = 'on' AND rel.relkind = 'S'
)
SELECT name || ': ' || line FROM lines WHERE line IS NOT NULL ORDER BY name COLLATE "C", ord, n, line COLLATE "C";
