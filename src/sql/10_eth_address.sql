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
