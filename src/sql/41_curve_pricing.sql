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
