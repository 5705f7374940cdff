-- The ledger of sql/wallet_access.sql and sql/wallet_attacks.sql: a song
-- on a linear curve priced in ETH; alice and bob hold ETH; bob approves
-- changes to the song, and alice proposes one (proposal 1).
SELECT set_order_domain('creative_defi', '1', 1, '0x00000000000000000000000000000000c0ffee00');
SELECT txn_id FROM register_asset('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', 'eip155:1/slip44:60',
    'linear(base=100, slope=10)', '0xac134f13135d59f60e57d4810bd35144584ee1d5=100%', '0xac134f13135d59f60e57d4810bd35144584ee1d5', 250);
SELECT txn_id FROM deposit('0xd67d818d59e71e7b063fba833f52ec30ea01c2e9', 'eip155:1/slip44:60', 1000, 'alice-in');
SELECT txn_id FROM deposit('0xdcba6c051f07c36f5f34ea3f868deee11bfcdc73', 'eip155:1/slip44:60', 50, 'bob-in');
SELECT set_approvers('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769',
    ARRAY['0xdcba6c051f07c36f5f34ea3f868deee11bfcdc73']::eth_address[], 1);
SELECT propose_change('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '{"royalty_bps": 300}',
    '0xd67d818d59e71e7b063fba833f52ec30ea01c2e9');
