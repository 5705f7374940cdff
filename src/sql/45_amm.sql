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
