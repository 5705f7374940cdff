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
