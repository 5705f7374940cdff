-- Wallet signatures: who signed a listing
SET search_path = public, creative_defi;

-- A creator lists a work by signing the listing text in their wallet
-- (personal_sign, EIP-191). This signature is the one viem publishes in its
-- signMessage tests: Anvil's first account signing "hello world".
CREATE TEMP TABLE listing (id int, terms text, signature bytea, seller eth_address);
INSERT INTO listing VALUES
    (1, 'hello world',
     '\xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf15fe57c96f9175d6cd4daad4663763baa7e78836e067d0163e9a2ccf2ff753f5b1b',
     '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');

-- The digest the wallet signed, and who signed it:
SELECT eth_message_hash(terms) AS digest, eth_recover_message(terms, signature) AS signed_by FROM listing;

-- Accept the listing only if the claimed seller signed exactly these terms:
SELECT id, eth_verify_message(seller, terms, signature) AS seller_signed FROM listing;

-- Change one character of the terms and the signature no longer matches:
SELECT eth_verify_message(seller, 'hello world!', signature) AS tampered_terms FROM listing;

-- The malleable twin of the signature (s replaced by n - s, v flipped) is
-- valid maths, but rejected like OpenZeppelin does, so it cannot be replayed:
SELECT ecrecover(eth_message_hash('hello world'),
    '\xa461f509887bd19e312c0c58467ce8ff8e300d3c1a90b608a760c5b80318eaf1a01a836906e8a2932b2552b99c89c4543c365978a8cb9ed7d62f9199d0c101e61c') AS high_s_twin;

-- A wrong length is an error that says what was expected:
\set ON_ERROR_STOP 0
SELECT eth_recover_message('hello world', '\xa461f509');
\set ON_ERROR_STOP 1

-- An early-buyer allowlist as an OpenZeppelin Merkle tree (the root goes on
-- chain; each buyer gets a proof):
WITH allowlist AS (
    SELECT ARRAY[keccak256('\x70997970c51812dc3a010c7d01b50e0d17dc79c8'::bytea),
                 keccak256('\x3c44cdddb6a900fa2b585dd299e03d12fa4293bc'::bytea),
                 keccak256('\x90f79bf6eb2c4f870365e785982e1f101e93b906'::bytea)] AS leaves)
SELECT merkle_root(leaves) AS root,
       merkle_proof(leaves, 1) AS proof_for_second_buyer,
       merkle_verify(merkle_root(leaves), leaves[2], merkle_proof(leaves, 1)) AS second_buyer_allowed,
       merkle_verify(merkle_root(leaves), keccak256('\x15d34aaf54267db7d7c367839aaf71a00a2c6a65'::bytea),
                     merkle_proof(leaves, 1)) AS stranger_allowed
  FROM allowlist;

-- Nostr (BIP-340) and Solana (Ed25519) signatures check too; here BIP-340's
-- test vector 0 and RFC 8032's first test vector:
SELECT schnorr_verify('\x0000000000000000000000000000000000000000000000000000000000000000',
    '\xe907831f80848d1069a5371b402410364bdf1c5f8307b0084c55f1ce2dca821525f66a4a85ea8b71e482a74f382d2ce5ebeee8fdb2172f477df4900d310536c0',
    '\xf9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9') AS nostr_ok,
       ed25519_verify(''::bytea,
    '\xe5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    '\xd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a') AS solana_ok;
