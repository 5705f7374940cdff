-- The ledger: a song on a bonding curve, fans buy and sell, a license fee is shared, the books verify
SET search_path = public, creative_defi;

-- Two fans bring USDC (6 decimals) on Base into the ledger: 500 USDC each.
SELECT * FROM deposit('0x52908400098527886e0f7030069857d2e4169ee7', 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', 500000000, 'fan1-deposit');
SELECT * FROM deposit('0x8617e340b3d01fa5f11f306f4090fd50e238070d', 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', 500000000, 'fan2-deposit');

-- The singer registers a song: its units are priced by a linear curve
-- (unit i costs 1 USDC + 0.01 USDC * i), and every trade pays a 5% royalty
-- split 60% singer, 30% producer, 10% a pool for the training data.
SELECT * FROM register_asset(
    'eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
    'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913',
    linear_curve(1000000, 10000),
    '0xde709f2102306220921060314715629080e2fb77=60%, 0x27b1fdb04752bbc536007a920d24acb045561c26=30%, 0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb=10%',
    '0xde709f2102306220921060314715629080e2fb77',
    500,
    keccak256('master recording of "First Song"'),
    '{"title": "First Song", "artist": "The Singer"}');

-- Fan 1 buys 100 units and accepts paying at most 160 USDC.
SELECT * FROM buy('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                  '0x52908400098527886e0f7030069857d2e4169ee7', 100, 160000000, 'fan1-buy-1');
-- The app retries after a timeout: same ref, same result, nothing bought twice.
SELECT * FROM buy('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                  '0x52908400098527886e0f7030069857d2e4169ee7', 100, 160000000, 'fan1-buy-1');
-- Fan 2 buys 50 later, at a higher price; a limit that is too tight is refused.
\set ON_ERROR_STOP 0
SELECT * FROM buy('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                  '0x8617e340b3d01fa5f11f306f4090fd50e238070d', 50, 110000000, 'fan2-buy-1');
\set ON_ERROR_STOP 1
SELECT * FROM buy('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                  '0x8617e340b3d01fa5f11f306f4090fd50e238070d', 50, 120000000, 'fan2-buy-1');

-- Fan 1 takes a profit on 40 units; the royalty comes out of the proceeds.
SELECT * FROM sell('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                   '0x52908400098527886e0f7030069857d2e4169ee7', 40, 85000000, 'fan1-sell-1');

-- A film licenses the song for 2,000 USDC: the fee goes through the split.
SELECT * FROM deposit('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', 2000000000, 'studio-deposit');
SELECT * FROM distribute('eip155:8453/erc1155:0x00000000000000000000000000000000000a11ce/1',
                         '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 2000000000, 'film-license-1');

-- Who holds what (user accounts), and the song's supply and reserve.
SELECT account, asset, amount FROM ledger_holdings WHERE kind = 'user' ORDER BY account, asset;
SELECT supply, reserve, reserve = curve_reserve(curve, supply) AS reserve_matches_curve FROM ledger_assets;

-- Fan 1's statement: every posting with the running balance.
SELECT txn_id, kind, ref, asset, amount, balance_after
  FROM ledger_account_journal WHERE account = '0x52908400098527886e0f7030069857d2e4169ee7'
 ORDER BY asset, txn_id, n;

-- The song's journal: the buy, double-entry, summing to zero per asset.
SELECT n, account, asset, amount FROM ledger_asset_journal WHERE ref = 'fan1-buy-1' ORDER BY n;

-- Nobody rewrites history, not even the owner of the tables.
\set ON_ERROR_STOP 0
UPDATE ledger_postings SET amount = amount * 2;
\set ON_ERROR_STOP 1

-- The head of the hash chain, to anchor on chain, and every invariant recomputed.
SELECT * FROM journal_head();
SELECT * FROM ledger_verify();
