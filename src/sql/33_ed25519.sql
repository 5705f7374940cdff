-- Ed25519 signatures (RFC 8032; Solana wallets)

CREATE FUNCTION ed25519_verify(message bytea, signature bytea, pubkey bytea) RETURNS boolean
    AS 'MODULE_PATHNAME', 'ed25519_verify' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ed25519_verify(bytea, bytea, bytea) IS 'RFC 8032 Ed25519 verdict (through OpenSSL) for a 64-byte signature of a message under a 32-byte public key';
