-- eip712: EIP-712 typed data hashing (eth_signTypedData_v4)

-- The EIP's Mail example (its published digest is be609aee...57bd2)
\i test/shared/eip712_mail.sql

SELECT eip712_hash(typed_data) AS digest FROM signed_mail;
SELECT eip712_domain_separator(typed_data->'domain') AS inferred,
       eip712_domain_separator(typed_data->'domain', typed_data->'types') AS from_types,
       eip712_domain_separator(typed_data->'domain', typed_data->'types'->'EIP712Domain') AS from_member_list
  FROM signed_mail;
SELECT eip712_hash_struct(typed_data->'types', 'Mail', typed_data->'message') AS mail_struct,
       eip712_hash_struct(typed_data->'types', 'Person', typed_data->'message'->'from') AS from_struct
  FROM signed_mail;
-- the digest is keccak256(0x1901 || domainSeparator || hashStruct(message))
SELECT eip712_hash(typed_data) = keccak256('\x1901'::bytea || eip712_domain_separator(typed_data->'domain')
                                   || eip712_hash_struct(typed_data->'types', 'Mail', typed_data->'message')) AS composed
  FROM signed_mail;
-- typeHash(Mail) from keccak256 of encodeType, as the spec states it
SELECT keccak256('Mail(Person from,Person to,string contents)Person(string name,address wallet)') AS mail_type_hash;

-- without EIP712Domain in types the domain type is inferred from the fields present (viem's basic example)
SELECT eip712_hash(jsonb_set(typed_data #- '{types,EIP712Domain}', '{domain,verifyingContract}',
                             '"0x0000000000000000000000000000000000000000"')) AS viem_basic
  FROM signed_mail;
-- inference follows name, version, chainId, verifyingContract, salt, whatever the JSON order
SELECT eip712_domain_separator('{"chainId": 1, "name": "Ether Mail"}')
     = eip712_domain_separator('{"chainId": 1, "name": "Ether Mail"}',
                               '[{"name": "name", "type": "string"}, {"name": "chainId", "type": "uint256"}]') AS inferred_order;
-- null domain fields count as absent when inferring
SELECT eip712_domain_separator('{"name": "A", "version": null}') = eip712_domain_separator('{"name": "A"}') AS null_absent;
-- a declared EIP712Domain governs: extra domain fields are not signed
SELECT eip712_domain_separator('{"name": "A", "extra": 1}', '{"EIP712Domain": [{"name": "name", "type": "string"}]}')
     = eip712_domain_separator('{"name": "A"}') AS declared_governs;
-- primaryType EIP712Domain signs the domain alone: keccak256(0x1901 || domainSeparator)
SELECT eip712_hash('{"types": {"EIP712Domain": []}, "primaryType": "EIP712Domain", "domain": {}}') AS empty_domain_only;
SELECT eip712_hash(jsonb_set(typed_data, '{primaryType}', '"EIP712Domain"') - 'message')
     = keccak256('\x1901'::bytea || eip712_domain_separator(typed_data->'domain')) AS domain_only
  FROM signed_mail;

-- integers: JSON numbers, decimal strings, 0x-hex strings, all the same value
CREATE TEMP TABLE ints AS SELECT '{"T": [{"name": "v", "type": "uint256"}]}'::jsonb AS types;
SELECT eip712_hash_struct(types, 'T', '{"v": 255}') = eip712_hash_struct(types, 'T', '{"v": "255"}') AS dec_string,
       eip712_hash_struct(types, 'T', '{"v": 255}') = eip712_hash_struct(types, 'T', '{"v": "0xff"}') AS hex_string,
       eip712_hash_struct(types, 'T', '{"v": 255}') = eip712_hash_struct(types, 'T', '{"v": "0X00FF"}') AS hex_upper_prefix,
       eip712_hash_struct(types, 'T', '{"v": 255}') = eip712_hash_struct(types, 'T', '{"v": 255.000}') AS integral_decimal,
       eip712_hash_struct(types, 'T', '{"v": 1000}') = eip712_hash_struct(types, 'T', '{"v": 1e3}') AS exponent,
       eip712_hash_struct(types, 'T', '{"v": 0}') = eip712_hash_struct(types, 'T', '{"v": -0}') AS negative_zero
  FROM ints;
-- uint256 keeps every digit (no double rounding): 2^256-1 and 2^53+1
SELECT eip712_hash_struct(types, 'T', '{"v": 115792089237316195423570985008687907853269984665640564039457584007913129639935}')
     = eip712_hash_struct(types, 'T', jsonb_build_object('v', '0x' || repeat('f', 64))) AS max_uint256,
       eip712_hash_struct(types, 'T', '{"v": 9007199254740993}')
     = eip712_hash_struct(types, 'T', '{"v": "0x20000000000001"}') AS above_2_53
  FROM ints;
-- the encoding is the 32-byte big-endian word: hashStruct = keccak256(typeHash || word)
SELECT eip712_hash_struct(types, 'T', '{"v": 1}')
     = keccak256(keccak256('T(uint256 v)') || decode(repeat('00', 31) || '01', 'hex')) AS word
  FROM ints;
-- intN: two's complement; -128 and 127 fit int8
SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "int8"}]}', 'T', '{"v": -128}')
     = keccak256(keccak256('T(int8 v)') || decode(repeat('ff', 31) || '80', 'hex')) AS int8_min,
       eip712_hash_struct('{"T": [{"name": "v", "type": "int8"}]}', 'T', '{"v": "-0x80"}')
     = eip712_hash_struct('{"T": [{"name": "v", "type": "int8"}]}', 'T', '{"v": -128}') AS negative_hex,
       eip712_hash_struct('{"T": [{"name": "v", "type": "int8"}]}', 'T', '{"v": 127}')
     = keccak256(keccak256('T(int8 v)') || decode(repeat('00', 31) || '7f', 'hex')) AS int8_max;
SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "int256"}]}', 'T',
         '{"v": "-57896044618658097711785492504343953926634992332820282019728792003956564819968"}')
     = keccak256(keccak256('T(int256 v)') || decode('80' || repeat('00', 31), 'hex')) AS int256_min;

-- bool, bytesN (right-padded), bytes and string (hashed), address (left-padded)
SELECT eip712_hash_struct('{"T": [{"name": "b", "type": "bool"}, {"name": "x", "type": "bytes2"},
                                  {"name": "d", "type": "bytes"}, {"name": "s", "type": "string"},
                                  {"name": "a", "type": "address"}]}', 'T',
                          '{"b": true, "x": "0xABcd", "d": "0x", "s": "é", "a": "0x00000000000000000000000000000000000000ff"}')
     = keccak256(keccak256('T(bool b,bytes2 x,bytes d,string s,address a)')
                 || decode(repeat('00', 31) || '01', 'hex')
                 || decode('abcd' || repeat('00', 30), 'hex')
                 || keccak256(''::bytea)
                 || keccak256('\xc3a9'::bytea)
                 || decode(repeat('00', 31) || 'ff', 'hex')) AS atomic_words;
-- arrays: keccak256 of the concatenated element words; nested arrays at any depth
SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "uint8[]"}]}', 'T', '{"v": [1, 2]}')
     = keccak256(keccak256('T(uint8[] v)') || keccak256(decode(repeat('00', 31) || '01' || repeat('00', 31) || '02', 'hex'))) AS dynamic_array,
       eip712_hash_struct('{"T": [{"name": "v", "type": "uint8[]"}]}', 'T', '{"v": []}')
     = keccak256(keccak256('T(uint8[] v)') || keccak256(''::bytea)) AS empty_array,
       eip712_hash_struct('{"T": [{"name": "v", "type": "bool[1][2]"}]}', 'T', '{"v": [[true], [false]]}')
     = keccak256(keccak256('T(bool[1][2] v)')
                 || keccak256(keccak256(decode(repeat('00', 31) || '01', 'hex')) || keccak256(decode(repeat('00', 32), 'hex')))) AS nested_fixed;
-- arrays of structs (eth-sig-util's V4 example: Person[] with address[] members; digest a85c2e2b...)
SELECT eip712_hash($json${
  "types": {
    "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"},
                     {"name": "chainId", "type": "uint256"}, {"name": "verifyingContract", "type": "address"}],
    "Person": [{"name": "name", "type": "string"}, {"name": "wallets", "type": "address[]"}],
    "Mail": [{"name": "from", "type": "Person"}, {"name": "to", "type": "Person[]"}, {"name": "contents", "type": "string"}],
    "Group": [{"name": "name", "type": "string"}, {"name": "members", "type": "Person[]"}]
  },
  "primaryType": "Mail",
  "domain": {"name": "Ether Mail", "version": "1", "chainId": 1, "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
  "message": {
    "from": {"name": "Cow", "wallets": ["0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", "0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF"]},
    "to": [{"name": "Bob", "wallets": ["0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB", "0xB0BdaBea57B0BDABeA57b0bdABEA57b0BDabEa57",
                                       "0xB0B0b0b0b0b0B000000000000000000000000000"]}],
    "contents": "Hello, Bob!"
  }
}$json$) AS v4_arrays;
-- recursive types: a missing or null struct member is 32 zero bytes (signTypedData V4)
SELECT eip712_hash_struct('{"P": [{"name": "n", "type": "string"}, {"name": "mother", "type": "P"}]}', 'P', '{"n": "a"}')
     = keccak256(keccak256('P(string n,P mother)') || keccak256('a') || decode(repeat('00', 32), 'hex')) AS missing_struct,
       eip712_hash_struct('{"P": [{"name": "n", "type": "string"}, {"name": "mother", "type": "P"}]}', 'P', '{"n": "a"}')
     = eip712_hash_struct('{"P": [{"name": "n", "type": "string"}, {"name": "mother", "type": "P"}]}', 'P', '{"n": "a", "mother": null}') AS null_struct;
-- members not in the type are ignored, as every library does
SELECT eip712_hash_struct(types, 'T', '{"v": 1, "w": 2}') = eip712_hash_struct(types, 'T', '{"v": 1}') AS extra_ignored FROM ints;
-- encodeType lists referenced structs sorted by name after the primary type
SELECT eip712_hash_struct('{"Z": [{"name": "b", "type": "B"}, {"name": "a", "type": "A"}], "A": [{"name": "x", "type": "uint8"}],
                            "B": [{"name": "y", "type": "A[]"}]}', 'Z', '{"b": {"y": []}, "a": {"x": 1}}')
     = keccak256(keccak256('Z(B b,A a)A(uint8 x)B(A[] y)')
                 || keccak256(keccak256('B(A[] y)A(uint8 x)') || keccak256(''::bytea))
                 || keccak256(keccak256('A(uint8 x)') || decode(repeat('00', 31) || '01', 'hex'))) AS sorted_deps;

-- NULL in, NULL out
SELECT eip712_hash(NULL) IS NULL AS hash_null,
       eip712_domain_separator(NULL) IS NULL AS domain_null,
       eip712_domain_separator('{}', NULL) IS NULL AS domain_types_null,
       eip712_hash_struct(NULL, 'T', '{}') IS NULL AS struct_types_null,
       eip712_hash_struct('{}', NULL, '{}') IS NULL AS struct_primary_null,
       eip712_hash_struct('{}', 'T', NULL) IS NULL AS struct_data_null;

-- errors: the shape of the typed data
SELECT * FROM expect_errors('SELECT eip712_hash(%L)',
    '[]',
    '{"primaryType": "T", "domain": {}, "message": {}}',
    '{"types": {}, "domain": {}, "message": {}}',
    '{"types": {"T": []}, "primaryType": "T", "message": {}}',
    '{"types": {"T": []}, "primaryType": "T", "domain": {}}',
    '{"types": [], "primaryType": "T", "domain": {}, "message": {}}',
    '{"types": {"T": []}, "primaryType": 1, "domain": {}, "message": {}}',
    '{"types": {"T": []}, "primaryType": "U", "domain": {}, "message": {}}',
    '{"types": {"T": []}, "primaryType": "T[]", "domain": {}, "message": {}}',
    '{"types": {"T": []}, "primaryType": "T", "domain": [], "message": {}}',
    '{"types": {"T": []}, "primaryType": "T", "domain": {}, "message": "x"}',
    '{"types": {"T": []}, "primaryType": "T", "domain": {"chainID": 1}, "message": {}}');
-- errors: type definitions
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": {}}', 'T', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": ["uint8 v"]}', 'T', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"type": "uint8"}]}', 'T', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": 1, "type": "uint8"}]}', 'T', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "a b", "type": "uint8"}]}', 'T', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "uint8"}, {"name": "v", "type": "bool"}]}', 'T', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v"}]}', 'T', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": ["uint8"]}]}', 'T', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "uint7"}]}', 'T', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "bytes33"}]}', 'T', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "Person"}]}', 'T', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "uint8[01]"}]}', 'T', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "uint8[2"}]}', 'T', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "uint8[1]x"}]}', 'T', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"uint256": []}', 'uint256', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"My Type": []}', 'My Type', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": []}', 'U', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": []}', 'T', '[]') $$);
SELECT * FROM expect_error($$ SELECT eip712_domain_separator('{}', '5') $$);
SELECT * FROM expect_error($$ SELECT eip712_domain_separator('[]') $$);
SELECT * FROM expect_error($$ SELECT eip712_domain_separator('{"name": "x", "foo": 1}') $$);
-- errors: values, each naming its JSON path
SELECT * FROM expect_error($$ SELECT eip712_hash(typed_data #- '{message,contents}') FROM signed_mail $$);
SELECT * FROM expect_error($$ SELECT eip712_hash(typed_data #- '{message,to,wallet}') FROM signed_mail $$);
SELECT * FROM expect_error($$ SELECT eip712_hash(jsonb_set(typed_data, '{message,to}', '"Bob"')) FROM signed_mail $$);
SELECT * FROM expect_error($$ SELECT eip712_hash(jsonb_set(typed_data, '{message,contents}', '42')) FROM signed_mail $$);
SELECT * FROM expect_error($$ SELECT eip712_hash(jsonb_set(typed_data, '{message,contents}', 'null')) FROM signed_mail $$);
SELECT * FROM expect_error($$ SELECT eip712_hash(jsonb_set(typed_data, '{message,to,wallet}', '"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbb"')) FROM signed_mail $$);
SELECT * FROM expect_error($$ SELECT eip712_hash(jsonb_set(typed_data, '{message,to,wallet}', '"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"')) FROM signed_mail $$);
SELECT * FROM expect_error($$ SELECT eip712_hash(jsonb_set(typed_data, '{message,to,wallet}', '"0xbbbb"')) FROM signed_mail $$);
SELECT * FROM expect_error($$ SELECT eip712_hash(jsonb_set(typed_data, '{domain,chainId}', '"one"')) FROM signed_mail $$);
SELECT * FROM expect_error($$ SELECT eip712_hash(jsonb_set(typed_data, '{domain,chainId}', '-1')) FROM signed_mail $$);
SELECT * FROM expect_error($$ SELECT eip712_hash(jsonb_set(typed_data, '{domain,chainId}', '1.5')) FROM signed_mail $$);
SELECT * FROM expect_error($$ SELECT eip712_hash(jsonb_set(typed_data, '{domain,chainId}', 'true')) FROM signed_mail $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct(types, 'T', jsonb_build_object('v', '0x1' || repeat('0', 64))) FROM ints $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct(types, 'T', '{"v": 1e78}') FROM ints $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct(types, 'T', '{"v": "0x"}') FROM ints $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct(types, 'T', '{"v": " 1"}') FROM ints $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "uint8"}]}', 'T', '{"v": 256}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "int8"}]}', 'T', '{"v": -129}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "int8"}]}', 'T', '{"v": "128"}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "int256"}]}', 'T', '{"v": -57896044618658097711785492504343953926634992332820282019728792003956564819969}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "bool"}]}', 'T', '{"v": "false"}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "bytes32"}]}', 'T', '{"v": "0x1234"}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "bytes"}]}', 'T', '{"v": "hello"}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "bytes"}]}', 'T', '{"v": "0x123"}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "bytes"}]}', 'T', '{"v": "0x12zz"}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "bytes"}]}', 'T', '{"v": 12}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "string[2]"}]}', 'T', '{"v": ["a"]}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "string[]"}]}', 'T', '{"v": "a"}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"T": [{"name": "v", "type": "string[]"}]}', 'T', '{}') $$);
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"P": [{"name": "n", "type": "string"}], "T": [{"name": "to", "type": "P[][2]"}]}', 'T',
                                                        '{"to": [[], [{"n": "a"}, {"n": 1}]]}') $$);
-- errors: nesting beyond 128 levels is refused before any recursion gets deep
SELECT * FROM expect_error($$ SELECT eip712_hash_struct('{"P": [{"name": "p", "type": "P"}]}', 'P',
                                                        (repeat('{"p": ', 200) || '{}' || repeat('}', 200))::jsonb) $$);
-- a recursive type is fine as long as the data ends
SELECT eip712_hash_struct('{"P": [{"name": "p", "type": "P"}]}', 'P', (repeat('{"p": ', 100) || '{}' || repeat('}', 100))::jsonb) IS NOT NULL AS deep_ok;

-- eip712_recover / eip712_verify: the Mail example signed by keccak256('cow') (the EIP's signature)
SELECT eip712_recover(typed_data, signature) AS signer FROM signed_mail;
SELECT eip712_recover(typed_data, signature) = ecrecover(eip712_hash(typed_data), signature) AS same_as_ecrecover FROM signed_mail;
SELECT eip712_verify('0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826', typed_data, signature) AS by_cow,
       eip712_verify('0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB', typed_data, signature) AS by_bob
  FROM signed_mail;
-- a changed message recovers someone else; the EIP-2098 compact form (v 28 -> top bit of s) recovers the same
SELECT eip712_verify('0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826', jsonb_set(typed_data, '{message,contents}', '"Hello, Bob?"'), signature) AS tampered,
       eip712_recover(typed_data, substr(signature, 1, 32) || set_byte(substr(signature, 33, 32), 0, get_byte(signature, 32) | 128)) AS compact
  FROM signed_mail;
-- a signature that does not recover (s = 0): NULL and false, not an error
SELECT eip712_recover(typed_data, substr(signature, 1, 32) || decode(repeat('00', 32), 'hex') || '\x1c'::bytea) IS NULL AS s_zero_null,
       eip712_verify('0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826', typed_data, substr(signature, 1, 64) || '\x05'::bytea) AS bad_v_false
  FROM signed_mail;
SELECT eip712_recover(NULL, '\x00') IS NULL AS recover_null_td, eip712_recover('{}', NULL) IS NULL AS recover_null_sig,
       eip712_verify(NULL, '{}', '\x00') IS NULL AS verify_null_signer;
-- errors: bad typed data and wrong signature lengths are errors, also for verify
SELECT * FROM expect_error($$ SELECT eip712_recover(typed_data, substr(signature, 1, 63)) FROM signed_mail $$);
SELECT * FROM expect_error($$ SELECT eip712_verify('0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826', typed_data, signature || '\x00'::bytea) FROM signed_mail $$);
SELECT * FROM expect_error($$ SELECT eip712_recover(typed_data #- '{message,contents}', signature) FROM signed_mail $$);
SELECT * FROM expect_error($$ SELECT eip712_verify('0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826', typed_data - 'domain', signature) FROM signed_mail $$);
