-- ledger: songs on bonding curves: register_asset, buy, sell, distribute,
-- their errors, and the supply / reserve invariants

-- a currency to trade in: USDC on Base, deposited by two fans
SELECT * FROM deposit('0x52908400098527886e0f7030069857d2e4169ee7', 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', 100000000, 'mk-fan1');
SELECT * FROM deposit('0x8617e340b3d01fa5f11f306f4090fd50e238070d', 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', 100000000, 'mk-fan2');

-- a song: linear curve (unit i costs 1000 + 10*i), 5% royalty split 70/30
-- between the singer and the producer
SELECT * FROM register_asset('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
    'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913',
    linear_curve(1000, 10),
    '0xde709f2102306220921060314715629080e2fb77=70%, 0x27b1fdb04752bbc536007a920d24acb045561c26=30%',
    '0xde709f2102306220921060314715629080e2fb77', 500,
    keccak256('the master recording'), '{"title": "First Song"}');
SELECT reserve_account = ledger_reserve_account('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1') AS derived
  FROM ledger_assets;
SELECT asset, currency, curve, split, creator, royalty_bps, supply, reserve, content_hash, metadata, txn_id
  FROM ledger_assets;

-- fan 1 buys 10 units: cost = reserve(10) - reserve(0) = 10*1000 + 10*45 =
-- 10450, royalty = ceil(10450 * 5%) = 523 (split 366/157), paid 10973
SELECT * FROM buy('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                  '0x52908400098527886e0f7030069857d2e4169ee7', 10, 11000, 'mk-buy-1');
SELECT curve_buy_cost(linear_curve(1000, 10), 0, 10) AS curve_cost;
SELECT n, account, asset, amount FROM ledger_postings
 WHERE txn_id = (SELECT id FROM ledger_transactions WHERE ref = 'mk-buy-1') ORDER BY n;
-- fan 2 buys 5 more at the higher price (supply 10 -> 15)
SELECT * FROM buy('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                  '0x8617e340b3d01fa5f11f306f4090fd50e238070d', 5, 6000, 'mk-buy-2');
SELECT supply, reserve, reserve = curve_reserve(curve, supply) AS solvent FROM ledger_assets;

-- a retried buy returns the original result, nothing is bought twice
SELECT * FROM buy('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                  '0x8617e340b3d01fa5f11f306f4090fd50e238070d', 5, 6000, 'mk-buy-2');
SELECT supply FROM ledger_assets;

-- slippage: the cost plus royalty above max_cost is refused and says by how much (CD003)
SELECT * FROM expect_error($$SELECT * FROM buy('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                  '0x8617e340b3d01fa5f11f306f4090fd50e238070d', 5, 6000, 'mk-buy-3')$$);
SELECT supply FROM ledger_assets;

-- fan 1 sells 4: proceeds = reserve(15) - reserve(11) = 4*1000 + 10*(11+12+13+14)
-- = 4500, royalty ceil(225) = 225, received 4275
SELECT * FROM sell('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                   '0x52908400098527886e0f7030069857d2e4169ee7', 4, 3900, 'mk-sell-1');
SELECT n, account, asset, amount FROM ledger_postings
 WHERE txn_id = (SELECT id FROM ledger_transactions WHERE ref = 'mk-sell-1') ORDER BY n;
-- below min_proceeds nothing happens (CD003)
SELECT * FROM expect_error($$SELECT * FROM sell('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                   '0x52908400098527886e0f7030069857d2e4169ee7', 1, 1100, 'mk-sell-2')$$);
-- selling more than one holds (CD002), or more than the whole supply (CD002)
SELECT * FROM expect_error($$SELECT * FROM sell('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                   '0x8617e340b3d01fa5f11f306f4090fd50e238070d', 6, 0, 'mk-sell-3')$$);
SELECT * FROM expect_error($$SELECT * FROM sell('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                   '0x8617e340b3d01fa5f11f306f4090fd50e238070d', 12, 0, 'mk-sell-4')$$);
-- buying with too little currency (CD002)
SELECT * FROM deposit('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', 1000, 'mk-poor');
SELECT * FROM expect_error($$SELECT * FROM buy('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                  '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 1, 2000, 'mk-buy-4')$$);

-- a license fee of 1 USDC paid through the split: 700000 / 300000
SELECT * FROM distribute('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                         '0x8617e340b3d01fa5f11f306f4090fd50e238070d', 1000000, 'mk-license-1');
SELECT n, account, amount FROM ledger_postings
 WHERE txn_id = (SELECT id FROM ledger_transactions WHERE ref = 'mk-license-1') ORDER BY n;
SELECT * FROM expect_error($$SELECT * FROM distribute('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                         '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 1001, 'mk-license-2')$$);

-- what everyone holds now
SELECT h.account, h.asset, h.amount, h.kind FROM ledger_holdings h
 WHERE h.asset IN ('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                   'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913')
 ORDER BY h.kind, h.account, h.asset;

-- errors of the market functions
-- unknown asset (CD001)
SELECT * FROM expect_error($$SELECT * FROM buy('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/2',
                  '0x52908400098527886e0f7030069857d2e4169ee7', 1, 10000, 'mk-x1')$$);
SELECT * FROM expect_error($$SELECT * FROM sell('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/2',
                  '0x52908400098527886e0f7030069857d2e4169ee7', 1, 0, 'mk-x2')$$);
SELECT * FROM expect_error($$SELECT * FROM distribute('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/2',
                  '0x52908400098527886e0f7030069857d2e4169ee7', 1, 'mk-x3')$$);
-- amount not positive (CD005), bad limits (22023), NULLs (22004)
SELECT * FROM expect_error($$SELECT * FROM buy('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                  '0x52908400098527886e0f7030069857d2e4169ee7', 0, 10000, 'mk-x4')$$);
SELECT * FROM expect_error($$SELECT * FROM sell('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                  '0x52908400098527886e0f7030069857d2e4169ee7', -1, 0, 'mk-x5')$$);
SELECT * FROM expect_error($$SELECT * FROM distribute('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                  '0x52908400098527886e0f7030069857d2e4169ee7', 0, 'mk-x6')$$);
SELECT * FROM expect_error($$SELECT * FROM buy('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                  '0x52908400098527886e0f7030069857d2e4169ee7', 1, -1, 'mk-x7')$$);
SELECT * FROM expect_error($$SELECT * FROM sell('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                  '0x52908400098527886e0f7030069857d2e4169ee7', 1, 0.5, 'mk-x8')$$);
SELECT * FROM expect_error($$SELECT * FROM buy('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                  '0x52908400098527886e0f7030069857d2e4169ee7', 1, NULL, 'mk-x9')$$);
SELECT * FROM expect_error($$SELECT * FROM sell(NULL, '0x52908400098527886e0f7030069857d2e4169ee7', 1, 0, 'mk-x10')$$);
SELECT * FROM expect_error($$SELECT * FROM distribute('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1', NULL, 1, 'mk-x11')$$);
-- a system account as buyer (CD008): the song's own reserve
SELECT * FROM expect_error(format($$SELECT * FROM buy('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1', %L, 1, 10000, 'mk-x12')$$,
    ledger_reserve_account('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1')));
-- a ref used by another function (CD004)
SELECT * FROM expect_error($$SELECT * FROM sell('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                   '0x52908400098527886e0f7030069857d2e4169ee7', 1, 0, 'mk-buy-1')$$);
-- a curve asset cannot be deposited or withdrawn (CD009)
SELECT * FROM expect_error($$SELECT * FROM deposit('0x52908400098527886e0f7030069857d2e4169ee7', 'eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1', 1, 'mk-x13')$$);
SELECT * FROM expect_error($$SELECT * FROM withdraw('0x52908400098527886e0f7030069857d2e4169ee7', 'eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1', 1, 'mk-x14')$$);
-- but units move between fans by transfer
SELECT * FROM transfer('0x52908400098527886e0f7030069857d2e4169ee7', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
                       'eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1', 1, 'mk-gift');

-- register_asset errors
-- already registered (CD006)
SELECT * FROM expect_error($$SELECT * FROM register_asset('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
    'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', linear_curve(1, 1),
    '0xde709f2102306220921060314715629080e2fb77=100%', '0xde709f2102306220921060314715629080e2fb77')$$);
-- an asset that already has balances (CD009)
SELECT * FROM expect_error($$SELECT * FROM register_asset('eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913',
    'eip155:1/slip44:60', linear_curve(1, 1),
    '0xde709f2102306220921060314715629080e2fb77=100%', '0xde709f2102306220921060314715629080e2fb77')$$);
-- bad royalty rate, own currency, metadata not an object, NULL curve (22023, 22004)
SELECT * FROM expect_error($$SELECT * FROM register_asset('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/3',
    'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', linear_curve(1, 1),
    '0xde709f2102306220921060314715629080e2fb77=100%', '0xde709f2102306220921060314715629080e2fb77', 10001)$$);
SELECT * FROM expect_error($$SELECT * FROM register_asset('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/3',
    'eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/3', linear_curve(1, 1),
    '0xde709f2102306220921060314715629080e2fb77=100%', '0xde709f2102306220921060314715629080e2fb77')$$);
SELECT * FROM expect_error($$SELECT * FROM register_asset('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/3',
    'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', linear_curve(1, 1),
    '0xde709f2102306220921060314715629080e2fb77=100%', '0xde709f2102306220921060314715629080e2fb77', 0, NULL, '[1, 2]')$$);
SELECT * FROM expect_error($$SELECT * FROM register_asset('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/3',
    'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', NULL,
    '0xde709f2102306220921060314715629080e2fb77=100%', '0xde709f2102306220921060314715629080e2fb77')$$);
SELECT * FROM expect_error(format($$SELECT * FROM register_asset('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/3',
    'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', linear_curve(1, 1),
    '0xde709f2102306220921060314715629080e2fb77=100%%', %L)$$, ledger_issuance_account()));

-- a split with a distributor fee pays the fee to the account that
-- triggered the distribution (here the payer), as 0xSplits pays whoever
-- calls distribute
SELECT * FROM register_asset('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/4',
    'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', power_curve(1000, 2),
    '0xde709f2102306220921060314715629080e2fb77=50%, 0x27b1fdb04752bbc536007a920d24acb045561c26=50%, distributor_fee=1%',
    '0xde709f2102306220921060314715629080e2fb77', 1000);
SELECT * FROM distribute('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/4',
                         '0x8617e340b3d01fa5f11f306f4090fd50e238070d', 10000, 'mk-fee-1');
SELECT n, account, amount FROM ledger_postings
 WHERE txn_id = (SELECT id FROM ledger_transactions WHERE ref = 'mk-fee-1') ORDER BY n;
-- a power curve (unit i costs 1000 * i^2): the first unit is free, so a
-- 1-unit buy posts no currency at all
SELECT * FROM buy('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/4',
                  '0x8617e340b3d01fa5f11f306f4090fd50e238070d', 1, 0, 'mk-free');
SELECT * FROM buy('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/4',
                  '0x8617e340b3d01fa5f11f306f4090fd50e238070d', 3, 20000, 'mk-pow');
SELECT * FROM sell('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/4',
                   '0x8617e340b3d01fa5f11f306f4090fd50e238070d', 4, 0, 'mk-pow-sell');
SELECT asset, supply, reserve FROM ledger_assets ORDER BY asset;

-- the per-asset journal of the song
SELECT txn_id, kind, ref, n, account, asset, amount FROM ledger_asset_journal
 WHERE subject = 'eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1' ORDER BY txn_id, n;

SELECT * FROM ledger_verify();

-- the reserve check catches a reserve that drifted from its curve
BEGIN;
UPDATE ledger_assets SET reserve = reserve - 1 WHERE asset = 'eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1';
SELECT * FROM ledger_verify() WHERE NOT ok;
ROLLBACK;
-- and the supply check a supply that drifted from the holdings
BEGIN;
UPDATE ledger_assets SET supply = supply + 1 WHERE asset = 'eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1';
SELECT * FROM ledger_verify() WHERE NOT ok;
ROLLBACK;
