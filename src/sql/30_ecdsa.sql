-- secp256k1 ECDSA: Ethereum-style public key recovery and verification

CREATE FUNCTION ecrecover(digest bytea, signature bytea) RETURNS eth_address
    AS 'MODULE_PATHNAME', 'ecrecover' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ecrecover(bytea, bytea) IS 'the address that signed a 32-byte digest (65-byte r||s||v or 64-byte EIP-2098 signature); NULL when it does not recover, as OpenZeppelin ECDSA.tryRecover (high-S, r/s out of range, bad v)';
