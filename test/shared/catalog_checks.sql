-- pgTAP checks that several test/pgtap files make alike, as functions in
-- pg_temp (gone with the file's ROLLBACK).  Include with
-- \ir ../shared/catalog_checks.sql after plan(); each function returns its
-- TAP lines, so SELECT * FROM pg_temp.f(...) runs and counts every check.

-- base_type_checks(type, length, other, ...): a base type of the extension
-- of that typlen (-1: variable length) with binary I/O, casts from and to
-- each other type, and btree and hash operator classes (TYPE_ops,
-- TYPE_hash_ops) whose = can hash and merge, and whose hash opclass has the
-- extended hash (8 checks + 2 per other type)
CREATE FUNCTION pg_temp.base_type_checks(type_name text, length int, VARIADIC cast_partners text[])
RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    other text;
BEGIN
    RETURN NEXT has_type('creative_defi', type_name, format('type %s exists', type_name));
    RETURN NEXT is((SELECT typlen FROM pg_type WHERE oid = to_regtype('creative_defi.' || type_name)), length::smallint,
                   CASE WHEN length = -1 THEN format('%s is variable length', type_name)
                        ELSE format('%s is stored in %s fixed bytes', type_name, length) END);
    RETURN NEXT isnt((SELECT typreceive FROM pg_type WHERE oid = to_regtype('creative_defi.' || type_name)),
                     0::regproc, format('%s has binary input', type_name));
    RETURN NEXT isnt((SELECT typsend FROM pg_type WHERE oid = to_regtype('creative_defi.' || type_name)),
                     0::regproc, format('%s has binary output', type_name));
    FOREACH other IN ARRAY cast_partners LOOP
        RETURN NEXT has_cast(other, type_name, format('cast %s -> %s', other, type_name));
        RETURN NEXT has_cast(type_name, other, format('cast %s -> %s', type_name, other));
    END LOOP;
    RETURN NEXT has_opclass('creative_defi', type_name || '_ops', 'btree operator class');
    RETURN NEXT has_opclass('creative_defi', type_name || '_hash_ops', 'hash operator class');
    RETURN NEXT ok((SELECT oprcanhash AND oprcanmerge FROM pg_operator
                     WHERE oprname = '=' AND oprleft = to_regtype('creative_defi.' || type_name)
                       AND oprright = to_regtype('creative_defi.' || type_name)),
                   format('= on %s supports hash and merge joins', type_name));
    RETURN NEXT is((SELECT count(*)::int FROM pg_amproc p JOIN pg_opfamily f ON f.oid = p.amprocfamily
                     WHERE f.opfname = type_name || '_hash_ops' AND p.amprocnum = 2),
                   1, 'the hash opclass has the extended hash (FUNCTION 2)');
END
$$;

-- pure_function_checks(name, argument types, result type): the function
-- exists, returns that type, and is IMMUTABLE, STRICT and PARALLEL SAFE
-- (5 checks, each described as "name(arguments) ...")
CREATE FUNCTION pg_temp.pure_function_checks(fn text, args text[], result text) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
    signature text := format('%s(%s)', fn, array_to_string(args, ', '));
BEGIN
    RETURN NEXT has_function('creative_defi', fn, args, signature || ' exists');
    RETURN NEXT function_returns('creative_defi', fn, args, result, format('%s returns %s', signature, result));
    RETURN NEXT volatility_is('creative_defi', fn, args, 'immutable', signature || ' is immutable');
    RETURN NEXT is_strict('creative_defi', fn, args, signature || ' is strict');
    RETURN NEXT is((SELECT proparallel FROM pg_proc WHERE oid = to_regprocedure('creative_defi.' || signature)),
                   's'::"char", signature || ' is parallel safe');
END
$$;

-- undocumented(catalog): the extension's members in that catalog (pg_proc:
-- functions and aggregates; pg_type: base, domain and enum types) that have
-- no COMMENT ON, by name
CREATE FUNCTION pg_temp.undocumented(catalog regclass) RETURNS SETOF text
LANGUAGE sql STABLE AS $$
    SELECT CASE catalog WHEN 'pg_proc'::regclass THEN d.objid::regprocedure::text
                        WHEN 'pg_type'::regclass THEN d.objid::regtype::text
                        ELSE pg_describe_object(d.classid, d.objid, 0) END
      FROM pg_depend d
     WHERE d.classid = catalog AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
       AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'creative_defi')
       AND (catalog <> 'pg_type'::regclass
            OR EXISTS (SELECT 1 FROM pg_type t WHERE t.oid = d.objid
                          AND t.typtype IN ('b', 'd', 'e', 'c') AND t.typrelid = 0))
       AND obj_description(d.objid, catalog::text) IS NULL
$$;
