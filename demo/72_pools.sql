-- Liquidity pools: a provider funds a USDC/WETH pool, traders swap both ways, the provider withdraws more than she put in
SET search_path = public, creative_defi;

-- A liquidity provider and two traders bring USDC (6 decimals) and WETH
-- (18 decimals) on Base into the ledger.
SELECT d.moved FROM (VALUES
    ('0xa11ce00000000000000000000000000000000001', 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', 30000000000::numeric, 'lp-usdc'),
    ('0xa11ce00000000000000000000000000000000001', 'eip155:8453/erc20:0x4200000000000000000000000000000000000006', 10000000000000000000, 'lp-weth'),
    ('0xb0b0000000000000000000000000000000000002', 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', 5000000000, 'tr1-usdc'),
    ('0xca20100000000000000000000000000000000003', 'eip155:8453/erc20:0x4200000000000000000000000000000000000006', 2000000000000000000, 'tr2-weth'))
    AS v(who, what, amount, ref), deposit(v.who::eth_address, v.what::asset, v.amount, v.ref) d;

-- Open the pool with Uniswap V2's 0.3% fee. The pair is stored in
-- canonical order (asset_a < asset_b); the LP share is a ledger asset
-- derived from the pair.
SELECT pool_id, lp_asset, account FROM pool_create('eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913',
                                                   'eip155:8453/erc20:0x4200000000000000000000000000000000000006', 30);
SELECT id, asset_a, asset_b, fee_bps FROM pools WHERE asset_b = 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913';

-- The provider deposits 10 WETH and 30,000 USDC (a price of 3,000 USDC per
-- WETH). She gets floor(sqrt(10e18 * 30000e6)) - 1000 LP units, exactly
-- Uniswap V2's mint; 1000 more are locked in the pool forever.
SELECT liquidity, used_a, used_b, amm_liquidity_minted(10000000000000000000, 30000000000, 0, 0, 0) AS uniswap_v2
  FROM pool_add_liquidity((SELECT id FROM pools WHERE asset_b = 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913'),
                          '0xa11ce00000000000000000000000000000000001', 10000000000000000000, 30000000000, 0, 'lp-add');

-- Trader 1 buys WETH with 5,000 USDC; trader 2 sells as much WETH back,
-- which brings the price back near 3,000. Each gets
-- exactly amm_amount_out at the reserves of the moment; the 0.3% fee stays
-- in the pool.
SELECT asset_out, amount_out FROM pool_swap((SELECT id FROM pools WHERE asset_b = 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913'),
    '0xb0b0000000000000000000000000000000000002', 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', 5000000000, 0, 'tr1-swap');
SELECT asset_out, amount_out FROM pool_swap((SELECT id FROM pools WHERE asset_b = 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913'),
    '0xca20100000000000000000000000000000000003', 'eip155:8453/erc20:0x4200000000000000000000000000000000000006', 1424896384164641989, 0, 'tr2-swap');
-- A swap with a stale limit is refused, saying by how much (nothing moves).
DO $$
BEGIN
    PERFORM creative_defi.pool_swap((SELECT id FROM creative_defi.pools WHERE asset_b = 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913'),
        '0xb0b0000000000000000000000000000000000002', 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', 1000000000, 400000000000000000, 'tr1-swap-2');
EXCEPTION WHEN SQLSTATE 'CD003' THEN
    RAISE NOTICE 'refused (%): %', SQLSTATE, SQLERRM;
END
$$;
SELECT reserve_a, reserve_b, total_supply, k FROM pools WHERE asset_b = 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913';

-- LP shares are an asset like any other: the provider's holdings.
SELECT * FROM holdings('0xa11ce00000000000000000000000000000000001');

-- She withdraws all her liquidity: her share of both reserves, fees included.
SELECT amount_a AS weth, amount_b AS usdc
  FROM pool_remove_liquidity((SELECT id FROM pools WHERE asset_b = 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913'),
       '0xa11ce00000000000000000000000000000000001',
       balance('0xa11ce00000000000000000000000000000000001', pool_lp_asset('eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913',
                                                                            'eip155:8453/erc20:0x4200000000000000000000000000000000000006')),
       0, 0, 'lp-remove');
-- Valued in USDC at the pool's last price, she put in 10 WETH + 30,000 USDC
-- and took out more: the traders' fees.
SELECT round(10 * price + 30000, 2) AS deposited_usdc,
       round(w.weth / 1e18 * price + w.usdc / 1e6, 2) AS withdrawn_usdc,
       round(w.weth / 1e18 * price + w.usdc / 1e6 - (10 * price + 30000), 2) AS earned_usdc
  FROM (SELECT balance('0xa11ce00000000000000000000000000000000001', 'eip155:8453/erc20:0x4200000000000000000000000000000000000006') AS weth,
               balance('0xa11ce00000000000000000000000000000000001', 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913') AS usdc) w,
       (SELECT (h.reserve_b / 1e6) / (h.reserve_a / 1e18) AS price FROM ledger_pool_history h
         WHERE h.kind = 'pool_swap' AND h.pool_id = (SELECT id FROM pools WHERE asset_b = 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913')
         ORDER BY h.txn_id DESC LIMIT 1) p;

-- The books still verify, pools included (reserves against postings, k
-- never decreasing across a swap).
SELECT * FROM ledger_verify();
