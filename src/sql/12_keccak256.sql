-- keccak256: Ethereum's Keccak-256 (original Keccak padding, not SHA3-256)

CREATE FUNCTION keccak256(data bytea) RETURNS bytea
    AS 'MODULE_PATHNAME', 'keccak256_bytea' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION keccak256(bytea) IS 'Ethereum Keccak-256 digest (32 bytes) of the bytes';

CREATE FUNCTION keccak256(data text) RETURNS bytea
    AS 'MODULE_PATHNAME', 'keccak256_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION keccak256(text) IS 'Ethereum Keccak-256 digest (32 bytes) of the text''s UTF-8 bytes';
