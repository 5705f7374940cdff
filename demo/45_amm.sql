-- AMM math: Uniswap V2 swaps and liquidity, bit-exact with the contracts
SET search_path = public, creative_defi;

-- A creator opens a pool: 10 COIN (18 decimals) against 40 USD-stable
-- (18 decimals).  The first deposit mints sqrt(10e18 * 40e18) - 1000 LP
-- tokens; 1000 more are locked at the zero address forever.
SELECT amm_liquidity_minted(10e18, 40e18, 0, 0, 0) AS lp_tokens;

-- A fan buys COIN with 4 USD: getAmountOut with Uniswap's 0.3% fee,
-- the same number the router would quote on chain.
SELECT amm_amount_out(4e18, 40e18, 10e18) AS coin_out;

-- How much USD for exactly 1 COIN?  getAmountIn, including its +1:
SELECT amm_amount_in(1e18, 40e18, 10e18) AS usd_in,
       amm_amount_out(amm_amount_in(1e18, 40e18, 10e18), 40e18, 10e18) >= 1e18 AS buys_enough;

-- The constant product never shrinks: the fee stays in the pool.
SELECT (40e18 + 4e18) * (10e18 - amm_amount_out(4e18, 40e18, 10e18)) >= 40e18 * 10e18 AS k_kept;

-- Other forks are other fees: PancakeSwap V2 charges 25 bps, 0 is fee-free.
SELECT fee_bps, amm_amount_out(4e18, 40e18, 10e18, fee_bps) AS coin_out
  FROM (VALUES (0), (25), (30), (100)) AS t(fee_bps);

-- On the freshly opened pool (10 COIN, 40 USD, 20e18 LP tokens), a second
-- provider adds 1 COIN: quote() sizes the USD side at the pool price, then
-- mint() gives LP tokens in proportion.
SELECT amm_quote(1e18, 10e18, 40e18) AS usd_needed,
       amm_liquidity_minted(1e18, amm_quote(1e18, 10e18, 40e18), 10e18, 40e18, 20e18) AS lp_tokens;

-- The creator withdraws half of the first position: burn() pays both sides,
-- rounded down, so the pool keeps the dust.
SELECT * FROM amm_liquidity_burned(9999999999999999500, 11e18, 44e18, 22e18);

-- Where the contracts revert, the functions raise errors that name the
-- contract's condition:
\set ON_ERROR_STOP 0
SELECT amm_amount_out(0, 40e18, 10e18);
SELECT amm_amount_in(10e18, 40e18, 10e18);
SELECT amm_liquidity_minted(1000, 1000, 0, 0, 0);
\set ON_ERROR_STOP 1
