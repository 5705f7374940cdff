-- Decentralized identifiers: did:pkh (Ethereum accounts) and did:key
-- (Ed25519 and secp256k1 keys), and the signature checks by did:key.  The
-- specifications' vectors all run in test/suites/vectors_did.sh.

-- did:pkh: lower case out, any valid eth_address spelling in
SELECT did_pkh('0xb9c5714089478a327f09197987f16f9e5d936e8a') AS mainnet,
       did_pkh('0x4E90E8A8191C1C23A24A598C3AB4FB47CE926FF5', 137) AS polygon,
       did_pkh('0xb9c5714089478a327f09197987f16f9e5d936e8a', 0) AS chain_zero;
SELECT * FROM did_pkh_parse('did:pkh:eip155:42220:0xa0ae58da58dfa46fa55c3b86545e7065f90ff011');
SELECT * FROM did_pkh_parse('did:pkh:eip155:1:0xB9C5714089478A327F09197987F16F9E5D936E8A');
SELECT * FROM expect_errors($$SELECT did_pkh_parse(%L)$$,
    'did:key:eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8a',
    'did:pkh:eip155',
    'did:pkh:solana:4sGjMW1sUnHzSxGspuhpqLDx6wiyjNtZ:CKg5d12Jhpej1JqtmxLJgaFqqeYjxgPqToJ4LBdvG9Ev',
    'did:pkh:eip155:1',
    'did:pkh:eip155:0x1:0xb9c5714089478a327f09197987f16f9e5d936e8a',
    'did:pkh:eip155:01:0xb9c5714089478a327f09197987f16f9e5d936e8a',
    'did:pkh:eip155::0xb9c5714089478a327f09197987f16f9e5d936e8a',
    'did:pkh:eip155:9223372036854775808:0xb9c5714089478a327f09197987f16f9e5d936e8a',
    'did:pkh:eip155:1:0xB9c5714089478a327f09197987f16f9e5d936e8a',
    'did:pkh:eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8');
SELECT * FROM expect_error($$SELECT did_pkh('0xb9c5714089478a327f09197987f16f9e5d936e8a', -1)$$);

-- did:key: the did:key specification's first Ed25519 and secp256k1 vectors
SELECT did_key_ed25519('\x3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29') AS ed25519,
       did_key_secp256k1('\x03874c15c7fda20e539c6e5ba573c139884c351188799f5458b4b41f7924f235cd') AS secp256k1;
SELECT * FROM did_key_parse('did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp');
SELECT * FROM did_key_parse('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme');
-- an uncompressed secp256k1 key (the generator) gives the DID of its compressed form
SELECT did_key_secp256k1('\x0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8')
     = did_key_secp256k1('\x0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798') AS same_did;
SELECT * FROM expect_errors($$SELECT did_key_parse(%L)$$,
    'did:pkh:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp',
    'did:key:',
    'did:key:u7QE',
    'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooW0',
    'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp',
    'did:key:zQebecGaHdoVnoJG767ZUcQLQ857pRDTS3ASqDZtV5XgUfRZ2',
    'did:key:zQhVUSQB8r3ACLXMQ8ZQ5LScK2FJMWTHMWfePRsSFou3J3afZ',
    'did:key:z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW',
    'did:key:z',
    'did:key:z' || repeat('2', 200));
SELECT * FROM expect_error($$SELECT did_key_ed25519('\x00')$$);
SELECT * FROM expect_error($$SELECT did_key_secp256k1('\x00')$$);
SELECT * FROM expect_error($$SELECT did_key_secp256k1('\x05' || decode(repeat('00', 32), 'hex'))$$);
SELECT * FROM expect_error($$SELECT did_key_secp256k1('\x02' || decode(repeat('00', 32), 'hex'))$$);

-- verification by did:key: RFC 8032 TEST 1 (empty message); go-ethereum's crypto test key
SELECT ed25519_verify_did('', '\xe5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
                          did_key_ed25519('\xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')) AS rfc8032_test1,
       ed25519_verify_did('x', '\xe5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
                          did_key_ed25519('\xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')) AS other_message,
       secp256k1_verify_did('\xce0677bb30baa8cf067c88db9811f4333d131bf8bcf12fe7065d211dce971008',
                            '\x90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e549984a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93',
                            did_key_secp256k1('\x02e32df42865e97135acfb65f3bae71bdc86f4d49150ad6a440b6f15878109880a')) AS geth,
       secp256k1_verify_did('\xce0677bb30baa8cf067c88db9811f4333d131bf8bcf12fe7065d211dce971009',
                            '\x90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e549984a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93',
                            did_key_secp256k1('\x02e32df42865e97135acfb65f3bae71bdc86f4d49150ad6a440b6f15878109880a')) AS other_digest;
SELECT * FROM expect_error($$SELECT ed25519_verify_did('', decode(repeat('00', 64), 'hex'), 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')$$);
SELECT * FROM expect_error($$SELECT secp256k1_verify_did(decode(repeat('00', 32), 'hex'), decode(repeat('00', 64), 'hex'), 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp')$$);
SELECT * FROM expect_error($$SELECT ed25519_verify_did('', '\x00', 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp')$$);
SELECT * FROM expect_error($$SELECT secp256k1_verify_did('\x00', decode(repeat('00', 64), 'hex'), 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')$$);
SELECT * FROM expect_error($$SELECT ed25519_verify_did('', '\x00', 'did:key:x')$$);
