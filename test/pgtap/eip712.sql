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

CREATE TEMP TABLE mail AS SELECT $json${
  "types": {
    "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"},
                     {"name": "chainId", "type": "uint256"}, {"name": "verifyingContract", "type": "address"}],
    "Person": [{"name": "name", "type": "string"}, {"name": "wallet", "type": "address"}],
    "Mail": [{"name": "from", "type": "Person"}, {"name": "to", "type": "Person"}, {"name": "contents", "type": "string"}]
  },
  "primaryType": "Mail",
  "domain": {"name": "Ether Mail", "version": "1", "chainId": 1, "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
  "message": {"from": {"name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
              "to": {"name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"}, "contents": "Hello, Bob!"}
}$json$::jsonb AS td,
'\x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b915621c'::bytea AS sig;

SELECT is((SELECT eip712_hash(td) FROM mail),
          '\xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2'::bytea, 'Mail digest as published in EIP-712');
SELECT is((SELECT eip712_domain_separator(td->'domain') FROM mail),
          '\xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f'::bytea, 'Mail domain separator');
SELECT is((SELECT eip712_hash_struct(td->'types', 'Mail', td->'message') FROM mail),
          '\xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e'::bytea, 'Mail hashStruct');
SELECT is((SELECT eip712_recover(td, sig) FROM mail),
          '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826'::eth_address, 'Mail signature recovers Cow');
SELECT ok((SELECT eip712_verify('0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826', td, sig) FROM mail), 'verify: Cow signed');
SELECT throws_ok($$ SELECT eip712_hash(td #- '{message,to,wallet}') FROM mail $$, '22023',
                 'missing value at message.to.wallet', 'a missing member is 22023 naming its path');
SELECT throws_ok($$ SELECT eip712_hash(jsonb_set(td, '{domain,chainId}', '"x"')) FROM mail $$, '22P02',
                 'invalid integer at domain.chainId', 'a malformed integer is 22P02 naming its path');

SELECT * FROM finish();
ROLLBACK;
