-- EIP-712 functions in the catalog, and their behaviour on the EIP's Mail example
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(22);

SELECT has_function('creative_defi', 'eip712_hash', ARRAY['jsonb'], 'eip712_hash(jsonb) exists');
SELECT function_returns('creative_defi', 'eip712_hash', ARRAY['jsonb'], 'bytea');
SELECT has_function('creative_defi', 'eip712_domain_separator', ARRAY['jsonb'], 'eip712_domain_separator(jsonb) exists');
SELECT has_function('creative_defi', 'eip712_domain_separator', ARRAY['jsonb', 'jsonb'], 'eip712_domain_separator(jsonb, jsonb) exists');
SELECT has_function('creative_defi', 'eip712_hash_struct', ARRAY['jsonb', 'text', 'jsonb'], 'eip712_hash_struct(jsonb, text, jsonb) exists');
SELECT has_function('creative_defi', 'eip712_recover', ARRAY['jsonb', 'bytea'], 'eip712_recover(jsonb, bytea) exists');
SELECT function_returns('creative_defi', 'eip712_recover', ARRAY['jsonb', 'bytea'], 'eth_address');
SELECT has_function('creative_defi', 'eip712_verify', ARRAY['eth_address', 'jsonb', 'bytea'], 'eip712_verify(eth_address, jsonb, bytea) exists');
SELECT function_returns('creative_defi', 'eip712_verify', ARRAY['eth_address', 'jsonb', 'bytea'], 'boolean');
SELECT is_strict('creative_defi', 'eip712_hash', ARRAY['jsonb'], 'eip712_hash is STRICT');
SELECT volatility_is('creative_defi', 'eip712_hash', ARRAY['jsonb'], 'immutable');
SELECT volatility_is('creative_defi', 'eip712_recover', ARRAY['jsonb', 'bytea'], 'immutable');
SELECT is_strict('creative_defi', 'eip712_verify', ARRAY['eth_address', 'jsonb', 'bytea'], 'eip712_verify is STRICT');
SELECT is((SELECT bool_and(proparallel = 's') FROM pg_proc
            WHERE pronamespace = 'creative_defi'::regnamespace AND proname LIKE 'eip712%'), true,
          'every eip712 function is PARALLEL SAFE');
SELECT is((SELECT count(*)::int FROM pg_proc
            WHERE pronamespace = 'creative_defi'::regnamespace AND proname LIKE 'eip712%'
              AND obj_description(oid, 'pg_proc') IS NOT NULL), 6, 'all six eip712 functions have comments');

-- the EIP's Mail example, signed by Cow
\ir ../shared/eip712_mail.sql

SELECT is((SELECT eip712_hash(typed_data) FROM signed_mail),
          '\xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2'::bytea, 'Mail digest as published in EIP-712');
SELECT is((SELECT eip712_domain_separator(typed_data->'domain') FROM signed_mail),
          '\xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f'::bytea, 'Mail domain separator');
SELECT is((SELECT eip712_hash_struct(typed_data->'types', 'Mail', typed_data->'message') FROM signed_mail),
          '\xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e'::bytea, 'Mail hashStruct');
SELECT is((SELECT eip712_recover(typed_data, signature) FROM signed_mail),
          '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826'::eth_address, 'Mail signature recovers Cow');
SELECT ok((SELECT eip712_verify('0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826', typed_data, signature) FROM signed_mail), 'verify: Cow signed');
SELECT throws_ok($$ SELECT eip712_hash(typed_data #- '{message,to,wallet}') FROM signed_mail $$, '22023',
                 'missing value at message.to.wallet', 'a missing member is 22023 naming its path');
SELECT throws_ok($$ SELECT eip712_hash(jsonb_set(typed_data, '{domain,chainId}', '"x"')) FROM signed_mail $$, '22P02',
                 'invalid integer at domain.chainId', 'a malformed integer is 22P02 naming its path');

SELECT * FROM finish();
ROLLBACK;
