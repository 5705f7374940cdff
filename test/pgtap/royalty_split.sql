-- royalty_split in the catalog: type, I/O, casts, operators, opclasses,
-- functions with their flags, the aggregate
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(36);

\ir ../shared/catalog_checks.sql
SELECT pg_temp.base_type_checks('royalty_split', -1, 'text', 'jsonb');
SELECT is((SELECT typalign FROM pg_type WHERE oid = 'royalty_split'::regtype), 'i'::"char", 'royalty_split is int-aligned (its shares are uint32)');
SELECT ok((SELECT oprcom <> 0 AND oprnegate <> 0 FROM pg_operator
            WHERE oprname = '=' AND oprleft = 'royalty_split'::regtype AND oprright = 'royalty_split'::regtype),
          '= on royalty_split has a commutator and a negator');
SELECT has_operator('royalty_split', 'creative_defi', '@>', 'eth_address', 'boolean', 'royalty_split @> eth_address');
SELECT has_operator('eth_address', 'creative_defi', '<@', 'royalty_split', 'boolean', 'eth_address <@ royalty_split');
SELECT is((SELECT oprcom::regoperator::text FROM pg_operator WHERE oprname = '@>' AND oprleft = 'royalty_split'::regtype),
          '<@(eth_address,royalty_split)', '@> and <@ are commutators');

SELECT has_function('creative_defi', 'split_distribute', ARRAY['royalty_split', 'numeric'], 'split_distribute(split, amount)');
SELECT has_function('creative_defi', 'split_distribute', ARRAY['royalty_split', 'numeric', 'eth_address'], 'split_distribute(split, amount, distributor)');
SELECT has_function('creative_defi', 'split_distribute_0xsplits', ARRAY['royalty_split', 'numeric', 'eth_address'], 'split_distribute_0xsplits(split, amount, distributor)');
SELECT is((SELECT pronargdefaults::int FROM pg_proc WHERE proname = 'split_distribute_0xsplits'), 1,
          'split_distribute_0xsplits has a default for its distributor');
SELECT is((SELECT pg_get_function_result(oid) FROM pg_proc WHERE oid = 'split_distribute(royalty_split,numeric)'::regprocedure),
          'TABLE(recipient eth_address, amount numeric)', 'split_distribute returns (recipient, amount) rows');
SELECT function_returns('creative_defi', 'split_hash', ARRAY['royalty_split'], 'bytea');
SELECT function_returns('creative_defi', 'split_share', ARRAY['royalty_split', 'eth_address'], 'numeric');
SELECT function_returns('creative_defi', 'split_recipients', ARRAY['royalty_split'], 'eth_address[]');
SELECT function_returns('creative_defi', 'split_count', ARRAY['royalty_split'], 'integer');
SELECT function_returns('creative_defi', 'split_nest', ARRAY['royalty_split', 'eth_address', 'royalty_split'], 'royalty_split');
SELECT function_returns('creative_defi', 'royalty_amount', ARRAY['numeric', 'integer'], 'numeric');
SELECT has_function('creative_defi', 'royalty_split_agg', ARRAY['eth_address', 'numeric'], 'aggregate royalty_split_agg(recipient, weight)');
SELECT is_aggregate('creative_defi', 'royalty_split_agg', ARRAY['eth_address', 'numeric'], 'royalty_split_agg is an aggregate');
SELECT volatility_is('creative_defi', 'split_distribute', ARRAY['royalty_split', 'numeric'], 'immutable');
SELECT volatility_is('creative_defi', 'split_distribute_0xsplits', ARRAY['royalty_split', 'numeric', 'eth_address'], 'immutable');
SELECT volatility_is('creative_defi', 'royalty_amount', ARRAY['numeric', 'integer'], 'immutable');
SELECT is_strict('creative_defi', 'split_distribute', ARRAY['royalty_split', 'numeric'], 'split_distribute is strict');
SELECT isnt_strict('creative_defi', 'split_distribute_0xsplits', ARRAY['royalty_split', 'numeric', 'eth_address'],
                   'split_distribute_0xsplits is not strict (its distributor may be NULL)');
-- every royalty_split function is parallel safe
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p
     WHERE p.pronamespace = 'creative_defi'::regnamespace
       AND (p.proname LIKE 'split\_%' OR p.proname LIKE 'royalty\_%')
       AND p.proparallel <> 's'
$$, 'royalty_split functions are PARALLEL SAFE');

SELECT * FROM finish();
ROLLBACK;
