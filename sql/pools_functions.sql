-- pools: pool_create, pool_add_liquidity, pool_remove_liquidity, pool_swap,
-- every error of each, idempotency by ref, LP shares as a ledger asset.
-- Accounts: pia (0x11..), pete (0x22..), paula (0x33..), piers (0x44..).
-- Assets: TKA (eip155:1/erc20:0x…a1) and TKB (eip155:1/erc20:0x…b2).
-- expect_error with journal transaction numbers masked: they depend on
-- how many transactions the suites before this one made
CREATE FUNCTION regress.pool_error(statement text,
    OUT error_code text, OUT message text, OUT detail text, OUT hint text)
LANGUAGE sql AS $$
    SELECT e.error_code, e.message, regexp_replace(e.detail, 'transaction \d+', 'transaction #', 'g'), e.hint
      FROM regress.expect_error(statement) e
$$;

CREATE TEMP TABLE acct AS SELECT
    '0x1111111111111111111111111111111111111111'::eth_address AS pia,
    '0x2222222222222222222222222222222222222222'::eth_address AS pete,
    '0x3333333333333333333333333333333333333333'::eth_address AS paula,
    '0x4444444444444444444444444444444444444444'::eth_address AS piers,
    'eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1'::asset AS tka,
    'eip155:1/erc20:0xb2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2'::asset AS tkb,
    'eip155:1/erc20:0xc3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3'::asset AS tkc;
SELECT d.moved FROM acct, LATERAL (VALUES (pia, tka, 'pf-d1'), (pia, tkb, 'pf-d2'), (pete, tka, 'pf-d3'), (pete, tkb, 'pf-d4'),
                                     (paula, tka, 'pf-d5'), (paula, tkb, 'pf-d6')) AS v(who, what, ref),
              LATERAL deposit(v.who, v.what, 10000000000, v.ref) AS d;

-- the pool account and LP asset are derived from the pair, in either order
SELECT pool_account(tka, tkb) = substr(keccak256('creative_defi.pool:' || tka::text || '/' || tkb::text), 13)::eth_address AS account_derived,
       pool_account(tkb, tka) = pool_account(tka, tkb) AS account_symmetric,
       pool_lp_asset(tka, tkb)::text = 'cdefi:pool/lpshare:0x' || encode(substr(keccak256('creative_defi.pool:' || tka::text || '/' || tkb::text), 13), 'hex') AS lp_derived,
       pool_lp_asset(tkb, tka) = pool_lp_asset(tka, tkb) AS lp_symmetric
  FROM acct;
SELECT pool_lp_asset(tka, tkb), pool_account(tka, tkb) FROM acct;

-- pool_create: the pair is stored in canonical order (asset_a < asset_b),
-- whatever order it is given in
SELECT c.pool_id > 0 AS has_id, c.lp_asset = pool_lp_asset(tka, tkb) AS lp, c.account = pool_account(tka, tkb) AS account
  FROM acct, pool_create(tkb, tka, 30) c;
SELECT asset_a, asset_b, fee_bps, reserve_a, reserve_b, total_supply, k FROM pools, acct WHERE asset_a = tka;
CREATE TEMP TABLE pl AS SELECT id FROM pools, acct WHERE asset_a = tka AND asset_b = tkb;
SELECT kind, ref, asset = (SELECT lp_asset FROM pools WHERE id = (SELECT id FROM pl)) AS subject_is_lp, request, result ? 'pool_id' AS has_pool_id
  FROM ledger_transactions WHERE kind = 'pool_create' AND ref LIKE '%0xa1a1%0xb2b2%';

-- pool_create errors
SELECT * FROM pool_error($$SELECT * FROM pool_create('eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 'eip155:1/erc20:0xb2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2', 25)$$);
SELECT * FROM pool_error($$SELECT * FROM pool_create('eip155:1/erc20:0xb2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2', 'eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_create('eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 'eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_create('eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 'eip155:1/erc20:0xc3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3', 1001)$$);
SELECT * FROM expect_error($$SELECT * FROM pool_create('eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 'eip155:1/erc20:0xc3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3', -1)$$);
SELECT * FROM expect_error($$SELECT * FROM pool_create(NULL, 'eip155:1/erc20:0xc3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_create('eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 'eip155:1/erc20:0xc3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3', NULL)$$);
-- the future LP id of (TKA, TKC) cannot be deposited before its pool
-- exists (it used to be, and then blocked pool_create for that pair for
-- good); sql/ledger_system_accounts.sql creates such a pool afterwards
SELECT * FROM expect_error($$SELECT * FROM deposit('0x4444444444444444444444444444444444444444', pool_lp_asset('eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 'eip155:1/erc20:0xc3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3'), 5, 'pf-squat')$$);
-- a pool cannot trade its own LP share (the pair whose LP id is one of its
-- assets cannot be formed: the id is a hash of the pair), and fee bounds
-- 0 and 1000 are accepted
SELECT c.lp_asset = pool_lp_asset(tkb, tkc) AS lp FROM acct, pool_create(tkc, tkb, 0) c;
SELECT fee_bps FROM pools, acct WHERE asset_a = tkb AND asset_b = tkc;

-- pool_add_liquidity: the first deposit sets the price and locks 1000 LP
-- units in the pool account; the provider gets floor(sqrt(a*b)) - 1000,
-- exactly amm_liquidity_minted
SELECT amm_liquidity_minted(1000000, 4000000, 0, 0, 0) AS expected;
SELECT a.liquidity, a.used_a, a.used_b FROM pl, acct, pool_add_liquidity(pl.id, pia, 1000000, 4000000, 1999000, 'pf-add-1') a;
SELECT reserve_a, reserve_b, total_supply, k FROM pools WHERE id = (SELECT id FROM pl);
SELECT balance(pia, pool_lp_asset(tka, tkb)) AS pia_lp, balance(pool_account(tka, tkb), pool_lp_asset(tka, tkb)) AS locked,
       balance(pool_account(tka, tkb), tka) AS pool_tka, balance(pool_account(tka, tkb), tkb) AS pool_tkb,
       balance(ledger_issuance_account(), pool_lp_asset(tka, tkb)) AS issuance_lp
  FROM acct;
-- the postings of the deposit
SELECT p.n, p.account = pia AS is_pia, p.account = pool_account(tka, tkb) AS is_pool,
       p.account = ledger_issuance_account() AS is_issuance, p.asset = pool_lp_asset(tka, tkb) AS lp, p.amount
  FROM ledger_postings p, acct
 WHERE p.txn_id = (SELECT id FROM ledger_transactions WHERE ref = 'pf-add-1') ORDER BY p.n;
-- holdings kinds: the pool account's holdings are of kind 'pool'
SELECT h.asset = tka AS tka, h.asset = tkb AS tkb, h.kind, h.amount
  FROM ledger_holdings h, acct WHERE h.account = pool_account(tka, tkb) ORDER BY h.asset;

-- a replay returns the original result and posts nothing
CREATE TEMP TABLE before AS SELECT count(*) AS n FROM ledger_transactions;
SELECT a.liquidity, a.used_a, a.used_b FROM pl, acct, pool_add_liquidity(pl.id, pia, 1000000, 4000000, 1999000, 'pf-add-1') a;
SELECT count(*) - (SELECT n FROM before) AS new_transactions FROM ledger_transactions;
-- the same ref with other arguments, or used by another function
SELECT * FROM pool_error($$SELECT * FROM pool_add_liquidity((SELECT id FROM pl), '0x1111111111111111111111111111111111111111', 1000000, 4000001, 1999000, 'pf-add-1')$$);
SELECT * FROM pool_error($$SELECT * FROM pool_swap((SELECT id FROM pl), '0x1111111111111111111111111111111111111111', 'eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 1000, 0, 'pf-add-1')$$);

-- later deposits (UniswapV2Router02._addLiquidity): amount_a and amount_b
-- are the most the provider will pay; the pool takes the largest pair at
-- its price.  Pete offers 500000 TKA and 3000000 TKB: quote(500000) =
-- 2000000 TKB <= 3000000, so 500000 and 2000000 are used.
SELECT amm_quote(500000, 1000000, 4000000) AS b_optimal,
       amm_liquidity_minted(500000, 2000000, 1000000, 4000000, 2000000) AS expected;
SELECT a.liquidity, a.used_a, a.used_b FROM pl, acct, pool_add_liquidity(pl.id, pete, 500000, 3000000, 0, 'pf-add-2') a;
-- Paula offers 900000 TKA and 400000 TKB: quote(900000) = 3600000 > 400000,
-- so the pool takes quote(400000 TKB) = 100000 TKA and all 400000 TKB
SELECT amm_quote(900000, 1500000, 6000000) AS b_optimal, amm_quote(400000, 6000000, 1500000) AS a_optimal,
       amm_liquidity_minted(100000, 400000, 1500000, 6000000, 3000000) AS expected;
SELECT a.liquidity, a.used_a, a.used_b FROM pl, acct, pool_add_liquidity(pl.id, paula, 900000, 400000, 0, 'pf-add-3') a;
SELECT balance(paula, tka) AS paula_tka, balance(paula, tkb) AS paula_tkb FROM acct;
SELECT reserve_a, reserve_b, total_supply FROM pools WHERE id = (SELECT id FROM pl);

-- pool_add_liquidity errors
-- slippage: min_liquidity above what is minted, by how much (nothing applied)
SELECT * FROM expect_error($$SELECT * FROM pool_add_liquidity((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 160000, 640000, 320001, 'pf-add-x')$$);
-- insufficient balance of the provider
SELECT * FROM expect_error($$SELECT * FROM pool_add_liquidity((SELECT id FROM pl), '0x4444444444444444444444444444444444444444', 160000, 640000, 0, 'pf-add-x')$$);
-- a deposit too small to mint anything (Pair.mint's INSUFFICIENT_LIQUIDITY_MINTED)
SELECT * FROM expect_error($$SELECT * FROM pool_add_liquidity((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 1, 1, 0, 'pf-add-x')$$);
-- a first deposit at or below MINIMUM_LIQUIDITY (in the TKB/TKC pool)
SELECT * FROM expect_error($$SELECT * FROM pool_add_liquidity((SELECT id FROM pools WHERE asset_a = 'eip155:1/erc20:0xb2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2'), '0x2222222222222222222222222222222222222222', 1000, 1001, 0, 'pf-add-x')$$);
-- unknown pool, a system account as provider, bad amounts and limits, NULLs
SELECT * FROM expect_error($$SELECT * FROM pool_add_liquidity(999999, '0x2222222222222222222222222222222222222222', 1000, 1000, 0, 'pf-add-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_add_liquidity((SELECT id FROM pl), (SELECT account FROM pools WHERE id = (SELECT id FROM pl)), 1000, 1000, 0, 'pf-add-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_add_liquidity((SELECT id FROM pl), ledger_issuance_account(), 1000, 1000, 0, 'pf-add-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_add_liquidity((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 0, 1000, 0, 'pf-add-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_add_liquidity((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 1000, 1.5, 0, 'pf-add-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_add_liquidity((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 1000, 1000, -1, 'pf-add-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_add_liquidity(NULL, '0x2222222222222222222222222222222222222222', 1000, 1000, 0, 'pf-add-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_add_liquidity((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 1000, 1000, 0, NULL)$$);
-- none of the failed calls used its ref
SELECT count(*) AS used FROM ledger_transactions WHERE ref = 'pf-add-x';

-- pool_swap: exactly amm_amount_out with the pool's fee; the whole input,
-- fee included, goes into the reserves
SELECT amm_amount_out(100000, reserve_a, reserve_b, 30) AS expected_b FROM pools WHERE id = (SELECT id FROM pl);
SELECT s.asset_out = tkb AS out_is_tkb, s.amount_out FROM pl, acct, pool_swap(pl.id, pete, tka, 100000, 370000, 'pf-swap-1') s;
SELECT reserve_a, reserve_b, k, k > 1600000::numeric * 6400000 AS k_grew FROM pools WHERE id = (SELECT id FROM pl);
SELECT amm_amount_out(500000, reserve_b, reserve_a, 30) AS expected_a FROM pools WHERE id = (SELECT id FROM pl);
SELECT s.asset_out = tka AS out_is_tka, s.amount_out FROM pl, acct, pool_swap(pl.id, pete, tkb, 500000, 0, 'pf-swap-2') s;
SELECT reserve_a, reserve_b, k FROM pools WHERE id = (SELECT id FROM pl);
-- a replay
SELECT s.amount_out FROM pl, acct, pool_swap(pl.id, pete, tkb, 500000, 0, 'pf-swap-2') s;
SELECT count(*) AS swaps FROM ledger_transactions WHERE kind = 'pool_swap' AND ref LIKE 'pf-%';

-- pool_swap errors
-- slippage: the output is below min_out, by how much
SELECT * FROM expect_error($$SELECT * FROM pool_swap((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 'eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 100000, 400000, 'pf-swap-x')$$);
-- an asset the pool does not trade
SELECT * FROM expect_error($$SELECT * FROM pool_swap((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 'eip155:1/erc20:0xc3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3', 100000, 0, 'pf-swap-x')$$);
-- an input so small that the output rounds down to 0 (1 TKB buys less
-- than 1 TKA at this price)
SELECT amm_amount_out(1, reserve_b, reserve_a, 30) AS would_pay FROM pools WHERE id = (SELECT id FROM pl);
SELECT * FROM expect_error($$SELECT * FROM pool_swap((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 'eip155:1/erc20:0xb2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2', 1, 0, 'pf-swap-x')$$);
-- an empty pool (TKB/TKC has no liquidity)
SELECT * FROM expect_error($$SELECT * FROM pool_swap((SELECT id FROM pools WHERE asset_a = 'eip155:1/erc20:0xb2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2'), '0x2222222222222222222222222222222222222222', 'eip155:1/erc20:0xb2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2', 1000, 0, 'pf-swap-x')$$);
-- the trader's balance is short
SELECT * FROM expect_error($$SELECT * FROM pool_swap((SELECT id FROM pl), '0x4444444444444444444444444444444444444444', 'eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 1000, 0, 'pf-swap-x')$$);
-- unknown pool, system account, amount, limit, NULLs
SELECT * FROM expect_error($$SELECT * FROM pool_swap(999999, '0x2222222222222222222222222222222222222222', 'eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 1000, 0, 'pf-swap-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_swap((SELECT id FROM pl), ledger_world_account(), 'eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 1000, 0, 'pf-swap-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_swap((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 'eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', -5, 0, 'pf-swap-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_swap((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 'eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 1000, 0.5, 'pf-swap-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_swap((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', NULL, 1000, 0, 'pf-swap-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_swap((SELECT id FROM pl), NULL, 'eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 1000, 0, 'pf-swap-x')$$);
SELECT count(*) AS used FROM ledger_transactions WHERE ref = 'pf-swap-x';

-- LP shares are a ledger asset: Pia gives Piers 500000 of hers with transfer()
SELECT t.moved FROM acct, transfer(pia, piers, pool_lp_asset(tka, tkb), 500000, 'pf-lp-gift') t;
SELECT asset = pool_lp_asset(tka, tkb) AS lp, amount FROM acct, holdings(piers) ORDER BY asset;
-- but no one can deposit, withdraw or transfer into the pool account
SELECT * FROM expect_error($$SELECT * FROM deposit('0x4444444444444444444444444444444444444444', pool_lp_asset('eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 'eip155:1/erc20:0xb2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2'), 1, 'pf-lp-x')$$);
SELECT * FROM expect_error($$SELECT * FROM withdraw('0x4444444444444444444444444444444444444444', pool_lp_asset('eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 'eip155:1/erc20:0xb2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2'), 1, 'pf-lp-x')$$);
SELECT * FROM expect_error($$SELECT * FROM transfer('0x4444444444444444444444444444444444444444', pool_account('eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 'eip155:1/erc20:0xb2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2'), pool_lp_asset('eip155:1/erc20:0xa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', 'eip155:1/erc20:0xb2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2'), 1, 'pf-lp-x')$$);

-- pool_remove_liquidity: Piers burns the 500000 he was given; he gets
-- exactly amm_liquidity_burned at the current reserves
SELECT b.* FROM pools p, amm_liquidity_burned(500000, p.reserve_a, p.reserve_b, p.total_supply) b WHERE p.id = (SELECT id FROM pl);
SELECT r.amount_a, r.amount_b FROM pl, acct, pool_remove_liquidity(pl.id, piers, 500000, 1, 1, 'pf-rm-1') r;
SELECT balance(piers, tka) AS piers_tka, balance(piers, tkb) AS piers_tkb, balance(piers, pool_lp_asset(tka, tkb)) AS piers_lp FROM acct;
SELECT r.amount_a, r.amount_b FROM pl, acct, pool_remove_liquidity(pl.id, piers, 500000, 1, 1, 'pf-rm-1') r;

-- pool_remove_liquidity errors
-- slippage on one side, then on both, by how much
SELECT * FROM expect_error($$SELECT * FROM pool_remove_liquidity((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 100000, 50000, 0, 'pf-rm-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_remove_liquidity((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 100000, 50000, 999999, 'pf-rm-x')$$);
-- more than the provider holds
SELECT * FROM expect_error($$SELECT * FROM pool_remove_liquidity((SELECT id FROM pl), '0x4444444444444444444444444444444444444444', 1, 0, 0, 'pf-rm-x')$$);
-- too little to return both assets (Pair.burn's INSUFFICIENT_LIQUIDITY_BURNED)
SELECT * FROM expect_error($$SELECT * FROM pool_remove_liquidity((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 1, 0, 0, 'pf-rm-x')$$);
-- unknown pool, system account, amount, limits, NULLs
SELECT * FROM expect_error($$SELECT * FROM pool_remove_liquidity(999999, '0x2222222222222222222222222222222222222222', 1000, 0, 0, 'pf-rm-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_remove_liquidity((SELECT id FROM pl), (SELECT account FROM pools WHERE id = (SELECT id FROM pl)), 1000, 0, 0, 'pf-rm-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_remove_liquidity((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 0, 0, 0, 'pf-rm-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_remove_liquidity((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 1000, -1, 0, 'pf-rm-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_remove_liquidity((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 1000, 0, NULL, 'pf-rm-x')$$);
SELECT * FROM expect_error($$SELECT * FROM pool_remove_liquidity((SELECT id FROM pl), '0x2222222222222222222222222222222222222222', 1000, 0, 0, NULL)$$);
SELECT count(*) AS used FROM ledger_transactions WHERE ref = 'pf-rm-x';

-- the pool's history: one row per transaction, k never falls across a swap
SELECT t.ref, h.kind, h.reserve_a, h.reserve_b, h.total_supply, h.reserve_a * h.reserve_b AS k
  FROM ledger_pool_history h JOIN ledger_transactions t ON t.id = h.txn_id
 WHERE h.pool_id = (SELECT id FROM pl) ORDER BY h.txn_id;
-- the history and the pools table are append-only / ledger-only
SELECT * FROM expect_error($$UPDATE ledger_pool_history SET reserve_a = 0$$);
SELECT * FROM expect_error($$DELETE FROM ledger_pool_history$$);

-- the LP share of a pool with no deposits yet cannot be registered on a curve
SELECT * FROM pool_create('eip155:1/erc20:0xc3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3', 'eip155:1/erc20:0xd4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4', 30) \gset lp_
SELECT error_code, message FROM expect_error(format($$SELECT * FROM register_asset(%L, 'eip155:1/erc20:0xd4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4', linear_curve(1000, 10), '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed=100%%', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')$$,
    pool_lp_asset('eip155:1/erc20:0xc3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3', 'eip155:1/erc20:0xd4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4')));

-- ledger_verify() covers the pools
SELECT "check", ok FROM ledger_verify() WHERE "check" LIKE 'pool%';
SELECT bool_and(ok) AS all_ok FROM ledger_verify();
SELECT "check", ok, detail FROM ledger_verify() WHERE "check" LIKE 'pool%';
