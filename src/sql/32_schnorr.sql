-- BIP-340 Schnorr signatures (Nostr, Taproot)

CREATE FUNCTION schnorr_verify(message bytea, signature bytea, pubkey bytea) RETURNS boolean
    AS 'MODULE_PATHNAME', 'schnorr_verify' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schnorr_verify(bytea, bytea, bytea) IS 'BIP-340 verdict for a 64-byte signature of a message of any length under a 32-byte x-only public key';
