-- secp256k1_verify, eth_message_hash / eth_recover_message / eth_verify_message,
-- schnorr_verify and ed25519_verify

-- EIP-191: viem's hashMessage and signMessage tests
SELECT eth_message_hash('hello world') = '\xd9eba16ed0ecae432b71fe008c98cc872bb4cc214d3220a36f365326cf807d68'::bytea AS viem_hello,
       eth_message_hash('hello world'::bytea) = eth_message_hash('hello world'::text) AS bytes_equal_text,
       -- a string that looks like hex is still hashed as text
       eth_message_hash('0xdeadbeef') = '\xefedd0a9a0294228c3977d7fbb68c7d40279f8b408cf3e24ef1823b179709e58'::bytea AS viem_hex_text,
       -- the length prefix counts UTF-8 bytes: U+1F975 is 4 bytes
       eth_message_hash(U&'\+01F975') = '\x1349ef6523b7d9bcb9c28dafc63d5ce9d845116419bae6dca6bdf170d5d491ef'::bytea AS viem_emoji,
       eth_message_hash(''::bytea) = keccak256(convert_to(E'\x19Ethereum Signed Message:\n0', 'UTF8')) AS empty;
SELECT eth_recover_message('hello world', '\xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf15fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b') AS viem_signer,
       eth_recover_message(U&'\+01F975', '\x05c99bbbe9fac3ad61721a815d19d6771ad39f3e8dffa7ae7561358f20431d8e7f9e1d487c77355790c79c6eb0b0d63690f690615ef99ee3e4f25eef0317d0701b') AS viem_emoji_signer,
       eth_recover_message('\x48656c6c6f2c20776f726c6421'::bytea, '\x90a938f7457df6e8f741264c32697fc52f9a8f867c52dd70713d9d2d472f2e415d9c94148991bbe1f4a1818d1dff09165782749c877f5cf1eff4ef126e55714d1c') AS eth_sig_util_signer;
-- EIP-2098's compact examples
SELECT eth_recover_message('Hello World', '\x68a020a209d3d56c46f38cc50a33f704f4a9a10a59377f8dd762ac66910e9b907e865ad05c4035ab5792787d4a0297a43617ae897930a6fe4d822b8faea52064') AS eip2098_1,
       eth_verify_message('0x2e988a386a799f506693793c6a5af6b54dfaabfb', 'It''s a small(er) world', '\x9328da16089fcba9bececa81663203989f2df5fe1faa6291a45381c81bd17f76939c6d6b623b42da56557e5e734a43dc83345ddfadec52cbe24d0cc64f550793') AS eip2098_2;
SELECT eth_verify_message('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', 'hello world', '\xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf15fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b') AS valid,
       eth_verify_message('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', 'hello world'::bytea, '\xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf15fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b') AS valid_bytes,
       eth_verify_message('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', 'hello world!', '\xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf15fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b') AS other_message,
       eth_verify_message('0x2e988a386a799f506693793c6a5af6b54dfaabfb', 'hello world', '\xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf15fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b') AS other_signer,
       -- the high-S twin does not verify (OpenZeppelin rule), and bad v gives false
       eth_verify_message('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', 'hello world', '\xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf1a01a836906e8a2932b2552b99c89c4543c365978a8cb9ed7d62f9199d0c101e61c') AS high_s,
       eth_verify_message('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', 'hello world', '\xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf15fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1d') AS bad_v;
SELECT eth_recover_message('hello world', '\xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf15fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1d') IS NULL AS bad_v_null;
SELECT * FROM expect_error($$ SELECT eth_recover_message('hello', '\x00') $$);
SELECT * FROM expect_error($$ SELECT eth_verify_message('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', 'hello', decode(repeat('00', 66), 'hex')) $$);
SELECT * FROM expect_error($$ SELECT eth_verify_message('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', '\x00'::bytea, '\x00') $$);
SELECT * FROM expect_error($$ SELECT eth_recover_message('\x00'::bytea, '\x00') $$);

-- secp256k1_verify: go-ethereum's crypto test key and signature (compact, low S)
SELECT secp256k1_verify('\xce0677bb30baa8cf067c88db9811f4333d131bf8bcf12fe7065d211dce971008',
                        '\x90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e549984a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93',
                        '\x04e32df42865e97135acfb65f3bae71bdc86f4d49150ad6a440b6f15878109880a0a2b2667f7e725ceea70c673093bf67663e0312623c8e091b13cf2c0f11ef652') AS compact_uncompressed_key,
       secp256k1_verify('\xce0677bb30baa8cf067c88db9811f4333d131bf8bcf12fe7065d211dce971008',
                        '\x90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e549984a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93',
                        '\x02e32df42865e97135acfb65f3bae71bdc86f4d49150ad6a440b6f15878109880a') AS compact_compressed_key,
       -- the same signature in DER
       secp256k1_verify('\xce0677bb30baa8cf067c88db9811f4333d131bf8bcf12fe7065d211dce971008',
                        '\x3045022100' || '\x90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e54998'::bytea
                          || '\x02204a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93'::bytea,
                        '\x02e32df42865e97135acfb65f3bae71bdc86f4d49150ad6a440b6f15878109880a') AS der,
       -- a different digest
       secp256k1_verify('\xce0677bb30baa8cf067c88db9811f4333d131bf8bcf12fe7065d211dce971009',
                        '\x90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e549984a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93',
                        '\x02e32df42865e97135acfb65f3bae71bdc86f4d49150ad6a440b6f15878109880a') AS other_digest;
-- go-ethereum's malleable (high-S) signature: false by default, true with allow_high_s
SELECT secp256k1_verify('\xd301ce462d3e639518f482c7f03821fec1e602018630ce621e1e7851c12343a6',
                        '\x638a54215d80a6713c8d523a6adc4e6e73652d859103a36b700851cb0e61b66b8ebfc1a610c57d732ec6e0a8f06a9a7a28df5051ece514702ff9cdff0b11f454',
                        '\x03ca634cae0d49acb401d8a4c6b6fe8c55b70d115bf400769cc1400f3258cd3138') AS high_s_default,
       secp256k1_verify('\xd301ce462d3e639518f482c7f03821fec1e602018630ce621e1e7851c12343a6',
                        '\x638a54215d80a6713c8d523a6adc4e6e73652d859103a36b700851cb0e61b66b8ebfc1a610c57d732ec6e0a8f06a9a7a28df5051ece514702ff9cdff0b11f454',
                        '\x03ca634cae0d49acb401d8a4c6b6fe8c55b70d115bf400769cc1400f3258cd3138', allow_high_s => true) AS high_s_allowed;
-- malformed DER and out-of-range values are a false verdict, not an error
SELECT name, secp256k1_verify('\xce0677bb30baa8cf067c88db9811f4333d131bf8bcf12fe7065d211dce971008', sig,
                              '\x02e32df42865e97135acfb65f3bae71bdc86f4d49150ad6a440b6f15878109880a') AS verdict
  FROM (VALUES
    ('empty', ''::bytea),
    ('one byte', '\x30'),
    ('trailing byte', '\x3045022100' || '\x90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e54998'::bytea
                        || '\x02204a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc9300'::bytea),
    ('long-form length', '\x308145022100' || '\x90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e54998'::bytea
                        || '\x02204a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93'::bytea),
    ('r without sign padding', '\x30440220' || '\x90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e54998'::bytea
                        || '\x02204a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93'::bytea),
    ('s with extra zero', '\x3046022100' || '\x90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e54998'::bytea
                        || '\x0221004a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93'::bytea),
    ('r = 0 compact', decode(repeat('00', 32) || '4a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93', 'hex')),
    ('r = n compact', decode('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141' || '4a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93', 'hex')),
    ('65 bytes', decode(repeat('11', 65), 'hex'))
  ) AS t(name, sig);
-- a key that is not on the curve is a false verdict
SELECT secp256k1_verify('\xce0677bb30baa8cf067c88db9811f4333d131bf8bcf12fe7065d211dce971008',
                        '\x90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e549984a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93',
                        '\x02' || decode(repeat('00', 31) || '05', 'hex')) AS off_curve;
SELECT * FROM expect_error($$ SELECT secp256k1_verify('\x00', decode(repeat('11', 64), 'hex'), '\x02e32df42865e97135acfb65f3bae71bdc86f4d49150ad6a440b6f15878109880a') $$);
SELECT * FROM expect_error($$ SELECT secp256k1_verify(decode(repeat('00', 32), 'hex'), decode(repeat('11', 64), 'hex'), decode(repeat('02', 32), 'hex')) $$);
SELECT * FROM expect_error($$ SELECT secp256k1_verify(decode(repeat('00', 32), 'hex'), decode(repeat('11', 64), 'hex'), decode(repeat('02', 64), 'hex')) $$);
SELECT * FROM expect_error($$ SELECT secp256k1_verify(decode(repeat('00', 32), 'hex'), decode(repeat('11', 64), 'hex'), decode(repeat('05', 33), 'hex')) $$);
SELECT * FROM expect_error($$ SELECT secp256k1_verify(decode(repeat('00', 32), 'hex'), decode(repeat('11', 64), 'hex'), decode(repeat('02', 65), 'hex')) $$);

-- schnorr_verify: BIP-340 test vectors 0 (valid), 5 (key not on the curve),
-- 6 (R has an odd y) and 15 (an empty message)
SELECT schnorr_verify('\x0000000000000000000000000000000000000000000000000000000000000000',
                      '\xe907831f80848d1069a5371b402410364bdf1c5f8307b0084c55f1ce2dca821525f66a4a85ea8b71e482a74f382d2ce5ebeee8fdb2172f477df4900d310536c0',
                      '\xf9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9') AS vector_0,
       schnorr_verify('\x243f6a8885a308d313198a2e03707344a4093822299f31d0082efa98ec4e6c89',
                      '\x6cff5c3ba86c69ea4b7376f31a9bcb4f74c1976089b2d9963da2e5543e17776969e89b4c5564d00349106b8497785dd7d1d713a8ae82b32fa79d5f7fc407d39b',
                      '\xeefdea4cdb677750a420fee807eacf21eb9898ae79b9768766e4faa04a2d4a34') AS vector_5,
       schnorr_verify('\x243f6a8885a308d313198a2e03707344a4093822299f31d0082efa98ec4e6c89',
                      '\xfff97bd5755eeea420453a14355235d382f6472f8568a18b2f057a14602975563cc27944640ac607cd107ae10923d9ef7a73c643e166be5ebeafa34b1ac553e2',
                      '\xdff1d77f2a671c5f36183726db2341be58feae1da2deced843240f7b502ba659') AS vector_6,
       schnorr_verify(''::bytea,
                      '\x71535db165ecd9fbbc046e5ffaea61186bb6ad436732fccc25291a55895464cf6069ce26bf03466228f19a3a62db8a649f2d560fac652827d1af0574e427ab63',
                      '\x778caa53b4393ac467774d09497a87224bf9fab6f6e68b23086497324d6fd117') AS vector_15_empty;
SELECT * FROM expect_error($$ SELECT schnorr_verify('\x00', decode(repeat('11', 63), 'hex'), decode(repeat('11', 32), 'hex')) $$);
SELECT * FROM expect_error($$ SELECT schnorr_verify('\x00', decode(repeat('11', 64), 'hex'), decode(repeat('11', 33), 'hex')) $$);

-- ed25519_verify: RFC 8032 section 7.1 TEST 1 (empty message) and TEST 2
SELECT ed25519_verify(''::bytea,
                      '\xe5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
                      '\xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a') AS rfc_test_1,
       ed25519_verify('\x72',
                      '\x92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
                      '\x3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c') AS rfc_test_2,
       ed25519_verify('\x73',
                      '\x92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
                      '\x3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c') AS other_message;
SELECT * FROM expect_error($$ SELECT ed25519_verify('\x00', decode(repeat('11', 65), 'hex'), decode(repeat('11', 32), 'hex')) $$);
SELECT * FROM expect_error($$ SELECT ed25519_verify('\x00', decode(repeat('11', 64), 'hex'), decode(repeat('11', 31), 'hex')) $$);
