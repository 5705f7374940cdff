-- EIP-191 version 0x45: personal_sign messages

CREATE FUNCTION eth_message_hash(message bytea) RETURNS bytea
    AS 'MODULE_PATHNAME', 'eth_message_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION eth_message_hash(bytea) IS 'EIP-191 personal_sign digest: keccak256("\x19Ethereum Signed Message:\n" || byte length || message)';
CREATE FUNCTION eth_message_hash(message text) RETURNS bytea
    AS 'MODULE_PATHNAME', 'eth_message_hash_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION eth_message_hash(text) IS 'EIP-191 personal_sign digest of the text''s UTF-8 bytes';

CREATE FUNCTION eth_recover_message(message bytea, signature bytea) RETURNS eth_address
    AS 'MODULE_PATHNAME', 'eth_recover_message' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION eth_recover_message(bytea, bytea) IS 'the address that personal_signed the message (65-byte or EIP-2098 signature); NULL when it does not recover, as ecrecover';
CREATE FUNCTION eth_recover_message(message text, signature bytea) RETURNS eth_address
    AS 'MODULE_PATHNAME', 'eth_recover_message_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION eth_recover_message(text, bytea) IS 'the address that personal_signed the text''s UTF-8 bytes; NULL when it does not recover';

CREATE FUNCTION eth_verify_message(signer eth_address, message bytea, signature bytea) RETURNS boolean
    AS 'MODULE_PATHNAME', 'eth_verify_message' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION eth_verify_message(eth_address, bytea, bytea) IS 'true when signer personal_signed the message (the signature recovers to signer)';
CREATE FUNCTION eth_verify_message(signer eth_address, message text, signature bytea) RETURNS boolean
    AS 'MODULE_PATHNAME', 'eth_verify_message_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION eth_verify_message(eth_address, text, bytea) IS 'true when signer personal_signed the text''s UTF-8 bytes';
