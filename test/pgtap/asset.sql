-- asset in the catalog: type, I/O, casts, constructor, accessors, operator classes
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(27);

SELECT has_type('creative_defi', 'asset', 'type asset exists');
SELECT is((SELECT typlen FROM pg_type WHERE oid = 'asset'::regtype), (-1)::smallint,
          'asset is variable length (canonical text in a varlena)');
SELECT isnt((SELECT typreceive FROM pg_type WHERE oid = 'asset'::regtype), 0::regproc, 'asset has binary input');
SELECT isnt((SELECT typsend FROM pg_type WHERE oid = 'asset'::regtype), 0::regproc, 'asset has binary output');
SELECT has_cast('text', 'asset', 'cast text -> asset');
SELECT has_cast('asset', 'text', 'cast asset -> text');
SELECT is((SELECT castcontext::text FROM pg_cast WHERE castsource = 'asset'::regtype AND casttarget = 'text'::regtype),
          'a', 'asset -> text is an assignment cast');
SELECT is((SELECT castcontext::text FROM pg_cast WHERE castsource = 'text'::regtype AND casttarget = 'asset'::regtype),
          'e', 'text -> asset is explicit');

-- the constructor is SQL (a NULL token id means none) over two strict C forms
SELECT has_function('creative_defi', 'asset', ARRAY['text', 'text', 'text', 'text'], 'asset(chain, namespace, reference, token_id) exists');
SELECT function_lang_is('creative_defi', 'asset', ARRAY['text', 'text', 'text', 'text'], 'sql');
SELECT volatility_is('creative_defi', 'asset', ARRAY['text', 'text', 'text', 'text'], 'immutable');
SELECT is((SELECT pronargdefaults FROM pg_proc WHERE oid = 'asset(text,text,text,text)'::regprocedure),
          1::smallint, 'asset(): the token id has a default');
SELECT ok((SELECT proconfig @> ARRAY['search_path=pg_catalog, pg_temp'] FROM pg_proc
            WHERE oid = 'asset(text,text,text,text)'::regprocedure), 'asset() pins search_path');
SELECT is((SELECT proparallel::text FROM pg_proc WHERE oid = 'asset(text,text,text,text)'::regprocedure),
          's', 'asset() is PARALLEL SAFE');
SELECT has_function('creative_defi', 'asset_from_parts', ARRAY['text', 'text', 'text'], 'asset_from_parts, 3 parts');
SELECT has_function('creative_defi', 'asset_from_parts', ARRAY['text', 'text', 'text', 'text'], 'asset_from_parts, 4 parts');
SELECT is_empty($$SELECT 1 FROM pg_proc WHERE proname = 'asset' AND pronargs = 1
                    AND pronamespace = 'creative_defi'::regnamespace$$,
                'no one-argument asset() function: asset(x) stays the cast');

SELECT function_returns('creative_defi', 'asset_chain', ARRAY['asset'], 'text');
SELECT function_returns('creative_defi', 'asset_namespace', ARRAY['asset'], 'text');
SELECT function_returns('creative_defi', 'asset_reference', ARRAY['asset'], 'text');
SELECT function_returns('creative_defi', 'asset_token_id', ARRAY['asset'], 'text');

SELECT has_opclass('creative_defi', 'asset_ops', 'btree operator class');
SELECT has_opclass('creative_defi', 'asset_hash_ops', 'hash operator class');
SELECT ok((SELECT oprcanhash AND oprcanmerge FROM pg_operator
            WHERE oprname = '=' AND oprleft = 'asset'::regtype AND oprright = 'asset'::regtype),
          '= on asset supports hash and merge joins');
SELECT is((SELECT oprnegate::regoper::text FROM pg_operator
            WHERE oprname = '=' AND oprleft = 'asset'::regtype AND oprright = 'asset'::regtype),
          'creative_defi.<>', '= on asset has <> as negator');
SELECT is((SELECT count(*)::int FROM pg_amproc ap JOIN pg_opfamily f ON f.oid = ap.amprocfamily
            WHERE f.opfname = 'asset_hash_ops' AND ap.amprocnum = 2), 1,
          'the hash operator class has the extended hash (support function 2)');
SELECT has_function('creative_defi', 'min', ARRAY['asset'], 'min(asset) aggregate');

SELECT * FROM finish();
ROLLBACK;
