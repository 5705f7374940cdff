-- bonding_curve and the curve_* functions in the catalog
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(28);

\ir ../shared/catalog_checks.sql
SELECT pg_temp.base_type_checks('bonding_curve', 104, 'jsonb', 'text');
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
