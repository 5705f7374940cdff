-- secp256k1 ECDSA: Ethereum-style public key recovery and verification

CREATE FUNCTION ecrecover(digest bytea, signature bytea) RETURNS eth_address
    AS 'MODULE_PATHNAME', 'ecrecover' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ecrecover(bytea, bytea) IS 'the address that signed a 32-byte digest (65-byte r||s||v or 64-byte EIP-2098 signature); NULL when it does not recover, as OpenZeppelin ECDSA.tryRecover (high-S, r/s out of range, bad v)';

CREATE FUNCTION secp256k1_verify(digest bytea, signature bytea, pubkey bytea, allow_high_s boolean DEFAULT false) RETURNS boolean
    AS 'MODULE_PATHNAME', 'secp256k1_verify' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION secp256k1_verify(bytea, bytea, bytea, boolean) IS 'true when a 64-byte compact or strict DER ECDSA signature of a 32-byte digest checks under a 33- or 65-byte secp256k1 public key; high-S signatures only with allow_high_s';
