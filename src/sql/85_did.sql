-- Decentralized identifiers: did:pkh (Ethereum accounts) and did:key
-- (Ed25519 and secp256k1 public keys), and signature checks by did:key

CREATE FUNCTION did_pkh(address eth_address, chain_id bigint DEFAULT 1) RETURNS text
    AS 'MODULE_PATHNAME', 'did_pkh' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION did_pkh(eth_address, bigint) IS 'the did:pkh of an Ethereum account on an EIP-155 chain (CAIP-10): did:pkh:eip155:<chain_id>:<address in lower case>';

CREATE FUNCTION did_pkh_parse(did text, OUT address eth_address, OUT chain_id bigint) RETURNS record
    AS 'MODULE_PATHNAME', 'did_pkh_parse' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION did_pkh_parse(text) IS 'the Ethereum account and EIP-155 chain id of a did:pkh:eip155 DID';

CREATE FUNCTION did_key_ed25519(pubkey bytea) RETURNS text
    AS 'MODULE_PATHNAME', 'did_key_ed25519' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION did_key_ed25519(bytea) IS 'the did:key of a 32-byte Ed25519 public key (multicodec 0xed, multibase base58btc)';

CREATE FUNCTION did_key_secp256k1(pubkey bytea) RETURNS text
    AS 'MODULE_PATHNAME', 'did_key_secp256k1' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION did_key_secp256k1(bytea) IS 'the did:key of a 33- or 65-byte secp256k1 public key (multicodec 0xe7, the key compressed, multibase base58btc)';

CREATE FUNCTION did_key_parse(did text, OUT key_type text, OUT pubkey bytea) RETURNS record
    AS 'MODULE_PATHNAME', 'did_key_parse' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION did_key_parse(text) IS 'the key type (Ed25519 or secp256k1) and public key of a did:key';

CREATE FUNCTION ed25519_verify_did(message bytea, signature bytea, did text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'ed25519_verify_did' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ed25519_verify_did(bytea, bytea, text) IS 'ed25519_verify under the Ed25519 key of a did:key';

CREATE FUNCTION secp256k1_verify_did(digest bytea, signature bytea, did text, allow_high_s boolean DEFAULT false) RETURNS boolean
    AS 'MODULE_PATHNAME', 'secp256k1_verify_did' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION secp256k1_verify_did(bytea, bytea, text, boolean) IS 'secp256k1_verify under the secp256k1 key of a did:key';
