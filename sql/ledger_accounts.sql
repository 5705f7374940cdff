-- ledger: system accounts, deposit / withdraw / transfer, idempotency by
-- ref, balances, holdings, the journal views and journal_head()

-- the system accounts are derived from fixed strings, as documented
SELECT ledger_world_account() = substr(keccak256('creative_defi.world'), 13)::eth_address AS world_derived,
       ledger_issuance_account() = substr(keccak256('creative_defi.issuance'), 13)::eth_address AS issuance_derived,
       ledger_reserve_account('eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48')
         = substr(keccak256('creative_defi.reserve:eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48'), 13)::eth_address
         AS reserve_derived;
SELECT ledger_world_account(), ledger_issuance_account();

-- the genesis head before anything happened
SELECT * FROM journal_head();

-- alice (0x5aAe...) deposits 1,000 USDC (6 decimals) and 2 ETH
SELECT * FROM deposit('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', 1000000000, 'dep-1');
SELECT * FROM deposit('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'eip155:1/slip44:60', 2000000000000000000, 'dep-2');
-- an amount written with zeros after the point is the same whole amount
SELECT * FROM deposit('0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359', 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', 5.000, 'dep-3');
SELECT balance('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48');
SELECT balance('0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359', 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48');
-- an account that never held an asset has balance 0
SELECT balance('0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb', 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48');

-- alice pays bob (0xfB69...) 250 USDC, then bob withdraws 100 of them
SELECT * FROM transfer('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', '0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359',
                       'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', 250000000, 'pay-1');
SELECT * FROM withdraw('0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359', 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', 100000000, 'wd-1');
SELECT * FROM holdings('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed');
SELECT * FROM holdings('0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359');
-- an unknown account holds nothing
SELECT count(*) FROM holdings('0x0000000000000000000000000000000000000001');

-- every holding, system accounts included: the world's balance is minus
-- what entered the ledger
SELECT account, asset, amount, kind FROM ledger_holdings ORDER BY kind, account, asset;

-- idempotency: the same ref with the same arguments returns the original
-- result and applies nothing; the journal does not grow
SELECT * FROM transfer('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', '0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359',
                       'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', 250000000, 'pay-1');
SELECT * FROM deposit('0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359', 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', 5, 'dep-3');
SELECT count(*) AS transactions FROM ledger_transactions;
SELECT balance('0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359', 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48');

-- the same ref with different arguments is an error naming the fields
SELECT * FROM expect_error($$SELECT * FROM transfer('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', '0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359',
                       'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', 250000001, 'pay-1')$$);
SELECT * FROM expect_error($$SELECT * FROM transfer('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', '0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb',
                       'eip155:1/slip44:60', 250000000, 'pay-1')$$);
SELECT * FROM expect_error($$SELECT * FROM withdraw('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', 250000000, 'pay-1')$$);

-- insufficient balance (CD002): nothing is applied
SELECT * FROM expect_error($$SELECT * FROM transfer('0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
                       'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', 150000006, 'pay-2')$$);
SELECT * FROM expect_error($$SELECT * FROM withdraw('0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb', 'eip155:1/slip44:60', 1, 'wd-2')$$);
-- the refused withdrawal leaves no holding behind (ledger_post creates a
-- missing holding at zero before it updates, and the error undoes that)
SELECT count(*) AS holdings_left FROM ledger_holdings
 WHERE account = '0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb' AND asset = 'eip155:1/slip44:60';
SELECT balance('0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359', 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48');
-- a failed call leaves its ref unused: the same ref works once the balance is there
SELECT * FROM transfer('0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
                       'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', 150000005, 'pay-2');

-- amounts (CD005 when not positive; 22023 fractions; 22003 beyond uint256; 22004 NULL)
SELECT * FROM expect_error($$SELECT * FROM deposit('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'eip155:1/slip44:60', 0, 'bad-1')$$);
SELECT * FROM expect_error($$SELECT * FROM transfer('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', '0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359', 'eip155:1/slip44:60', -5, 'bad-2')$$);
SELECT * FROM expect_error($$SELECT * FROM withdraw('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'eip155:1/slip44:60', 1.5, 'bad-3')$$);
SELECT * FROM expect_error($$SELECT * FROM deposit('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'eip155:1/slip44:60', 115792089237316195423570985008687907853269984665640564039457584007913129639936, 'bad-4')$$);
SELECT * FROM expect_error($$SELECT * FROM deposit('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'eip155:1/slip44:60', 'NaN', 'bad-5')$$);
SELECT * FROM expect_error($$SELECT * FROM deposit('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'eip155:1/slip44:60', NULL, 'bad-6')$$);
SELECT * FROM expect_error($$SELECT * FROM deposit(NULL, 'eip155:1/slip44:60', 1, 'bad-7')$$);
SELECT * FROM expect_error($$SELECT * FROM deposit('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', NULL, 1, 'bad-8')$$);
SELECT * FROM expect_error($$SELECT * FROM deposit('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'eip155:1/slip44:60', 1, NULL)$$);
SELECT * FROM expect_error($$SELECT * FROM transfer('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', NULL, 'eip155:1/slip44:60', 1, 'bad-9')$$);
-- the largest uint256 amount is accepted
SELECT * FROM deposit('0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb', 'eip155:137/erc20:0x0000000000000000000000000000000000001010',
                      115792089237316195423570985008687907853269984665640564039457584007913129639935, 'max-1');

-- a transfer to oneself is refused (22023)
SELECT * FROM expect_error($$SELECT * FROM transfer('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'eip155:1/slip44:60', 1, 'self-1')$$);

-- system accounts cannot be used as user accounts (CD008)
SELECT * FROM expect_error(format($$SELECT * FROM transfer(%L, '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'eip155:1/slip44:60', 1, 'sys-1')$$, ledger_world_account()));
SELECT * FROM expect_error(format($$SELECT * FROM deposit(%L, 'eip155:1/slip44:60', 1, 'sys-2')$$, ledger_issuance_account()));
SELECT * FROM expect_error(format($$SELECT * FROM withdraw(%L, 'eip155:1/slip44:60', 1, 'sys-3')$$, ledger_world_account()));

-- nothing above changed the books: no failed call left a trace
SELECT count(*) AS transactions FROM ledger_transactions;

-- the journal per account, with the running balance
SELECT txn_id, n, kind, ref, amount, balance_after
  FROM ledger_account_journal
 WHERE account = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' AND asset = 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48'
 ORDER BY txn_id, n;
-- and per asset (here the subject of each transaction)
SELECT txn_id, kind, ref, n, account, amount
  FROM ledger_asset_journal
 WHERE subject = 'eip155:1/slip44:60'
 ORDER BY txn_id, n;

-- journal_head() is the last transaction's position and hash
SELECT h.seq = (SELECT count(*) FROM ledger_transactions) AS head_counts_all,
       h.hash = (SELECT hash FROM ledger_chain ORDER BY seq DESC LIMIT 1) AS hash_is_last
  FROM journal_head() h;
SELECT seq, txn_id FROM ledger_chain ORDER BY seq;

-- the chain recomputed here by hand from the documented encoding (an
-- outside verifier's view), without the ledger's own encoding functions
WITH RECURSIVE body AS (
    SELECT c.seq, c.txn_id,
           int4send(octet_length(t.kind)) || convert_to(t.kind, 'UTF8')
        || int4send(octet_length(t.ref)) || convert_to(t.ref, 'UTF8')
        || int4send(octet_length(t.asset::text)) || convert_to(t.asset::text, 'UTF8')
        || int4send((SELECT count(*)::int FROM ledger_postings p WHERE p.txn_id = t.id))
        || coalesce((SELECT string_agg(p.account::bytea
                                       || int4send(octet_length(p.asset::text)) || convert_to(p.asset::text, 'UTF8')
                                       || CASE WHEN p.amount < 0 THEN '\x01'::bytea ELSE '\x00'::bytea END
                                       || decode(lpad(to_hex(abs(p.amount)::bigint), 64, '0'), 'hex'),
                                       ''::bytea ORDER BY p.n)
                       FROM ledger_postings p WHERE p.txn_id = t.id), ''::bytea)
        || int4send(octet_length(convert_to(t.request::text, 'UTF8'))) || convert_to(t.request::text, 'UTF8')
        || int4send(octet_length(convert_to(t.result::text, 'UTF8'))) || convert_to(t.result::text, 'UTF8') AS bytes
      FROM ledger_chain c JOIN ledger_transactions t ON t.id = c.txn_id
     WHERE t.ref <> 'max-1'   -- to_hex() stops at bigint; the 2^256 - 1 posting is checked below
), chain AS (
    SELECT 0::bigint AS seq, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea AS hash
    UNION ALL
    SELECT b.seq, keccak256(c.hash || int8send(b.seq) || int8send(b.txn_id) || b.bytes)
      FROM chain c JOIN body b ON b.seq = c.seq + 1
)
SELECT c.seq, c.hash = l.hash AS recomputed
  FROM chain c JOIN ledger_chain l ON l.seq = c.seq
 ORDER BY c.seq;

-- the amount encoding: sign byte and 32 big-endian bytes
SELECT ledger_encode_amount(1), ledger_encode_amount(-256);
SELECT ledger_encode_amount(115792089237316195423570985008687907853269984665640564039457584007913129639935);
SELECT ledger_encode_amount(-115792089237316195423570985008687907853269984665640564039457584007913129639935) = '\x01'::bytea || decode(repeat('ff', 32), 'hex') AS min_encodes;
SELECT * FROM expect_error($$SELECT ledger_encode_amount(1.5)$$);
SELECT * FROM expect_error($$SELECT ledger_encode_amount(115792089237316195423570985008687907853269984665640564039457584007913129639936)$$);
SELECT ledger_encode_text('héllo');

-- and everything verifies
SELECT * FROM ledger_verify();
