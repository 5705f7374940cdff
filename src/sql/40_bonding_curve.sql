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
