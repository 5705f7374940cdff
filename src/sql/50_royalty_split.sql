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
