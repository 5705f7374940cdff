-- bonding_curve and the curve_* functions in the catalog
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(28);

SELECT has_type('creative_defi', 'bonding_curve', 'type bonding_curve exists');
SELECT is((SELECT typlen FROM pg_type WHERE oid = 'bonding_curve'::regtype), 104::smallint,
          'bonding_curve is stored in 104 fixed bytes');
SELECT isnt((SELECT typreceive FROM pg_type WHERE oid = 'bonding_curve'::regtype), 0::regproc, 'bonding_curve has binary input');
SELECT isnt((SELECT typsend FROM pg_type WHERE oid = 'bonding_curve'::regtype), 0::regproc, 'bonding_curve has binary output');
SELECT has_cast('jsonb', 'bonding_curve', 'cast jsonb -> bonding_curve');
SELECT has_cast('bonding_curve', 'jsonb', 'cast bonding_curve -> jsonb');
SELECT has_cast('text', 'bonding_curve', 'cast text -> bonding_curve');
SELECT has_cast('bonding_curve', 'text', 'cast bonding_curve -> text');
SELECT has_opclass('creative_defi', 'bonding_curve_ops', 'btree operator class');
SELECT has_opclass('creative_defi', 'bonding_curve_hash_ops', 'hash operator class');
SELECT ok((SELECT oprcanhash AND oprcanmerge FROM pg_operator
            WHERE oprname = '=' AND oprleft = 'bonding_curve'::regtype AND oprright = 'bonding_curve'::regtype),
          '= on bonding_curve supports hash and merge joins');
SELECT ok(EXISTS (SELECT 1 FROM pg_amproc p JOIN pg_opfamily f ON f.oid = p.amprocfamily
                   WHERE f.opfname = 'bonding_curve_hash_ops' AND p.amprocnum = 2),
          'the hash opclass has the extended hash (FUNCTION 2)');
SELECT has_function('creative_defi', 'linear_curve', ARRAY['numeric', 'numeric']);
SELECT has_function('creative_defi', 'exponential_curve', ARRAY['numeric', 'numeric']);
SELECT has_function('creative_defi', 'power_curve', ARRAY['numeric', 'numeric']);
SELECT has_function('creative_defi', 'bancor_curve', ARRAY['numeric', 'numeric', 'numeric']);
SELECT has_function('creative_defi', 'constant_product_curve', ARRAY['numeric', 'numeric']);
SELECT function_returns('creative_defi', 'curve_reserve', ARRAY['bonding_curve', 'numeric'], 'numeric');
SELECT function_returns('creative_defi', 'curve_buy_cost', ARRAY['bonding_curve', 'numeric', 'numeric'], 'numeric');
SELECT function_returns('creative_defi', 'curve_sell_proceeds', ARRAY['bonding_curve', 'numeric', 'numeric'], 'numeric');
SELECT function_returns('creative_defi', 'curve_price', ARRAY['bonding_curve', 'numeric'], 'numeric');
SELECT function_returns('creative_defi', 'curve_spot_price', ARRAY['bonding_curve', 'numeric', 'integer'], 'numeric');
SELECT function_returns('creative_defi', 'curve_buy_amount', ARRAY['bonding_curve', 'numeric', 'numeric'], 'numeric');
SELECT function_returns('creative_defi', 'curve_sell_amount', ARRAY['bonding_curve', 'numeric', 'numeric'], 'numeric');
SELECT function_returns('creative_defi', 'curve_points', ARRAY['bonding_curve', 'numeric', 'numeric', 'integer'], 'setof record');
SELECT is((SELECT pronargdefaults FROM pg_proc WHERE oid = 'curve_spot_price(bonding_curve, numeric, integer)'::regprocedure),
          1::smallint, 'curve_spot_price has a default scale');
SELECT is((SELECT count(*) FROM pg_proc WHERE proname LIKE 'curve\_%' AND pronamespace = 'creative_defi'::regnamespace
             AND (provolatile <> 'i' OR proparallel <> 's' OR NOT proisstrict))::int, 0,
          'every curve_* function is IMMUTABLE, PARALLEL SAFE and STRICT');
SELECT is((SELECT count(*) FROM pg_proc WHERE proname LIKE 'curve\_%' AND pronamespace = 'creative_defi'::regnamespace
             AND obj_description(oid, 'pg_proc') IS NULL)::int, 0, 'every curve_* function has a comment');

SELECT * FROM finish();
ROLLBACK;
