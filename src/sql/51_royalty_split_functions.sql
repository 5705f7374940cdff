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
