-- ecrecover: the address behind a secp256k1 signature of a 32-byte digest

-- viem's signMessage test: Anvil's first account signs "hello world" (EIP-191)
SELECT ecrecover('\xd9eba16ed0ecae432b71fe008c98cc872bb4cc214d3220a36f365326cf807d68',
                 '\xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf15fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b') AS viem_signer;
-- go-ethereum's precompile test "ValidKey" (v = 28) has a high s: the precompile
-- returns 0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b, we return NULL like
-- OpenZeppelin; its low-S twin (s' = n - s, v = 27) recovers that address
SELECT ecrecover('\x18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c',
                 '\x73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75feeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c45491c') IS NULL AS geth_high_s,
       ecrecover('\x18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c',
                 '\x73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75f1146bf4e2fc4de1c94f1b81868960f68bc842490f1b6bc98387ba6b57599fbf81b') AS geth_low_s_twin;
-- go-ethereum's crypto test: v given as the recovery id 0/1 also works, and
-- the address is the one of the published public key
SELECT ecrecover('\xce0677bb30baa8cf067c88db9811f4333d131bf8bcf12fe7065d211dce971008',
                 '\x90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e549984a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc9301')
     = eth_address('\x04e32df42865e97135acfb65f3bae71bdc86f4d49150ad6a440b6f15878109880a0a2b2667f7e725ceea70c673093bf67663e0312623c8e091b13cf2c0f11ef652'::bytea) AS recid_1,
       ecrecover('\xce0677bb30baa8cf067c88db9811f4333d131bf8bcf12fe7065d211dce971008',
                 '\x90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e549984a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc931c')
     = eth_address('\x04e32df42865e97135acfb65f3bae71bdc86f4d49150ad6a440b6f15878109880a0a2b2667f7e725ceea70c673093bf67663e0312623c8e091b13cf2c0f11ef652'::bytea) AS v_28;
-- EIP-2098's examples: 64-byte compact signatures (y parity in the top bit of s)
-- of personal_sign messages, signer 0x2e988a386a799f506693793c6a5af6b54dfaabfb
SELECT ecrecover(keccak256(convert_to(E'\x19Ethereum Signed Message:\n11Hello World', 'UTF8')),
                 '\x68a020a209d3d56c46f38cc50a33f704f4a9a10a59377f8dd762ac66910e9b907e865ad05c4035ab5792787d4a0297a43617ae897930a6fe4d822b8faea52064') AS compact_v27,
       ecrecover(keccak256(convert_to(E'\x19Ethereum Signed Message:\n22It''s a small(er) world', 'UTF8')),
                 '\x9328da16089fcba9bececa81663203989f2df5fe1faa6291a45381c81bd17f76939c6d6b623b42da56557e5e734a43dc83345ddfadec52cbe24d0cc64f550793') AS compact_v28;
-- ...and the same signatures in 65-byte form agree
SELECT ecrecover(keccak256(convert_to(E'\x19Ethereum Signed Message:\n22It''s a small(er) world', 'UTF8')),
                 '\x9328da16089fcba9bececa81663203989f2df5fe1faa6291a45381c81bd17f76139c6d6b623b42da56557e5e734a43dc83345ddfadec52cbe24d0cc64f5507931c') AS long_v28;

-- What OpenZeppelin rejects gives NULL, not an error.
-- the viem signature's malleable twin (s' = n - s, v flipped): valid for the
-- precompile, rejected as high-S
SELECT ecrecover('\xd9eba16ed0ecae432b71fe008c98cc872bb4cc214d3220a36f365326cf807d68',
                 '\xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf1a01a836906e8a2932b2552b99c89c4543c365978a8cb9ed7d62f9199d0c101e61c') IS NULL AS high_s;
-- v outside {0, 1, 27, 28}
SELECT v, ecrecover('\xd9eba16ed0ecae432b71fe008c98cc872bb4cc214d3220a36f365326cf807d68',
                    '\xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf15fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b'::bytea || decode(v, 'hex')) AS signer
  FROM (VALUES ('00'), ('01'), ('1b'), ('1c'), ('02'), ('1a'), ('1d'), ('25'), ('ff')) AS t(v);
-- r or s zero, equal to n, or s exactly n/2 (allowed) and n/2 + 1 (high)
SELECT name, ecrecover('\xd9eba16ed0ecae432b71fe008c98cc872bb4cc214d3220a36f365326cf807d68', sig) IS NULL AS is_null
  FROM (VALUES
    ('r = 0', decode(repeat('00', 32) || '5fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b', 'hex')),
    ('s = 0', decode('a461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf1' || repeat('00', 32) || '1b', 'hex')),
    ('r = n', decode('fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141' || '5fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b', 'hex')),
    ('r = 2^256 - 1', decode(repeat('ff', 32) || '5fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b', 'hex')),
    ('s = n', decode('a461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf1' || 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141' || '1b', 'hex')),
    ('s = n/2', decode('a461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf1' || '7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0' || '1b', 'hex')),
    ('s = n/2 + 1', decode('a461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf1' || '7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a1' || '1b', 'hex'))
  ) AS t(name, sig);
-- go-ethereum "CallEcrecoverUnrecoverableKey": r is not the x of a curve point
SELECT ecrecover('\xa8b53bdf3306a35a7103ab5504a0c9b492295564b6202b1942a84ef300107281',
                 '\x307835653165303366353363653138623737326363623030393366663731663366353366356337356237346463623331613835616138623838393262346538621b') IS NULL AS unrecoverable;
-- a compact signature whose s (after removing the parity bit) is high
SELECT ecrecover('\xd9eba16ed0ecae432b71fe008c98cc872bb4cc214d3220a36f365326cf807d68',
                 '\xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf1ffffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a1') IS NULL AS compact_high_s;
-- a tampered digest recovers someone else, never the signer
SELECT ecrecover('\xd9eba16ed0ecae432b71fe008c98cc872bb4cc214d3220a36f365326cf807d69',
                 '\xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf15fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b')
       IS DISTINCT FROM '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'::eth_address AS tampered;

-- Wrong lengths are errors that say what was expected.
SELECT * FROM expect_error($$ SELECT ecrecover('\x00', '\x00') $$);
SELECT * FROM expect_error($$ SELECT ecrecover(decode(repeat('00', 33), 'hex'), decode(repeat('00', 65), 'hex')) $$);
SELECT * FROM expect_error($$ SELECT ecrecover(decode(repeat('00', 32), 'hex'), decode(repeat('00', 63), 'hex')) $$);
SELECT * FROM expect_error($$ SELECT ecrecover(decode(repeat('00', 32), 'hex'), decode(repeat('00', 66), 'hex')) $$);
SELECT * FROM expect_error($$ SELECT ecrecover(decode(repeat('00', 32), 'hex'), ''::bytea) $$);
-- STRICT: NULL in, NULL out
SELECT ecrecover(NULL, '\x00') IS NULL AS null_digest, ecrecover('\x00', NULL) IS NULL AS null_sig;
