-- EIP-712 typed structured data: the digests wallets sign with eth_signTypedData_v4

CREATE FUNCTION eip712_hash(typed_data jsonb) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION eip712_hash(jsonb) IS
    'EIP-712 digest keccak256(0x1901 || domainSeparator || hashStruct(message)) of wallet typed data JSON (types, primaryType, domain, message), as eth_signTypedData_v4 signs it';

CREATE FUNCTION eip712_domain_separator(domain jsonb) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION eip712_domain_separator(jsonb) IS
    'EIP-712 domain separator hashStruct(EIP712Domain, domain), the EIP712Domain type inferred from the domain fields present (name, version, chainId, verifyingContract, salt)';

CREATE FUNCTION eip712_domain_separator(domain jsonb, types jsonb) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION eip712_domain_separator(jsonb, jsonb) IS
    'EIP-712 domain separator with EIP712Domain taken from types (a types object or the EIP712Domain member list), inferred when absent';

CREATE FUNCTION eip712_hash_struct(types jsonb, primary_type text, data jsonb) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION eip712_hash_struct(jsonb, text, jsonb) IS
    'EIP-712 hashStruct(primary_type, data) = keccak256(typeHash || encodeData(data)) with the struct definitions in types';

CREATE FUNCTION eip712_recover(typed_data jsonb, signature bytea) RETURNS eth_address
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION eip712_recover(jsonb, bytea) IS
    'the address that signed EIP-712 typed data (65-byte r||s||v or 64-byte EIP-2098 signature); NULL when the signature does not recover, as ecrecover';

CREATE FUNCTION eip712_verify(signer eth_address, typed_data jsonb, signature bytea) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION eip712_verify(eth_address, jsonb, bytea) IS
    'true when signer signed the EIP-712 typed data; false for another signer or a signature that does not recover';
