-- creative_defi 0.1.0 install script, frozen by scripts/freeze-release.sh from
-- src/sql/ at commit aa61e9d.  Never edit it: a released version's
-- objects stay as they were; later changes go into upgrade scripts.
-- creative_defi install script.  Built by concatenating src/sql/*.sql in
-- name order (see the Makefile); edit the parts, not the built file.

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION creative_defi" to load this file. \quit
-- eth_address: a 20-byte Ethereum address, EIP-55 checksummed on output

CREATE TYPE eth_address;

CREATE FUNCTION eth_address_in(cstring) RETURNS eth_address
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION eth_address_out(eth_address) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION eth_address_recv(internal) RETURNS eth_address
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION eth_address_send(eth_address) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE eth_address (
    INTERNALLENGTH = 20,
    INPUT = eth_address_in,
    OUTPUT = eth_address_out,
    RECEIVE = eth_address_recv,
    SEND = eth_address_send,
    ALIGNMENT = char,
    STORAGE = plain
);
COMMENT ON FUNCTION eth_address_in(cstring) IS 'text input for eth_address';
COMMENT ON FUNCTION eth_address_out(eth_address) IS 'text output for eth_address (EIP-55 checksummed)';
COMMENT ON FUNCTION eth_address_recv(internal) IS 'binary input for eth_address (exactly 20 bytes)';
COMMENT ON FUNCTION eth_address_send(eth_address) IS 'binary output for eth_address (the 20 bytes)';
COMMENT ON TYPE eth_address IS '20-byte Ethereum address; input accepts lower, upper or EIP-55 mixed case, output is EIP-55 checksummed';

CREATE FUNCTION eth_address_from_bytea(bytea) RETURNS eth_address
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION eth_address_from_bytea(bytea) IS 'cast support: exactly 20 bytes to eth_address';
CREATE FUNCTION eth_address_to_bytea(eth_address) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION eth_address_to_bytea(eth_address) IS 'cast support: the 20 bytes of an eth_address';
CREATE CAST (bytea AS eth_address) WITH FUNCTION eth_address_from_bytea(bytea);
CREATE CAST (eth_address AS bytea) WITH FUNCTION eth_address_to_bytea(eth_address);
CREATE CAST (text AS eth_address) WITH INOUT;
CREATE CAST (eth_address AS text) WITH INOUT AS ASSIGNMENT;

CREATE FUNCTION eth_address(pubkey bytea) RETURNS eth_address
    AS 'MODULE_PATHNAME', 'eth_address_from_pubkey' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION eth_address(bytea) IS 'the Ethereum address of a 33-byte compressed or 65-byte uncompressed secp256k1 public key';

CREATE FUNCTION eth_address_eq(eth_address, eth_address) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION eth_address_ne(eth_address, eth_address) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION eth_address_lt(eth_address, eth_address) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION eth_address_le(eth_address, eth_address) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION eth_address_gt(eth_address, eth_address) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION eth_address_ge(eth_address, eth_address) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION eth_address_cmp(eth_address, eth_address) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION eth_address_hash(eth_address) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION eth_address_hash_extended(eth_address, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION eth_address_eq(eth_address, eth_address) IS 'implementation of = for eth_address';
COMMENT ON FUNCTION eth_address_ne(eth_address, eth_address) IS 'implementation of <> for eth_address';
COMMENT ON FUNCTION eth_address_lt(eth_address, eth_address) IS 'implementation of < for eth_address';
COMMENT ON FUNCTION eth_address_le(eth_address, eth_address) IS 'implementation of <= for eth_address';
COMMENT ON FUNCTION eth_address_gt(eth_address, eth_address) IS 'implementation of > for eth_address';
COMMENT ON FUNCTION eth_address_ge(eth_address, eth_address) IS 'implementation of >= for eth_address';
COMMENT ON FUNCTION eth_address_cmp(eth_address, eth_address) IS 'btree comparison for eth_address (numeric order of the 20 bytes)';
COMMENT ON FUNCTION eth_address_hash(eth_address) IS 'hash support for eth_address';
COMMENT ON FUNCTION eth_address_hash_extended(eth_address, bigint) IS 'extended (seeded) hash support for eth_address';

CREATE OPERATOR = (
    LEFTARG = eth_address, RIGHTARG = eth_address, PROCEDURE = eth_address_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, MERGES, HASHES
);
CREATE OPERATOR <> (
    LEFTARG = eth_address, RIGHTARG = eth_address, PROCEDURE = eth_address_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
    LEFTARG = eth_address, RIGHTARG = eth_address, PROCEDURE = eth_address_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
    LEFTARG = eth_address, RIGHTARG = eth_address, PROCEDURE = eth_address_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
    LEFTARG = eth_address, RIGHTARG = eth_address, PROCEDURE = eth_address_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
    LEFTARG = eth_address, RIGHTARG = eth_address, PROCEDURE = eth_address_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);

CREATE OPERATOR CLASS eth_address_ops
    DEFAULT FOR TYPE eth_address USING btree AS
        OPERATOR 1 <,
        OPERATOR 2 <=,
        OPERATOR 3 =,
        OPERATOR 4 >=,
        OPERATOR 5 >,
        FUNCTION 1 eth_address_cmp(eth_address, eth_address);

CREATE OPERATOR CLASS eth_address_hash_ops
    DEFAULT FOR TYPE eth_address USING hash AS
        OPERATOR 1 =,
        FUNCTION 1 eth_address_hash(eth_address),
        FUNCTION 2 eth_address_hash_extended(eth_address, bigint);

CREATE FUNCTION eth_address_smaller(eth_address, eth_address) RETURNS eth_address
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION eth_address_smaller(eth_address, eth_address) IS 'the smaller of two addresses (min aggregate support)';
CREATE FUNCTION eth_address_larger(eth_address, eth_address) RETURNS eth_address
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION eth_address_larger(eth_address, eth_address) IS 'the larger of two addresses (max aggregate support)';
CREATE AGGREGATE min(eth_address) (
    SFUNC = eth_address_smaller, STYPE = eth_address, SORTOP = <,
    COMBINEFUNC = eth_address_smaller, PARALLEL = SAFE
);
COMMENT ON AGGREGATE min(eth_address) IS 'the smallest address';
CREATE AGGREGATE max(eth_address) (
    SFUNC = eth_address_larger, STYPE = eth_address, SORTOP = >,
    COMBINEFUNC = eth_address_larger, PARALLEL = SAFE
);
COMMENT ON AGGREGATE max(eth_address) IS 'the largest address';
-- asset: a CAIP-19 asset id (chain_id/asset_namespace:asset_reference[/token_id]),
-- validated and stored in canonical form

CREATE TYPE asset;

CREATE FUNCTION asset_in(cstring) RETURNS asset
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION asset_out(asset) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION asset_recv(internal) RETURNS asset
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION asset_send(asset) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE asset (
    INTERNALLENGTH = VARIABLE,
    INPUT = asset_in,
    OUTPUT = asset_out,
    RECEIVE = asset_recv,
    SEND = asset_send,
    ALIGNMENT = int4,
    STORAGE = extended
);
COMMENT ON FUNCTION asset_in(cstring) IS 'text input for asset (a CAIP-19 asset id, stored in canonical form)';
COMMENT ON FUNCTION asset_out(asset) IS 'text output for asset (the canonical CAIP-19 text)';
COMMENT ON FUNCTION asset_recv(internal) IS 'binary input for asset (the text''s bytes, validated as text input is)';
COMMENT ON FUNCTION asset_send(asset) IS 'binary output for asset (the canonical text''s bytes)';
COMMENT ON TYPE asset IS 'CAIP-19 asset id, e.g. eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769; stored in canonical form so that equal assets compare equal';

CREATE CAST (text AS asset) WITH INOUT;
CREATE CAST (asset AS text) WITH INOUT AS ASSIGNMENT;

-- The constructor.  asset_from_parts has a 3- and a 4-argument form, both
-- STRICT; asset() takes an optional token id and picks one, so that a NULL
-- token id means "no token id" while a NULL chain, namespace or reference
-- still gives NULL.
CREATE FUNCTION asset_from_parts(chain text, namespace text, reference text) RETURNS asset
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION asset_from_parts(text, text, text) IS 'the asset chain/namespace:reference, each part validated on its own (support for asset())';
CREATE FUNCTION asset_from_parts(chain text, namespace text, reference text, token_id text) RETURNS asset
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION asset_from_parts(text, text, text, text) IS 'the asset chain/namespace:reference/token_id, each part validated on its own (support for asset())';
CREATE FUNCTION asset(chain text, namespace text, reference text, token_id text DEFAULT NULL) RETURNS asset
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE WHEN token_id IS NULL
                THEN @extschema@.asset_from_parts(chain, namespace, reference)
                ELSE @extschema@.asset_from_parts(chain, namespace, reference, token_id) END;
COMMENT ON FUNCTION asset(text, text, text, text) IS 'the asset built from a CAIP-2 chain id, an asset namespace, an asset reference and an optional token id (NULL: none)';

CREATE FUNCTION asset_chain(asset) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION asset_chain(asset) IS 'the CAIP-2 chain id of an asset, e.g. eip155:1';
CREATE FUNCTION asset_namespace(asset) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION asset_namespace(asset) IS 'the asset namespace of an asset, e.g. erc721';
CREATE FUNCTION asset_reference(asset) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION asset_reference(asset) IS 'the asset reference of an asset, e.g. its contract address';
CREATE FUNCTION asset_token_id(asset) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION asset_token_id(asset) IS 'the token id of an asset, or NULL when it has none';

CREATE FUNCTION asset_eq(asset, asset) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION asset_ne(asset, asset) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION asset_lt(asset, asset) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION asset_le(asset, asset) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION asset_gt(asset, asset) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION asset_ge(asset, asset) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION asset_cmp(asset, asset) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION asset_hash(asset) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION asset_hash_extended(asset, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION asset_eq(asset, asset) IS 'implementation of = for asset';
COMMENT ON FUNCTION asset_ne(asset, asset) IS 'implementation of <> for asset';
COMMENT ON FUNCTION asset_lt(asset, asset) IS 'implementation of < for asset';
COMMENT ON FUNCTION asset_le(asset, asset) IS 'implementation of <= for asset';
COMMENT ON FUNCTION asset_gt(asset, asset) IS 'implementation of > for asset';
COMMENT ON FUNCTION asset_ge(asset, asset) IS 'implementation of >= for asset';
COMMENT ON FUNCTION asset_cmp(asset, asset) IS 'btree comparison for asset (byte order of the canonical text)';
COMMENT ON FUNCTION asset_hash(asset) IS 'hash support for asset';
COMMENT ON FUNCTION asset_hash_extended(asset, bigint) IS 'extended (seeded) hash support for asset';

CREATE OPERATOR = (
    LEFTARG = asset, RIGHTARG = asset, PROCEDURE = asset_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, MERGES, HASHES
);
CREATE OPERATOR <> (
    LEFTARG = asset, RIGHTARG = asset, PROCEDURE = asset_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
    LEFTARG = asset, RIGHTARG = asset, PROCEDURE = asset_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
    LEFTARG = asset, RIGHTARG = asset, PROCEDURE = asset_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
    LEFTARG = asset, RIGHTARG = asset, PROCEDURE = asset_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
    LEFTARG = asset, RIGHTARG = asset, PROCEDURE = asset_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);

CREATE OPERATOR CLASS asset_ops
    DEFAULT FOR TYPE asset USING btree AS
        OPERATOR 1 <,
        OPERATOR 2 <=,
        OPERATOR 3 =,
        OPERATOR 4 >=,
        OPERATOR 5 >,
        FUNCTION 1 asset_cmp(asset, asset);

CREATE OPERATOR CLASS asset_hash_ops
    DEFAULT FOR TYPE asset USING hash AS
        OPERATOR 1 =,
        FUNCTION 1 asset_hash(asset),
        FUNCTION 2 asset_hash_extended(asset, bigint);

CREATE FUNCTION asset_smaller(asset, asset) RETURNS asset
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION asset_smaller(asset, asset) IS 'the smaller of two assets in btree order (min aggregate support)';
CREATE FUNCTION asset_larger(asset, asset) RETURNS asset
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION asset_larger(asset, asset) IS 'the larger of two assets in btree order (max aggregate support)';
CREATE AGGREGATE min(asset) (
    SFUNC = asset_smaller, STYPE = asset, SORTOP = <,
    COMBINEFUNC = asset_smaller, PARALLEL = SAFE
);
COMMENT ON AGGREGATE min(asset) IS 'the smallest asset in btree order';
CREATE AGGREGATE max(asset) (
    SFUNC = asset_larger, STYPE = asset, SORTOP = >,
    COMBINEFUNC = asset_larger, PARALLEL = SAFE
);
COMMENT ON AGGREGATE max(asset) IS 'the largest asset in btree order';
-- keccak256: Ethereum's Keccak-256 (original Keccak padding, not SHA3-256)

CREATE FUNCTION keccak256(data bytea) RETURNS bytea
    AS 'MODULE_PATHNAME', 'keccak256_bytea' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION keccak256(bytea) IS 'Ethereum Keccak-256 digest (32 bytes) of the bytes';

CREATE FUNCTION keccak256(data text) RETURNS bytea
    AS 'MODULE_PATHNAME', 'keccak256_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION keccak256(text) IS 'Ethereum Keccak-256 digest (32 bytes) of the text''s UTF-8 bytes';
-- secp256k1 ECDSA: Ethereum-style public key recovery and verification

CREATE FUNCTION ecrecover(digest bytea, signature bytea) RETURNS eth_address
    AS 'MODULE_PATHNAME', 'ecrecover' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ecrecover(bytea, bytea) IS 'the address that signed a 32-byte digest (65-byte r||s||v or 64-byte EIP-2098 signature); NULL when it does not recover, as OpenZeppelin ECDSA.tryRecover (high-S, r/s out of range, bad v)';

CREATE FUNCTION secp256k1_verify(digest bytea, signature bytea, pubkey bytea, allow_high_s boolean DEFAULT false) RETURNS boolean
    AS 'MODULE_PATHNAME', 'secp256k1_verify' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION secp256k1_verify(bytea, bytea, bytea, boolean) IS 'true when a 64-byte compact or strict DER ECDSA signature of a 32-byte digest checks under a 33- or 65-byte secp256k1 public key; high-S signatures only with allow_high_s';
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
-- BIP-340 Schnorr signatures (Nostr, Taproot)

CREATE FUNCTION schnorr_verify(message bytea, signature bytea, pubkey bytea) RETURNS boolean
    AS 'MODULE_PATHNAME', 'schnorr_verify' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION schnorr_verify(bytea, bytea, bytea) IS 'BIP-340 verdict for a 64-byte signature of a message of any length under a 32-byte x-only public key';
-- Ed25519 signatures (RFC 8032; Solana wallets)

CREATE FUNCTION ed25519_verify(message bytea, signature bytea, pubkey bytea) RETURNS boolean
    AS 'MODULE_PATHNAME', 'ed25519_verify' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ed25519_verify(bytea, bytea, bytea) IS 'RFC 8032 Ed25519 verdict (through OpenSSL) for a 64-byte signature of a message under a 32-byte public key';
-- Merkle proofs: OpenZeppelin MerkleProof and @openzeppelin/merkle-tree's SimpleMerkleTree

CREATE FUNCTION merkle_verify(root bytea, leaf bytea, proof bytea[]) RETURNS boolean
    AS 'MODULE_PATHNAME', 'merkle_verify' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION merkle_verify(bytea, bytea, bytea[]) IS 'OpenZeppelin MerkleProof.verify: true when folding the 32-byte proof nodes into the leaf with sorted-pair keccak256 gives the root';

CREATE FUNCTION merkle_root(leaves bytea[]) RETURNS bytea
    AS 'MODULE_PATHNAME', 'merkle_root' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION merkle_root(bytea[]) IS 'root of SimpleMerkleTree.of(leaves) (@openzeppelin/merkle-tree, sorted leaves) over 32-byte leaves';

CREATE FUNCTION merkle_proof(leaves bytea[], index integer) RETURNS bytea[]
    AS 'MODULE_PATHNAME', 'merkle_proof' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION merkle_proof(bytea[], integer) IS 'SimpleMerkleTree.of(leaves).getProof(index): the proof of the leaf at 0-based position index of the given array';
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
-- bonding_curve: a pricing curve (kind + exact decimal parameters) as a value

CREATE TYPE bonding_curve;

CREATE FUNCTION bonding_curve_in(cstring) RETURNS bonding_curve
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bonding_curve_out(bonding_curve) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bonding_curve_recv(internal) RETURNS bonding_curve
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION bonding_curve_send(bonding_curve) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE bonding_curve (
    INTERNALLENGTH = 104,
    INPUT = bonding_curve_in,
    OUTPUT = bonding_curve_out,
    RECEIVE = bonding_curve_recv,
    SEND = bonding_curve_send,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON FUNCTION bonding_curve_in(cstring) IS 'text input for bonding_curve: kind(name=value, ...)';
COMMENT ON FUNCTION bonding_curve_out(bonding_curve) IS 'text output for bonding_curve (canonical: parameters in the kind''s order, normalized decimals)';
COMMENT ON FUNCTION bonding_curve_recv(internal) IS 'binary input for bonding_curve (validated like text input)';
COMMENT ON FUNCTION bonding_curve_send(bonding_curve) IS 'binary output for bonding_curve';
COMMENT ON TYPE bonding_curve IS 'bonding curve: linear, exponential, power, bancor or constant_product with exact decimal parameters, e.g. linear(base=1000, slope=7)';

CREATE FUNCTION bonding_curve_from_jsonb(jsonb) RETURNS bonding_curve
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bonding_curve_from_jsonb(jsonb) IS 'cast support: {"kind": ..., name: value, ...} (values as JSON strings or numbers) to bonding_curve';
CREATE FUNCTION bonding_curve_to_jsonb(bonding_curve) RETURNS jsonb
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bonding_curve_to_jsonb(bonding_curve) IS 'cast support: bonding_curve to {"kind": ..., name: "value", ...} (values as JSON strings)';
CREATE CAST (jsonb AS bonding_curve) WITH FUNCTION bonding_curve_from_jsonb(jsonb);
CREATE CAST (bonding_curve AS jsonb) WITH FUNCTION bonding_curve_to_jsonb(bonding_curve);
CREATE CAST (text AS bonding_curve) WITH INOUT;
CREATE CAST (bonding_curve AS text) WITH INOUT AS ASSIGNMENT;

CREATE FUNCTION linear_curve(base numeric, slope numeric) RETURNS bonding_curve
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION linear_curve(numeric, numeric) IS 'linear curve: unit i (0-based) costs base + slope * i';
CREATE FUNCTION exponential_curve(base numeric, ratio numeric) RETURNS bonding_curve
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION exponential_curve(numeric, numeric) IS 'exponential curve: unit i costs base * ratio^i (ratio >= 1)';
CREATE FUNCTION power_curve(coefficient numeric, exponent numeric) RETURNS bonding_curve
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION power_curve(numeric, numeric) IS 'power curve: unit i costs coefficient * i^exponent (integer exponent 0..8); power_curve(62500000000000, 2) is friend.tech';
CREATE FUNCTION bancor_curve(reserve_ratio numeric, initial_supply numeric, initial_reserve numeric) RETURNS bonding_curve
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION bancor_curve(numeric, numeric, numeric) IS 'Bancor curve: reserve R(S) = initial_reserve * (S / initial_supply)^(1 / reserve_ratio), 0 < reserve_ratio <= 1';
CREATE FUNCTION constant_product_curve(virtual_reserve numeric, virtual_supply numeric) RETURNS bonding_curve
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION constant_product_curve(numeric, numeric) IS 'virtual x*y=k curve (pump.fun style): R(s) = virtual_reserve * s / (virtual_supply - s), s < virtual_supply';
CREATE FUNCTION curve_kind(curve bonding_curve) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION curve_kind(bonding_curve) IS 'the kind of a curve: linear, exponential, power, bancor or constant_product';

CREATE FUNCTION bonding_curve_eq(bonding_curve, bonding_curve) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION bonding_curve_ne(bonding_curve, bonding_curve) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION bonding_curve_lt(bonding_curve, bonding_curve) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION bonding_curve_le(bonding_curve, bonding_curve) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION bonding_curve_gt(bonding_curve, bonding_curve) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION bonding_curve_ge(bonding_curve, bonding_curve) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION bonding_curve_cmp(bonding_curve, bonding_curve) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION bonding_curve_hash(bonding_curve) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION bonding_curve_hash_extended(bonding_curve, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION bonding_curve_eq(bonding_curve, bonding_curve) IS 'implementation of = for bonding_curve';
COMMENT ON FUNCTION bonding_curve_ne(bonding_curve, bonding_curve) IS 'implementation of <> for bonding_curve';
COMMENT ON FUNCTION bonding_curve_lt(bonding_curve, bonding_curve) IS 'implementation of < for bonding_curve (kind, then parameters by value)';
COMMENT ON FUNCTION bonding_curve_le(bonding_curve, bonding_curve) IS 'implementation of <= for bonding_curve';
COMMENT ON FUNCTION bonding_curve_gt(bonding_curve, bonding_curve) IS 'implementation of > for bonding_curve';
COMMENT ON FUNCTION bonding_curve_ge(bonding_curve, bonding_curve) IS 'implementation of >= for bonding_curve';
COMMENT ON FUNCTION bonding_curve_cmp(bonding_curve, bonding_curve) IS 'btree comparison for bonding_curve: kind (linear < exponential < power < bancor < constant_product), then parameters by value in canonical order';
COMMENT ON FUNCTION bonding_curve_hash(bonding_curve) IS 'hash support for bonding_curve';
COMMENT ON FUNCTION bonding_curve_hash_extended(bonding_curve, bigint) IS 'extended (seeded) hash support for bonding_curve';

CREATE OPERATOR = (
    LEFTARG = bonding_curve, RIGHTARG = bonding_curve, PROCEDURE = bonding_curve_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, MERGES, HASHES
);
CREATE OPERATOR <> (
    LEFTARG = bonding_curve, RIGHTARG = bonding_curve, PROCEDURE = bonding_curve_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
    LEFTARG = bonding_curve, RIGHTARG = bonding_curve, PROCEDURE = bonding_curve_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
    LEFTARG = bonding_curve, RIGHTARG = bonding_curve, PROCEDURE = bonding_curve_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
    LEFTARG = bonding_curve, RIGHTARG = bonding_curve, PROCEDURE = bonding_curve_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
    LEFTARG = bonding_curve, RIGHTARG = bonding_curve, PROCEDURE = bonding_curve_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);

CREATE OPERATOR CLASS bonding_curve_ops
    DEFAULT FOR TYPE bonding_curve USING btree AS
        OPERATOR 1 <,
        OPERATOR 2 <=,
        OPERATOR 3 =,
        OPERATOR 4 >=,
        OPERATOR 5 >,
        FUNCTION 1 bonding_curve_cmp(bonding_curve, bonding_curve);

CREATE OPERATOR CLASS bonding_curve_hash_ops
    DEFAULT FOR TYPE bonding_curve USING hash AS
        OPERATOR 1 =,
        FUNCTION 1 bonding_curve_hash(bonding_curve),
        FUNCTION 2 bonding_curve_hash_extended(bonding_curve, bigint);
-- curve_*: exact pricing on a bonding_curve, all from reserve(s) = ceil(R(s))

CREATE FUNCTION curve_reserve(curve bonding_curve, supply numeric) RETURNS numeric
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION curve_reserve(bonding_curve, numeric) IS 'reserve(supply) = ceil(R(supply)), the integer reserve backing supply units (rounded in favour of the reserve)';
CREATE FUNCTION curve_buy_cost(curve bonding_curve, supply numeric, amount numeric) RETURNS numeric
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION curve_buy_cost(bonding_curve, numeric, numeric) IS 'cost of buying amount units at supply: reserve(supply + amount) - reserve(supply)';
CREATE FUNCTION curve_sell_proceeds(curve bonding_curve, supply numeric, amount numeric) RETURNS numeric
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION curve_sell_proceeds(bonding_curve, numeric, numeric) IS 'proceeds of selling amount units at supply: reserve(supply) - reserve(supply - amount); amount > supply is an error';
CREATE FUNCTION curve_price(curve bonding_curve, supply numeric) RETURNS numeric
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION curve_price(bonding_curve, numeric) IS 'cost of the next unit at supply: curve_buy_cost(curve, supply, 1)';
CREATE FUNCTION curve_spot_price(curve bonding_curve, supply numeric, scale integer DEFAULT 18) RETURNS numeric
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION curve_spot_price(bonding_curve, numeric, integer) IS 'instantaneous price at supply (price of unit supply for the discrete kinds, dR/dS for bancor and constant_product), rounded half-even to scale decimals (0..100), for charts';
CREATE FUNCTION curve_buy_amount(curve bonding_curve, supply numeric, budget numeric) RETURNS numeric
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION curve_buy_amount(bonding_curve, numeric, numeric) IS 'the largest amount whose buy cost at supply is at most budget';
CREATE FUNCTION curve_sell_amount(curve bonding_curve, supply numeric, proceeds numeric) RETURNS numeric
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION curve_sell_amount(bonding_curve, numeric, numeric) IS 'the smallest amount whose sell proceeds at supply are at least proceeds; an error if selling the whole supply returns less';

CREATE FUNCTION curve_points(curve bonding_curve, from_supply numeric, to_supply numeric, steps integer)
RETURNS TABLE (supply numeric, price numeric, reserve numeric)
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF steps < 1 THEN
        RAISE EXCEPTION 'steps must be at least 1'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('The value is %s.', steps);
    END IF;
    IF steps > 100000 THEN
        RAISE EXCEPTION 'steps must be at most 100000'
            USING ERRCODE = 'program_limit_exceeded',
                  DETAIL = format('The value is %s.', steps);
    END IF;
    IF from_supply > to_supply THEN
        RAISE EXCEPTION 'from_supply must not exceed to_supply'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('from_supply is %s and to_supply is %s.', from_supply, to_supply);
    END IF;
    RETURN QUERY
        SELECT p.s, @extschema@.curve_price(curve, p.s), @extschema@.curve_reserve(curve, p.s)
          FROM (SELECT DISTINCT from_supply + floor((to_supply - from_supply) * i / steps) AS s
                  FROM generate_series(0, steps) AS i) AS p
         ORDER BY p.s;
END
$$;
COMMENT ON FUNCTION curve_points(bonding_curve, numeric, numeric, integer) IS 'steps + 1 evenly spaced supplies from from_supply to to_supply (fewer if the range has fewer integers) with the price of the next unit and the reserve, for plotting';
-- amm: constant-product AMM math, bit-exact with Uniswap V2
-- (UniswapV2Library getAmountOut / getAmountIn / quote, UniswapV2Pair mint / burn).
-- Amounts are numeric base units (uint256); see docs/amm.md.

CREATE FUNCTION amm_amount_out(amount_in numeric, reserve_in numeric, reserve_out numeric,
                               fee_bps integer DEFAULT 30) RETURNS numeric
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION amm_amount_out(numeric, numeric, numeric, integer) IS
    'Uniswap V2 getAmountOut: floor(a*(10000-fee_bps)*reserve_out / (reserve_in*10000 + a*(10000-fee_bps))); fee_bps 30 is exactly 997/1000';

CREATE FUNCTION amm_amount_in(amount_out numeric, reserve_in numeric, reserve_out numeric,
                              fee_bps integer DEFAULT 30) RETURNS numeric
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION amm_amount_in(numeric, numeric, numeric, integer) IS
    'Uniswap V2 getAmountIn: floor(reserve_in*b*10000 / ((reserve_out-b)*(10000-fee_bps))) + 1, the input that buys amount_out b';

CREATE FUNCTION amm_quote(amount_a numeric, reserve_a numeric, reserve_b numeric) RETURNS numeric
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION amm_quote(numeric, numeric, numeric) IS
    'Uniswap V2 quote: floor(amount_a * reserve_b / reserve_a), the equivalent amount of the other token without fee';

CREATE FUNCTION amm_liquidity_minted(amount_a numeric, amount_b numeric, reserve_a numeric,
                                     reserve_b numeric, total_supply numeric) RETURNS numeric
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION amm_liquidity_minted(numeric, numeric, numeric, numeric, numeric) IS
    'Uniswap V2 Pair.mint: LP tokens for a deposit; first deposit floor(sqrt(a*b)) - 1000 (the caller also locks 1000 at the zero address), later min(a*ts/reserve_a, b*ts/reserve_b)';

CREATE FUNCTION amm_liquidity_burned(liquidity numeric, reserve_a numeric, reserve_b numeric,
                                     total_supply numeric,
                                     OUT amount_a numeric, OUT amount_b numeric)
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION amm_liquidity_burned(numeric, numeric, numeric, numeric) IS
    'Uniswap V2 Pair.burn: the (amount_a, amount_b) paid for liquidity LP tokens, floor(liquidity*reserve/total_supply) each';
-- royalty_split: recipients with shares in ppm plus a distributor fee,
-- 0xSplits (SplitMain v1) and EIP-2981 compatible

CREATE TYPE royalty_split;

CREATE FUNCTION royalty_split_in(cstring) RETURNS royalty_split
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION royalty_split_out(royalty_split) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION royalty_split_recv(internal) RETURNS royalty_split
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION royalty_split_send(royalty_split) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE royalty_split (
    INTERNALLENGTH = VARIABLE,
    INPUT = royalty_split_in,
    OUTPUT = royalty_split_out,
    RECEIVE = royalty_split_recv,
    SEND = royalty_split_send,
    ALIGNMENT = int4,
    STORAGE = extended
);
COMMENT ON FUNCTION royalty_split_in(cstring) IS 'text input for royalty_split: address=share pairs, shares as 50% / 33.3334% or 500000ppm, optional trailing distributor_fee=1%';
COMMENT ON FUNCTION royalty_split_out(royalty_split) IS 'text output for royalty_split: recipients in address order, exact percentages';
COMMENT ON FUNCTION royalty_split_recv(internal) IS 'binary input for royalty_split (validated like text input)';
COMMENT ON FUNCTION royalty_split_send(royalty_split) IS 'binary output for royalty_split: fee, count, then address and share per recipient';
COMMENT ON TYPE royalty_split IS 'royalty split: 1 to 500 recipients with positive shares in ppm summing to 1,000,000, plus a distributor fee of at most 100,000 ppm (0xSplits SplitMain v1 rules)';

CREATE CAST (text AS royalty_split) WITH INOUT;
CREATE CAST (royalty_split AS text) WITH INOUT AS ASSIGNMENT;

CREATE FUNCTION royalty_split_to_jsonb(royalty_split) RETURNS jsonb
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION royalty_split_to_jsonb(royalty_split) IS 'cast support: {"recipients": [{"address": ..., "share": ppm}, ...], "distributor_fee": ppm}';
CREATE FUNCTION royalty_split_from_jsonb(jsonb) RETURNS royalty_split
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION royalty_split_from_jsonb(jsonb) IS 'cast support: a royalty_split from {"recipients": [{"address": ..., "share": ppm}, ...], "distributor_fee": ppm}';
CREATE CAST (royalty_split AS jsonb) WITH FUNCTION royalty_split_to_jsonb(royalty_split);
CREATE CAST (jsonb AS royalty_split) WITH FUNCTION royalty_split_from_jsonb(jsonb);

-- comparison: = is equality of the canonical form; the order (recipients
-- pairwise by address then share, then count, then fee) exists for btree
-- indexes, sorting and merge joins
CREATE FUNCTION royalty_split_eq(royalty_split, royalty_split) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION royalty_split_ne(royalty_split, royalty_split) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION royalty_split_lt(royalty_split, royalty_split) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION royalty_split_le(royalty_split, royalty_split) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION royalty_split_gt(royalty_split, royalty_split) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION royalty_split_ge(royalty_split, royalty_split) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION royalty_split_cmp(royalty_split, royalty_split) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION royalty_split_hash(royalty_split) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION royalty_split_hash_extended(royalty_split, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION royalty_split_eq(royalty_split, royalty_split) IS 'implementation of = for royalty_split';
COMMENT ON FUNCTION royalty_split_ne(royalty_split, royalty_split) IS 'implementation of <> for royalty_split';
COMMENT ON FUNCTION royalty_split_lt(royalty_split, royalty_split) IS 'implementation of < for royalty_split';
COMMENT ON FUNCTION royalty_split_le(royalty_split, royalty_split) IS 'implementation of <= for royalty_split';
COMMENT ON FUNCTION royalty_split_gt(royalty_split, royalty_split) IS 'implementation of > for royalty_split';
COMMENT ON FUNCTION royalty_split_ge(royalty_split, royalty_split) IS 'implementation of >= for royalty_split';
COMMENT ON FUNCTION royalty_split_cmp(royalty_split, royalty_split) IS 'btree comparison for royalty_split';
COMMENT ON FUNCTION royalty_split_hash(royalty_split) IS 'hash support for royalty_split';
COMMENT ON FUNCTION royalty_split_hash_extended(royalty_split, bigint) IS 'extended (seeded) hash support for royalty_split';

CREATE OPERATOR = (
    LEFTARG = royalty_split, RIGHTARG = royalty_split, PROCEDURE = royalty_split_eq,
    COMMUTATOR = =, NEGATOR = <>, RESTRICT = eqsel, JOIN = eqjoinsel, MERGES, HASHES
);
CREATE OPERATOR <> (
    LEFTARG = royalty_split, RIGHTARG = royalty_split, PROCEDURE = royalty_split_ne,
    COMMUTATOR = <>, NEGATOR = =, RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
    LEFTARG = royalty_split, RIGHTARG = royalty_split, PROCEDURE = royalty_split_lt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
    LEFTARG = royalty_split, RIGHTARG = royalty_split, PROCEDURE = royalty_split_le,
    COMMUTATOR = >=, NEGATOR = >, RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
    LEFTARG = royalty_split, RIGHTARG = royalty_split, PROCEDURE = royalty_split_gt,
    COMMUTATOR = <, NEGATOR = <=, RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
    LEFTARG = royalty_split, RIGHTARG = royalty_split, PROCEDURE = royalty_split_ge,
    COMMUTATOR = <=, NEGATOR = <, RESTRICT = scalargesel, JOIN = scalargejoinsel
);

CREATE OPERATOR CLASS royalty_split_ops
    DEFAULT FOR TYPE royalty_split USING btree AS
        OPERATOR 1 <,
        OPERATOR 2 <=,
        OPERATOR 3 =,
        OPERATOR 4 >=,
        OPERATOR 5 >,
        FUNCTION 1 royalty_split_cmp(royalty_split, royalty_split);

CREATE OPERATOR CLASS royalty_split_hash_ops
    DEFAULT FOR TYPE royalty_split USING hash AS
        OPERATOR 1 =,
        FUNCTION 1 royalty_split_hash(royalty_split),
        FUNCTION 2 royalty_split_hash_extended(royalty_split, bigint);
-- royalty_split functions: exact distribution, SplitMain v1 arithmetic and
-- hash, accessors, containment, nesting, aggregation, EIP-2981 royalty

CREATE FUNCTION split_distribute(split royalty_split, amount numeric)
    RETURNS TABLE (recipient eth_address, amount numeric)
    AS 'MODULE_PATHNAME', 'split_distribute' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION split_distribute(royalty_split, numeric) IS 'exact distribution of an amount in base units: largest remainder, rows sum to the amount; a distributor fee comes first, in a row with a NULL recipient';
CREATE FUNCTION split_distribute(split royalty_split, amount numeric, distributor eth_address)
    RETURNS TABLE (recipient eth_address, amount numeric)
    AS 'MODULE_PATHNAME', 'split_distribute_to' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION split_distribute(royalty_split, numeric, eth_address) IS 'exact distribution of an amount in base units: largest remainder, rows sum to the amount; a distributor fee comes first and is paid to the distributor';

CREATE FUNCTION split_distribute_0xsplits_internal(split royalty_split, amount numeric, distributor eth_address)
    RETURNS TABLE (recipient eth_address, amount numeric)
    AS 'MODULE_PATHNAME', 'split_distribute_0xsplits_internal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION split_distribute_0xsplits_internal(royalty_split, numeric, eth_address) IS 'support for split_distribute_0xsplits (the zero address stands for no distributor); use split_distribute_0xsplits';
-- A SQL-standard body: names are bound when the function is created, so
-- no search_path is involved, and the planner can inline it.
CREATE FUNCTION split_distribute_0xsplits(split royalty_split, amount numeric, distributor eth_address DEFAULT NULL)
    RETURNS TABLE (recipient eth_address, amount numeric)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE ROWS 10
BEGIN ATOMIC
    SELECT d.recipient, d.amount
      FROM split_distribute_0xsplits_internal(split, amount,
               coalesce(distributor, '0x0000000000000000000000000000000000000000'::eth_address)) AS d;
END;
COMMENT ON FUNCTION split_distribute_0xsplits(royalty_split, numeric, eth_address) IS 'SplitMain v1 arithmetic: fee = floor(amount * fee / 1e6) to the distributor, each recipient floor((amount - fee) * share / 1e6), then one row with a NULL recipient holding the dust';

CREATE FUNCTION split_hash(split royalty_split) RETURNS bytea
    AS 'MODULE_PATHNAME', 'split_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION split_hash(royalty_split) IS 'keccak256(abi.encodePacked(accounts, percentAllocations, distributorFee)), as SplitMain v1 _hashSplit';

CREATE FUNCTION split_share(split royalty_split, recipient eth_address) RETURNS numeric
    AS 'MODULE_PATHNAME', 'split_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION split_share(royalty_split, eth_address) IS 'the recipient''s share in ppm, 0 when it is not a recipient';
CREATE FUNCTION split_recipients(split royalty_split) RETURNS eth_address[]
    AS 'MODULE_PATHNAME', 'split_recipients' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION split_recipients(royalty_split) IS 'the recipients in address order (SplitMain accounts order)';
CREATE FUNCTION split_count(split royalty_split) RETURNS integer
    AS 'MODULE_PATHNAME', 'split_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION split_count(royalty_split) IS 'the number of recipients';
CREATE FUNCTION split_distributor_fee(split royalty_split) RETURNS numeric
    AS 'MODULE_PATHNAME', 'split_distributor_fee' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION split_distributor_fee(royalty_split) IS 'the distributor fee in ppm';

CREATE FUNCTION split_has_recipient(split royalty_split, recipient eth_address) RETURNS boolean
    AS 'MODULE_PATHNAME', 'split_has_recipient' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION split_has_recipient(royalty_split, eth_address) IS 'implementation of royalty_split @> eth_address: the address is a recipient';
CREATE FUNCTION split_recipient_of(recipient eth_address, split royalty_split) RETURNS boolean
    AS 'MODULE_PATHNAME', 'split_recipient_of' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION split_recipient_of(eth_address, royalty_split) IS 'implementation of eth_address <@ royalty_split: the address is a recipient';
CREATE OPERATOR @> (
    LEFTARG = royalty_split, RIGHTARG = eth_address, PROCEDURE = split_has_recipient,
    COMMUTATOR = <@, RESTRICT = contsel, JOIN = contjoinsel
);
CREATE OPERATOR <@ (
    LEFTARG = eth_address, RIGHTARG = royalty_split, PROCEDURE = split_recipient_of,
    COMMUTATOR = @>, RESTRICT = contsel, JOIN = contjoinsel
);

CREATE FUNCTION split_nest(outer_split royalty_split, recipient eth_address, inner_split royalty_split)
    RETURNS royalty_split
    AS 'MODULE_PATHNAME', 'split_nest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION split_nest(royalty_split, eth_address, royalty_split) IS 'the outer split with one recipient replaced by the inner split''s recipients, its share apportioned exactly in ppm by largest remainder; keeps the outer distributor fee';

CREATE FUNCTION royalty_split_agg_transfn(internal, eth_address, numeric) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION royalty_split_agg_transfn(internal, eth_address, numeric) IS 'royalty_split_agg transition function (not strict: its state is internal; rows with a NULL recipient or weight are skipped)';
CREATE FUNCTION royalty_split_agg_finalfn(internal) RETURNS royalty_split
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION royalty_split_agg_finalfn(internal) IS 'royalty_split_agg final function: merge, normalize to ppm by largest remainder, validate';
CREATE AGGREGATE royalty_split_agg(recipient eth_address, weight numeric) (
    SFUNC = royalty_split_agg_transfn, STYPE = internal,
    FINALFUNC = royalty_split_agg_finalfn, PARALLEL = SAFE
);
COMMENT ON AGGREGATE royalty_split_agg(eth_address, numeric) IS 'a split from non-negative weights: equal recipients merge, zero weights are dropped, shares normalized to ppm by largest remainder';

CREATE FUNCTION royalty_amount(sale_price numeric, royalty_bps integer) RETURNS numeric
    AS 'MODULE_PATHNAME', 'royalty_amount' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION royalty_amount(numeric, integer) IS 'EIP-2981 royalty as OpenZeppelin ERC2981.royaltyInfo: floor(sale_price * royalty_bps / 10000), bps 0..10000';
-- ledger roles: who may do what (each area grants its own functions to
-- these roles at its end: 64_ledger_market_verify.sql, 69, 73, 79)
--
-- Four NOLOGIN group roles, granted to application roles by the DBA
-- (docs/ledger.md, "Roles and privileges", gives the reason for each
-- boundary):
--   creative_defi_reader    reads the ledger tables, views and balances
--   creative_defi_app       reads, and runs only the paths a wallet's
--                           signature authorizes (execute_order,
--                           cancel_nonce, approve_change): the role for an
--                           application that serves end users
--   creative_defi_treasury  reads, and moves money across the ledger's
--                           boundary (deposit, withdraw)
--   creative_defi_operator  reads, and runs the direct ledger operations
--                           (transfer, buy, sell, distribute,
--                           register_asset, propose_change, the pools)
-- Set-up functions (set_order_domain, set_approvers) are the owner's.  No
-- role may INSERT, UPDATE or DELETE a ledger table: every write goes
-- through a SECURITY DEFINER function.  Each role gets its privileges
-- directly; none is a member of another, so granting one never grants
-- more than it says.
--
-- Roles are cluster-wide, so a second database that installs the
-- extension finds them already there: it reuses them, provided they are
-- still plain NOLOGIN roles without special attributes and without
-- membership in any other role (otherwise it refuses, rather than hand the
-- ledger to a role someone prepared).  DROP EXTENSION leaves the roles in
-- place.
DO $$
DECLARE
    v_role text[];
    r record;
    v_parent text;
BEGIN
    FOREACH v_role SLICE 1 IN ARRAY ARRAY[
        ['creative_defi_reader', 'creative_defi: may read the ledger'],
        ['creative_defi_app', 'creative_defi: may read the ledger and run wallet-signed orders, cancellations and approvals'],
        ['creative_defi_treasury', 'creative_defi: may read the ledger, deposit and withdraw'],
        ['creative_defi_operator', 'creative_defi: may read the ledger and run direct transfers, trades, distributions, registrations, proposals and pool operations']]
    LOOP
        SELECT * INTO r FROM pg_catalog.pg_roles WHERE rolname = v_role[1];
        IF NOT FOUND THEN
            EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', v_role[1]);
            EXECUTE pg_catalog.format('COMMENT ON ROLE %I IS %L', v_role[1], v_role[2]);
            CONTINUE;
        END IF;
        IF r.rolcanlogin OR r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls THEN
            RAISE EXCEPTION 'role % already exists with attributes the ledger does not expect', v_role[1]
                USING ERRCODE = '42710',
                      DETAIL = 'creative_defi reuses an existing role of this name only when it is a plain NOLOGIN role.',
                      HINT = 'Remove LOGIN, SUPERUSER, CREATEROLE, CREATEDB, REPLICATION and BYPASSRLS from the role, or drop it.';
        END IF;
        SELECT g.rolname INTO v_parent
          FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
         WHERE m.member = r.oid ORDER BY g.rolname LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'role % already exists as a member of role %', v_role[1], v_parent
                USING ERRCODE = '42710',
                      DETAIL = 'A member inherits the other role''s privileges, so granting it to an application would grant more than the ledger''s role says.',
                      HINT = pg_catalog.format('REVOKE %I FROM %I, or drop the role.', v_parent, v_role[1]);
        END IF;
    END LOOP;
END
$$;

-- The schema is open to every role, as pgcrypto's functions are: the
-- types and the pure functions (hashes, signatures, curve and AMM pricing,
-- splits) keep PostgreSQL's default EXECUTE for PUBLIC.  The ledger stays
-- behind its roles: every table, view and sequence, and every
-- function that reads or changes ledger state, is revoked from PUBLIC by
-- the privileges at the end of its area.
-- test/pgtap/privileges.sql lists exactly what PUBLIC may execute.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;
-- ledger (1/6): accounts, holdings and the append-only journal
--
-- The ledger is double-entry: every ledger transaction is a set of postings
-- (account, asset, signed amount) that sum to zero per asset, and every
-- holding is the running sum of its postings.  Accounts are eth_addresses.
-- Three kinds of system account make the books balance (docs/ledger.md,
-- "System accounts"); their addresses are the last 20 bytes of a
-- keccak256 of a fixed string, as CREATE2 derives contract addresses, so no
-- one holds a key for them:
--   world     keccak256('creative_defi.world')[12:]     deposits and withdrawals
--   issuance  keccak256('creative_defi.issuance')[12:]  units minted and burnt by curves
--   reserve   keccak256('creative_defi.reserve:' || asset)[12:], one per
--             registered asset, holding the currency its buyers paid
-- world and issuance balances are negative (what entered the ledger, what
-- was issued); every other balance is >= 0, enforced by a CHECK.
--
-- SQL functions with a RETURN or BEGIN ATOMIC body are parsed when they are
-- created, so search_path at call time cannot change what they call; they
-- carry no SET clause so that the planner can inline them (the system
-- account functions then fold to constants).  PL/pgSQL functions, parsed at
-- run time, pin search_path = pg_catalog, pg_temp and qualify every name.
--
-- Error codes of the ledger (class CD, docs/errors.md):
--   CD001 unknown asset               CD006 asset already registered
--   CD002 insufficient balance        CD007 journal is append-only
--   CD003 slippage exceeded           CD008 system account used as a user account
--   CD004 ref conflict                CD009 asset is issued by its bonding curve
--   CD005 amount not positive         CD010 unbalanced transaction
--   CD011 ledger_seal() outside READ COMMITTED
--   CD012 asset fields changed outside an approved proposal (raised by
--         75_approvals.sql, which governs them)

CREATE FUNCTION ledger_world_account() RETURNS eth_address
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN substr(@extschema@.keccak256('creative_defi.world'::text), 13)::@extschema@.eth_address;
COMMENT ON FUNCTION ledger_world_account() IS
    'the system account for the world outside the ledger: deposits come from it, withdrawals go to it (its balances are negative)';

CREATE FUNCTION ledger_issuance_account() RETURNS eth_address
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN substr(@extschema@.keccak256('creative_defi.issuance'::text), 13)::@extschema@.eth_address;
COMMENT ON FUNCTION ledger_issuance_account() IS
    'the system account that bonding curves mint from and burn to (its balance in an asset is minus the supply)';

CREATE FUNCTION ledger_reserve_account(asset asset) RETURNS eth_address
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN substr(@extschema@.keccak256('creative_defi.reserve:'::text || asset::text), 13)::@extschema@.eth_address;
COMMENT ON FUNCTION ledger_reserve_account(asset) IS
    'the system account holding the curve reserve of a registered asset (in its currency)';

-- Registries.  The core knows only its own kinds of account and of
-- transaction, its own checks and its own system accounts; each area
-- built on it (the market, pools, approvals, ...) adds its rows in its own
-- file, as PostgreSQL's catalogs are extended by rows.  So a part of the
-- install script never names an object of a higher-numbered part
-- (scripts/check-layout.sh checks it; docs/architecture.md).

-- Kinds of account a holding or a posting belongs to.  The core's: user,
-- and the two system accounts world and issuance, whose balances are
-- negative (ledger_holdings_not_negative names them).
CREATE TABLE ledger_account_kinds (
    kind text NOT NULL,
    description text NOT NULL,
    CONSTRAINT ledger_account_kinds_pkey PRIMARY KEY (kind)
);
COMMENT ON TABLE ledger_account_kinds IS
    'registry: the kinds of account a holding belongs to (user, world, issuance, and those the areas add)';
INSERT INTO ledger_account_kinds (kind, description) VALUES
    ('user', 'an account of a person, a wallet or a contract: only what it was paid, never negative'),
    ('world', 'the world outside the ledger: minus everything deposited and not withdrawn'),
    ('issuance', 'where issued units come from: minus the supply of each issued asset');
-- its rows come with CREATE EXTENSION (and upgrade scripts), never from a dump
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_account_kinds', 'WHERE false');

-- Kinds of journal transaction.  The core's are deposit, withdraw and
-- transfer (62_ledger_transfers.sql); each area adds its own.
CREATE TABLE ledger_transaction_kinds (
    kind text NOT NULL,
    description text NOT NULL,
    CONSTRAINT ledger_transaction_kinds_pkey PRIMARY KEY (kind)
);
COMMENT ON TABLE ledger_transaction_kinds IS
    'registry: the kinds of journal transaction (deposit, withdraw, transfer, and those the areas add)';
-- its rows come with CREATE EXTENSION (and upgrade scripts), never from a dump
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_transaction_kinds', 'WHERE false');

-- The registry of system accounts: every address that only the ledger
-- itself posts to, whatever its kind.  The core registers world and
-- issuance here; an area registers each account it creates (a curve's
-- reserve in register_asset, a pool's account in pool_create) through
-- ledger_register_system_account, so that one lookup tells any system
-- account from a user account (ledger_check_user_account).  description
-- completes the sentence "<address> is ..." in CD008 errors.
CREATE TABLE ledger_system_accounts (
    account eth_address NOT NULL,
    kind text NOT NULL REFERENCES ledger_account_kinds (kind),
    description text NOT NULL,
    CONSTRAINT ledger_system_accounts_pkey PRIMARY KEY (account),
    CONSTRAINT ledger_system_accounts_not_user CHECK (kind <> 'user')
);
COMMENT ON TABLE ledger_system_accounts IS
    'the registry of system accounts (world, issuance, curve reserves, pool accounts): addresses only the ledger itself posts to';
INSERT INTO ledger_system_accounts (account, kind, description) VALUES
    (ledger_world_account(), 'world', 'the world account'),
    (ledger_issuance_account(), 'issuance', 'the issuance account');
-- world and issuance come with CREATE EXTENSION; the dump holds the rest
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_system_accounts',
    $$WHERE kind NOT IN ('world', 'issuance')$$);

-- Issuers: the areas that issue units of an asset themselves (a bonding
-- curve, a pool's LP share), so that the asset must never be deposited or
-- withdrawn (supply = the sum of the holdings).  Each issuer says how its
-- refusal reads (SQLSTATE, and format() templates: the message takes the
-- asset and the issued asset's description, the detail the operation), and
-- may reserve a namespace for assets it will issue (reserved_prefix of the
-- asset's canonical text), refused with the reserved_* texts.
CREATE TABLE ledger_issuers (
    issuer text NOT NULL,
    sqlstate text NOT NULL,
    message text NOT NULL,
    detail text NOT NULL,
    reserved_prefix text,
    reserved_message text,
    reserved_detail text,
    reserved_hint text,
    CONSTRAINT ledger_issuers_pkey PRIMARY KEY (issuer),
    CONSTRAINT ledger_issuers_sqlstate CHECK (sqlstate ~ '^[0-9A-Z]{5}$'),
    CONSTRAINT ledger_issuers_reserved CHECK ((reserved_prefix IS NULL) = (reserved_message IS NULL))
);
COMMENT ON TABLE ledger_issuers IS
    'registry: the areas that issue assets themselves, with the refusal their assets raise in a deposit or withdrawal, and the namespace they reserve';
-- its rows come with CREATE EXTENSION (and upgrade scripts), never from a dump
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_issuers', 'WHERE false');

-- The assets an issuer issues: ledger_check_not_issued refuses them with
-- one lookup.  register_asset and pool_create fill it.
CREATE TABLE ledger_issued_assets (
    asset asset NOT NULL,
    issuer text NOT NULL REFERENCES ledger_issuers (issuer),
    description text NOT NULL,
    CONSTRAINT ledger_issued_assets_pkey PRIMARY KEY (asset)
);
COMMENT ON TABLE ledger_issued_assets IS
    'registry: the assets the ledger issues itself (on a bonding curve, a pool''s LP share), which no deposit or withdrawal may name';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_issued_assets', '');

-- The checks of ledger_verify(): each one function returning
-- (check, ok, detail) rows, run in position order in one snapshot.  The
-- core registers its own in 68_ledger_verify.sql; each area registers its
-- own.
CREATE TABLE ledger_verify_checks_registry (
    position integer NOT NULL,
    function regprocedure NOT NULL,
    area text NOT NULL,
    CONSTRAINT ledger_verify_checks_registry_pkey PRIMARY KEY (position),
    CONSTRAINT ledger_verify_checks_registry_function_key UNIQUE (function)
);
COMMENT ON TABLE ledger_verify_checks_registry IS
    'registry: the checks ledger_verify() runs, in position order, each a function returning (check, ok, detail) rows';
-- its rows come with CREATE EXTENSION (and upgrade scripts), never from a dump
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_verify_checks_registry', 'WHERE false');

-- The row a check returns: ok when nothing failed; the detail says what
-- was checked, or how many failed and the first of them.
CREATE FUNCTION ledger_verify_row(name text, failures bigint, example text, ok_detail text, failures_are text,
    OUT "check" text, OUT ok boolean, OUT detail text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT name, failures = 0,
           CASE WHEN failures = 0 THEN ok_detail ELSE format('%s %s, e.g. %s', failures, failures_are, example) END;
END;
COMMENT ON FUNCTION ledger_verify_row(text, bigint, text, text, text) IS
    'internal: a ledger_verify() row: ok when there are no failures; the detail is what was checked, or the failures counted with the first as an example';

-- One row per (account, asset) that was ever posted to.  kind tells user
-- accounts from the system ones, so the CHECK can let exactly the world
-- and issuance accounts go negative.
-- Every ledger transaction updates several holdings; the free space that
-- fillfactor 85 leaves in each page lets those updates stay on the page
-- (HOT), without a new entry in the primary key.
-- Whole amounts are checked as min_scale(x) = 0, not x = trunc(x):
-- trunc(numeric) is a SQL function, and the executor inlines it, parsing
-- its body, in every statement that checks the constraint (about 4% of a
-- buy's time); min_scale is a plain C function.  For the same reason the
-- constants are written as typed constants ('0'::numeric, a text[]
-- literal): the executor reads each CHECK back from its stored node text
-- in every INSERT and UPDATE statement, and 0 would be stored as a cast
-- of an integer, IN (...) as an array of separate constants.
CREATE TABLE ledger_holdings (
    account eth_address NOT NULL,
    asset asset NOT NULL,
    amount numeric NOT NULL,
    kind text NOT NULL DEFAULT 'user',
    CONSTRAINT ledger_holdings_pkey PRIMARY KEY (account, asset),
    CONSTRAINT ledger_holdings_kind FOREIGN KEY (kind) REFERENCES ledger_account_kinds (kind),
    CONSTRAINT ledger_holdings_whole CHECK (min_scale(amount) = 0),
    CONSTRAINT ledger_holdings_not_negative CHECK (amount >= '0'::numeric OR kind = ANY ('{issuance,world}'::text[]))
) WITH (fillfactor = 85);
COMMENT ON TABLE ledger_holdings IS
    'balances: the amount of each asset each account holds, in base units; never negative for user and reserve accounts';

-- The journal: one row per ledger transaction.  id comes from a sequence
-- (an aborted call may leave a gap); the hash chain in ledger_chain gives
-- the gap-free order of sealing.  request and result keep the call's arguments
-- and return values for idempotent replays by ref.
CREATE SEQUENCE ledger_transaction_id_seq AS bigint;
COMMENT ON SEQUENCE ledger_transaction_id_seq IS 'ids of ledger transactions';
CREATE TABLE ledger_transactions (
    id bigint NOT NULL,
    ref text NOT NULL,
    kind text NOT NULL,
    asset asset NOT NULL,
    request jsonb NOT NULL,
    result jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT ledger_transactions_pkey PRIMARY KEY (id),
    CONSTRAINT ledger_transactions_ref_key UNIQUE (ref),
    CONSTRAINT ledger_transactions_kind FOREIGN KEY (kind) REFERENCES ledger_transaction_kinds (kind),
    CONSTRAINT ledger_transactions_id_positive CHECK (id > 0)
);
CREATE INDEX ledger_transactions_asset_idx ON ledger_transactions (asset, id);
COMMENT ON TABLE ledger_transactions IS
    'the journal: one immutable row per ledger transaction, with the arguments and result of the call';

CREATE TABLE ledger_postings (
    txn_id bigint NOT NULL REFERENCES ledger_transactions (id),
    n smallint NOT NULL,
    account eth_address NOT NULL,
    asset asset NOT NULL,
    amount numeric NOT NULL,
    CONSTRAINT ledger_postings_pkey PRIMARY KEY (txn_id, n),
    CONSTRAINT ledger_postings_n_positive CHECK (n > 0),
    CONSTRAINT ledger_postings_not_zero CHECK (amount <> '0'::numeric),
    CONSTRAINT ledger_postings_whole CHECK (min_scale(amount) = 0)
);
-- The per-account journal reads an account's postings through this index.
-- It leaves out the asset: every posting inserts into it at a random
-- place, and an asset's canonical text (63 bytes a posting on average in
-- the bench) would make it 2.5 times larger (42 MB against 17 MB over the
-- same postings), with more page splits and first-touch page images in
-- the WAL.  A filter on account and asset reads the
-- account's postings and checks their asset.
CREATE INDEX ledger_postings_account_idx ON ledger_postings (account, txn_id);
COMMENT ON TABLE ledger_postings IS
    'the journal''s immutable double-entry postings: per transaction and asset they sum to zero';

-- The hash chain: position seq (1, 2, 3, ... without gaps) chains the
-- transaction txn_id to its predecessor (docs/ledger.md, "Hash chain").
-- Transactions enter it when they are sealed (61_ledger_journal.sql), in
-- the order of sealing.
CREATE TABLE ledger_chain (
    seq bigint NOT NULL,
    txn_id bigint NOT NULL REFERENCES ledger_transactions (id),
    hash bytea NOT NULL,
    CONSTRAINT ledger_chain_pkey PRIMARY KEY (seq),
    CONSTRAINT ledger_chain_txn_id_key UNIQUE (txn_id),
    CONSTRAINT ledger_chain_seq_positive CHECK (seq > 0),
    CONSTRAINT ledger_chain_hash_length CHECK (octet_length(hash) = 32)
);
COMMENT ON TABLE ledger_chain IS
    'the journal''s hash chain: each transaction''s position and keccak256 hash, linked to the previous one';

-- The head of the hash chain: at most one row, written only by a sealer
-- (the holder of the seal lock).  Empty means the genesis state (seq 0, 32
-- zero bytes).  sealed_below is a transaction-id watermark: every
-- committed transaction whose top-level xid is below it has been sealed,
-- so the next sealer looks only at waiting rows from sealed_below on.
-- Transaction ids mean something only in the cluster that assigned them:
-- sealed_system is that cluster's system identifier, so that a watermark
-- restored from a pg_dump of another cluster is not trusted
-- (61_ledger_journal.sql, ledger_seal_waiting).
CREATE TABLE ledger_head (
    one boolean NOT NULL DEFAULT true,
    seq bigint NOT NULL,
    hash bytea NOT NULL,
    sealed_below xid8 NOT NULL,
    sealed_system bigint NOT NULL,
    CONSTRAINT ledger_head_pkey PRIMARY KEY (one),
    CONSTRAINT ledger_head_one CHECK (one)
);
COMMENT ON TABLE ledger_head IS
    'the latest position and hash of the journal''s hash chain (a single row; empty before the first transaction is sealed)';

-- Transactions waiting to be sealed into the chain.  ledger_post queues a
-- transaction here, with its hash-chain body, when it cannot seal it
-- itself; whoever holds the seal lock next moves the committed ones into
-- ledger_chain (61_ledger_journal.sql).
-- xact is the inserting top-level transaction's id, indexed so that a
-- sealer reads only the rows at or above ledger_head.sealed_below instead
-- of scanning the dead rows of this queue table.
CREATE TABLE ledger_unsealed (
    txn_id bigint NOT NULL REFERENCES ledger_transactions (id),
    body bytea NOT NULL,
    xact xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
    CONSTRAINT ledger_unsealed_pkey PRIMARY KEY (txn_id)
);
CREATE INDEX ledger_unsealed_xact_idx ON ledger_unsealed (xact);
COMMENT ON TABLE ledger_unsealed IS
    'journal transactions waiting to be sealed into the hash chain, with their hash-chain body; emptied by every sealer';

-- UPDATE, DELETE and TRUNCATE of the journal are refused for every role,
-- the owner and superusers included.  (A superuser can still disable
-- triggers or set session_replication_role = replica; ledger_verify() then
-- detects any change through the hash chain.)
CREATE FUNCTION ledger_refuse_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'the ledger journal is append-only'
        USING ERRCODE = 'CD007',
              DETAIL = format('%s on %s is refused for every role.', TG_OP, TG_TABLE_NAME),
              HINT = 'Correct a mistake with a new, compensating transaction.';
END
$$;
COMMENT ON FUNCTION ledger_refuse_change() IS
    'trigger function that refuses UPDATE, DELETE and TRUNCATE on the journal tables';

CREATE TRIGGER ledger_transactions_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_transactions
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_postings_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_postings
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_chain_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_chain
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- pg_dump dumps the contents of extension tables only when told to.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_holdings', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_transactions', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_postings', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_chain', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_head', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_unsealed', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_transaction_id_seq', '');
-- ledger (2/6): the hash chain, its sealing, and the one function that
-- writes the journal
--
-- The hash chain and its encoding are stated once, in docs/ledger.md
-- ("Hash chain"); ledger_chain_body (src/pg_ledger.c) and
-- ledger_chain_hash below implement that statement.
--
-- Sealing.  A transaction does not link itself into the chain while it
-- commits (one row lock held through every commit would serialize all
-- ledger commits).  In READ COMMITTED, ledger_post tries the seal lock
-- (ledger_try_seal_lock) and, if it gets it, seals: it
-- takes every queued row of ledger_unsealed it can see (the committed
-- ones and its own earlier ones), adds its own transaction, orders them by
-- txn_id and appends them to the chain after ledger_head.  A transaction
-- that does not get the lock queues (txn_id, body) in ledger_unsealed for
-- the next sealer; nobody waits.  Correct because the lock is held to commit and
-- PostgreSQL makes a commit visible before it releases the committer's
-- locks: the next sealer's fresh READ COMMITTED snapshot sees everything
-- the previous sealer sealed, rows of transactions still in flight are
-- invisible to it (so it cannot take them), and a sealer that rolls back
-- puts the rows it took back.  The chain order is therefore the order of
-- sealing.  ledger_seal() and journal_head() wait for the lock and seal
-- everything committed; REPEATABLE READ and SERIALIZABLE transactions never
-- seal (their snapshot may be older than the chain head).

-- The ledger's advisory locks, one function each, so that no key is
-- written anywhere else.  The first key names the lock (0x43444c21,
-- 0x43444c22 and 0x43444c24: "CDL!", "CDL\"", "CDL$"; the orders' nonce
-- lock, 0x43444c23, is order_lock_nonce in 70_orders.sql); the lock order
-- is in docs/ledger.md ("Concurrency").  Plain SQL functions: the planner
-- inlines them.
-- ledger_lock_ref returns the ref, so that a PL/pgSQL caller takes the
-- lock in an assignment (a simple expression) rather than in a PERFORM
-- (a query of its own); a void is never NULL, so the CASE only orders
-- the lock before the value.
CREATE FUNCTION ledger_lock_ref(ref text) RETURNS text
LANGUAGE sql
RETURN CASE WHEN pg_catalog.pg_advisory_xact_lock(1128529921, pg_catalog.hashtext(ref)) IS NULL THEN NULL ELSE ref END;
COMMENT ON FUNCTION ledger_lock_ref(text) IS
    'internal: take the advisory lock of a ref and return the ref (idempotency: a second call with the same ref waits for the first)';

CREATE FUNCTION ledger_lock_asset_key(asset asset) RETURNS void
LANGUAGE sql
RETURN pg_catalog.pg_advisory_xact_lock(1128529922, pg_catalog.hashtext(asset::text));
COMMENT ON FUNCTION ledger_lock_asset_key(asset) IS
    'internal: take the advisory lock of an asset exclusively (a registration of the asset by an issuer)';

CREATE FUNCTION ledger_lock_asset_key_shared(asset asset) RETURNS void
LANGUAGE sql
RETURN pg_catalog.pg_advisory_xact_lock_shared(1128529922, pg_catalog.hashtext(asset::text));
COMMENT ON FUNCTION ledger_lock_asset_key_shared(asset) IS
    'internal: take the advisory lock of an asset shared (a deposit or withdrawal, against a concurrent registration)';

CREATE FUNCTION ledger_seal_lock() RETURNS void
LANGUAGE sql
RETURN pg_catalog.pg_advisory_xact_lock(1128529924, 0);
COMMENT ON FUNCTION ledger_seal_lock() IS
    'internal: wait for the seal lock of the hash chain';

CREATE FUNCTION ledger_try_seal_lock() RETURNS boolean
LANGUAGE sql
RETURN pg_catalog.pg_try_advisory_xact_lock(1128529924, 0);
COMMENT ON FUNCTION ledger_try_seal_lock() IS
    'internal: take the seal lock of the hash chain if it is free; never waits';

CREATE FUNCTION ledger_encode_amount(amount numeric) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_encode_amount(numeric) IS
    'hash-chain encoding of a signed amount: a sign byte (0x00 zero or positive, 0x01 negative) and the magnitude as 32 big-endian bytes';

CREATE FUNCTION ledger_encode_text(s text) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.int4send(pg_catalog.octet_length(pg_catalog.convert_to(s, 'UTF8')))
       || pg_catalog.convert_to(s, 'UTF8');
COMMENT ON FUNCTION ledger_encode_text(text) IS
    'hash-chain encoding of a string: its UTF-8 length as 4 big-endian bytes, then the UTF-8 bytes';

CREATE FUNCTION ledger_chain_body(kind text, ref text, asset asset,
    accounts eth_address[], assets asset[], amounts numeric[], request jsonb, result jsonb) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_chain_body(text, text, asset, eth_address[], asset[], numeric[], jsonb, jsonb) IS
    'the part of a journal transaction''s hash-chain encoding that follows the previous hash, the sequence number and the transaction id: kind, ref, asset, postings, request and result';

CREATE FUNCTION ledger_chain_hash(prev_hash bytea, seq bigint, txn_id bigint, body bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN @extschema@.keccak256(prev_hash || pg_catalog.int8send(seq) || pg_catalog.int8send(txn_id) || body);
COMMENT ON FUNCTION ledger_chain_hash(bytea, bigint, bigint, bytea) IS
    'one link of the journal''s hash chain: keccak256(previous hash || 8-byte big-endian position || 8-byte big-endian transaction id || body)';

CREATE FUNCTION ledger_chain_hashes(prev_hash bytea, seq bigint, txn_ids bigint[], bodies bytea[]) RETURNS bytea[]
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_chain_hashes(bytea, bigint, bigint[], bytea[]) IS
    'the links of a run of transactions appended after the head (seq, prev_hash): element i is ledger_chain_hash(link i - 1, seq + i, txn_ids[i], bodies[i])';

-- The head as stored: what has been sealed in this snapshot.
CREATE FUNCTION ledger_sealed_head(OUT seq bigint, OUT hash bytea)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT coalesce(h.seq, 0),
           coalesce(h.hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
      FROM (VALUES (true)) AS genesis(one)
      LEFT JOIN @extschema@.ledger_head h ON h.one = genesis.one;
END;
COMMENT ON FUNCTION ledger_sealed_head() IS
    'internal: the sealed head of the hash chain in the current snapshot (0 and 32 zero bytes before the first seal), without sealing';

CREATE FUNCTION ledger_system_identifier() RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_system_identifier() IS
    'internal: this cluster''s system identifier (as pg_control_system() reports it), which tells whose transaction ids the sealing watermark counts in';

-- The sealing step.  The caller holds the seal lock (ledger_seal_lock) and
-- runs in READ COMMITTED, so each statement below has a snapshot taken
-- after the previous sealer committed.  Rows are read through the xact
-- index from the watermark ledger_head.sealed_below on: every committed
-- transaction below it was visible to an earlier sealer, which sealed it.
-- The new watermark is the xmin of the DELETE's own snapshot, so every
-- committed transaction below it is visible to that DELETE.
-- The watermark is trusted only in the cluster that wrote it: a pg_dump
-- restored into another cluster brings the source's watermark and the
-- source's xact values in its waiting rows, xids of another history that
-- may lie above or below this cluster's, now or later.  So when
-- sealed_system is not this cluster's system identifier the sealer reads
-- the whole queue (restored rows included) and writes a watermark of its
-- own.  A watermark above the current xmin cannot be this history's
-- either (a file-level copy of the cluster keeps its identifier), and is
-- ignored the same way.
-- enable_seqscan is off because the queue is mostly dead rows between
-- vacuums and a sequential scan would read all of them on every seal.
-- One statement (the links computed by ledger_chain_hashes, in C): the
-- hot path of every transaction.
CREATE FUNCTION ledger_seal_waiting(p_txn_id bigint, p_body bytea, OUT seq bigint, OUT hash bytea)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off
AS $$
BEGIN
    WITH h AS (
        SELECT coalesce(l.seq, 0) AS seq,
               coalesce(l.hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea) AS hash,
               pg_snapshot_xmin(pg_current_snapshot()) AS xmin,
               CASE WHEN l.sealed_system = @extschema@.ledger_system_identifier()
                         AND l.sealed_below <= pg_snapshot_xmin(pg_current_snapshot()) THEN l.sealed_below
                    ELSE '0'::xid8 END AS low
          FROM (VALUES (true)) AS genesis(one)
          LEFT JOIN @extschema@.ledger_head l ON l.one = genesis.one
    ), d AS (
        DELETE FROM @extschema@.ledger_unsealed u WHERE u.xact >= (SELECT h.low FROM h)
        RETURNING u.txn_id, u.body
    ), w AS (
        SELECT h.seq, h.hash, h.xmin, x.ids, @extschema@.ledger_chain_hashes(h.hash, h.seq, x.ids, x.bodies) AS hashes
          FROM h, (SELECT array_agg(y.txn_id ORDER BY y.txn_id) AS ids, array_agg(y.body ORDER BY y.txn_id) AS bodies
                     FROM (SELECT d.txn_id, d.body FROM d
                           UNION ALL
                           SELECT p_txn_id, p_body WHERE p_txn_id IS NOT NULL) y) x
    ), c AS (
        INSERT INTO @extschema@.ledger_chain (seq, txn_id, hash)
        SELECT w.seq + u.i, u.t, u.h FROM w, unnest(w.ids, w.hashes) WITH ORDINALITY AS u(t, h, i)
    ), n AS (
        INSERT INTO @extschema@.ledger_head AS l (one, seq, hash, sealed_below, sealed_system)
        SELECT true, w.seq + cardinality(w.ids), w.hashes[cardinality(w.ids)], w.xmin,
               @extschema@.ledger_system_identifier()
          FROM w WHERE w.ids IS NOT NULL
        ON CONFLICT ON CONSTRAINT ledger_head_pkey DO UPDATE
            SET seq = excluded.seq, hash = excluded.hash, sealed_below = excluded.sealed_below,
                sealed_system = excluded.sealed_system
        RETURNING l.seq, l.hash
    )
    SELECT coalesce(n.seq, w.seq), coalesce(n.hash, w.hash) INTO seq, hash
      FROM w LEFT JOIN n ON true;
END
$$;
COMMENT ON FUNCTION ledger_seal_waiting(bigint, bytea) IS
    'internal: under the seal lock, append every waiting transaction this snapshot sees (and the caller''s transaction, when given) to the hash chain, in txn_id order, and return the new head';

-- True when this transaction may seal: READ COMMITTED (a fresh snapshot per
-- statement) and read-write.
CREATE FUNCTION ledger_can_seal() RETURNS boolean
LANGUAGE sql STABLE
RETURN pg_catalog.current_setting('transaction_isolation') = 'read committed'
   AND pg_catalog.current_setting('transaction_read_only') = 'off';
COMMENT ON FUNCTION ledger_can_seal() IS
    'internal: whether this transaction may seal the hash chain (READ COMMITTED and read-write)';

CREATE FUNCTION ledger_seal(OUT seq bigint, OUT hash bytea)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'the hash chain can only be sealed in a READ COMMITTED transaction'
            USING ERRCODE = 'CD011',
                  DETAIL = format('This transaction is %s: its snapshot can miss transactions that committed after it started.',
                                  upper(current_setting('transaction_isolation'))),
                  HINT = 'Call ledger_seal() in a transaction of its own at the default isolation level.';
    END IF;
    IF current_setting('transaction_read_only') = 'on' THEN
        RAISE EXCEPTION 'the hash chain cannot be sealed in a read-only transaction'
            USING ERRCODE = '25006',
                  DETAIL = 'Sealing appends to the chain.',
                  HINT = 'journal_head() returns the sealed head without writing.';
    END IF;
    PERFORM @extschema@.ledger_seal_lock();
    SELECT s.seq, s.hash INTO ledger_seal.seq, ledger_seal.hash FROM @extschema@.ledger_seal_waiting(NULL, NULL) s;
END
$$;
COMMENT ON FUNCTION ledger_seal() IS
    'seal every committed journal transaction into the hash chain, waiting for the seal lock, and return the new head; CD011 outside READ COMMITTED';

CREATE FUNCTION journal_head(OUT seq bigint, OUT hash bytea)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF @extschema@.ledger_can_seal() THEN
        SELECT s.seq, s.hash INTO journal_head.seq, journal_head.hash FROM @extschema@.ledger_seal() s;
    ELSE
        SELECT s.seq, s.hash INTO journal_head.seq, journal_head.hash FROM @extschema@.ledger_sealed_head() s;
    END IF;
END
$$;
COMMENT ON FUNCTION journal_head() IS
    'the sequence number and hash of the chain''s head (0 and 32 zero bytes before the first), for anchoring outside the database; in a READ COMMITTED read-write transaction it first seals every committed transaction';

-- The posting set of a ledger transaction, checked and grouped in one C
-- call (src/pg_ledger_postings.c): the non-zero postings, CD010 when they do
-- not sum to zero in an asset, CD008 when one holding is posted to with
-- two kinds, and the net change of each holding in lock order.
CREATE FUNCTION ledger_postings_normalize(accounts eth_address[], assets asset[], amounts numeric[], kinds text[],
    OUT posting_accounts eth_address[], OUT posting_assets asset[], OUT posting_amounts numeric[],
    OUT holding_accounts eth_address[], OUT holding_assets asset[], OUT holding_kinds text[],
    OUT holding_deltas numeric[])
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_postings_normalize(eth_address[], asset[], numeric[], text[]) IS
    'internal: the non-zero postings of a ledger transaction (amounts trimmed), and per (account, asset) in that order its net change and kind; CD010 when the postings of an asset do not sum to zero, CD008 when a holding is posted to with two kinds';

-- Apply a ledger transaction: the one place that writes holdings and the
-- journal.  The caller has validated the request, holds the ref lock and
-- any asset row locks; this function
--   1. drops zero postings and refuses an unbalanced set (CD010), in
--      ledger_postings_normalize,
--   2. creates the holdings that do not exist yet, at zero and in
--      (account, asset) order, before it locks any holding,
--   3. updates every holding in one statement, in (account, asset) order,
--      and raises CD002 when one of them would go negative,
--   4. appends the transaction and its postings, and then
--   5. in READ COMMITTED, tries the seal lock and, if it is free, seals
--      every waiting transaction it can see and itself; otherwise (or in
--      REPEATABLE READ / SERIALIZABLE) it queues itself in ledger_unsealed.
--      The try never waits, so no ledger transaction waits for another's
--      commit.
-- Lock order for the whole ledger (docs/ledger.md, "Concurrency"): ref
-- advisory lock, asset advisory lock, asset row, holdings in (account,
-- asset) order, and last the seal lock, only ever tried.  Every function
-- follows it, so there is no deadlock.
-- Steps 2 and 3 lock in that order because each reads the holdings arrays
-- (already in lock order) as the outer side of a nested loop, which
-- returns rows in the outer side's order; the SET clauses below leave the
-- planner no other join method and no scan that could reorder rows.  Step
-- 2 comes first so that step 3 never meets a missing row while it holds
-- locks: a first holding inserted after them could wait for a concurrent
-- inserter of the same key that itself waits for one of those locks.
-- Both are set-based: one statement per step instead of one per holding
-- (the executor re-reads the table's CHECK constraints from their stored
-- text for every statement).  force_generic_plan keeps the plan cache
-- from planning them anew on every call, which it would do because the
-- arrays are short.
CREATE FUNCTION ledger_post(p_kind text, p_ref text, p_asset asset, p_request jsonb, p_result jsonb,
    p_accounts eth_address[], p_assets asset[], p_amounts numeric[], p_kinds text[])
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_generic_plan
SET enable_hashjoin = off
SET enable_mergejoin = off
SET enable_seqscan = off
SET enable_bitmapscan = off
AS $$
DECLARE
    v_set record;
    v_account @extschema@.eth_address;
    v_asset @extschema@.asset;
    v_delta numeric;
    v_changed bigint[];
    v_have numeric;
    v_kind text;
    v_held_kind text;
    v_head record;
    v_body bytea;
    v_id bigint;
BEGIN
    -- 1. the postings checked, and their net change per holding in lock order
    v_set := @extschema@.ledger_postings_normalize(p_accounts, p_assets, p_amounts, p_kinds);

    -- 2. first holdings, at zero, in lock order; ON CONFLICT covers a
    -- concurrent first credit (it waits for that inserter's outcome)
    INSERT INTO @extschema@.ledger_holdings AS h (account, asset, amount, kind)
    SELECT u.a, u.s, 0, u.k
      FROM unnest(v_set.holding_accounts, v_set.holding_assets, v_set.holding_kinds) WITH ORDINALITY AS u(a, s, k, i)
     WHERE NOT EXISTS (SELECT FROM @extschema@.ledger_holdings x
                        WHERE x.account OPERATOR(@extschema@.=) u.a AND x.asset OPERATOR(@extschema@.=) u.s)
     ORDER BY u.i
    ON CONFLICT ON CONSTRAINT ledger_holdings_pkey DO NOTHING;

    -- 3. every holding, in lock order; a debit of a user or reserve
    -- account that its holding does not cover is left out, and reported;
    -- so is a holding of another kind than the posting's (a user posting
    -- to a system account that a concurrent registration just made one)
    WITH changed AS (
        UPDATE @extschema@.ledger_holdings h SET amount = h.amount + u.d
          FROM unnest(v_set.holding_accounts, v_set.holding_assets, v_set.holding_deltas, v_set.holding_kinds) WITH ORDINALITY AS u(a, s, d, k, i)
         WHERE h.account OPERATOR(@extschema@.=) u.a AND h.asset OPERATOR(@extschema@.=) u.s
           AND h.kind = u.k
           AND (h.amount + u.d >= 0 OR u.k IN ('issuance', 'world'))
        RETURNING u.i
    )
    SELECT array_agg(c.i) INTO v_changed FROM changed c;
    IF coalesce(cardinality(v_changed), 0) < cardinality(v_set.holding_accounts) THEN
        FOR i IN 1 .. cardinality(v_set.holding_accounts) LOOP
            CONTINUE WHEN i = ANY (v_changed);
            v_account := v_set.holding_accounts[i];
            v_asset := v_set.holding_assets[i];
            v_delta := v_set.holding_deltas[i];
            v_kind := v_set.holding_kinds[i];
            SELECT h.amount, h.kind INTO v_have, v_held_kind FROM @extschema@.ledger_holdings h
             WHERE h.account OPERATOR(@extschema@.=) v_account AND h.asset OPERATOR(@extschema@.=) v_asset;
            IF v_held_kind IS DISTINCT FROM v_kind THEN
                RAISE EXCEPTION 'account % is posted to as a % account but holds % as a % account',
                                v_account, v_kind, v_asset, coalesce(v_held_kind, 'missing')
                    USING ERRCODE = 'CD008',
                          DETAIL = 'A holding belongs to one kind of account; only the ledger itself posts to a system account.';
            END IF;
            RAISE EXCEPTION 'insufficient balance: account % holds % of %, needs %',
                            v_account, coalesce(v_have, 0), v_asset, -v_delta
                USING ERRCODE = 'CD002',
                      DETAIL = format('The %s is short by %s base units.', p_kind, -v_delta - coalesce(v_have, 0));
        END LOOP;
    END IF;

    -- 4. the transaction and its postings, in one statement (the postings'
    -- foreign key is checked at its end)
    v_id := nextval('@extschema@.ledger_transaction_id_seq');
    WITH t AS (
        INSERT INTO @extschema@.ledger_transactions (id, ref, kind, asset, request, result)
        VALUES (v_id, p_ref, p_kind, p_asset, p_request, p_result)
    )
    INSERT INTO @extschema@.ledger_postings (txn_id, n, account, asset, amount)
    SELECT v_id, u.i, u.a, u.s, u.x
      FROM unnest(v_set.posting_accounts, v_set.posting_assets, v_set.posting_amounts) WITH ORDINALITY AS u(a, s, x, i);
    v_body := @extschema@.ledger_chain_body(p_kind, p_ref, p_asset, v_set.posting_accounts, v_set.posting_assets,
                                            v_set.posting_amounts, p_request, p_result);

    -- seal (this transaction and whatever committed is waiting) if the seal
    -- lock is free; otherwise queue this transaction for the current sealer
    -- or the next one, which takes it once it has committed
    IF current_setting('transaction_isolation') = 'read committed' THEN
        IF @extschema@.ledger_try_seal_lock() THEN
            v_head := @extschema@.ledger_seal_waiting(v_id, v_body);
            RETURN v_id;
        END IF;
    END IF;
    INSERT INTO @extschema@.ledger_unsealed (txn_id, body) VALUES (v_id, v_body);
    RETURN v_id;
END
$$;
COMMENT ON FUNCTION ledger_post(text, text, asset, jsonb, jsonb, eth_address[], asset[], numeric[], text[]) IS
    'internal: apply a balanced set of postings to the holdings in lock order, append it to the journal and queue it for the hash chain (sealing when the seal lock is free)';
-- ledger (3/6): argument checks, idempotency by ref, deposit / withdraw /
-- transfer, balances and the journal views

-- The core's transaction kinds (the registry is in 60_ledger_schema.sql).
INSERT INTO ledger_transaction_kinds (kind, description) VALUES
    ('deposit', 'an amount brought in from outside the ledger: world to account'),
    ('withdraw', 'an amount taken out of the ledger: account to world'),
    ('transfer', 'an amount moved from one account to another');

-- Raise 22004 naming the first argument that is NULL.  The mutating
-- functions are not STRICT on purpose: a NULL argument must be an error,
-- not a silently skipped call that returns NULL.  The checks of every
-- call are C (src/pg_ledger_checks.c): in PL/pgSQL each was a function
-- call with a SET clause and statements of its own.  ledger_check_not_null
-- returns true, so that a caller can check in an assignment (a simple
-- expression) rather than in a PERFORM (a query of its own).
CREATE FUNCTION ledger_check_not_null(names text[], is_null boolean[]) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_check_not_null(text[], boolean[]) IS
    'internal: raise 22004 naming the first argument that is NULL; true otherwise';

CREATE FUNCTION ledger_raise_null(name text, value anyelement) RETURNS anyelement
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION '% must not be null', name USING ERRCODE = '22004';
END
$$;
COMMENT ON FUNCTION ledger_raise_null(text, anyelement) IS
    'internal: raise 22004 naming an argument that is NULL';

-- An amount moved by the ledger: a whole number of base units in
-- 1 .. 2^256 - 1, returned without trailing zeros (what the journal
-- records, so that the request a ref replays compares equal).  A plain
-- SQL expression, which the planner inlines into the caller's.
-- Its C part, shared with ledger_check_limit; ledger_raise_null is the
-- NULL case, which the C part, being STRICT, cannot see.
CREATE FUNCTION ledger_amount_checked(name text, amount numeric, is_limit boolean) RETURNS numeric
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_amount_checked(text, numeric, boolean) IS
    'internal: ledger_check_amount, or with is_limit ledger_check_limit, for a value that is not NULL';

CREATE FUNCTION ledger_check_amount(name text, amount numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(@extschema@.ledger_amount_checked(name, amount, false), @extschema@.ledger_raise_null(name, amount));
COMMENT ON FUNCTION ledger_check_amount(text, numeric) IS
    'internal: the amount without trailing zeros; raise unless it is a whole number of base units between 1 and 2^256 - 1 (CD005 when not positive)';

-- A slippage limit (max_cost, min_proceeds, min_out, ...): a whole number
-- in 0 .. 2^256 - 1, like the amounts it is compared with; returned without
-- trailing zeros, so that the request a ref replays compares equal.  The
-- upper bound refuses Infinity, which would otherwise pass as "no limit".
CREATE FUNCTION ledger_check_limit(name text, amount numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(@extschema@.ledger_amount_checked(name, amount, true), @extschema@.ledger_raise_null(name, amount));
COMMENT ON FUNCTION ledger_check_limit(text, numeric) IS
    'internal: a slippage limit without trailing zeros; 22023 unless it is a whole number from 0 to 2^256 - 1';

-- User accounts may not be system accounts: nobody may spend from or pay
-- into the world, issuance, a curve reserve or a pool account except the
-- ledger itself.  One lookup in the registry (60_ledger_schema.sql) covers
-- every kind; this check runs in every call.  It returns the account, so
-- that a caller checks in an assignment rather than in a PERFORM.
CREATE FUNCTION ledger_check_user_account(name text, account eth_address) RETURNS eth_address
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_kind text;
BEGIN
    IF account IS NULL THEN
        RAISE EXCEPTION '% must not be null', name USING ERRCODE = '22004';
    END IF;
    SELECT r.description INTO v_kind FROM @extschema@.ledger_system_accounts r
     WHERE r.account OPERATOR(@extschema@.=) ledger_check_user_account.account;
    IF v_kind IS NOT NULL THEN
        RAISE EXCEPTION '% % is a system account', name, account
            USING ERRCODE = 'CD008',
                  DETAIL = format('%s is %s; only the ledger itself posts to it.', account, v_kind);
    END IF;
    RETURN account;
END
$$;
COMMENT ON FUNCTION ledger_check_user_account(text, eth_address) IS
    'internal: the account; raise CD008 when an account argument is one of the ledger''s system accounts';

-- The same for a set of accounts, such as the recipients of a royalty
-- split: CD008 naming the first system account among them and its kind.
-- Every path by which a split enters the ledger calls it (register_asset,
-- propose_change, approve_change), so no royalty is ever paid to a system
-- account.
CREATE FUNCTION ledger_check_user_accounts(name text, accounts eth_address[]) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s record;
BEGIN
    SELECT u.account, r.description INTO s
      FROM unnest(accounts) WITH ORDINALITY AS u(account, i)
      JOIN @extschema@.ledger_system_accounts r ON r.account OPERATOR(@extschema@.=) u.account
     ORDER BY u.i
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% % is a system account', name, s.account
            USING ERRCODE = 'CD008',
                  DETAIL = format('%s is %s; only the ledger itself posts to it.', s.account, s.description),
                  HINT = 'Royalties and payments go to user accounts.';
    END IF;
END
$$;
COMMENT ON FUNCTION ledger_check_user_accounts(text, eth_address[]) IS
    'internal: raise CD008 naming the first of a set of accounts (a split''s recipients) that is a system account, and its kind';

CREATE FUNCTION ledger_ref_checked(ref text) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_ref_checked(text) IS
    'internal: a caller-given ref; 22023 when it is empty or longer than 255 bytes';

-- Idempotency by ref.  Take the ref's advisory lock (so a concurrent call
-- with the same ref waits for the first to commit or roll back), then look
-- the ref up: NULL when it is new, the original result (with txn_id) when
-- it was used with the same arguments, CD004 naming every differing field
-- otherwise.  The lock is the first the ledger takes (lock order).
CREATE FUNCTION ledger_replay(p_kind text, p_ref text, p_request jsonb) RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
    v_fields text;
    v_detail text;
BEGIN
    -- every caller-given ref passes here: checked (22004; 22023 when empty
    -- or over 255 bytes, docs/ledger.md, "Idempotency"), locked (apart, so
    -- that the planner inlines ledger_lock_ref on a plain variable), then
    -- looked up in a statement of its own, whose snapshot sees a call with
    -- the same ref that committed while this one waited
    p_ref := coalesce(@extschema@.ledger_ref_checked(p_ref), @extschema@.ledger_raise_null('ref', p_ref));
    p_ref := @extschema@.ledger_lock_ref(p_ref);
    SELECT l.id, l.kind, l.request, l.result INTO t
      FROM @extschema@.ledger_transactions l WHERE l.ref = p_ref;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF t.kind <> p_kind THEN
        RAISE EXCEPTION 'ref "%" was already used by another function', p_ref
            USING ERRCODE = 'CD004',
                  DETAIL = format('Journal transaction %s used this ref for %s, not %s.', t.id, t.kind, p_kind),
                  HINT = 'Use a new ref for a new operation.';
    END IF;
    SELECT string_agg(k, ', ' ORDER BY k),
           string_agg(format('%s was %s, now %s', k, coalesce(t.request -> k, 'null'),
                             coalesce(p_request -> k, 'null')), '; ' ORDER BY k)
      INTO v_fields, v_detail
      FROM (SELECT jsonb_object_keys(p_request) UNION SELECT jsonb_object_keys(t.request)) AS keys(k)
     WHERE (t.request -> k) IS DISTINCT FROM (p_request -> k);
    IF v_fields IS NOT NULL THEN
        RAISE EXCEPTION 'ref "%" was already used with a different %', p_ref, v_fields
            USING ERRCODE = 'CD004',
                  DETAIL = format('Journal transaction %s used this ref: %s.', t.id, v_detail),
                  HINT = 'Retry with exactly the original arguments, or use a new ref for a new operation.';
    END IF;
    RETURN t.result || jsonb_build_object('txn_id', t.id);
END
$$;
COMMENT ON FUNCTION ledger_replay(text, text, jsonb) IS
    'internal: lock a ref and return the original result of its call (NULL when new); CD004 when the arguments differ';

-- The postings of a payment through a royalty split, in a currency: one
-- credit per recipient (split_distribute, with the distributor's fee to
-- the distributor), all of kind user; none for an amount of zero.  Every
-- caller (buy, sell, distribute, an approved curve change) adds its own
-- debit and passes the arrays to ledger_post.  C (src/pg_ledger_postings.c):
-- in PL/pgSQL it was a query over split_distribute in every trade.
CREATE FUNCTION ledger_split_postings(split royalty_split, amount numeric, distributor eth_address, currency asset,
    OUT accounts eth_address[], OUT assets asset[], OUT amounts numeric[], OUT kinds text[])
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION ledger_split_postings(royalty_split, numeric, eth_address, asset) IS
    'internal: the credits of a payment through a royalty split (recipients, currency, shares, kind user); none when the amount is zero';

-- A creator that is not idempotent by ref (register_asset, pool_create:
-- its ref is derived from what it creates, and a second call is an
-- error of its own) still must not take a ref another function used:
-- CD004.  The caller holds the ref's lock.
CREATE FUNCTION ledger_refuse_used_ref(ref text, kind text) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
BEGIN
    SELECT l.id, l.kind INTO t FROM @extschema@.ledger_transactions l WHERE l.ref = ledger_refuse_used_ref.ref;
    IF FOUND THEN
        RAISE EXCEPTION 'ref "%" was already used by another function', ref
            USING ERRCODE = 'CD004',
                  DETAIL = format('Journal transaction %s used this ref for %s, not %s.', t.id, t.kind, kind);
    END IF;
END
$$;
COMMENT ON FUNCTION ledger_refuse_used_ref(text, text) IS
    'internal: raise CD004 when a ref that a non-idempotent creator derives was already used by another function';

-- Deposits and withdrawals of an asset the ledger issues itself (on a
-- bonding curve, a pool's LP share) would break supply = the sum of the
-- holdings; refuse them, and assets of a namespace an issuer reserves,
-- with the issuer's own refusal (ledger_issuers).  One lookup, whatever
-- the issuer.  The shared asset lock orders this check against a
-- concurrent registration, which takes it exclusively.
CREATE FUNCTION ledger_check_not_issued(asset asset, operation text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
BEGIN
    PERFORM @extschema@.ledger_lock_asset_key_shared(asset);
    SELECT i.sqlstate, format(i.message, ledger_check_not_issued.asset, a.description) AS message,
           format(i.detail, ledger_check_not_issued.operation) AS detail, NULL::text AS hint
      INTO r
      FROM @extschema@.ledger_issued_assets a
      JOIN @extschema@.ledger_issuers i ON i.issuer = a.issuer
     WHERE a.asset OPERATOR(@extschema@.=) ledger_check_not_issued.asset;
    IF NOT FOUND THEN
        SELECT i.sqlstate, format(i.reserved_message, ledger_check_not_issued.asset) AS message,
               format(i.reserved_detail, ledger_check_not_issued.operation) AS detail, i.reserved_hint AS hint
          INTO r
          FROM @extschema@.ledger_issuers i
         WHERE i.reserved_prefix IS NOT NULL AND starts_with(ledger_check_not_issued.asset::text, i.reserved_prefix)
         ORDER BY i.issuer LIMIT 1;
    END IF;
    IF r.hint IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = r.sqlstate, MESSAGE = r.message, DETAIL = r.detail, HINT = r.hint;
    ELSIF r.sqlstate IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = r.sqlstate, MESSAGE = r.message, DETAIL = r.detail;
    END IF;
END
$$;
COMMENT ON FUNCTION ledger_check_not_issued(asset, text) IS
    'internal: raise the issuer''s error (CD009 for a curve, CD044 for an LP share) when a deposit, withdrawal or registration names an asset the ledger issues itself, or one of a namespace an issuer reserves';

-- The shared body of deposit, withdraw and transfer: an amount of an
-- asset from one account to another, each given with its argument name
-- and kind.  The arguments are checked in the order of the callers'
-- signatures: the user accounts (22004, CD008), asset and ref (22004),
-- the amount, then that the two accounts differ; each in an assignment,
-- a simple expression with no query of its own but the system-account
-- lookup.  Then the ref is claimed (a replay returns the journal's
-- result); a move across the ledger's boundary (issued_operation names
-- it: 'deposit', 'withdrawal') refuses an asset the ledger issues itself;
-- and the amount is posted.  The request names the user accounts by
-- their argument names.
CREATE FUNCTION ledger_move(kind text, ref text, asset asset, amount numeric,
    from_name text, from_account eth_address, from_kind text, to_name text, to_account eth_address, to_kind text,
    issued_operation text, OUT txn_id bigint, OUT moved numeric)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_request jsonb;
    v_result jsonb;
BEGIN
    IF from_kind = 'user' THEN
        from_account := @extschema@.ledger_check_user_account(from_name, from_account);
    END IF;
    IF to_kind = 'user' THEN
        to_account := @extschema@.ledger_check_user_account(to_name, to_account);
    END IF;
    amount := CASE WHEN @extschema@.ledger_check_not_null(ARRAY['asset', 'ref'], ARRAY[asset IS NULL, ref IS NULL])
                   THEN @extschema@.ledger_check_amount('amount', amount) END;
    IF from_account OPERATOR(@extschema@.=) to_account THEN
        RAISE EXCEPTION '% and % are the same account', from_name, to_name
            USING ERRCODE = '22023', DETAIL = format('Both are %s.', from_account);
    END IF;
    v_request := jsonb_build_object('asset', asset::text, 'amount', amount)
        || CASE WHEN from_kind = 'user' THEN jsonb_build_object(from_name, from_account::text) ELSE '{}' END
        || CASE WHEN to_kind = 'user' THEN jsonb_build_object(to_name, to_account::text) ELSE '{}' END;
    v_result := @extschema@.ledger_replay(kind, ref, v_request);
    IF v_result IS NOT NULL THEN
        SELECT x.* INTO txn_id, moved FROM jsonb_to_record(v_result) AS x(txn_id bigint, moved numeric);
        RETURN;
    END IF;
    IF issued_operation IS NOT NULL THEN
        PERFORM @extschema@.ledger_check_not_issued(asset, issued_operation);
    END IF;
    moved := amount;
    txn_id := @extschema@.ledger_post(kind, ref, asset, v_request, jsonb_build_object('moved', moved),
        ARRAY[from_account, to_account], ARRAY[asset, asset], ARRAY[-amount, amount], ARRAY[from_kind, to_kind]);
END
$$;
COMMENT ON FUNCTION ledger_move(text, text, asset, numeric, text, eth_address, text, text, eth_address, text, text) IS
    'internal: the body of deposit, withdraw and transfer: check the arguments, replay by ref, or post the amount from one account to the other';

CREATE FUNCTION deposit(account eth_address, asset asset, amount numeric, ref text,
    OUT txn_id bigint, OUT moved numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m record;
BEGIN
    m := @extschema@.ledger_move('deposit', ref, asset, amount,
        'world', @extschema@.ledger_world_account(), 'world', 'account', account, 'user', 'deposit');
    txn_id := m.txn_id;
    moved := m.moved;
END
$$;
COMMENT ON FUNCTION deposit(eth_address, asset, numeric, text) IS
    'credit an account with an amount of an asset brought in from outside the ledger (from the world account); idempotent by ref';

CREATE FUNCTION withdraw(account eth_address, asset asset, amount numeric, ref text,
    OUT txn_id bigint, OUT moved numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m record;
BEGIN
    m := @extschema@.ledger_move('withdraw', ref, asset, amount,
        'account', account, 'user', 'world', @extschema@.ledger_world_account(), 'world', 'withdrawal');
    txn_id := m.txn_id;
    moved := m.moved;
END
$$;
COMMENT ON FUNCTION withdraw(eth_address, asset, numeric, text) IS
    'debit an account by an amount of an asset taken out of the ledger (to the world account); CD002 when the balance is short; idempotent by ref';

CREATE FUNCTION transfer(from_account eth_address, to_account eth_address, asset asset, amount numeric, ref text,
    OUT txn_id bigint, OUT moved numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m record;
BEGIN
    m := @extschema@.ledger_move('transfer', ref, asset, amount,
        'from_account', from_account, 'user', 'to_account', to_account, 'user', NULL);
    txn_id := m.txn_id;
    moved := m.moved;
END
$$;
COMMENT ON FUNCTION transfer(eth_address, eth_address, asset, numeric, text) IS
    'move an amount of an asset from one account to another; CD002 when the balance is short; idempotent by ref';

CREATE FUNCTION balance(account eth_address, asset asset) RETURNS numeric
LANGUAGE sql STABLE STRICT
BEGIN ATOMIC
    SELECT coalesce((SELECT h.amount FROM @extschema@.ledger_holdings h
                      WHERE h.account = balance.account AND h.asset = balance.asset), 0);
END;
COMMENT ON FUNCTION balance(eth_address, asset) IS
    'the amount of an asset an account holds, in base units (0 when it never held any)';

CREATE FUNCTION holdings(account eth_address) RETURNS TABLE(asset asset, amount numeric)
LANGUAGE sql STABLE STRICT
BEGIN ATOMIC
    SELECT h.asset, h.amount FROM @extschema@.ledger_holdings h
     WHERE h.account = holdings.account AND h.amount <> 0
     ORDER BY h.asset;
END;
COMMENT ON FUNCTION holdings(eth_address) IS
    'every asset an account holds a non-zero amount of, in asset order';

CREATE VIEW ledger_account_journal AS
SELECT p.account, p.asset, t.id AS txn_id, p.n, t.kind, t.ref, p.amount,
       sum(p.amount) OVER (PARTITION BY p.account, p.asset ORDER BY t.id, p.n) AS balance_after,
       t.created_at
  FROM ledger_postings p
  JOIN ledger_transactions t ON t.id = p.txn_id;
COMMENT ON VIEW ledger_account_journal IS
    'the journal per account: each posting to an account with its transaction and the running balance after it (filter by account)';

CREATE VIEW ledger_asset_journal AS
SELECT t.asset AS subject, t.id AS txn_id, t.kind, t.ref, p.n, p.account, p.asset, p.amount, t.created_at
  FROM ledger_transactions t
  LEFT JOIN ledger_postings p ON p.txn_id = t.id;
COMMENT ON VIEW ledger_asset_journal IS
    'the journal per asset: every transaction whose subject is an asset, with its postings (filter by subject)';
-- ledger (4/6): assets on bonding curves: register_asset, buy, sell, distribute

-- The market's rows in the core's registries (60_ledger_schema.sql): the
-- reserve accounts, its transaction kinds, and the bonding curve as an
-- issuer (its assets are never deposited or withdrawn: CD009).
INSERT INTO ledger_account_kinds (kind, description) VALUES
    ('reserve', 'the curve reserve of a registered asset, in its currency');
INSERT INTO ledger_transaction_kinds (kind, description) VALUES
    ('register', 'an asset put on a bonding curve'),
    ('buy', 'units bought on a curve: cost to the reserve, royalty through the split'),
    ('sell', 'units sold back to a curve: proceeds from the reserve, royalty through the split'),
    ('distribute', 'revenue paid through an asset''s royalty split');
INSERT INTO ledger_issuers (issuer, sqlstate, message, detail) VALUES
    ('curve', 'CD009', 'asset %s is issued by %s',
     'Units of a registered asset enter and leave the ledger only through buy and sell, so it cannot be the subject of a %s.');

-- Registered assets.  supply and reserve change only through buy and sell,
-- under this row's lock; curve, split and royalty_bps only through an
-- approved proposal, and the other fields never (75_approvals.sql refuses
-- anything else, CD012, and ledger_verify() replays them from the journal).
-- fillfactor 85 keeps room in each page for those updates to stay on it
-- (HOT), without new entries in the table's two unique indexes.
CREATE TABLE ledger_assets (
    asset asset NOT NULL,
    currency asset NOT NULL,
    curve bonding_curve NOT NULL,
    split royalty_split NOT NULL,
    creator eth_address NOT NULL,
    royalty_bps integer NOT NULL,
    supply numeric NOT NULL DEFAULT 0,
    reserve numeric NOT NULL DEFAULT 0,
    reserve_account eth_address NOT NULL,
    content_hash bytea,
    metadata jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    txn_id bigint NOT NULL REFERENCES ledger_transactions (id),
    CONSTRAINT ledger_assets_pkey PRIMARY KEY (asset),
    CONSTRAINT ledger_assets_reserve_account_key UNIQUE (reserve_account),
    CONSTRAINT ledger_assets_royalty_bps CHECK (royalty_bps BETWEEN 0 AND 10000),
    CONSTRAINT ledger_assets_supply CHECK (supply >= '0'::numeric AND min_scale(supply) = 0),
    CONSTRAINT ledger_assets_reserve CHECK (reserve >= '0'::numeric AND min_scale(reserve) = 0),
    CONSTRAINT ledger_assets_currency CHECK (currency <> asset)
) WITH (fillfactor = 85);
COMMENT ON TABLE ledger_assets IS
    'assets registered on a bonding curve: currency, curve, royalty split and rate, supply, reserve and provenance';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_assets', '');

-- Register a new system account (a curve's reserve, a pool's account).
-- Its address is derived from public names, so anyone could have paid it
-- before it became a system account, by a deposit, a transfer or a
-- royalty; user-kind balances or split payments at a system account would
-- break the accounts, reserve and pool invariants for good.  So the
-- account must hold nothing and be paid by no registered split: CD008
-- otherwise.  Zero holdings left by earlier activity are removed, so that
-- the ledger creates them anew with the system kind.  The caller holds the
-- asset lock of what it registers.
CREATE FUNCTION ledger_register_system_account(account eth_address, kind text, description text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    h record;
    v_asset @extschema@.asset;
BEGIN
    SELECT x.asset, x.amount INTO h FROM @extschema@.ledger_holdings x
     WHERE x.account OPERATOR(@extschema@.=) ledger_register_system_account.account AND x.amount <> 0
     ORDER BY x.asset LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'account % is already in use as a user account', account
            USING ERRCODE = 'CD008',
                  DETAIL = format('%s would become %s, but it holds %s of %s.', account, description, h.amount, h.asset),
                  HINT = 'Move its holdings to another account first; a system account starts empty.';
    END IF;
    SELECT a.asset INTO v_asset FROM @extschema@.ledger_assets a
     WHERE @extschema@.split_has_recipient(a.split, ledger_register_system_account.account)
     ORDER BY a.asset LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'account % is already in use as a user account', account
            USING ERRCODE = 'CD008',
                  DETAIL = format('%s would become %s, but the royalty split of %s pays it.', account, description, v_asset),
                  HINT = 'Change that split through an approved proposal first.';
    END IF;
    DELETE FROM @extschema@.ledger_holdings x WHERE x.account OPERATOR(@extschema@.=) ledger_register_system_account.account;
    INSERT INTO @extschema@.ledger_system_accounts (account, kind, description)
    VALUES (account, kind, description);
END
$$;
COMMENT ON FUNCTION ledger_register_system_account(eth_address, text, text) IS
    'internal: add an account to the registry of system accounts; CD008 when it already holds funds or a registered split pays it';

CREATE FUNCTION register_asset(asset asset, currency asset, curve bonding_curve, split royalty_split,
    creator eth_address, royalty_bps integer DEFAULT 0, content_hash bytea DEFAULT NULL,
    metadata jsonb DEFAULT '{}', OUT txn_id bigint, OUT reserve_account eth_address)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_ref text;
    v_request jsonb;
    t record;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(
        ARRAY['asset', 'currency', 'curve', 'split', 'royalty_bps', 'metadata'],
        ARRAY[asset IS NULL, currency IS NULL, curve IS NULL, split IS NULL, royalty_bps IS NULL, metadata IS NULL]);
    IF creator IS NULL THEN
        RAISE EXCEPTION 'creator must not be null' USING ERRCODE = '22004';
    END IF;
    IF royalty_bps NOT BETWEEN 0 AND 10000 THEN
        RAISE EXCEPTION 'royalty_bps must be between 0 and 10000'
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', royalty_bps);
    END IF;
    IF currency OPERATOR(@extschema@.=) asset THEN
        RAISE EXCEPTION 'an asset cannot be its own currency'
            USING ERRCODE = '22023', DETAIL = format('Both are %s.', asset);
    END IF;
    IF jsonb_typeof(metadata) <> 'object' THEN
        RAISE EXCEPTION 'metadata must be a JSON object'
            USING ERRCODE = '22023', DETAIL = format('It is a JSON %s.', jsonb_typeof(metadata));
    END IF;

    -- lock order: the ref, then the asset (exclusive: no deposit of it may
    -- run concurrently)
    v_ref := 'register:' || asset::text;
    PERFORM @extschema@.ledger_lock_ref(v_ref);
    PERFORM @extschema@.ledger_lock_asset_key(asset);
    SELECT a.txn_id INTO t FROM @extschema@.ledger_assets a
     WHERE a.asset OPERATOR(@extschema@.=) register_asset.asset;
    IF FOUND THEN
        RAISE EXCEPTION 'asset % is already registered', asset
            USING ERRCODE = 'CD006',
                  DETAIL = format('It was registered by journal transaction %s.', t.txn_id);
    END IF;
    PERFORM @extschema@.ledger_refuse_used_ref(v_ref, 'register');
    IF EXISTS (SELECT 1 FROM @extschema@.ledger_holdings h WHERE h.asset OPERATOR(@extschema@.=) register_asset.asset) THEN
        RAISE EXCEPTION 'asset % already has balances in the ledger', asset
            USING ERRCODE = 'CD009',
                  DETAIL = 'A bonding curve issues every unit of its asset, so the asset must be new to the ledger.';
    END IF;
    -- an asset another issuer issues (an LP share of a pool that has no
    -- deposits yet has no balances either) or reserves
    PERFORM @extschema@.ledger_check_not_issued(register_asset.asset, 'registration on a bonding curve');

    reserve_account := @extschema@.ledger_reserve_account(asset);
    PERFORM @extschema@.ledger_register_system_account(reserve_account, 'reserve', 'the reserve account of ' || asset::text);
    -- after the registration, so that a creator or a split paying this
    -- asset's own reserve is refused too
    PERFORM @extschema@.ledger_check_user_account('creator', creator);
    PERFORM @extschema@.ledger_check_user_accounts('split recipient', @extschema@.split_recipients(split));
    v_request := jsonb_build_object('asset', asset::text, 'currency', currency::text, 'curve', curve::text,
        'split', split::text, 'creator', creator::text, 'royalty_bps', royalty_bps,
        'content_hash', content_hash, 'metadata', metadata);
    txn_id := @extschema@.ledger_post('register', v_ref, asset, v_request,
        jsonb_build_object('reserve_account', reserve_account::text), '{}', '{}', '{}', '{}');
    INSERT INTO @extschema@.ledger_issued_assets (asset, issuer, description)
    VALUES (asset, 'curve', 'its bonding curve');
    INSERT INTO @extschema@.ledger_assets (asset, currency, curve, split, creator, royalty_bps,
        reserve_account, content_hash, metadata, txn_id)
    VALUES (asset, currency, curve, split, creator, royalty_bps, reserve_account, content_hash, metadata, txn_id);
END
$$;
COMMENT ON FUNCTION register_asset(asset, asset, bonding_curve, royalty_split, eth_address, integer, bytea, jsonb) IS
    'put a new asset on a bonding curve, priced in a currency asset, with a royalty split and rate; CD006 when already registered';

-- The royalty on a price: ceil(price * royalty_bps / 10000), exact.
CREATE FUNCTION ledger_royalty(price numeric, royalty_bps integer) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN div(price * royalty_bps + 9999, 10000);
COMMENT ON FUNCTION ledger_royalty(numeric, integer) IS
    'the royalty the ledger charges on a trade: ceil(price * royalty_bps / 10000), in exact integer arithmetic';

-- Lock a registered asset's row (CD001 when it is not registered): mode
-- 'update' for a trade or an applied change, which change the row; 'share'
-- for what only reads the row and must not run while an approved change
-- applies (distribute, propose_change), so that it sees the row before or
-- after the change, never during it.
CREATE FUNCTION ledger_lock_asset(asset asset, mode text DEFAULT 'update') RETURNS ledger_assets
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    a @extschema@.ledger_assets;
BEGIN
    IF mode = 'share' THEN
        SELECT * INTO a FROM @extschema@.ledger_assets la WHERE la.asset OPERATOR(@extschema@.=) ledger_lock_asset.asset FOR SHARE;
    ELSE
        SELECT * INTO a FROM @extschema@.ledger_assets la WHERE la.asset OPERATOR(@extschema@.=) ledger_lock_asset.asset FOR UPDATE;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown asset %', asset
            USING ERRCODE = 'CD001',
                  DETAIL = 'The asset is not registered in the ledger.',
                  HINT = 'register_asset puts an asset on a bonding curve.';
    END IF;
    RETURN a;
END
$$;
COMMENT ON FUNCTION ledger_lock_asset(asset, text) IS
    'internal: lock a registered asset''s row (mode update or share) and return it; CD001 when it is unknown';

CREATE FUNCTION buy(asset asset, buyer eth_address, amount numeric, max_cost numeric, ref text,
    OUT txn_id bigint, OUT bought numeric, OUT cost numeric, OUT royalty numeric, OUT paid numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_request jsonb;
    v_result jsonb;
    a @extschema@.ledger_assets;
    r record;
BEGIN
    buyer := CASE WHEN @extschema@.ledger_check_not_null(ARRAY['asset', 'ref'], ARRAY[asset IS NULL, ref IS NULL])
                  THEN @extschema@.ledger_check_user_account('buyer', buyer) END;
    amount := @extschema@.ledger_check_amount('amount', amount);
    max_cost := @extschema@.ledger_check_limit('max_cost', max_cost);
    v_request := jsonb_build_object('asset', asset::text, 'buyer', buyer::text, 'amount', amount, 'max_cost', max_cost);
    v_result := @extschema@.ledger_replay('buy', ref, v_request);
    IF v_result IS NOT NULL THEN
        SELECT x.* INTO txn_id, bought, cost, royalty, paid
          FROM jsonb_to_record(v_result) AS x(txn_id bigint, bought numeric, cost numeric, royalty numeric, paid numeric);
        RETURN;
    END IF;
    a := @extschema@.ledger_lock_asset(asset);
    cost := trim_scale(@extschema@.curve_buy_cost(a.curve, a.supply, amount));
    royalty := @extschema@.ledger_royalty(cost, a.royalty_bps);
    paid := cost + royalty;
    IF paid > max_cost THEN
        RAISE EXCEPTION 'slippage exceeded: buying % of % costs %, % more than max_cost %',
                        amount, asset, paid, paid - max_cost, max_cost
            USING ERRCODE = 'CD003',
                  DETAIL = format('The curve price is %s and the royalty %s at supply %s. Nothing was applied.',
                                  cost, royalty, a.supply);
    END IF;
    bought := amount;
    r := @extschema@.ledger_split_postings(a.split, royalty, buyer, a.currency);
    UPDATE @extschema@.ledger_assets la SET supply = la.supply + amount, reserve = la.reserve + cost
     WHERE la.asset OPERATOR(@extschema@.=) a.asset;
    txn_id := @extschema@.ledger_post('buy', ref, asset, v_request,
        jsonb_build_object('bought', bought, 'cost', cost, 'royalty', royalty, 'paid', paid),
        ARRAY[buyer, a.reserve_account] || r.accounts || ARRAY[@extschema@.ledger_issuance_account(), buyer],
        ARRAY[a.currency, a.currency] || r.assets || ARRAY[asset, asset],
        ARRAY[-paid, cost] || r.amounts || ARRAY[-amount, amount],
        ARRAY['user', 'reserve'] || r.kinds || ARRAY['issuance', 'user']);
END
$$;
COMMENT ON FUNCTION buy(asset, eth_address, numeric, numeric, text) IS
    'buy units of a registered asset on its bonding curve: pay the curve cost (to the reserve) plus the royalty (through the split) in the currency; CD003 above max_cost; idempotent by ref';

CREATE FUNCTION sell(asset asset, seller eth_address, amount numeric, min_proceeds numeric, ref text,
    OUT txn_id bigint, OUT sold numeric, OUT proceeds numeric, OUT royalty numeric, OUT received numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_request jsonb;
    v_result jsonb;
    a @extschema@.ledger_assets;
    r record;
BEGIN
    seller := CASE WHEN @extschema@.ledger_check_not_null(ARRAY['asset', 'ref'], ARRAY[asset IS NULL, ref IS NULL])
                  THEN @extschema@.ledger_check_user_account('seller', seller) END;
    amount := @extschema@.ledger_check_amount('amount', amount);
    min_proceeds := @extschema@.ledger_check_limit('min_proceeds', min_proceeds);
    v_request := jsonb_build_object('asset', asset::text, 'seller', seller::text, 'amount', amount, 'min_proceeds', min_proceeds);
    v_result := @extschema@.ledger_replay('sell', ref, v_request);
    IF v_result IS NOT NULL THEN
        SELECT x.* INTO txn_id, sold, proceeds, royalty, received
          FROM jsonb_to_record(v_result) AS x(txn_id bigint, sold numeric, proceeds numeric, royalty numeric, received numeric);
        RETURN;
    END IF;
    a := @extschema@.ledger_lock_asset(asset);
    IF amount > a.supply THEN
        -- no one can hold more than the supply; say so before the curve refuses
        RAISE EXCEPTION 'insufficient balance: account % holds % of %, needs %',
                        seller, @extschema@.balance(seller, asset), asset, amount
            USING ERRCODE = 'CD002',
                  DETAIL = format('The supply of the asset is only %s.', a.supply);
    END IF;
    proceeds := trim_scale(@extschema@.curve_sell_proceeds(a.curve, a.supply, amount));
    royalty := @extschema@.ledger_royalty(proceeds, a.royalty_bps);
    received := proceeds - royalty;
    IF received < min_proceeds THEN
        RAISE EXCEPTION 'slippage exceeded: selling % of % returns %, % less than min_proceeds %',
                        amount, asset, received, min_proceeds - received, min_proceeds
            USING ERRCODE = 'CD003',
                  DETAIL = format('The curve pays %s less a royalty of %s at supply %s. Nothing was applied.',
                                  proceeds, royalty, a.supply);
    END IF;
    sold := amount;
    r := @extschema@.ledger_split_postings(a.split, royalty, seller, a.currency);
    UPDATE @extschema@.ledger_assets la SET supply = la.supply - amount, reserve = la.reserve - proceeds
     WHERE la.asset OPERATOR(@extschema@.=) a.asset;
    txn_id := @extschema@.ledger_post('sell', ref, asset, v_request,
        jsonb_build_object('sold', sold, 'proceeds', proceeds, 'royalty', royalty, 'received', received),
        ARRAY[seller, @extschema@.ledger_issuance_account(), a.reserve_account, seller] || r.accounts,
        ARRAY[asset, asset, a.currency, a.currency] || r.assets,
        ARRAY[-amount, amount, -proceeds, received] || r.amounts,
        ARRAY['user', 'issuance', 'reserve', 'user'] || r.kinds);
END
$$;
COMMENT ON FUNCTION sell(asset, eth_address, numeric, numeric, text) IS
    'sell units of a registered asset back to its bonding curve: the reserve pays the curve proceeds, less the royalty (through the split); CD003 below min_proceeds; idempotent by ref';

CREATE FUNCTION distribute(asset asset, payer eth_address, amount numeric, ref text,
    OUT txn_id bigint, OUT distributed numeric, OUT recipients integer)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_request jsonb;
    v_result jsonb;
    a @extschema@.ledger_assets;
    r record;
BEGIN
    payer := CASE WHEN @extschema@.ledger_check_not_null(ARRAY['asset', 'ref'], ARRAY[asset IS NULL, ref IS NULL])
                  THEN @extschema@.ledger_check_user_account('payer', payer) END;
    amount := @extschema@.ledger_check_amount('amount', amount);
    v_request := jsonb_build_object('asset', asset::text, 'payer', payer::text, 'amount', amount);
    v_result := @extschema@.ledger_replay('distribute', ref, v_request);
    IF v_result IS NOT NULL THEN
        SELECT x.* INTO txn_id, distributed, recipients
          FROM jsonb_to_record(v_result) AS x(txn_id bigint, distributed numeric, recipients integer);
        RETURN;
    END IF;
    -- a shared lock of the asset row: an approved change of the split
    -- (which locks it for update) applies before or after this payment,
    -- never during it; trades of the asset wait as they wait for each other
    a := @extschema@.ledger_lock_asset(asset, 'share');
    r := @extschema@.ledger_split_postings(a.split, amount, payer, a.currency);
    distributed := amount;
    recipients := (SELECT count(*) FROM unnest(r.amounts) AS s(x) WHERE s.x > 0);
    txn_id := @extschema@.ledger_post('distribute', ref, asset, v_request,
        jsonb_build_object('distributed', distributed, 'recipients', recipients),
        ARRAY[payer] || r.accounts, ARRAY[a.currency] || r.assets, ARRAY[-amount] || r.amounts, ARRAY['user'] || r.kinds);
END
$$;
COMMENT ON FUNCTION distribute(asset, eth_address, numeric, text) IS
    'pay revenue of an asset (a license fee, a streaming payout) from the payer through the asset''s royalty split, in its currency; idempotent by ref';
-- market (2/2): the market's checks in ledger_verify(), and its privileges
--
-- The checks are registered in the core's registry (60_ledger_schema.sql)
-- at the positions between the core's accounts and hash_chain checks.

-- each asset's supply equals what its holders hold (every kind but world
-- and issuance) and minus what the issuance account holds
CREATE FUNCTION ledger_verify_supply() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(*) AS n, min(format('%s has supply %s, holders hold %s, issuance %s', a.asset, a.supply,
                                        coalesce(u.held, 0), coalesce(i.amount, 0))) AS e
         FROM @extschema@.ledger_assets a
         LEFT JOIN (SELECT h.asset, sum(h.amount) AS held FROM @extschema@.ledger_holdings h
                     WHERE h.kind NOT IN ('world', 'issuance') GROUP BY h.asset) u
           ON u.asset OPERATOR(@extschema@.=) a.asset
         LEFT JOIN @extschema@.ledger_holdings i
           ON i.account OPERATOR(@extschema@.=) @extschema@.ledger_issuance_account()
          AND i.asset OPERATOR(@extschema@.=) a.asset
        WHERE a.supply <> coalesce(u.held, 0) OR a.supply <> -coalesce(i.amount, 0)) f,
      @extschema@.ledger_verify_row('supply', f.n, f.e,
          format('%s assets: supply equals the sum of holdings', (SELECT count(*) FROM @extschema@.ledger_assets)),
          'assets with a wrong supply') r;
END;
COMMENT ON FUNCTION ledger_verify_supply() IS
    'check supply of ledger_verify(): each registered asset''s supply equals the sum of its holdings and minus the issuance account''s';

-- each reserve holds exactly curve_reserve(curve, supply), solvent, in its
-- currency and nothing else
CREATE FUNCTION ledger_verify_reserves() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(*) AS n, min(format('%s has reserve %s, its reserve account holds %s, the curve needs %s%s',
                                        a.asset, a.reserve, coalesce(h.amount, 0),
                                        @extschema@.curve_reserve(a.curve, a.supply),
                                        CASE WHEN o.asset IS NOT NULL THEN format(', and it holds %s of %s', o.amount, o.asset) ELSE '' END)) AS e
         FROM @extschema@.ledger_assets a
         LEFT JOIN @extschema@.ledger_holdings h
           ON h.account OPERATOR(@extschema@.=) a.reserve_account AND h.asset OPERATOR(@extschema@.=) a.currency
         LEFT JOIN LATERAL (SELECT x.asset, x.amount FROM @extschema@.ledger_holdings x
                             WHERE x.account OPERATOR(@extschema@.=) a.reserve_account
                               AND x.asset OPERATOR(@extschema@.<>) a.currency AND x.amount <> 0
                             LIMIT 1) o ON true
        WHERE a.reserve <> coalesce(h.amount, 0)
           OR a.reserve <> @extschema@.curve_reserve(a.curve, a.supply)
           OR o.asset IS NOT NULL) f,
      @extschema@.ledger_verify_row('reserves', f.n, f.e,
          format('%s reserves equal curve_reserve(curve, supply)', (SELECT count(*) FROM @extschema@.ledger_assets)),
          'assets with a wrong reserve') r;
END;
COMMENT ON FUNCTION ledger_verify_reserves() IS
    'check reserves of ledger_verify(): each reserve account holds exactly curve_reserve(curve, supply) of its asset''s currency, and nothing else';

INSERT INTO ledger_verify_checks_registry (position, function, area) VALUES
    (40, 'ledger_verify_supply()', 'market'),
    (50, 'ledger_verify_reserves()', 'market');

-- The market's privileges (the roles: 59_ledger_roles.sql).  Registered
-- assets are read by every role; the internal functions are called only
-- by the SECURITY DEFINER functions; trading and registering is the
-- operator's.
REVOKE ALL ON TABLE ledger_assets FROM PUBLIC;
GRANT SELECT ON TABLE ledger_assets
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
REVOKE ALL ON FUNCTION
    ledger_register_system_account(eth_address, text, text),
    ledger_lock_asset(asset, text),
    ledger_royalty(numeric, integer),
    ledger_verify_supply(),
    ledger_verify_reserves()
FROM PUBLIC;
REVOKE ALL ON FUNCTION
    register_asset(asset, asset, bonding_curve, royalty_split, eth_address, integer, bytea, jsonb),
    buy(asset, eth_address, numeric, numeric, text),
    sell(asset, eth_address, numeric, numeric, text),
    distribute(asset, eth_address, numeric, text)
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    register_asset(asset, asset, bonding_curve, royalty_split, eth_address, integer, bytea, jsonb),
    buy(asset, eth_address, numeric, numeric, text),
    sell(asset, eth_address, numeric, numeric, text),
    distribute(asset, eth_address, numeric, text)
TO creative_defi_operator;
-- ledger (5/6): ledger_verify(), the invariants recomputed from the journal
--
-- Each invariant is a check: a function returning (check, ok, detail)
-- rows, registered in ledger_verify_checks_registry (60_ledger_schema.sql)
-- at a position.  The core's checks are below; each area registers its
-- own in its own file (the market's supply and reserves, the pools', the
-- approvals' asset fields).  ledger_verify() first seals what it can
-- (61_ledger_journal.sql), then runs ledger_verify_checks(), which is
-- STABLE, so every check runs against one snapshot: a consistent picture
-- even while writers keep posting.

-- every transaction's postings sum to zero in every asset
CREATE FUNCTION ledger_verify_zero_sum() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(*) AS n, min(format('transaction %s sums to %s in %s', z.txn_id, z.total, z.asset)) AS e
         FROM (SELECT p.txn_id, p.asset, sum(p.amount) AS total
                 FROM @extschema@.ledger_postings p GROUP BY p.txn_id, p.asset
               HAVING sum(p.amount) <> 0) z) f,
      @extschema@.ledger_verify_row('zero_sum', f.n, f.e,
          format('%s postings balance per transaction and asset', (SELECT count(*) FROM @extschema@.ledger_postings)),
          'unbalanced (transaction, asset) pairs') r;
END;
COMMENT ON FUNCTION ledger_verify_zero_sum() IS
    'check zero_sum of ledger_verify(): the postings of every transaction sum to zero in every asset';

-- every holding equals the sum of its postings
CREATE FUNCTION ledger_verify_balances() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(*) AS n, min(format('%s in %s holds %s, postings sum to %s', b.account, b.asset,
                                        coalesce(b.amount, 0), coalesce(b.total, 0))) AS e
         FROM (SELECT coalesce(h.account, s.account) AS account, coalesce(h.asset, s.asset) AS asset,
                      h.amount, s.total
                 FROM @extschema@.ledger_holdings h
                 FULL JOIN (SELECT p.account, p.asset, sum(p.amount) AS total
                              FROM @extschema@.ledger_postings p GROUP BY p.account, p.asset) s
                   ON s.account OPERATOR(@extschema@.=) h.account AND s.asset OPERATOR(@extschema@.=) h.asset
                WHERE coalesce(h.amount, 0) <> coalesce(s.total, 0)) b) f,
      @extschema@.ledger_verify_row('balances', f.n, f.e,
          format('%s holdings equal the sums of their postings', (SELECT count(*) FROM @extschema@.ledger_holdings)),
          'holdings differ from their postings') r;
END;
COMMENT ON FUNCTION ledger_verify_balances() IS
    'check balances of ledger_verify(): every holding equals the sum of its postings';

-- system accounts are exactly where the registry says: a holding of a
-- system kind sits at an account registered with that kind, a user
-- holding at a registered system account is zero, and no user balance is
-- negative
CREATE FUNCTION ledger_verify_accounts() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(*) AS n, min(format('%s in %s has kind %s', h.account, h.asset, h.kind)) AS e
         FROM @extschema@.ledger_holdings h
         LEFT JOIN @extschema@.ledger_system_accounts s ON s.account OPERATOR(@extschema@.=) h.account
        WHERE (h.kind <> 'user' AND s.kind IS DISTINCT FROM h.kind)
           OR (h.kind = 'user' AND h.amount <> 0 AND s.kind IS NOT NULL)
           OR (h.kind = 'user' AND h.amount < 0)) f,
      @extschema@.ledger_verify_row('accounts', f.n, f.e,
          'system accounts hold only what they may; no user balance is negative',
          'holdings in the wrong kind of account') r;
END;
COMMENT ON FUNCTION ledger_verify_accounts() IS
    'check accounts of ledger_verify(): holdings of a system kind only at accounts registered with that kind, no user balance at a system account, none negative';

-- The hash chain recomputes from genesis to its head; each waiting
-- transaction's queued body is its recomputed body; and every transaction
-- is either chained once or waiting once.  A loop, not one statement: each
-- link's hash is the next one's input.
CREATE FUNCTION ledger_verify_hash_chain() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_count bigint;
    t record;
    v_seq bigint := 0;
    v_hash bytea := '\x0000000000000000000000000000000000000000000000000000000000000000';
    v_broken text;
    v_head record;
    v_waiting bigint;
BEGIN
    FOR t IN
        SELECT c.seq, c.txn_id, c.hash, l.kind, l.ref, l.asset, l.request, l.result,
               p.accounts, p.assets, p.amounts, p.k, p.last_n
          FROM @extschema@.ledger_chain c
          LEFT JOIN @extschema@.ledger_transactions l ON l.id = c.txn_id
          LEFT JOIN LATERAL (
              SELECT array_agg(q.account ORDER BY q.n) AS accounts, array_agg(q.asset ORDER BY q.n) AS assets,
                     array_agg(q.amount ORDER BY q.n) AS amounts, count(*) AS k, max(q.n) AS last_n
                FROM @extschema@.ledger_postings q WHERE q.txn_id = c.txn_id) p ON true
         ORDER BY c.seq
    LOOP
        v_seq := v_seq + 1;
        IF t.seq <> v_seq THEN
            v_broken := format('chain position %s follows %s: the chain has a gap', t.seq, v_seq - 1);
            EXIT;
        END IF;
        IF t.kind IS NULL THEN
            v_broken := format('chain position %s links transaction %s, which does not exist', t.seq, t.txn_id);
            EXIT;
        END IF;
        IF t.k <> coalesce(t.last_n, 0) THEN
            v_broken := format('the postings of transaction %s are not numbered 1 to %s', t.txn_id, t.k);
            EXIT;
        END IF;
        v_hash := @extschema@.ledger_chain_hash(v_hash, t.seq, t.txn_id,
            @extschema@.ledger_chain_body(t.kind, t.ref, t.asset, coalesce(t.accounts, '{}'),
                                         coalesce(t.assets, '{}'), coalesce(t.amounts, '{}'),
                                         t.request, t.result));
        IF v_hash <> t.hash THEN
            v_broken := format('chain position %s (transaction %s): its hash does not recompute', t.seq, t.txn_id);
            EXIT;
        END IF;
    END LOOP;
    IF v_broken IS NULL THEN
        SELECT * INTO v_head FROM @extschema@.ledger_sealed_head();
        IF v_head.seq <> v_seq OR v_head.hash <> v_hash THEN
            v_broken := format('journal_head() is at %s, the chain ends at %s', v_head.seq, v_seq);
        END IF;
    END IF;
    IF v_broken IS NULL THEN
        SELECT count(*), min(format('waiting transaction %s %s', w.txn_id, w.problem)) FILTER (WHERE w.problem IS NOT NULL)
          INTO v_waiting, v_broken
          FROM (SELECT u.txn_id,
                       CASE WHEN l.id IS NULL THEN 'does not exist'
                            WHEN p.k <> coalesce(p.last_n, 0) THEN 'has postings not numbered 1 to ' || p.k
                            WHEN u.body IS DISTINCT FROM @extschema@.ledger_chain_body(l.kind, l.ref, l.asset,
                                     coalesce(p.accounts, '{}'), coalesce(p.assets, '{}'), coalesce(p.amounts, '{}'),
                                     l.request, l.result)
                                THEN 'has a queued body that differs from its journal row and postings'
                       END AS problem
                  FROM @extschema@.ledger_unsealed u
                  LEFT JOIN @extschema@.ledger_transactions l ON l.id = u.txn_id
                  LEFT JOIN LATERAL (
                      SELECT array_agg(q.account ORDER BY q.n) AS accounts, array_agg(q.asset ORDER BY q.n) AS assets,
                             array_agg(q.amount ORDER BY q.n) AS amounts, count(*) AS k, max(q.n) AS last_n
                        FROM @extschema@.ledger_postings q WHERE q.txn_id = u.txn_id) p ON true) w;
    END IF;
    IF v_broken IS NULL THEN
        SELECT count(*), min(format('transaction %s has %s chain links and %s waiting rows',
                                    l.id, coalesce(c.n, 0), coalesce(w.n, 0)))
          INTO v_count, v_broken
          FROM @extschema@.ledger_transactions l
          LEFT JOIN (SELECT c.txn_id, count(*) AS n FROM @extschema@.ledger_chain c GROUP BY c.txn_id) c
            ON c.txn_id = l.id
          LEFT JOIN (SELECT u.txn_id, count(*) AS n FROM @extschema@.ledger_unsealed u GROUP BY u.txn_id) w
            ON w.txn_id = l.id
         WHERE coalesce(c.n, 0) + coalesce(w.n, 0) <> 1;
        IF v_count > 0 THEN
            v_broken := format('%s transactions are not exactly once in the chain or waiting, e.g. %s', v_count, v_broken);
        ELSE
            v_broken := NULL;
        END IF;
    END IF;
    "check" := 'hash_chain';
    ok := v_broken IS NULL;
    detail := coalesce(v_broken, format('%s transactions recompute to journal_head(), %s waiting to be sealed',
                                        v_seq, v_waiting));
    RETURN NEXT;

END
$$;
COMMENT ON FUNCTION ledger_verify_hash_chain() IS
    'check hash_chain of ledger_verify(): the chain recomputes from genesis to journal_head(), waiting rows match their transactions, every transaction is chained or waiting exactly once';

INSERT INTO ledger_verify_checks_registry (position, function, area) VALUES
    (10, 'ledger_verify_zero_sum()', 'ledger'),
    (20, 'ledger_verify_balances()', 'ledger'),
    (30, 'ledger_verify_accounts()', 'ledger'),
    (60, 'ledger_verify_hash_chain()', 'ledger');

-- Every registered check, in position order, in this function's snapshot.
CREATE FUNCTION ledger_verify_checks() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT r.function::oid::regproc AS fn FROM @extschema@.ledger_verify_checks_registry r ORDER BY r.position LOOP
        RETURN QUERY EXECUTE format('SELECT * FROM %s()', c.fn);
    END LOOP;
END
$$;
COMMENT ON FUNCTION ledger_verify_checks() IS
    'internal: the checks of ledger_verify() in one snapshot, without sealing first';

-- Seal first when this transaction may and the seal lock is free (a
-- quiet database then reports nothing waiting); never wait for the lock,
-- so a verification cannot block on, or deadlock with, a sealer.
CREATE FUNCTION ledger_verify() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF @extschema@.ledger_can_seal() THEN
        IF @extschema@.ledger_try_seal_lock() THEN
            PERFORM @extschema@.ledger_seal_waiting(NULL, NULL);
        END IF;
    END IF;
    RETURN QUERY SELECT * FROM @extschema@.ledger_verify_checks();
END
$$;
COMMENT ON FUNCTION ledger_verify() IS
    'recompute the ledger''s invariants: zero-sum postings, balances from postings, system accounts, supplies, reserves against their curves, the hash chain (sealing waiting transactions first when it can), pools, and asset fields against the journal';
-- ledger (6/6): the core's privileges (the roles are in
-- 59_ledger_roles.sql; each area grants its own functions at its end)


REVOKE ALL ON TABLE ledger_holdings, ledger_transactions, ledger_postings, ledger_chain, ledger_head, ledger_unsealed,
    ledger_system_accounts, ledger_account_kinds, ledger_transaction_kinds, ledger_issuers, ledger_issued_assets,
    ledger_verify_checks_registry, ledger_account_journal, ledger_asset_journal FROM PUBLIC;
GRANT SELECT ON TABLE ledger_holdings, ledger_transactions, ledger_postings, ledger_chain, ledger_head, ledger_unsealed,
    ledger_system_accounts, ledger_account_kinds, ledger_transaction_kinds, ledger_issuers, ledger_issued_assets,
    ledger_verify_checks_registry, ledger_account_journal, ledger_asset_journal
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
REVOKE ALL ON SEQUENCE ledger_transaction_id_seq FROM PUBLIC;

-- internal functions: only the (SECURITY DEFINER) ledger functions call
-- them; called directly they would skip the checks of their callers
REVOKE ALL ON FUNCTION
    ledger_post(text, text, asset, jsonb, jsonb, eth_address[], asset[], numeric[], text[]),
    ledger_postings_normalize(eth_address[], asset[], numeric[], text[]),
    ledger_replay(text, text, jsonb),
    ledger_refuse_used_ref(text, text),
    ledger_split_postings(royalty_split, numeric, eth_address, asset),
    ledger_lock_ref(text),
    ledger_lock_asset_key(asset),
    ledger_lock_asset_key_shared(asset),
    ledger_seal_lock(),
    ledger_try_seal_lock(),
    ledger_move(text, text, asset, numeric, text, eth_address, text, text, eth_address, text, text),
    ledger_check_not_null(text[], boolean[]),
    ledger_raise_null(text, anyelement),
    ledger_amount_checked(text, numeric, boolean),
    ledger_ref_checked(text),
    ledger_check_amount(text, numeric),
    ledger_check_limit(text, numeric),
    ledger_check_user_account(text, eth_address),
    ledger_check_user_accounts(text, eth_address[]),
    ledger_check_not_issued(asset, text),
    ledger_refuse_change(),
    ledger_seal_waiting(bigint, bytea),
    ledger_chain_hashes(bytea, bigint, bigint[], bytea[]),
    ledger_sealed_head(),
    ledger_can_seal(),
    ledger_system_identifier(),
    ledger_verify_row(text, bigint, text, text, text),
    ledger_verify_zero_sum(),
    ledger_verify_balances(),
    ledger_verify_accounts(),
    ledger_verify_hash_chain(),
    ledger_verify_checks()
FROM PUBLIC;

-- reading: every role.  journal_head() and ledger_verify() seal before
-- they read (a reader can therefore append to the chain, but only what
-- others committed), so the explicit ledger_seal() is granted as well.
REVOKE ALL ON FUNCTION balance(eth_address, asset), holdings(eth_address), journal_head(), ledger_seal(),
    ledger_verify() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION balance(eth_address, asset), holdings(eth_address), journal_head(), ledger_seal(),
    ledger_verify() TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;

-- money across the ledger's boundary: the treasury
REVOKE ALL ON FUNCTION
    deposit(eth_address, asset, numeric, text),
    withdraw(eth_address, asset, numeric, text)
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    deposit(eth_address, asset, numeric, text),
    withdraw(eth_address, asset, numeric, text)
TO creative_defi_treasury;

-- moving funds between accounts without a wallet's signature: the operator
REVOKE ALL ON FUNCTION transfer(eth_address, eth_address, asset, numeric, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION transfer(eth_address, eth_address, asset, numeric, text) TO creative_defi_operator;
-- orders (1/1): signed orders from wallets (EIP-712), executed through the ledger
--
-- A wallet signs an order with eth_signTypedData_v4; execute_order checks
-- the domain, the type, the signer, the deadline and the nonce, and runs
-- the order through buy / sell / transfer / withdraw in the same
-- transaction.  docs/orders.md is the normative description of the types.
--
-- Error codes (class CD, docs/errors.md; the ledger uses CD001..CD010):
--   CD020 order type not accepted      CD024 nonce already used
--   CD021 wrong domain                 CD025 nonce cancelled
--   CD022 signature not by the signer  CD026 domain not configured
--   CD023 order expired

-- The EIP-712 domain of this database: one row, written only by
-- set_order_domain (owner only).  Approvals (75_approvals.sql) sign under
-- the same domain.
CREATE TABLE order_domain (
    one boolean NOT NULL DEFAULT true,
    name text NOT NULL,
    version text NOT NULL,
    chain_id numeric NOT NULL,
    verifying_contract eth_address NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT order_domain_pkey PRIMARY KEY (one),
    CONSTRAINT order_domain_one CHECK (one),
    CONSTRAINT order_domain_chain_id CHECK (chain_id > 0 AND min_scale(chain_id) = 0)  -- whole: see ledger_holdings
);
COMMENT ON TABLE order_domain IS
    'the EIP-712 domain (name, version, chainId, verifyingContract) that signed orders and approvals must name; one row, set by set_order_domain';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.order_domain', '');

-- One row per (signer, nonce) ever consumed: by an executed order (with
-- its result, for idempotent replays) or by a cancellation.  txn_id is a
-- journal transaction id; no foreign key, so that the journal's own
-- statements (TRUNCATE ... CASCADE, refused anyway) never reach this table.
CREATE TABLE order_nonces (
    signer eth_address NOT NULL,
    nonce numeric NOT NULL,
    status text NOT NULL,
    primary_type text NOT NULL,
    order_hash bytea NOT NULL,
    txn_id bigint,
    result jsonb,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT order_nonces_pkey PRIMARY KEY (signer, nonce),
    CONSTRAINT order_nonces_status CHECK (status IN ('executed', 'cancelled')),
    CONSTRAINT order_nonces_executed CHECK ((status = 'executed') = (txn_id IS NOT NULL AND result IS NOT NULL)),
    CONSTRAINT order_nonces_hash_length CHECK (octet_length(order_hash) = 32)
);
COMMENT ON TABLE order_nonces IS
    'the nonces signers have consumed: by an executed order (with its EIP-712 hash and result) or by cancel_nonce';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.order_nonces', '');

-- The type definitions, in the form eth_signTypedData_v4 takes them.
CREATE FUNCTION order_types() RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN '{
  "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"},
                   {"name": "chainId", "type": "uint256"}, {"name": "verifyingContract", "type": "address"}],
  "Buy": [{"name": "signer", "type": "address"}, {"name": "asset", "type": "string"},
          {"name": "amount", "type": "uint256"}, {"name": "maxCost", "type": "uint256"},
          {"name": "nonce", "type": "uint256"}, {"name": "deadline", "type": "uint256"}],
  "Sell": [{"name": "signer", "type": "address"}, {"name": "asset", "type": "string"},
           {"name": "amount", "type": "uint256"}, {"name": "minProceeds", "type": "uint256"},
           {"name": "nonce", "type": "uint256"}, {"name": "deadline", "type": "uint256"}],
  "Transfer": [{"name": "signer", "type": "address"}, {"name": "to", "type": "address"},
               {"name": "asset", "type": "string"}, {"name": "amount", "type": "uint256"},
               {"name": "nonce", "type": "uint256"}, {"name": "deadline", "type": "uint256"}],
  "Withdraw": [{"name": "signer", "type": "address"}, {"name": "recipient", "type": "address"},
               {"name": "asset", "type": "string"}, {"name": "amount", "type": "uint256"},
               {"name": "nonce", "type": "uint256"}, {"name": "deadline", "type": "uint256"}],
  "Cancel": [{"name": "signer", "type": "address"}, {"name": "nonce", "type": "uint256"}],
  "Approve": [{"name": "proposalId", "type": "uint256"}, {"name": "asset", "type": "string"},
              {"name": "changeHash", "type": "bytes32"}, {"name": "expiry", "type": "uint256"}]
}'::jsonb;
COMMENT ON FUNCTION order_types() IS
    'the EIP-712 types of signed orders (Buy, Sell, Transfer, Withdraw, Cancel) and approvals (Approve), with EIP712Domain, as wallets take them';

CREATE FUNCTION set_order_domain(name text, version text, chain_id numeric, verifying_contract eth_address)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['name', 'version', 'chain_id', 'verifying_contract'],
        ARRAY[name IS NULL, version IS NULL, chain_id IS NULL, verifying_contract IS NULL]);
    -- a signed order or approval is valid wherever the domain is the same,
    -- so refuse the values that many deployments would share by default
    IF name = '' OR version = '' THEN
        RAISE EXCEPTION 'name and version of the order domain must not be empty'
            USING ERRCODE = '22023',
                  DETAIL = 'A signature is valid in every database whose domain is the same.',
                  HINT = 'Name the deployment, e.g. set_order_domain(''my_marketplace'', ''1'', ...).';
    END IF;
    IF verifying_contract OPERATOR(@extschema@.=) '0x0000000000000000000000000000000000000000'::@extschema@.eth_address THEN
        RAISE EXCEPTION 'verifying_contract must not be the zero address'
            USING ERRCODE = '22023',
                  DETAIL = 'Orders and approvals signed for one database execute in every database whose domain is the same, and the zero address is the one every deployment would share.',
                  HINT = 'Use an address unique to this deployment (docs/orders.md, "One domain per deployment").';
    END IF;
    IF chain_id = 'NaN'::numeric OR chain_id <= 0 OR chain_id <> trunc(chain_id)
       OR chain_id > 115792089237316195423570985008687907853269984665640564039457584007913129639935 THEN
        RAISE EXCEPTION 'chain_id must be a positive uint256'
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', chain_id);
    END IF;
    INSERT INTO @extschema@.order_domain AS d (one, name, version, chain_id, verifying_contract)
    VALUES (true, set_order_domain.name, set_order_domain.version, trim_scale(chain_id), verifying_contract)
    ON CONFLICT ON CONSTRAINT order_domain_pkey DO UPDATE
        SET name = excluded.name, version = excluded.version, chain_id = excluded.chain_id,
            verifying_contract = excluded.verifying_contract, updated_at = pg_catalog.now();
END
$$;
COMMENT ON FUNCTION set_order_domain(text, text, numeric, eth_address) IS
    'admin: set the EIP-712 domain that signed orders and approvals must name (signatures under the old domain stop being accepted)';

-- The configured domain as typed-data JSON; CD026 when it was never set.
CREATE FUNCTION order_domain_json() RETURNS jsonb
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    d record;
BEGIN
    SELECT o.name, o.version, o.chain_id, o.verifying_contract INTO d FROM @extschema@.order_domain o;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the EIP-712 domain of this database is not configured'
            USING ERRCODE = 'CD026',
                  HINT = 'The extension''s owner sets it with set_order_domain(name, version, chain_id, verifying_contract).';
    END IF;
    RETURN jsonb_build_object('name', d.name, 'version', d.version, 'chainId', d.chain_id::text,
                              'verifyingContract', d.verifying_contract::text);
END
$$;
COMMENT ON FUNCTION order_domain_json() IS
    'the configured EIP-712 domain as typed-data JSON (chainId as a decimal string); CD026 when not configured';

CREATE FUNCTION order_typed_data(primary_type text, message jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_types jsonb := @extschema@.order_types();
BEGIN
    IF primary_type NOT IN ('Buy', 'Sell', 'Transfer', 'Withdraw', 'Cancel', 'Approve') THEN
        RAISE EXCEPTION 'order type "%" is not accepted', primary_type
            USING ERRCODE = 'CD020', DETAIL = 'The types are Buy, Sell, Transfer, Withdraw, Cancel and Approve.';
    END IF;
    RETURN jsonb_build_object(
        'types', jsonb_build_object('EIP712Domain', v_types -> 'EIP712Domain', primary_type, v_types -> primary_type),
        'primaryType', primary_type,
        'domain', @extschema@.order_domain_json(),
        'message', message);
END
$$;
COMMENT ON FUNCTION order_typed_data(text, jsonb) IS
    'the complete typed data (types, primaryType, configured domain, message) a wallet signs for an order, a cancellation or an approval';

-- A uint256 field of a message: a JSON number or a string of decimal
-- digits (what the EIP-712 encoder reads identically), else 22023.
CREATE FUNCTION order_uint(field text, v jsonb) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t text := jsonb_typeof(v);
    n numeric;
BEGIN
    IF t = 'number' THEN
        n := v::numeric;
    ELSIF t = 'string' AND (v #>> '{}') ~ '^[0-9]{1,78}$' THEN
        n := (v #>> '{}')::numeric;
    END IF;
    IF n IS NULL OR n < 0 OR n <> trunc(n)
       OR n > 115792089237316195423570985008687907853269984665640564039457584007913129639935 THEN
        RAISE EXCEPTION 'order field % must be a uint256', field
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', coalesce(v::text, 'missing')),
                  HINT = 'Give integers as JSON numbers or strings of decimal digits.';
    END IF;
    RETURN trim_scale(n);
END
$$;
COMMENT ON FUNCTION order_uint(text, jsonb) IS
    'internal: a uint256 message field (JSON number or decimal string) as numeric; 22023 otherwise';

-- An address field of a message, as eth_address (22023 when missing or
-- not a string; the eth_address input function judges the text).
CREATE FUNCTION order_address(field text, v jsonb) RETURNS eth_address
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF jsonb_typeof(v) IS DISTINCT FROM 'string' THEN
        RAISE EXCEPTION 'order field % must be an address string', field
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', coalesce(v::text, 'missing'));
    END IF;
    RETURN (v #>> '{}')::@extschema@.eth_address;
END
$$;
COMMENT ON FUNCTION order_address(text, jsonb) IS
    'internal: an address message field as eth_address; 22023 when it is not a JSON string';

-- Why ecrecover refused a signature (returned NULL), as a DETAIL sentence:
-- its first defect, found by ecrecover's own checks (src/pg_ecdsa.c).  The order
-- and approval errors name the cause instead of "recovers to no address".
-- None of these depends on the digest, so one refused signature recovers
-- nothing for any typed data.
CREATE FUNCTION order_signature_defect(signature bytea) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION order_signature_defect(bytea) IS
    'internal: why ecrecover refuses a signature (wrong length, v, r or s out of range, high s, r off the curve), as a sentence for an error DETAIL';
REVOKE ALL ON FUNCTION order_signature_defect(bytea) FROM PUBLIC;

-- Check typed data against one of our types and the configured domain,
-- recover its signer and compare with message.signer (the order's
-- account).  Returns the EIP-712 hash.  Refuses: not one of the accepted
-- types or not exactly its field list (CD020), another domain (CD021), a
-- signature by anyone but the signer (CD022).
CREATE FUNCTION order_authenticate(typed_data jsonb, signature bytea, accepted text[], OUT primary_type text,
    OUT signer eth_address, OUT order_hash bytea)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_types jsonb := @extschema@.order_types();
    v_domain jsonb;
    v_given jsonb;
    v_keys text;
    v_want text;
    v_recovered @extschema@.eth_address;
    v_what text;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['typed_data', 'signature'],
        ARRAY[typed_data IS NULL, signature IS NULL]);
    IF jsonb_typeof(typed_data) <> 'object' THEN
        RAISE EXCEPTION 'typed data must be a JSON object' USING ERRCODE = '22023';
    END IF;
    primary_type := typed_data ->> 'primaryType';
    IF primary_type IS NULL OR NOT (primary_type = ANY (accepted)) THEN
        RAISE EXCEPTION 'order type "%" is not accepted here', coalesce(primary_type, 'null')
            USING ERRCODE = 'CD020', DETAIL = format('The accepted primary types are %s.', array_to_string(accepted, ', ')),
                  HINT = CASE WHEN primary_type = 'Cancel' THEN 'Void a nonce with cancel_nonce.'
                              WHEN primary_type IN ('Buy', 'Sell', 'Transfer', 'Withdraw') THEN 'Execute an order with execute_order.'
                              ELSE 'order_types() lists the types; order_typed_data(primary_type, message) builds typed data.' END;
    END IF;
    v_what := CASE primary_type WHEN 'Cancel' THEN 'cancellation' ELSE lower(primary_type) || ' order' END;
    -- exactly our field list (EIP712Domain may be left out, as viem does)
    v_given := typed_data -> 'types';
    IF jsonb_typeof(v_given) = 'object' AND NOT v_given ? 'EIP712Domain' THEN
        v_given := v_given || jsonb_build_object('EIP712Domain', v_types -> 'EIP712Domain');
    END IF;
    IF v_given IS DISTINCT FROM jsonb_build_object('EIP712Domain', v_types -> 'EIP712Domain',
                                                   primary_type, v_types -> primary_type) THEN
        SELECT string_agg(f ->> 'type' || ' ' || (f ->> 'name'), ',' ORDER BY i) INTO v_want
          FROM jsonb_array_elements(v_types -> primary_type) WITH ORDINALITY AS e(f, i);
        RAISE EXCEPTION 'typed data types are not exactly the % order type', primary_type
            USING ERRCODE = 'CD020',
                  DETAIL = format('%s must be %s(%s) with EIP712Domain(string name,string version,uint256 chainId,address verifyingContract) and no other types.',
                                  primary_type, primary_type, v_want),
                  HINT = 'order_typed_data(primary_type, message) builds the exact typed data.';
    END IF;
    SELECT string_agg(k, ', ' ORDER BY k) INTO v_keys
      FROM (SELECT jsonb_object_keys(CASE jsonb_typeof(typed_data -> 'message') WHEN 'object' THEN typed_data -> 'message' ELSE '{}' END)
            EXCEPT SELECT f ->> 'name' FROM jsonb_array_elements(v_types -> primary_type) AS e(f)) AS extra(k);
    IF jsonb_typeof(typed_data -> 'message') IS DISTINCT FROM 'object' OR v_keys IS NOT NULL THEN
        RAISE EXCEPTION 'the % message has fields that are not in its type', primary_type
            USING ERRCODE = 'CD020', DETAIL = format('Unexpected: %s.', coalesce(v_keys, 'the message is not a JSON object'));
    END IF;
    -- the domain: exactly the configured one
    v_domain := @extschema@.order_domain_json();
    v_given := typed_data -> 'domain';
    IF jsonb_typeof(v_given) IS DISTINCT FROM 'object'
       OR (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(v_given) AS o(k))
          IS DISTINCT FROM ARRAY['chainId', 'name', 'verifyingContract', 'version']
       OR (v_given ->> 'name') IS DISTINCT FROM (v_domain ->> 'name')
       OR (v_given ->> 'version') IS DISTINCT FROM (v_domain ->> 'version')
       OR @extschema@.order_uint('domain.chainId', v_given -> 'chainId') <> (v_domain ->> 'chainId')::numeric
       OR @extschema@.order_address('domain.verifyingContract', v_given -> 'verifyingContract')
          OPERATOR(@extschema@.<>) (v_domain ->> 'verifyingContract')::@extschema@.eth_address THEN
        RAISE EXCEPTION 'the % is signed for another EIP-712 domain', v_what
            USING ERRCODE = 'CD021',
                  DETAIL = format('The domain is %s; this database accepts %s.', coalesce(v_given::text, 'missing'), v_domain),
                  HINT = 'Sign under the domain order_domain_json() returns.';
    END IF;
    signer := @extschema@.order_address('signer', typed_data #> '{message,signer}');
    -- eip712_recover(typed_data, signature) is ecrecover(eip712_hash(typed_data), signature):
    -- one hash serves the recovery and the nonce record
    order_hash := @extschema@.eip712_hash(typed_data);
    v_recovered := @extschema@.ecrecover(order_hash, signature);
    IF v_recovered IS NULL OR v_recovered OPERATOR(@extschema@.<>) signer THEN
        RAISE EXCEPTION 'the signature of the % is not by its signer %', v_what, signer
            USING ERRCODE = 'CD022',
                  DETAIL = CASE WHEN v_recovered IS NULL THEN @extschema@.order_signature_defect(signature)
                                ELSE format('It recovers to %s: the typed data was changed after signing, or another key signed it.', v_recovered) END;
    END IF;
END
$$;
COMMENT ON FUNCTION order_authenticate(jsonb, bytea, text[]) IS
    'internal: check typed data against an accepted type and the configured domain and that message.signer signed it; returns the type, signer and EIP-712 hash';

-- Lock (signer, nonce) and return its row, if any.  The nonce lock comes
-- before every ledger lock (docs/orders.md, "Concurrency").
CREATE FUNCTION order_lock_nonce(signer eth_address, nonce numeric) RETURNS order_nonces
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r @extschema@.order_nonces;
BEGIN
    PERFORM pg_advisory_xact_lock(1128529923, hashtext(signer::text || ':' || nonce::text));
    SELECT * INTO r FROM @extschema@.order_nonces o
     WHERE o.signer OPERATOR(@extschema@.=) order_lock_nonce.signer AND o.nonce = order_lock_nonce.nonce;
    RETURN r;
END
$$;
COMMENT ON FUNCTION order_lock_nonce(eth_address, numeric) IS
    'internal: take the advisory lock of a (signer, nonce) and return its consumed-nonce row (all NULL when unused)';

CREATE FUNCTION execute_order(typed_data jsonb, signature bytea,
    OUT order_hash bytea, OUT signer eth_address, OUT nonce numeric, OUT kind text, OUT txn_id bigint, OUT result jsonb)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m jsonb;
    r @extschema@.order_nonces;
    v_deadline numeric;
    v_asset @extschema@.asset;
    v_amount numeric;
    v_ref text;
BEGIN
    SELECT a.primary_type, a.signer, a.order_hash INTO kind, signer, order_hash
      FROM @extschema@.order_authenticate(typed_data, signature, ARRAY['Buy', 'Sell', 'Transfer', 'Withdraw']) AS a;
    m := typed_data -> 'message';
    nonce := @extschema@.order_uint('nonce', m -> 'nonce');
    v_deadline := @extschema@.order_uint('deadline', m -> 'deadline');
    v_amount := @extschema@.order_uint('amount', m -> 'amount');
    -- a string (the EIP-712 encoder refused anything else); the asset type judges it
    v_asset := (m ->> 'asset')::@extschema@.asset;

    r := @extschema@.order_lock_nonce(signer, nonce);
    IF r.signer IS NOT NULL THEN
        IF r.status = 'cancelled' THEN
            RAISE EXCEPTION 'nonce % of % was cancelled', nonce, signer
                USING ERRCODE = 'CD025', DETAIL = 'cancel_nonce voided it: no order signed with it can execute.',
                      HINT = 'Sign the order again with an unused nonce.';
        ELSIF r.order_hash <> order_hash THEN
            RAISE EXCEPTION 'nonce % of % was already used by a different order', nonce, signer
                USING ERRCODE = 'CD024',
                      DETAIL = format('A %s order with EIP-712 hash 0x%s used it (journal transaction %s).',
                                      r.primary_type, encode(r.order_hash, 'hex'), r.txn_id),
                      HINT = 'Sign the new order with an unused nonce.';
        END IF;
        -- the same order again: the ledger call below, with the same ref
        -- and arguments, replays it from the journal (nothing is applied
        -- twice), so the result served is the one the hash chain covers
        -- rather than the copy in order_nonces.result
    END IF;
    IF r.signer IS NULL AND v_deadline < extract(epoch FROM pg_catalog.now()) THEN
        RAISE EXCEPTION 'the % order expired at deadline %', lower(kind), v_deadline
            USING ERRCODE = 'CD023',
                  DETAIL = format('The deadline (unix seconds) is %s, before the start of this transaction.',
                                  CASE WHEN v_deadline < 253402300800
                                       THEN to_char(to_timestamp(v_deadline::double precision) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                                       ELSE v_deadline::text END),
                  HINT = 'Sign the order again with a later deadline.';
    END IF;

    v_ref := 'order:' || signer::text || ':' || nonce::text;
    CASE kind
    WHEN 'Buy' THEN
        SELECT to_jsonb(b) INTO result
          FROM @extschema@.buy(v_asset, signer, v_amount, @extschema@.order_uint('maxCost', m -> 'maxCost'), v_ref) AS b;
    WHEN 'Sell' THEN
        SELECT to_jsonb(s) INTO result
          FROM @extschema@.sell(v_asset, signer, v_amount, @extschema@.order_uint('minProceeds', m -> 'minProceeds'), v_ref) AS s;
    WHEN 'Transfer' THEN
        SELECT to_jsonb(t) INTO result
          FROM @extschema@.transfer(signer, @extschema@.order_address('to', m -> 'to'), v_asset, v_amount, v_ref) AS t;
    WHEN 'Withdraw' THEN
        SELECT to_jsonb(w) || jsonb_build_object('recipient', @extschema@.order_address('recipient', m -> 'recipient')::text)
          INTO result
          FROM @extschema@.withdraw(signer, v_asset, v_amount, v_ref) AS w;
    END CASE;
    txn_id := (result ->> 'txn_id')::bigint;
    IF r.signer IS NULL THEN
        INSERT INTO @extschema@.order_nonces (signer, nonce, status, primary_type, order_hash, txn_id, result)
        VALUES (signer, nonce, 'executed', kind, order_hash, txn_id, result);
    END IF;
END
$$;
COMMENT ON FUNCTION execute_order(jsonb, bytea) IS
    'execute a wallet-signed EIP-712 Buy, Sell, Transfer or Withdraw order through the ledger; idempotent by signer and nonce (a replay returns the original result)';

CREATE FUNCTION cancel_nonce(typed_data jsonb, signature bytea, OUT signer eth_address, OUT nonce numeric,
    OUT cancelled_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r @extschema@.order_nonces;
    v_hash bytea;
BEGIN
    SELECT a.signer, a.order_hash INTO signer, v_hash
      FROM @extschema@.order_authenticate(typed_data, signature, ARRAY['Cancel']) AS a;
    nonce := @extschema@.order_uint('nonce', typed_data #> '{message,nonce}');
    r := @extschema@.order_lock_nonce(signer, nonce);
    IF r.status = 'executed' THEN
        RAISE EXCEPTION 'nonce % of % was already used by an order', nonce, signer
            USING ERRCODE = 'CD024',
                  DETAIL = format('A %s order executed with it in journal transaction %s; an executed order cannot be cancelled.',
                                  r.primary_type, r.txn_id);
    ELSIF r.status = 'cancelled' THEN
        cancelled_at := r.created_at;   -- cancelling twice is harmless
        RETURN;
    END IF;
    INSERT INTO @extschema@.order_nonces AS o (signer, nonce, status, primary_type, order_hash)
    VALUES (signer, nonce, 'cancelled', 'Cancel', v_hash)
    RETURNING o.created_at INTO cancelled_at;
END
$$;
COMMENT ON FUNCTION cancel_nonce(jsonb, bytea) IS
    'void an unused nonce with a wallet-signed EIP-712 Cancel, so no order signed with it can execute; idempotent';
-- pools (1/2): constant-product liquidity pools on the ledger
--
-- A pool trades two assets against each other with the Uniswap V2 formulas
-- (amm_*, 45_amm.sql), so every amount equals what a V2 pair would pay for
-- the same reserves.  Its reserves are holdings of a pool system account
-- (holdings kind 'pool'), moved only by double-entry postings through
-- ledger_post; its liquidity shares are an ordinary ledger asset (the LP
-- asset), minted from and burnt to the issuance account, so they can be
-- held and transferred like any other.  docs/pools.md is the reference.
--
-- Addresses and ids, derived from the canonical pair (asset_a < asset_b):
--   pool account  keccak256('creative_defi.pool:' || asset_a || '/' || asset_b)[12:]
--   LP asset      cdefi:pool/lpshare:0x<the pool account in lower-case hex>
-- The pool account also holds the MINIMUM_LIQUIDITY (1000) LP units locked
-- on the first deposit (Uniswap V2 mints them to address(0)); nothing ever
-- posts them out.
--
-- Lock order (extends the ledger's, 61_ledger_journal.sql): ref advisory
-- lock, pool row (FOR UPDATE), holdings in (account, asset) order, chain
-- head.  Pool functions never lock a ledger_assets row, and nobody locks a
-- pool row after a holding, so pools and curves cannot deadlock.
--
-- Error codes (class CD, docs/errors.md; CD001-CD010 are the ledger's,
-- CD020-CD039 the orders' and approvals'):
--   CD040 pool already exists          CD043 empty pool, or swap output 0
--   CD041 unknown pool                 CD044 asset is a pool's LP share
--   CD042 asset not in the pool
-- Slippage is the ledger's CD003, a short balance its CD002.

-- The pools' rows in the core's registries (60_ledger_schema.sql): pool
-- accounts, the pool transaction kinds, and the pool as the issuer of LP
-- shares.  An LP share never enters or leaves the ledger by a deposit or
-- withdrawal (total_supply = the sum of its holdings), and the LP asset of
-- a pair is derived from the pair's names, so the whole LP namespace is
-- the pools' before its pool exists too: a unit of it deposited earlier
-- would block pool_create for that pair for good (CD044 either way).
INSERT INTO ledger_account_kinds (kind, description) VALUES
    ('pool', 'a liquidity pool''s account: its reserves and the locked minimum liquidity');
INSERT INTO ledger_transaction_kinds (kind, description) VALUES
    ('pool_create', 'a pool opened for a pair of assets'),
    ('pool_add', 'liquidity added to a pool, LP shares minted'),
    ('pool_remove', 'liquidity removed from a pool, LP shares burnt'),
    ('pool_swap', 'one asset swapped for the other through a pool');
INSERT INTO ledger_issuers (issuer, sqlstate, message, detail,
                            reserved_prefix, reserved_message, reserved_detail, reserved_hint) VALUES
    ('pool', 'CD044', 'asset %s is the LP share of %s',
     'LP shares enter and leave the ledger only through pool_add_liquidity and pool_remove_liquidity, so they cannot be the subject of a %s.',
     'cdefi:pool/lpshare:', 'asset %s is reserved for the LP share of a pool',
     'Assets cdefi:pool/lpshare:* are issued only by their pool (pool_lp_asset), so they cannot be the subject of a %s.',
     'pool_create opens the pool of a pair; pool_add_liquidity mints its LP share.');

CREATE FUNCTION pool_account(asset_a asset, asset_b asset) RETURNS eth_address
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN substr(@extschema@.keccak256('creative_defi.pool:'::text
              || least(asset_a, asset_b)::text || '/' || greatest(asset_a, asset_b)::text), 13)::@extschema@.eth_address;
COMMENT ON FUNCTION pool_account(asset, asset) IS
    'the system account holding the reserves of the pool of two assets (either order): keccak256(''creative_defi.pool:'' || lower || ''/'' || higher)[12:]';

CREATE FUNCTION pool_lp_asset(asset_a asset, asset_b asset) RETURNS asset
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN ('cdefi:pool/lpshare:0x' || encode(substr(@extschema@.keccak256('creative_defi.pool:'::text
              || least(asset_a, asset_b)::text || '/' || greatest(asset_a, asset_b)::text), 13), 'hex'))::@extschema@.asset;
COMMENT ON FUNCTION pool_lp_asset(asset, asset) IS
    'the LP share asset of the pool of two assets (either order): cdefi:pool/lpshare:0x<pool account in lower-case hex>';

CREATE SEQUENCE ledger_pool_id_seq AS bigint;
COMMENT ON SEQUENCE ledger_pool_id_seq IS 'ids of liquidity pools';

-- One row per pool.  reserve_a, reserve_b and total_supply change only
-- under this row's lock, in the same transaction as the postings that move
-- them; ledger_verify() recomputes them from the postings.
CREATE TABLE ledger_pools (
    id bigint NOT NULL,
    asset_a asset NOT NULL,
    asset_b asset NOT NULL,
    fee_bps integer NOT NULL,
    account eth_address NOT NULL,
    lp_asset asset NOT NULL,
    reserve_a numeric NOT NULL DEFAULT 0,
    reserve_b numeric NOT NULL DEFAULT 0,
    total_supply numeric NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    txn_id bigint NOT NULL REFERENCES ledger_transactions (id),
    CONSTRAINT ledger_pools_pkey PRIMARY KEY (id),
    CONSTRAINT ledger_pools_pair_key UNIQUE (asset_a, asset_b),
    CONSTRAINT ledger_pools_account_key UNIQUE (account),
    CONSTRAINT ledger_pools_lp_asset_key UNIQUE (lp_asset),
    CONSTRAINT ledger_pools_canonical CHECK (asset_a < asset_b),
    CONSTRAINT ledger_pools_fee_bps CHECK (fee_bps BETWEEN 0 AND 1000),
    CONSTRAINT ledger_pools_amounts CHECK (reserve_a >= 0 AND reserve_b >= 0 AND total_supply >= 0
        AND min_scale(reserve_a) = 0 AND min_scale(reserve_b) = 0 AND min_scale(total_supply) = 0)  -- whole: see ledger_holdings
);
COMMENT ON TABLE ledger_pools IS
    'liquidity pools: the canonical pair, fee, pool account, LP asset, current reserves and LP supply';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_pools', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_pool_id_seq', '');

-- The pool history: the reserves and LP supply after every pool
-- transaction, append-only like the journal.  ledger_verify() checks each
-- row against the postings and that k = reserve_a * reserve_b never
-- decreases across a swap.
CREATE TABLE ledger_pool_history (
    pool_id bigint NOT NULL REFERENCES ledger_pools (id),
    txn_id bigint NOT NULL REFERENCES ledger_transactions (id),
    kind text NOT NULL,
    reserve_a numeric NOT NULL,
    reserve_b numeric NOT NULL,
    total_supply numeric NOT NULL,
    CONSTRAINT ledger_pool_history_pkey PRIMARY KEY (pool_id, txn_id),
    CONSTRAINT ledger_pool_history_kind CHECK (kind IN ('pool_add', 'pool_remove', 'pool_swap'))
);
COMMENT ON TABLE ledger_pool_history IS
    'the reserves and LP supply of a pool after each of its transactions (append-only), for the k and reserve checks of ledger_verify()';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_pool_history', '');
CREATE TRIGGER ledger_pool_history_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_pool_history
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- Lock a pool's row (CD041 when there is no such pool).
CREATE FUNCTION pool_lock(pool bigint) RETURNS ledger_pools
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p @extschema@.ledger_pools;
BEGIN
    SELECT * INTO p FROM @extschema@.ledger_pools lp WHERE lp.id = pool FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown pool %', pool
            USING ERRCODE = 'CD041',
                  DETAIL = 'No pool has this id.',
                  HINT = 'pool_create opens a pool and returns its id.';
    END IF;
    RETURN p;
END
$$;
COMMENT ON FUNCTION pool_lock(bigint) IS
    'internal: lock and return a pool''s row; CD041 when it is unknown';

-- Record the state after a pool transaction: the pool row and its history.
CREATE FUNCTION pool_record(p ledger_pools, p_kind text, p_txn_id bigint) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE @extschema@.ledger_pools lp
       SET reserve_a = p.reserve_a, reserve_b = p.reserve_b, total_supply = p.total_supply
     WHERE lp.id = p.id;
    INSERT INTO @extschema@.ledger_pool_history (pool_id, txn_id, kind, reserve_a, reserve_b, total_supply)
    VALUES (p.id, p_txn_id, p_kind, p.reserve_a, p.reserve_b, p.total_supply);
END
$$;
COMMENT ON FUNCTION pool_record(ledger_pools, text, bigint) IS
    'internal: store a pool''s reserves and LP supply after a transaction, in the pool row and its history';

CREATE FUNCTION pool_create(asset_a asset, asset_b asset, fee_bps integer DEFAULT 30,
    OUT pool_id bigint, OUT lp_asset asset, OUT account eth_address, OUT txn_id bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_a @extschema@.asset;
    v_b @extschema@.asset;
    v_ref text;
    v_request jsonb;
    t record;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['asset_a', 'asset_b', 'fee_bps'],
        ARRAY[asset_a IS NULL, asset_b IS NULL, fee_bps IS NULL]);
    IF asset_a OPERATOR(@extschema@.=) asset_b THEN
        RAISE EXCEPTION 'a pool needs two different assets'
            USING ERRCODE = '22023', DETAIL = format('Both are %s.', asset_a);
    END IF;
    IF fee_bps NOT BETWEEN 0 AND 1000 THEN
        RAISE EXCEPTION 'fee_bps must be between 0 and 1000'
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', fee_bps),
                  HINT = 'The fee is fee_bps / 10000 of each swap''s input; Uniswap V2 charges 30 (0.3%).';
    END IF;
    -- the canonical pair: asset_a is the lower in asset order (Uniswap's token0)
    IF asset_a OPERATOR(@extschema@.<) asset_b THEN
        v_a := asset_a; v_b := asset_b;
    ELSE
        v_a := asset_b; v_b := asset_a;
    END IF;
    lp_asset := @extschema@.pool_lp_asset(v_a, v_b);
    IF lp_asset OPERATOR(@extschema@.=) v_a OR lp_asset OPERATOR(@extschema@.=) v_b THEN
        RAISE EXCEPTION 'a pool cannot trade its own LP share'
            USING ERRCODE = '22023', DETAIL = format('%s is the LP share of this pair.', lp_asset);
    END IF;

    -- lock order: the ref (one per pair), then the LP asset's lock, which
    -- register_asset and deposits of it also take
    v_ref := 'pool:' || v_a::text || '/' || v_b::text;
    PERFORM @extschema@.ledger_lock_ref(v_ref);
    PERFORM @extschema@.ledger_lock_asset_key(lp_asset);
    SELECT lp.id, lp.txn_id, lp.fee_bps INTO t FROM @extschema@.ledger_pools lp
     WHERE lp.asset_a OPERATOR(@extschema@.=) v_a AND lp.asset_b OPERATOR(@extschema@.=) v_b;
    IF FOUND THEN
        RAISE EXCEPTION 'a pool of % and % already exists', v_a, v_b
            USING ERRCODE = 'CD040',
                  DETAIL = format('Pool %s (fee_bps %s) was created by journal transaction %s.',
                                  t.id, t.fee_bps, t.txn_id),
                  HINT = 'There is one pool per pair of assets, whatever its fee.';
    END IF;
    PERFORM @extschema@.ledger_refuse_used_ref(v_ref, 'pool_create');
    IF EXISTS (SELECT 1 FROM @extschema@.ledger_holdings h WHERE h.asset OPERATOR(@extschema@.=) lp_asset)
       OR EXISTS (SELECT 1 FROM @extschema@.ledger_assets la WHERE la.asset OPERATOR(@extschema@.=) lp_asset) THEN
        RAISE EXCEPTION 'asset % is already in the ledger', lp_asset
            USING ERRCODE = 'CD044',
                  DETAIL = 'The pool issues every unit of its LP share, so the LP asset must be new to the ledger.';
    END IF;

    account := @extschema@.pool_account(v_a, v_b);
    pool_id := nextval('@extschema@.ledger_pool_id_seq');
    PERFORM @extschema@.ledger_register_system_account(account, 'pool', 'the account of pool ' || pool_id);
    v_request := jsonb_build_object('asset_a', v_a::text, 'asset_b', v_b::text, 'fee_bps', fee_bps);
    txn_id := @extschema@.ledger_post('pool_create', v_ref, lp_asset, v_request,
        jsonb_build_object('pool_id', pool_id, 'lp_asset', lp_asset::text, 'account', account::text),
        '{}', '{}', '{}', '{}');
    INSERT INTO @extschema@.ledger_issued_assets (asset, issuer, description)
    VALUES (lp_asset, 'pool', 'pool ' || pool_id);
    INSERT INTO @extschema@.ledger_pools (id, asset_a, asset_b, fee_bps, account, lp_asset, txn_id)
    VALUES (pool_id, v_a, v_b, fee_bps, account, lp_asset, txn_id);
END
$$;
COMMENT ON FUNCTION pool_create(asset, asset, integer) IS
    'open the constant-product pool of two assets (either order; stored as the canonical pair) with a swap fee in basis points (0-1000); returns its id, LP asset and account; CD040 when the pair already has a pool';

CREATE FUNCTION pool_add_liquidity(pool bigint, provider eth_address, amount_a numeric, amount_b numeric,
    min_liquidity numeric, ref text,
    OUT txn_id bigint, OUT liquidity numeric, OUT used_a numeric, OUT used_b numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_request jsonb;
    v_result jsonb;
    p @extschema@.ledger_pools;
    v_optimal numeric;
    v_locked numeric := 0;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['pool', 'ref'], ARRAY[pool IS NULL, ref IS NULL]);
    PERFORM @extschema@.ledger_check_user_account('provider', provider);
    amount_a := @extschema@.ledger_check_amount('amount_a', amount_a);
    amount_b := @extschema@.ledger_check_amount('amount_b', amount_b);
    min_liquidity := @extschema@.ledger_check_limit('min_liquidity', min_liquidity);
    v_request := jsonb_build_object('pool', pool, 'provider', provider::text, 'amount_a', amount_a,
                                    'amount_b', amount_b, 'min_liquidity', min_liquidity);
    v_result := @extschema@.ledger_replay('pool_add', ref, v_request);
    IF v_result IS NOT NULL THEN
        SELECT x.* INTO txn_id, liquidity, used_a, used_b
          FROM jsonb_to_record(v_result) AS x(txn_id bigint, liquidity numeric, used_a numeric, used_b numeric);
        RETURN;
    END IF;
    p := @extschema@.pool_lock(pool);
    -- UniswapV2Router02._addLiquidity: the first deposit sets the price;
    -- later ones take the most of (amount_a, amount_b) at the pool's
    -- price, so only what is used is ever debited
    IF p.total_supply = 0 THEN
        used_a := amount_a;
        used_b := amount_b;
        v_locked := 1000;
    ELSE
        v_optimal := @extschema@.amm_quote(amount_a, p.reserve_a, p.reserve_b);
        IF v_optimal <= amount_b THEN
            used_a := amount_a;
            used_b := v_optimal;
        ELSE
            used_a := @extschema@.amm_quote(amount_b, p.reserve_b, p.reserve_a);
            used_b := amount_b;
        END IF;
    END IF;
    liquidity := @extschema@.amm_liquidity_minted(used_a, used_b, p.reserve_a, p.reserve_b, p.total_supply);
    IF liquidity < min_liquidity THEN
        RAISE EXCEPTION 'slippage exceeded: adding % and % to pool % mints % liquidity, % less than min_liquidity %',
                        used_a, used_b, p.id, liquidity, min_liquidity - liquidity, min_liquidity
            USING ERRCODE = 'CD003',
                  DETAIL = format('The reserves are %s of %s and %s of %s, the LP supply %s. Nothing was applied.',
                                  p.reserve_a, p.asset_a, p.reserve_b, p.asset_b, p.total_supply);
    END IF;
    p.reserve_a := p.reserve_a + used_a;
    p.reserve_b := p.reserve_b + used_b;
    p.total_supply := p.total_supply + liquidity + v_locked;
    txn_id := @extschema@.ledger_post('pool_add', ref, p.lp_asset, v_request,
        jsonb_build_object('liquidity', liquidity, 'used_a', used_a, 'used_b', used_b),
        ARRAY[provider, p.account, provider, p.account,
              @extschema@.ledger_issuance_account(), provider, p.account],
        ARRAY[p.asset_a, p.asset_a, p.asset_b, p.asset_b, p.lp_asset, p.lp_asset, p.lp_asset],
        ARRAY[-used_a, used_a, -used_b, used_b, -(liquidity + v_locked), liquidity, v_locked],
        ARRAY['user', 'pool', 'user', 'pool', 'issuance', 'user', 'pool']);
    PERFORM @extschema@.pool_record(p, 'pool_add', txn_id);
END
$$;
COMMENT ON FUNCTION pool_add_liquidity(bigint, eth_address, numeric, numeric, numeric, text) IS
    'deposit at most amount_a and amount_b into a pool at its price (Uniswap V2 Router addLiquidity: only the optimal pair is debited) and mint LP shares (Pair.mint); CD003 below min_liquidity; idempotent by ref';

CREATE FUNCTION pool_remove_liquidity(pool bigint, provider eth_address, liquidity numeric,
    min_a numeric, min_b numeric, ref text,
    OUT txn_id bigint, OUT amount_a numeric, OUT amount_b numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_request jsonb;
    v_result jsonb;
    p @extschema@.ledger_pools;
    v_have numeric;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['pool', 'ref'], ARRAY[pool IS NULL, ref IS NULL]);
    PERFORM @extschema@.ledger_check_user_account('provider', provider);
    liquidity := @extschema@.ledger_check_amount('liquidity', liquidity);
    min_a := @extschema@.ledger_check_limit('min_a', min_a);
    min_b := @extschema@.ledger_check_limit('min_b', min_b);
    v_request := jsonb_build_object('pool', pool, 'provider', provider::text, 'liquidity', liquidity,
                                    'min_a', min_a, 'min_b', min_b);
    v_result := @extschema@.ledger_replay('pool_remove', ref, v_request);
    IF v_result IS NOT NULL THEN
        SELECT x.* INTO txn_id, amount_a, amount_b
          FROM jsonb_to_record(v_result) AS x(txn_id bigint, amount_a numeric, amount_b numeric);
        RETURN;
    END IF;
    p := @extschema@.pool_lock(pool);
    -- say "insufficient balance" before Pair.burn's arithmetic refuses
    -- a liquidity above the supply (ledger_post checks again under the
    -- holding's lock)
    v_have := @extschema@.balance(provider, p.lp_asset);
    IF liquidity > v_have THEN
        RAISE EXCEPTION 'insufficient balance: account % holds % of %, needs %',
                        provider, v_have, p.lp_asset, liquidity
            USING ERRCODE = 'CD002',
                  DETAIL = format('The pool_remove is short by %s base units.', liquidity - v_have);
    END IF;
    SELECT b.amount_a, b.amount_b INTO amount_a, amount_b
      FROM @extschema@.amm_liquidity_burned(liquidity, p.reserve_a, p.reserve_b, p.total_supply) b;
    IF amount_a < min_a OR amount_b < min_b THEN
        RAISE EXCEPTION 'slippage exceeded: burning % liquidity of pool % returns % and %, %',
                        liquidity, p.id, amount_a, amount_b, concat_ws(' and ',
                            CASE WHEN amount_a < min_a THEN format('%s less than min_a %s', min_a - amount_a, min_a) END,
                            CASE WHEN amount_b < min_b THEN format('%s less than min_b %s', min_b - amount_b, min_b) END)
            USING ERRCODE = 'CD003',
                  DETAIL = format('The reserves are %s of %s and %s of %s, the LP supply %s. Nothing was applied.',
                                  p.reserve_a, p.asset_a, p.reserve_b, p.asset_b, p.total_supply);
    END IF;
    p.reserve_a := p.reserve_a - amount_a;
    p.reserve_b := p.reserve_b - amount_b;
    p.total_supply := p.total_supply - liquidity;
    txn_id := @extschema@.ledger_post('pool_remove', ref, p.lp_asset, v_request,
        jsonb_build_object('amount_a', amount_a, 'amount_b', amount_b),
        ARRAY[provider, @extschema@.ledger_issuance_account(), p.account, provider, p.account, provider],
        ARRAY[p.lp_asset, p.lp_asset, p.asset_a, p.asset_a, p.asset_b, p.asset_b],
        ARRAY[-liquidity, liquidity, -amount_a, amount_a, -amount_b, amount_b],
        ARRAY['user', 'issuance', 'pool', 'user', 'pool', 'user']);
    PERFORM @extschema@.pool_record(p, 'pool_remove', txn_id);
END
$$;
COMMENT ON FUNCTION pool_remove_liquidity(bigint, eth_address, numeric, numeric, numeric, text) IS
    'burn LP shares for the provider''s part of both reserves, fees included (Uniswap V2 Pair.burn); CD003 below min_a or min_b; idempotent by ref';

CREATE FUNCTION pool_swap(pool bigint, trader eth_address, asset_in asset, amount_in numeric,
    min_out numeric, ref text,
    OUT txn_id bigint, OUT asset_out asset, OUT amount_out numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_request jsonb;
    v_result jsonb;
    p @extschema@.ledger_pools;
    v_a_in boolean;
    v_r_in numeric;
    v_r_out numeric;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['pool', 'asset_in', 'ref'],
        ARRAY[pool IS NULL, asset_in IS NULL, ref IS NULL]);
    PERFORM @extschema@.ledger_check_user_account('trader', trader);
    amount_in := @extschema@.ledger_check_amount('amount_in', amount_in);
    min_out := @extschema@.ledger_check_limit('min_out', min_out);
    v_request := jsonb_build_object('pool', pool, 'trader', trader::text, 'asset_in', asset_in::text,
                                    'amount_in', amount_in, 'min_out', min_out);
    v_result := @extschema@.ledger_replay('pool_swap', ref, v_request);
    IF v_result IS NOT NULL THEN
        SELECT x.* INTO txn_id, asset_out, amount_out
          FROM jsonb_to_record(v_result) AS x(txn_id bigint, asset_out @extschema@.asset, amount_out numeric);
        RETURN;
    END IF;
    p := @extschema@.pool_lock(pool);
    IF asset_in OPERATOR(@extschema@.=) p.asset_a THEN
        v_a_in := true;
        asset_out := p.asset_b; v_r_in := p.reserve_a; v_r_out := p.reserve_b;
    ELSIF asset_in OPERATOR(@extschema@.=) p.asset_b THEN
        v_a_in := false;
        asset_out := p.asset_a; v_r_in := p.reserve_b; v_r_out := p.reserve_a;
    ELSE
        RAISE EXCEPTION 'asset % is not traded by pool %', asset_in, p.id
            USING ERRCODE = 'CD042',
                  DETAIL = format('Pool %s trades %s against %s.', p.id, p.asset_a, p.asset_b);
    END IF;
    IF p.total_supply = 0 THEN
        RAISE EXCEPTION 'pool % has no liquidity', p.id
            USING ERRCODE = 'CD043',
                  DETAIL = 'Both reserves are 0: an empty pool has no price.',
                  HINT = 'pool_add_liquidity makes the first deposit, which sets the price.';
    END IF;
    amount_out := @extschema@.amm_amount_out(amount_in, v_r_in, v_r_out, p.fee_bps);
    IF amount_out = 0 THEN
        RAISE EXCEPTION 'swapping % of % in pool % pays out nothing', amount_in, asset_in, p.id
            USING ERRCODE = 'CD043',
                  DETAIL = format('With reserves %s in and %s out and a fee of %s bps the output rounds down to 0; UniswapV2Pair.swap reverts with INSUFFICIENT_OUTPUT_AMOUNT.',
                                  v_r_in, v_r_out, p.fee_bps),
                  HINT = 'Swap a larger amount.';
    END IF;
    IF amount_out < min_out THEN
        RAISE EXCEPTION 'slippage exceeded: swapping % of % in pool % returns % of %, % less than min_out %',
                        amount_in, asset_in, p.id, amount_out, asset_out, min_out - amount_out, min_out
            USING ERRCODE = 'CD003',
                  DETAIL = format('The reserves are %s in and %s out, the fee %s bps. Nothing was applied.',
                                  v_r_in, v_r_out, p.fee_bps);
    END IF;
    IF v_a_in THEN
        p.reserve_a := p.reserve_a + amount_in;
        p.reserve_b := p.reserve_b - amount_out;
    ELSE
        p.reserve_b := p.reserve_b + amount_in;
        p.reserve_a := p.reserve_a - amount_out;
    END IF;
    txn_id := @extschema@.ledger_post('pool_swap', ref, p.lp_asset, v_request,
        jsonb_build_object('asset_out', asset_out::text, 'amount_out', amount_out),
        ARRAY[trader, p.account, p.account, trader],
        ARRAY[asset_in, asset_in, asset_out, asset_out],
        ARRAY[-amount_in, amount_in, -amount_out, amount_out],
        ARRAY['user', 'pool', 'pool', 'user']);
    PERFORM @extschema@.pool_record(p, 'pool_swap', txn_id);
END
$$;
COMMENT ON FUNCTION pool_swap(bigint, eth_address, asset, numeric, numeric, text) IS
    'sell amount_in of one pool asset for the other at the Uniswap V2 price (getAmountOut with the pool''s fee, which stays in the reserves); CD003 below min_out; idempotent by ref';

CREATE VIEW pools AS
SELECT p.id, p.asset_a, p.asset_b, p.fee_bps, p.account, p.lp_asset, p.reserve_a, p.reserve_b,
       p.total_supply, p.reserve_a * p.reserve_b AS k, p.created_at
  FROM ledger_pools p;
COMMENT ON VIEW pools IS
    'every liquidity pool with its current reserves, LP supply and k = reserve_a * reserve_b';
-- pools (2/2): the pool invariants that ledger_verify() reports, and the
-- pools' privileges
--
-- Four checks, each one statement registered in the core's registry
-- (60_ledger_schema.sql) at positions 70 to 73, after the core's
-- hash_chain.  Each recomputes from the immutable postings; the pool rows
-- and their history are only what is compared.  Within one pool,
-- transaction ids increase in commit order: ledger_post draws the id
-- while the pool row is locked.

-- each pool's reserves and LP supply equal the sums of its postings and
-- the pool account's holdings; the locked 1000 LP units stay put
CREATE FUNCTION pools_verify_reserves() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(*) AS n,
              min(format('pool %s has reserves %s and %s and supply %s; postings give %s, %s and %s; holdings %s and %s; %s LP units locked',
                         p.id, p.reserve_a, p.reserve_b, p.total_supply, s.a, s.b, s.lp,
                         coalesce(ha.amount, 0), coalesce(hb.amount, 0), s.locked)) AS e
         FROM @extschema@.ledger_pools p
         CROSS JOIN LATERAL (
             SELECT coalesce(sum(q.amount) FILTER (WHERE q.account OPERATOR(@extschema@.=) p.account
                                                     AND q.asset OPERATOR(@extschema@.=) p.asset_a), 0) AS a,
                    coalesce(sum(q.amount) FILTER (WHERE q.account OPERATOR(@extschema@.=) p.account
                                                     AND q.asset OPERATOR(@extschema@.=) p.asset_b), 0) AS b,
                    coalesce(sum(-q.amount) FILTER (WHERE q.account OPERATOR(@extschema@.=) @extschema@.ledger_issuance_account()
                                                      AND q.asset OPERATOR(@extschema@.=) p.lp_asset), 0) AS lp,
                    coalesce(sum(q.amount) FILTER (WHERE q.account OPERATOR(@extschema@.=) p.account
                                                     AND q.asset OPERATOR(@extschema@.=) p.lp_asset), 0) AS locked
               FROM @extschema@.ledger_postings q
              WHERE (q.account OPERATOR(@extschema@.=) p.account
                     OR q.account OPERATOR(@extschema@.=) @extschema@.ledger_issuance_account())
                AND (q.asset OPERATOR(@extschema@.=) p.asset_a OR q.asset OPERATOR(@extschema@.=) p.asset_b
                     OR q.asset OPERATOR(@extschema@.=) p.lp_asset)) s
         LEFT JOIN @extschema@.ledger_holdings ha
           ON ha.account OPERATOR(@extschema@.=) p.account AND ha.asset OPERATOR(@extschema@.=) p.asset_a
         LEFT JOIN @extschema@.ledger_holdings hb
           ON hb.account OPERATOR(@extschema@.=) p.account AND hb.asset OPERATOR(@extschema@.=) p.asset_b
        WHERE p.reserve_a <> s.a OR p.reserve_b <> s.b OR p.total_supply <> s.lp
           OR p.reserve_a <> coalesce(ha.amount, 0) OR p.reserve_b <> coalesce(hb.amount, 0)
           OR s.locked <> CASE WHEN s.lp > 0 THEN 1000 ELSE 0 END
           OR (p.total_supply = 0) <> (p.reserve_a = 0 AND p.reserve_b = 0)
           OR (p.total_supply > 0 AND (p.reserve_a = 0 OR p.reserve_b = 0))) f,
      @extschema@.ledger_verify_row('pool_reserves', f.n, f.e,
          format('%s pools: reserves and LP supply equal their postings', (SELECT count(*) FROM @extschema@.ledger_pools)),
          'pools differ from their postings') r;
END;
COMMENT ON FUNCTION pools_verify_reserves() IS
    'check pool_reserves of ledger_verify(): each pool''s reserves and LP supply equal its postings and the pool account''s holdings, with 1000 LP units locked once it has liquidity';

-- the pool history: after every transaction that moved a pool's reserves
-- or LP supply there is a history row, and its figures are the running
-- sums of the postings up to that transaction
CREATE FUNCTION pools_verify_history() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    WITH deltas AS (
        SELECT p.id AS pool_id, q.txn_id,
               coalesce(sum(q.amount) FILTER (WHERE q.account OPERATOR(@extschema@.=) p.account
                                                AND q.asset OPERATOR(@extschema@.=) p.asset_a), 0) AS da,
               coalesce(sum(q.amount) FILTER (WHERE q.account OPERATOR(@extschema@.=) p.account
                                                AND q.asset OPERATOR(@extschema@.=) p.asset_b), 0) AS db,
               coalesce(sum(-q.amount) FILTER (WHERE q.account OPERATOR(@extschema@.=) @extschema@.ledger_issuance_account()
                                                 AND q.asset OPERATOR(@extschema@.=) p.lp_asset), 0) AS dl
          FROM @extschema@.ledger_pools p
          JOIN @extschema@.ledger_postings q
            ON (q.account OPERATOR(@extschema@.=) p.account
                AND (q.asset OPERATOR(@extschema@.=) p.asset_a OR q.asset OPERATOR(@extschema@.=) p.asset_b))
            OR (q.account OPERATOR(@extschema@.=) @extschema@.ledger_issuance_account()
                AND q.asset OPERATOR(@extschema@.=) p.lp_asset)
         GROUP BY p.id, q.txn_id
    ), steps AS (
        SELECT coalesce(d.pool_id, h.pool_id) AS pool_id, coalesce(d.txn_id, h.txn_id) AS txn_id,
               h.txn_id IS NOT NULL AS recorded, h.reserve_a, h.reserve_b, h.total_supply,
               sum(coalesce(d.da, 0)) OVER w AS a, sum(coalesce(d.db, 0)) OVER w AS b,
               sum(coalesce(d.dl, 0)) OVER w AS lp
          FROM deltas d
          FULL JOIN @extschema@.ledger_pool_history h ON h.pool_id = d.pool_id AND h.txn_id = d.txn_id
        WINDOW w AS (PARTITION BY coalesce(d.pool_id, h.pool_id) ORDER BY coalesce(d.txn_id, h.txn_id))
    )
    SELECT r.* FROM
      (SELECT count(*) AS n,
              min(CASE WHEN s.recorded
                       THEN format('pool %s after transaction %s: history says %s, %s and %s, postings give %s, %s and %s',
                                   s.pool_id, s.txn_id, s.reserve_a, s.reserve_b, s.total_supply, s.a, s.b, s.lp)
                       ELSE format('pool %s: transaction %s moved it but has no history row', s.pool_id, s.txn_id) END) AS e
         FROM steps s
        WHERE NOT s.recorded OR s.reserve_a <> s.a OR s.reserve_b <> s.b OR s.total_supply <> s.lp) f,
      @extschema@.ledger_verify_row('pool_history', f.n, f.e,
          format('%s pool transactions: recorded reserves equal the running sums of the postings',
                 (SELECT count(*) FROM @extschema@.ledger_pool_history)),
          'pool history rows differ from the postings') r;
END;
COMMENT ON FUNCTION pools_verify_history() IS
    'check pool_history of ledger_verify(): every transaction that moved a pool has a history row, whose reserves and LP supply are the running sums of the postings';

-- k = reserve_a * reserve_b never decreases across a swap: each swap's k
-- is at least the k after the pool's previous transaction (liquidity
-- events change k by design and start a new comparison)
CREATE FUNCTION pools_verify_k() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(*) FILTER (WHERE s.kind = 'pool_swap') AS swaps,
              count(*) FILTER (WHERE s.kind = 'pool_swap' AND s.k < s.k_before) AS n,
              min(format('pool %s: swap transaction %s leaves k = %s, below %s before it',
                         s.pool_id, s.txn_id, s.k, s.k_before)) FILTER (WHERE s.kind = 'pool_swap' AND s.k < s.k_before) AS e
         FROM (SELECT h.pool_id, h.txn_id, h.kind, h.reserve_a * h.reserve_b AS k,
                      lag(h.reserve_a * h.reserve_b) OVER (PARTITION BY h.pool_id ORDER BY h.txn_id) AS k_before
                 FROM @extschema@.ledger_pool_history h) s) f,
      @extschema@.ledger_verify_row('pool_k', f.n, f.e, format('%s swaps: k never decreased', f.swaps),
          'swaps decreased k') r;
END;
COMMENT ON FUNCTION pools_verify_k() IS
    'check pool_k of ledger_verify(): no swap leaves k = reserve_a * reserve_b below the k after the pool''s previous transaction';

-- holdings of kind 'pool' are exactly the pool accounts' holdings, in the
-- pool's two assets and its LP share
CREATE FUNCTION pools_verify_accounts() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(*) AS n, min(format('%s in %s has kind %s', h.account, h.asset, h.kind)) AS e
         FROM @extschema@.ledger_holdings h
         LEFT JOIN @extschema@.ledger_pools p ON p.account OPERATOR(@extschema@.=) h.account
        WHERE (h.kind = 'pool') IS DISTINCT FROM (p.id IS NOT NULL AND (h.asset OPERATOR(@extschema@.=) p.asset_a
                                                  OR h.asset OPERATOR(@extschema@.=) p.asset_b
                                                  OR h.asset OPERATOR(@extschema@.=) p.lp_asset))) f,
      @extschema@.ledger_verify_row('pool_accounts', f.n, f.e,
          'pool accounts hold only their pools'' assets and locked LP shares',
          'holdings in the wrong kind of account') r;
END;
COMMENT ON FUNCTION pools_verify_accounts() IS
    'check pool_accounts of ledger_verify(): holdings of kind pool are exactly the pool accounts'' holdings of their two assets and LP share';

INSERT INTO ledger_verify_checks_registry (position, function, area) VALUES
    (70, 'pools_verify_reserves()', 'pools'),
    (71, 'pools_verify_history()', 'pools'),
    (72, 'pools_verify_k()', 'pools'),
    (73, 'pools_verify_accounts()', 'pools');

REVOKE ALL ON TABLE ledger_pools, ledger_pool_history, pools FROM PUBLIC;
GRANT SELECT ON TABLE ledger_pools, ledger_pool_history, pools
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
REVOKE ALL ON SEQUENCE ledger_pool_id_seq FROM PUBLIC;

REVOKE ALL ON FUNCTION
    pool_lock(bigint),
    pool_record(ledger_pools, text, bigint)
FROM PUBLIC;

REVOKE ALL ON FUNCTION
    pool_create(asset, asset, integer),
    pool_add_liquidity(bigint, eth_address, numeric, numeric, numeric, text),
    pool_remove_liquidity(bigint, eth_address, numeric, numeric, numeric, text),
    pool_swap(bigint, eth_address, asset, numeric, numeric, text)
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    pool_create(asset, asset, integer),
    pool_add_liquidity(bigint, eth_address, numeric, numeric, numeric, text),
    pool_remove_liquidity(bigint, eth_address, numeric, numeric, numeric, text),
    pool_swap(bigint, eth_address, asset, numeric, numeric, text)
TO creative_defi_operator;

-- internal: ledger_verify() calls them, after sealing
REVOKE ALL ON FUNCTION
    pools_verify_reserves(),
    pools_verify_history(),
    pools_verify_k(),
    pools_verify_accounts()
FROM PUBLIC;
-- approvals (1/1): human approval checkpoints for changes to an asset
--
-- Anyone with the writer role (an automated agent, say) may propose a
-- change to a registered asset: a new curve, a new split, a new royalty
-- rate, pausing or resuming trading.  It applies only when M of the
-- asset's N approvers have signed an EIP-712 Approve of exactly that
-- proposal; then, atomically, the asset row changes and the ledger
-- journals a 'change' transaction with the signatures.  docs/approvals.md
-- is the normative description.  The journal is the record of an asset's
-- fields: a trigger refuses any change of them that the journal does not
-- give, and ledger_verify() replays them (see "Governance" below).
--
-- Error codes (class CD, docs/errors.md):
--   CD030 asset paused                 CD035 not an approver
--   CD031 asset has no approvers       CD036 duplicate approval
--   CD032 unknown proposal             CD037 signature for another proposal
--   CD033 proposal expired             CD038 threshold above the approver count
--   CD034 proposal already applied     CD039 curve change would be insolvent
-- and CD012 (the ledger's range: it guards ledger_assets, and CD030-CD039
-- are taken) for an asset field changed outside an approved proposal.

-- The approvals' transaction kind in the core's registry.
INSERT INTO ledger_transaction_kinds (kind, description) VALUES
    ('change', 'an approved proposal applied to an asset, with the approvers'' signatures');

-- Pausing: a flag on the asset row; a paused asset's supply cannot
-- change, so buy and sell (directly or through signed orders) fail.
ALTER TABLE ledger_assets ADD COLUMN paused boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN ledger_assets.paused IS
    'true while trading is paused by an approved proposal: buy and sell are refused (CD030)';

CREATE FUNCTION approvals_refuse_paused() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'asset % is paused', OLD.asset
        USING ERRCODE = 'CD030',
              DETAIL = 'Trading in the asset was paused by an approved proposal; buy and sell are refused.',
              HINT = 'An approved proposal {"paused": false} resumes trading.';
END
$$;
COMMENT ON FUNCTION approvals_refuse_paused() IS
    'trigger function: refuse a change of supply (a buy or a sell) of a paused asset with CD030';

-- The WHEN clause keeps the cost to unpaused trades at one comparison.
CREATE TRIGGER ledger_assets_paused
    BEFORE UPDATE OF supply ON ledger_assets
    FOR EACH ROW WHEN (OLD.paused AND NEW.supply IS DISTINCT FROM OLD.supply)
    EXECUTE FUNCTION approvals_refuse_paused();

-- Governance of ledger_assets.  curve, split, royalty_bps and paused
-- change only when an approved proposal applies, and the other fields of
-- a registration (asset, currency, creator, content_hash, metadata,
-- reserve_account, txn_id) never change.  The journal records all of it:
-- the 'register' transaction's request, then each applied 'change'
-- transaction's request->'change'.  One replay of those serves both the
-- trigger that refuses any other change and ledger_verify()'s 'assets'
-- check (which sees what a superuser did with the trigger disabled).

-- The replay reads only the register and change transactions of an asset;
-- this partial index keeps it from walking the asset's trades.
CREATE INDEX ledger_transactions_governance_idx ON ledger_transactions (asset, id)
    WHERE kind IN ('register', 'change');

-- The governed fields of an asset row, in the canonical forms the journal
-- holds them in (the text of each type, as register_asset and
-- approvals_canonical_change write them).  content_hash is hex text
-- whatever bytea_output says.
CREATE FUNCTION approvals_asset_fields(a ledger_assets) RETURNS jsonb
LANGUAGE sql STABLE
RETURN pg_catalog.jsonb_build_object(
    'asset', a.asset::text, 'currency', a.currency::text, 'curve', a.curve::text, 'split', a.split::text,
    'creator', a.creator::text, 'royalty_bps', a.royalty_bps,
    'content_hash', '\x' || pg_catalog.encode(a.content_hash, 'hex'), 'metadata', a.metadata,
    'paused', a.paused, 'reserve_account', a.reserve_account::text, 'txn_id', a.txn_id);
COMMENT ON FUNCTION approvals_asset_fields(ledger_assets) IS
    'internal: the governed fields of an asset row as a JSON object in canonical text forms, for comparison with the journal''s replay';

-- Replay the journal for one asset: its register request (with the
-- reserve account from its result, its own id, and paused = false), then
-- the change object of every applied change merged with ||, in id order:
-- ids are drawn under the asset's row lock, so id order is apply order.
-- NULL when the journal has no registration of the asset.
CREATE FUNCTION approvals_asset_replay(asset asset) RETURNS jsonb
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v jsonb;
    t record;
BEGIN
    FOR t IN
        SELECT l.id, l.kind, l.request, l.result FROM @extschema@.ledger_transactions l
         WHERE l.asset OPERATOR(@extschema@.=) approvals_asset_replay.asset AND l.kind IN ('register', 'change')
         ORDER BY l.id
    LOOP
        IF t.kind = 'register' THEN
            v := t.request || jsonb_build_object('reserve_account', t.result -> 'reserve_account',
                                                 'txn_id', t.id, 'paused', false);
            -- the request holds bytea in the bytea_output of its session
            IF v ->> 'content_hash' IS NOT NULL THEN
                v := jsonb_set(v, '{content_hash}',
                               to_jsonb('\x' || encode((v ->> 'content_hash')::bytea, 'hex')));
            END IF;
        ELSE
            v := v || (t.request -> 'change');
        END IF;
    END LOOP;
    RETURN v;
END
$$;
COMMENT ON FUNCTION approvals_asset_replay(asset) IS
    'internal: an asset''s governed fields replayed from the journal (register request, then each applied change in id order); NULL without a registration';

-- The fields in which an asset row differs from the journal's replay.
CREATE FUNCTION approvals_asset_diff(a ledger_assets) RETURNS TABLE(field text, in_row jsonb, in_journal jsonb)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_row jsonb := @extschema@.approvals_asset_fields(a);
    v_journal jsonb := coalesce(@extschema@.approvals_asset_replay(a.asset), '{}');
BEGIN
    RETURN QUERY
        SELECT k.k, v_row -> k.k, v_journal -> k.k
          FROM (SELECT jsonb_object_keys(v_row) UNION SELECT jsonb_object_keys(v_journal)) AS k(k)
         WHERE (v_row -> k.k) IS DISTINCT FROM (v_journal -> k.k)
         ORDER BY k.k;
END
$$;
COMMENT ON FUNCTION approvals_asset_diff(ledger_assets) IS
    'internal: the governed fields of an asset row that differ from the journal''s replay, with both values';

-- Refuse an update of a governed field unless the row it leaves equals the
-- replay of the journal: approve_change posts its 'change' transaction
-- before it updates the row, so the approved path passes and nothing else
-- does.  The trigger fires only for UPDATEs that name a governed column,
-- so a trade (SET supply, reserve) does not even evaluate it.
CREATE FUNCTION approvals_refuse_ungoverned_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_fields text;
BEGIN
    SELECT string_agg(d.field, ', ' ORDER BY d.field) INTO v_fields FROM @extschema@.approvals_asset_diff(NEW) d;
    IF v_fields IS NOT NULL THEN
        RAISE EXCEPTION 'asset governance fields change only through an approved proposal'
            USING ERRCODE = 'CD012',
                  DETAIL = format('The update would leave %s of asset %s different from the journal''s registration and applied changes. '
                                  'curve, split, royalty_bps and paused change when an approved proposal applies; the other fields never change.',
                                  v_fields, OLD.asset),
                  HINT = 'Propose the change with propose_change(asset, change, proposer); it applies when enough approvers sign it.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION approvals_refuse_ungoverned_change() IS
    'trigger function: refuse an update of an asset''s governed fields that the journal''s register and change transactions do not give (CD012)';

CREATE TRIGGER ledger_assets_governed
    BEFORE UPDATE OF asset, currency, curve, split, creator, royalty_bps, content_hash, metadata, paused,
                     reserve_account, txn_id ON ledger_assets
    FOR EACH ROW EXECUTE FUNCTION approvals_refuse_ungoverned_change();

-- ledger_verify()'s 'assets' check (registered at position 80): every
-- asset row equals the replay of its journal, and every registration in
-- the journal has its row.
CREATE FUNCTION approvals_assets_verify() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(b.asset) AS n, min(b.problem) AS e
         FROM (SELECT a.asset, format('%s: %s is %s in ledger_assets, %s in the journal', a.asset, d.field,
                                      coalesce(d.in_row::text, 'missing'), coalesce(d.in_journal::text, 'missing')) AS problem
                 FROM @extschema@.ledger_assets a,
                      LATERAL (SELECT * FROM @extschema@.approvals_asset_diff(a) LIMIT 1) d
               UNION ALL
               SELECT l.asset, format('%s: registered by journal transaction %s, not in ledger_assets', l.asset, l.id)
                 FROM @extschema@.ledger_transactions l
                WHERE l.kind = 'register'
                  AND NOT EXISTS (SELECT 1 FROM @extschema@.ledger_assets a WHERE a.asset OPERATOR(@extschema@.=) l.asset)) b) f,
      @extschema@.ledger_verify_row('assets', f.n, f.e,
          format('%s assets equal the replay of their register and change transactions',
                 (SELECT count(*) FROM @extschema@.ledger_assets)),
          'assets differ from the journal') r;
END;
COMMENT ON FUNCTION approvals_assets_verify() IS
    'internal: ledger_verify()''s assets check: every asset row equals the replay of its register and change transactions, and every registration has its row';
INSERT INTO ledger_verify_checks_registry (position, function, area) VALUES (80, 'approvals_assets_verify()', 'approvals');

-- internal: only the trigger, approve_change and ledger_verify() call them
-- (next to them rather than in 79_orders_approvals_privileges.sql, which
-- is being rewritten)
REVOKE ALL ON FUNCTION approvals_asset_fields(ledger_assets), approvals_asset_replay(asset),
    approvals_asset_diff(ledger_assets), approvals_refuse_ungoverned_change(), approvals_assets_verify()
FROM PUBLIC;

-- The asset and journal columns below carry no foreign keys to the
-- ledger's tables (only the approval functions write them, after checking),
-- so that statements on the ledger's tables never cascade into these.
CREATE TABLE approval_policies (
    asset asset NOT NULL,
    approvers eth_address[] NOT NULL,
    threshold integer NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT approval_policies_pkey PRIMARY KEY (asset),
    CONSTRAINT approval_policies_threshold CHECK (threshold BETWEEN 1 AND cardinality(approvers))
);
COMMENT ON TABLE approval_policies IS
    'per asset, the approvers (addresses) and the threshold M of N approvals a proposed change needs';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.approval_policies', '');

CREATE TABLE approval_proposals (
    id bigint GENERATED ALWAYS AS IDENTITY,
    asset asset NOT NULL,
    change jsonb NOT NULL,
    change_hash bytea NOT NULL,
    proposer eth_address NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    applied_txn bigint,
    applied_at timestamptz,
    CONSTRAINT approval_proposals_pkey PRIMARY KEY (id),
    CONSTRAINT approval_proposals_hash_length CHECK (octet_length(change_hash) = 32),
    CONSTRAINT approval_proposals_applied CHECK ((applied_txn IS NULL) = (applied_at IS NULL))
);
CREATE INDEX approval_proposals_asset_idx ON approval_proposals (asset, id);
COMMENT ON TABLE approval_proposals IS
    'proposed changes to assets (curve, split, royalty_bps, paused) waiting for approvals, and those applied';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.approval_proposals', '');
-- Its identity sequence too: registering the table dumps the rows, not the
-- sequence's value, and a restored database would hand out the restored
-- ids again (a duplicate key in propose_change).
SELECT pg_catalog.pg_extension_config_dump('@extschema@.approval_proposals_id_seq', '');

CREATE TABLE approval_signatures (
    proposal_id bigint NOT NULL REFERENCES approval_proposals (id),
    approver eth_address NOT NULL,
    signature bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT approval_signatures_pkey PRIMARY KEY (proposal_id, approver)
);
COMMENT ON TABLE approval_signatures IS
    'the EIP-712 Approve signatures approvers gave, one per approver and proposal';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.approval_signatures', '');

CREATE FUNCTION set_approvers(asset asset, approvers eth_address[], threshold integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_dup @extschema@.eth_address;
    v_n int := cardinality(approvers);
    i int;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['asset', 'approvers', 'threshold'],
        ARRAY[asset IS NULL, approvers IS NULL, threshold IS NULL]);
    IF v_n = 0 OR array_position(approvers, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'approvers must be a non-empty array without nulls' USING ERRCODE = '22023';
    END IF;
    FOR i IN 1 .. v_n LOOP
        PERFORM @extschema@.ledger_check_user_account(format('approvers[%s]', i), approvers[i]);
    END LOOP;
    SELECT x INTO v_dup FROM unnest(approvers) AS u(x) GROUP BY x HAVING count(*) > 1 ORDER BY x LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'approver % is listed twice', v_dup USING ERRCODE = '22023';
    END IF;
    IF threshold < 1 OR threshold > v_n THEN
        RAISE EXCEPTION 'threshold % is not between 1 and the number of approvers (%)', threshold, v_n
            USING ERRCODE = 'CD038';
    END IF;
    PERFORM @extschema@.ledger_lock_asset(asset);
    INSERT INTO @extschema@.approval_policies AS p (asset, approvers, threshold)
    VALUES (set_approvers.asset, set_approvers.approvers, set_approvers.threshold)
    ON CONFLICT ON CONSTRAINT approval_policies_pkey DO UPDATE
        SET approvers = excluded.approvers, threshold = excluded.threshold, updated_at = pg_catalog.now();
END
$$;
COMMENT ON FUNCTION set_approvers(asset, eth_address[], integer) IS
    'admin: set the approvers of an asset and the threshold M of N approvals its proposed changes need';

-- Validate a change and bring it to canonical form (curve and split in
-- their canonical text), so that its hash is the same for equal changes.
CREATE FUNCTION approvals_canonical_change(change jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_keys text;
    v jsonb := '{}';
    b int;
BEGIN
    IF jsonb_typeof(change) IS DISTINCT FROM 'object' OR change = '{}' THEN
        RAISE EXCEPTION 'change must be a non-empty JSON object'
            USING ERRCODE = '22023', HINT = 'Keys: curve, split, royalty_bps, paused.';
    END IF;
    SELECT string_agg(k, ', ' ORDER BY k) INTO v_keys FROM jsonb_object_keys(change) AS o(k)
     WHERE k NOT IN ('curve', 'split', 'royalty_bps', 'paused');
    IF v_keys IS NOT NULL THEN
        RAISE EXCEPTION 'change has unknown keys: %', v_keys
            USING ERRCODE = '22023', HINT = 'Keys: curve, split, royalty_bps, paused.';
    END IF;
    IF change ? 'curve' THEN
        IF jsonb_typeof(change -> 'curve') <> 'string' THEN
            RAISE EXCEPTION 'change.curve must be a bonding_curve in text form' USING ERRCODE = '22023';
        END IF;
        v := v || jsonb_build_object('curve', ((change ->> 'curve')::@extschema@.bonding_curve)::text);
    END IF;
    IF change ? 'split' THEN
        IF jsonb_typeof(change -> 'split') <> 'string' THEN
            RAISE EXCEPTION 'change.split must be a royalty_split in text form' USING ERRCODE = '22023';
        END IF;
        v := v || jsonb_build_object('split', ((change ->> 'split')::@extschema@.royalty_split)::text);
    END IF;
    IF change ? 'royalty_bps' THEN
        IF jsonb_typeof(change -> 'royalty_bps') <> 'number'
           OR (change ->> 'royalty_bps')::numeric NOT BETWEEN 0 AND 10000
           OR (change ->> 'royalty_bps')::numeric <> trunc((change ->> 'royalty_bps')::numeric) THEN
            RAISE EXCEPTION 'change.royalty_bps must be an integer between 0 and 10000'
                USING ERRCODE = '22023', DETAIL = format('The value is %s.', change -> 'royalty_bps');
        END IF;
        b := (change ->> 'royalty_bps')::int;
        v := v || jsonb_build_object('royalty_bps', b);
    END IF;
    IF change ? 'paused' THEN
        IF jsonb_typeof(change -> 'paused') <> 'boolean' THEN
            RAISE EXCEPTION 'change.paused must be true or false' USING ERRCODE = '22023';
        END IF;
        v := v || jsonb_build_object('paused', change -> 'paused');
    END IF;
    RETURN v;
END
$$;
COMMENT ON FUNCTION approvals_canonical_change(jsonb) IS
    'internal: validate a proposed change (curve, split, royalty_bps, paused) and return it in canonical form';

-- The reserve a curve change would release (held reserve minus what the
-- new curve needs at the current supply); CD039 when the new curve needs
-- more than the reserve holds.  0 without a curve change.
CREATE FUNCTION approvals_reserve_surplus(a ledger_assets, change jsonb) RETURNS numeric
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_need numeric;
BEGIN
    IF NOT change ? 'curve' THEN
        RETURN 0;
    END IF;
    v_need := @extschema@.curve_reserve((change ->> 'curve')::@extschema@.bonding_curve, a.supply);
    IF v_need > a.reserve THEN
        RAISE EXCEPTION 'curve change would leave the reserve of % insolvent', a.asset
            USING ERRCODE = 'CD039',
                  DETAIL = format('At supply %s the new curve needs a reserve of %s; the reserve holds %s.',
                                  a.supply, v_need, a.reserve),
                  HINT = 'No threshold can approve this: choose a curve whose curve_reserve at the current supply is at most the reserve.';
    END IF;
    RETURN a.reserve - v_need;
END
$$;
COMMENT ON FUNCTION approvals_reserve_surplus(ledger_assets, jsonb) IS
    'internal: the reserve a curve change releases at the current supply; CD039 when the new curve would be insolvent';

-- How many approvals a change needs: the policy's M, or all N when it
-- crosses a bound (docs/approvals.md, "Bounds"): a royalty above 50%
-- (5000 bps), or a curve change that releases reserve.
CREATE FUNCTION approvals_required(p approval_policies, a ledger_assets, change jsonb) RETURNS integer
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
RETURN CASE WHEN (change ->> 'royalty_bps')::int > 5000
                 OR @extschema@.approvals_reserve_surplus(a, change) > 0
            THEN cardinality(p.approvers) ELSE p.threshold END;
COMMENT ON FUNCTION approvals_required(approval_policies, ledger_assets, jsonb) IS
    'internal: approvals a change needs: the threshold M, or all N approvers for a royalty above 5000 bps or a curve change that releases reserve';

CREATE FUNCTION propose_change(asset asset, change jsonb, proposer eth_address,
    expires_at timestamptz DEFAULT pg_catalog.now() + interval '7 days') RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    a @extschema@.ledger_assets;
    v_change jsonb;
    v_id bigint;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['asset', 'change', 'proposer', 'expires_at'],
        ARRAY[asset IS NULL, change IS NULL, proposer IS NULL, expires_at IS NULL]);
    PERFORM @extschema@.ledger_check_user_account('proposer', proposer);
    -- the Approve type signs the expiry as whole unix seconds (uint256), so
    -- it must be finite; and before the year 10000 (the first without a
    -- four-digit ISO 8601 form), so that approvers can read it as a date,
    -- as execute_order prints a deadline below that bound
    IF NOT isfinite(expires_at) THEN
        RAISE EXCEPTION 'expires_at must be a finite timestamp'
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', expires_at),
                  HINT = 'The Approve type signs the expiry as unix seconds. Leave expires_at out to expire 7 days from now.';
    END IF;
    expires_at := date_trunc('second', expires_at);
    IF expires_at >= '10000-01-01 00:00:00+00'::timestamptz THEN
        RAISE EXCEPTION 'expires_at must be before 10000-01-01 00:00:00+00'
            USING ERRCODE = '22023',
                  DETAIL = format('The value is unix time %s; the last second accepted is 253402300799 (9999-12-31 23:59:59+00).',
                                  extract(epoch FROM expires_at)::bigint);
    ELSIF expires_at <= pg_catalog.now() THEN
        RAISE EXCEPTION 'expires_at must be in the future'
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', expires_at);
    END IF;
    v_change := @extschema@.approvals_canonical_change(change);
    IF v_change ? 'split' THEN
        PERFORM @extschema@.ledger_check_user_accounts('split recipient',
            @extschema@.split_recipients((v_change ->> 'split')::@extschema@.royalty_split));
    END IF;
    -- shared: the proposal is checked against the row as it is before or
    -- after an approved change that applies concurrently, never during it
    a := @extschema@.ledger_lock_asset(asset, 'share');
    IF NOT EXISTS (SELECT 1 FROM @extschema@.approval_policies p WHERE p.asset OPERATOR(@extschema@.=) propose_change.asset) THEN
        RAISE EXCEPTION 'asset % has no approvers', asset
            USING ERRCODE = 'CD031', DETAIL = 'Changes to an asset need approvers to sign them.',
                  HINT = 'The extension''s owner sets them with set_approvers(asset, approvers, threshold).';
    END IF;
    PERFORM @extschema@.approvals_reserve_surplus(a, v_change);   -- CD039 now rather than at the last approval
    INSERT INTO @extschema@.approval_proposals AS p (asset, change, change_hash, proposer, expires_at)
    VALUES (propose_change.asset, v_change, @extschema@.keccak256(v_change::text), proposer,
            propose_change.expires_at)
    RETURNING p.id INTO v_id;
    RETURN v_id;
END
$$;
COMMENT ON FUNCTION propose_change(asset, jsonb, eth_address, timestamptz) IS
    'propose a change to an asset (curve, split, royalty_bps, paused), applied once enough approvers sign it before it expires; returns the proposal id';

CREATE FUNCTION approval_typed_data(proposal_id bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p record;
BEGIN
    SELECT q.id, q.asset, q.change_hash, q.expires_at INTO p FROM @extschema@.approval_proposals q WHERE q.id = proposal_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown proposal %', proposal_id USING ERRCODE = 'CD032';
    END IF;
    RETURN @extschema@.order_typed_data('Approve', jsonb_build_object(
        'proposalId', p.id::text, 'asset', p.asset::text,
        'changeHash', '0x' || encode(p.change_hash, 'hex'),
        'expiry', extract(epoch FROM p.expires_at)::bigint::text));
END
$$;
COMMENT ON FUNCTION approval_typed_data(bigint) IS
    'the EIP-712 Approve typed data an approver signs for a proposal (proposal id, asset, keccak256 of the canonical change, expiry)';

CREATE FUNCTION approve_change(proposal_id bigint, signature bytea, OUT approver eth_address, OUT approvals integer,
    OUT required integer, OUT applied boolean, OUT txn_id bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p @extschema@.approval_proposals;
    pol @extschema@.approval_policies;
    a @extschema@.ledger_assets;
    v_other bigint;
    v_surplus numeric;
    v_ref text;
    v_request jsonb;
    v_result jsonb;
    r record;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['proposal_id', 'signature'],
        ARRAY[proposal_id IS NULL, signature IS NULL]);
    -- the proposal row lock serializes approvals of one proposal
    SELECT * INTO p FROM @extschema@.approval_proposals q WHERE q.id = approve_change.proposal_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown proposal %', proposal_id USING ERRCODE = 'CD032';
    END IF;
    IF p.applied_txn IS NOT NULL THEN
        RAISE EXCEPTION 'proposal % was already applied', p.id
            USING ERRCODE = 'CD034',
                  DETAIL = format('Journal transaction %s applied it; further approvals change nothing.', p.applied_txn);
    END IF;
    IF p.expires_at < pg_catalog.now() THEN
        RAISE EXCEPTION 'proposal % expired at %', p.id, p.expires_at
            USING ERRCODE = 'CD033', HINT = 'Propose the change again.';
    END IF;
    approver := @extschema@.eip712_recover(@extschema@.approval_typed_data(p.id), signature);
    SELECT * INTO pol FROM @extschema@.approval_policies q WHERE q.asset OPERATOR(@extschema@.=) p.asset;
    IF approver IS NULL OR NOT (approver OPERATOR(@extschema@.=) ANY (pol.approvers)) THEN
        -- a signature of another proposal recovers to someone else here:
        -- say so when it is an approver's signature of one of the asset's
        -- 10 most recent other proposals.  The bound keeps this to at most
        -- 10 recoveries under the proposal lock, however many proposals
        -- were made (docs/approvals.md); a signature that recovers nothing
        -- here recovers nothing for any proposal.
        IF approver IS NOT NULL THEN
            SELECT c.id INTO v_other
              FROM (SELECT q.id FROM @extschema@.approval_proposals q
                     WHERE q.asset OPERATOR(@extschema@.=) p.asset AND q.id <> p.id
                     ORDER BY q.id DESC LIMIT 10) AS c
             WHERE @extschema@.eip712_recover(@extschema@.approval_typed_data(c.id), signature)
                   OPERATOR(@extschema@.=) ANY (pol.approvers)
             ORDER BY c.id DESC LIMIT 1;
        END IF;
        IF v_other IS NOT NULL THEN
            RAISE EXCEPTION 'the signature approves proposal %, not proposal %', v_other, p.id
                USING ERRCODE = 'CD037', HINT = 'Sign approval_typed_data(proposal_id) of this proposal.';
        END IF;
        RAISE EXCEPTION '% is not an approver of asset %', coalesce(approver::text, 'the signer'), p.asset
            USING ERRCODE = 'CD035',
                  DETAIL = CASE WHEN approver IS NULL THEN @extschema@.order_signature_defect(signature)
                                ELSE 'The signature recovers to this address; it is not in the asset''s approver set (or it signed other typed data).' END;
    END IF;
    IF EXISTS (SELECT 1 FROM @extschema@.approval_signatures s
                WHERE s.proposal_id = p.id AND s.approver OPERATOR(@extschema@.=) approve_change.approver) THEN
        RAISE EXCEPTION '% already approved proposal %', approver, p.id
            USING ERRCODE = 'CD036', DETAIL = 'Each approver counts once.';
    END IF;
    INSERT INTO @extschema@.approval_signatures (proposal_id, approver, signature) VALUES (p.id, approver, signature);
    SELECT count(*) INTO approvals FROM @extschema@.approval_signatures s
     WHERE s.proposal_id = p.id AND s.approver OPERATOR(@extschema@.=) ANY (pol.approvers);

    -- lock order as in the ledger: ref, asset row, holdings, chain head
    v_ref := 'change:' || p.id::text;
    v_request := jsonb_build_object('proposal_id', p.id, 'asset', p.asset::text, 'change', p.change,
                                    'change_hash', '0x' || encode(p.change_hash, 'hex'));
    PERFORM @extschema@.ledger_replay('change', v_ref, v_request);
    a := @extschema@.ledger_lock_asset(p.asset);
    required := @extschema@.approvals_required(pol, a, p.change);
    applied := approvals >= required;
    IF NOT applied THEN
        RETURN;
    END IF;

    -- again at the last approval: an account may have become a system
    -- account (a new reserve or pool) since the proposal
    IF p.change ? 'split' THEN
        PERFORM @extschema@.ledger_check_user_accounts('split recipient',
            @extschema@.split_recipients((p.change ->> 'split')::@extschema@.royalty_split));
    END IF;
    -- the reserve the new curve no longer needs is paid out through the
    -- split (the new one when the change sets it); no postings when it
    -- releases nothing (ledger_post drops the zero debit of the reserve)
    v_surplus := @extschema@.approvals_reserve_surplus(a, p.change);
    r := @extschema@.ledger_split_postings(coalesce((p.change ->> 'split')::@extschema@.royalty_split, a.split),
                                           v_surplus, a.creator, a.currency);
    SELECT v_request || jsonb_build_object('signatures', jsonb_agg(jsonb_build_object(
               'approver', s.approver::text, 'signature', '0x' || encode(s.signature, 'hex')) ORDER BY s.approver))
      INTO v_request
      FROM @extschema@.approval_signatures s WHERE s.proposal_id = p.id;
    v_result := jsonb_build_object('approvals', approvals, 'required', required, 'released', v_surplus);
    txn_id := @extschema@.ledger_post('change', v_ref, p.asset, v_request, v_result,
        ARRAY[a.reserve_account] || r.accounts, ARRAY[a.currency] || r.assets,
        ARRAY[-v_surplus] || r.amounts, ARRAY['reserve'] || r.kinds);
    -- the row after the journal (still under its lock): the trigger
    -- ledger_assets_governed accepts it because the journal now holds the change
    UPDATE @extschema@.ledger_assets la
       SET curve = coalesce((p.change ->> 'curve')::@extschema@.bonding_curve, la.curve),
           split = coalesce((p.change ->> 'split')::@extschema@.royalty_split, la.split),
           royalty_bps = coalesce((p.change ->> 'royalty_bps')::int, la.royalty_bps),
           paused = coalesce((p.change ->> 'paused')::boolean, la.paused),
           reserve = la.reserve - v_surplus
     WHERE la.asset OPERATOR(@extschema@.=) a.asset;
    UPDATE @extschema@.approval_proposals q SET applied_txn = approve_change.txn_id, applied_at = pg_catalog.now()
     WHERE q.id = p.id;
END
$$;
COMMENT ON FUNCTION approve_change(bigint, bytea) IS
    'record an approver''s EIP-712 Approve signature of a proposal; the approval that reaches the threshold applies the change atomically and journals it with the signatures';
-- orders and approvals: privileges (the roles are the ledger's,
-- 69_ledger_privileges.sql)
--
-- The app role (an application serving end users) may execute signed
-- orders, cancel nonces and hand in approvals: each is authorized by a
-- wallet's signature, not by the role.  Proposing a change needs no
-- signature, so it is the operator's.  Every role may read the tables and
-- build typed data.  set_order_domain and set_approvers are
-- granted to no one: only the extension's owner (the role that ran CREATE
-- EXTENSION) and superusers call them, or roles the owner grants EXECUTE.
-- Nobody but the SECURITY DEFINER functions writes the tables.

REVOKE ALL ON TABLE order_domain, order_nonces, approval_policies, approval_proposals, approval_signatures
    FROM PUBLIC;
GRANT SELECT ON TABLE order_domain, order_nonces, approval_policies, approval_proposals, approval_signatures
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;

REVOKE ALL ON FUNCTION
    set_order_domain(text, text, numeric, eth_address),
    set_approvers(asset, eth_address[], integer),
    order_uint(text, jsonb),
    order_address(text, jsonb),
    order_authenticate(jsonb, bytea, text[]),
    order_lock_nonce(eth_address, numeric),
    approvals_refuse_paused(),
    approvals_canonical_change(jsonb),
    approvals_reserve_surplus(ledger_assets, jsonb),
    approvals_required(approval_policies, ledger_assets, jsonb),
    execute_order(jsonb, bytea),
    cancel_nonce(jsonb, bytea),
    propose_change(asset, jsonb, eth_address, timestamptz),
    approve_change(bigint, bytea),
    order_domain_json(),
    order_types(),
    order_typed_data(text, jsonb),
    approval_typed_data(bigint)
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    execute_order(jsonb, bytea),
    cancel_nonce(jsonb, bytea),
    approve_change(bigint, bytea)
TO creative_defi_app;
GRANT EXECUTE ON FUNCTION propose_change(asset, jsonb, eth_address, timestamptz) TO creative_defi_operator;
GRANT EXECUTE ON FUNCTION
    order_domain_json(),
    order_types(),
    order_typed_data(text, jsonb),
    approval_typed_data(bigint)
TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
