-- lineage: derivative links, royalty stacks, effective shares, and
-- distribute paying a work's lineage before its split (docs/lineage.md);
-- Story Protocol's documented examples, and every refusal

-- works on a linear curve, paid in one currency, each split to one wallet
CREATE TEMP TABLE works AS
SELECT w.name, ('eip155:1/erc721:0x00000000000000000000000000000000000001a1/' || w.n)::asset AS asset,
       ('0x' || lpad(to_hex(w.n * 17), 40, '0'))::eth_address AS wallet
  FROM unnest(ARRAY['A', 'B', 'C', 'P1', 'P2', 'P3', 'D']) WITH ORDINALITY AS w(name, n);
SELECT count(*) AS registered FROM works w,
       register_asset(w.asset, 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', linear_curve(1000, 10),
                      (w.wallet::text || '=100%')::royalty_split, w.wallet) r;
CREATE FUNCTION pg_temp.w(name text) RETURNS asset LANGUAGE sql AS $$ SELECT asset FROM works WHERE works.name = w.name $$;
SELECT moved FROM deposit('0x52908400098527886e0f7030069857d2e4169ee7', 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
                          10::numeric ^ 21, 'ln-fan');
-- what each wallet got in a distribution, by work name
CREATE FUNCTION pg_temp.paid(p_ref text) RETURNS TABLE(work text, amount numeric) LANGUAGE sql AS $$
    SELECT coalesce(w.name, 'payer'), p.amount FROM ledger_postings p
      JOIN ledger_transactions t ON t.id = p.txn_id LEFT JOIN works w ON w.wallet = p.account
     WHERE t.ref = p_ref ORDER BY p.n $$;

-- Story's LAP example: A -> B at 5%, B -> C at 10%, absolute.  Stacks 5%
-- and 15%; a tip of 100 to C gives A 5, B 10, C 85; 100 paid to B (C's
-- licence fee) gives A 5, B 95
SELECT txn_id > 0 AS journaled FROM link_derivative(pg_temp.w('B'), pg_temp.w('A'), 'absolute', 500);
SELECT txn_id > 0 AS journaled FROM link_derivative(pg_temp.w('C'), pg_temp.w('B'), 'absolute', 1000);
SELECT name, royalty_stack(asset) FROM works WHERE name IN ('A', 'B', 'C') ORDER BY name;
SELECT w.name, l.share FROM lineage(pg_temp.w('C')) l JOIN works w ON w.asset = l.ancestor;
SELECT w.name FROM descendants(pg_temp.w('A')) d JOIN works w ON w.asset = d.descendant;
SELECT distributed, recipients FROM distribute(pg_temp.w('C'), '0x52908400098527886e0f7030069857d2e4169ee7', 100, 'ln-tip-c');
SELECT * FROM pg_temp.paid('ln-tip-c');
SELECT distributed, recipients FROM distribute(pg_temp.w('B'), '0x52908400098527886e0f7030069857d2e4169ee7', 100, 'ln-fee-b');
SELECT * FROM pg_temp.paid('ln-fee-b');
-- one base unit into C owes 0.15: rounded up, to the largest remainder (B)
SELECT distributed FROM distribute(pg_temp.w('C'), '0x52908400098527886e0f7030069857d2e4169ee7', 1, 'ln-one-c');
SELECT * FROM pg_temp.paid('ln-one-c');

-- Story's LRP example: P1 -> P2 at 5%, P2 -> P3 at 10%, relative.  100
-- tokens (18 decimals) paid to P3: P2 receives 10 and passes 0.5 to P1
SELECT txn_id > 0 AS journaled FROM link_derivative(pg_temp.w('P2'), pg_temp.w('P1'), 'relative', 500);
SELECT txn_id > 0 AS journaled FROM link_derivative(pg_temp.w('P3'), pg_temp.w('P2'), 'relative', 1000);
SELECT name, royalty_stack(asset) FROM works WHERE name LIKE 'P%' ORDER BY name;
SELECT w.name, l.share FROM lineage(pg_temp.w('P3')) l JOIN works w ON w.asset = l.ancestor;
SELECT distributed FROM distribute(pg_temp.w('P3'), '0x52908400098527886e0f7030069857d2e4169ee7', 100 * 10::numeric ^ 18, 'ln-lrp');
SELECT * FROM pg_temp.paid('ln-lrp');
-- in whole units P1's 0.5 is rounded up: 90, 9, 1
SELECT distributed FROM distribute(pg_temp.w('P3'), '0x52908400098527886e0f7030069857d2e4169ee7', 100, 'ln-lrp-100');
SELECT * FROM pg_temp.paid('ln-lrp-100');

-- mixed, a diamond: D derives from C (absolute 10%) and from P3 (relative
-- 20%); D's stack is C's 15% + C's 10% + P3's 20% = 45%
SELECT txn_id > 0 AS journaled FROM link_derivative(pg_temp.w('D'), pg_temp.w('C'), 'absolute', 1000);
SELECT txn_id > 0 AS journaled FROM link_derivative(pg_temp.w('D'), pg_temp.w('P3'), 'relative', 2000);
SELECT royalty_stack(pg_temp.w('D'));
SELECT w.name, l.share FROM lineage(pg_temp.w('D')) l JOIN works w ON w.asset = l.ancestor ORDER BY w.name;
SELECT sum(share) < 1 AS d_keeps_the_rest FROM lineage(pg_temp.w('D'));
SELECT distributed, recipients FROM distribute(pg_temp.w('D'), '0x52908400098527886e0f7030069857d2e4169ee7', 999999, 'ln-d');
SELECT * FROM pg_temp.paid('ln-d');
SELECT sum(amount) AS zero_sum FROM pg_temp.paid('ln-d');
-- a retried payment returns the original result and pays nothing twice
SELECT distributed, recipients FROM distribute(pg_temp.w('D'), '0x52908400098527886e0f7030069857d2e4169ee7', 999999, 'ln-d');
SELECT count(*) AS one_transaction FROM ledger_transactions WHERE ref = 'ln-d';

-- refusals
-- 22004, 22023: missing or invalid arguments
SELECT * FROM expect_error($$SELECT link_derivative(NULL, pg_temp.w('A'), 'absolute', 100)$$);
SELECT * FROM expect_error($$SELECT link_derivative(pg_temp.w('D'), pg_temp.w('A'), 'both', 100)$$);
SELECT * FROM expect_error($$SELECT link_derivative(pg_temp.w('D'), pg_temp.w('A'), 'absolute', 0)$$);
SELECT * FROM expect_error($$SELECT link_derivative(pg_temp.w('D'), pg_temp.w('A'), 'absolute', 10001)$$);
-- CD050: an asset the ledger does not know, as child, parent or work
SELECT * FROM expect_error($$SELECT link_derivative('eip155:1/erc721:0x00000000000000000000000000000000000001a1/99', pg_temp.w('A'), 'absolute', 100)$$);
SELECT * FROM expect_error($$SELECT link_derivative(pg_temp.w('D'), 'eip155:1/erc721:0x00000000000000000000000000000000000001a1/99', 'absolute', 100)$$);
SELECT * FROM expect_error($$SELECT royalty_stack('eip155:1/erc721:0x00000000000000000000000000000000000001a1/99')$$);
SELECT * FROM expect_error($$SELECT * FROM lineage('eip155:1/erc721:0x00000000000000000000000000000000000001a1/99')$$);
SELECT * FROM expect_error($$SELECT * FROM descendants('eip155:1/erc721:0x00000000000000000000000000000000000001a1/99')$$);
-- CD051: a self-link
SELECT * FROM expect_error($$SELECT link_derivative(pg_temp.w('A'), pg_temp.w('A'), 'absolute', 100)$$);
-- CD052: a cycle, direct or through the diamond
SELECT * FROM expect_error($$SELECT link_derivative(pg_temp.w('A'), pg_temp.w('B'), 'relative', 100)$$);
SELECT * FROM expect_error($$SELECT link_derivative(pg_temp.w('P1'), pg_temp.w('D'), 'relative', 100)$$);
-- CD053: a second link between the same works, whatever its policy
SELECT * FROM expect_error($$SELECT link_derivative(pg_temp.w('C'), pg_temp.w('B'), 'relative', 100)$$);
-- CD054: a stack above 100%, at the child (D: 45% + 55.01%) or at a
-- descendant (B absolute 90% from P1: B owes 95%, but C then 105%)
SELECT * FROM expect_error($$SELECT link_derivative(pg_temp.w('D'), pg_temp.w('A'), 'relative', 5501)$$);
SELECT * FROM expect_error($$SELECT link_derivative(pg_temp.w('B'), pg_temp.w('P1'), 'absolute', 9000)$$);
-- nothing of a refused link was kept
SELECT count(*) AS links FROM lineage_links;
SELECT count(*) AS closure FROM lineage_ancestors;
SELECT royalty_stack(pg_temp.w('B')) AS b_stack, royalty_stack(pg_temp.w('C')) AS c_stack;

-- exactly 100% is allowed: the work keeps nothing
SELECT txn_id > 0 AS journaled FROM link_derivative(pg_temp.w('D'), pg_temp.w('A'), 'relative', 5500);
SELECT royalty_stack(pg_temp.w('D'));
SELECT distributed FROM distribute(pg_temp.w('D'), '0x52908400098527886e0f7030069857d2e4169ee7', 10, 'ln-d-full');
SELECT * FROM pg_temp.paid('ln-d-full');

-- the royalty of a buy and of a sell is revenue of the work: E (royalty
-- 10%, split to its wallet) derives from C (absolute 20%) and from P3
-- (relative 10%); its stack is C's 15% + 20% + 10% = 45%
INSERT INTO works VALUES ('E', 'eip155:1/erc721:0x00000000000000000000000000000000000001a1/8', ('0x' || lpad(to_hex(8 * 17), 40, '0'))::eth_address);
SELECT txn_id > 0 AS registered FROM register_asset(pg_temp.w('E'), 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
    linear_curve(1000, 10), (('0x' || lpad(to_hex(8 * 17), 40, '0')) || '=100%')::royalty_split, '0x0000000000000000000000000000000000000088', 1000);
-- a trade before E has a lineage pays E's split alone
SELECT cost, royalty, paid FROM buy(pg_temp.w('E'), '0x52908400098527886e0f7030069857d2e4169ee7', 3, 10::numeric ^ 21, 'ln-e-buy-flat');
SELECT * FROM pg_temp.paid('ln-e-buy-flat');
SELECT txn_id > 0 AS journaled FROM link_derivative(pg_temp.w('E'), pg_temp.w('C'), 'absolute', 2000);
SELECT txn_id > 0 AS journaled FROM link_derivative(pg_temp.w('E'), pg_temp.w('P3'), 'relative', 1000);
SELECT royalty_stack(pg_temp.w('E'));
-- buy 7: the royalty goes 45% to the lineage (A, B, C absolute; P3 and
-- through it P2, P1 relative), the rest to E, every amount exact
SELECT cost, royalty, paid FROM buy(pg_temp.w('E'), '0x52908400098527886e0f7030069857d2e4169ee7', 7, 10::numeric ^ 21, 'ln-e-buy');
SELECT * FROM pg_temp.paid('ln-e-buy');
SELECT sum(p.amount) AS royalty_credited FROM pg_temp.paid('ln-e-buy') p WHERE p.work <> 'payer';
-- sell 4: the same for the royalty the seller pays out of the proceeds
SELECT proceeds, royalty, received FROM sell(pg_temp.w('E'), '0x52908400098527886e0f7030069857d2e4169ee7', 4, 0, 'ln-e-sell');
SELECT * FROM pg_temp.paid('ln-e-sell');
-- a retried trade returns its first result and pays nothing twice
SELECT proceeds, royalty, received FROM sell(pg_temp.w('E'), '0x52908400098527886e0f7030069857d2e4169ee7', 4, 0, 'ln-e-sell');
SELECT count(*) AS one_transaction FROM ledger_transactions WHERE ref = 'ln-e-sell';

-- the links are in the journal, and the ledger verifies
SELECT t.kind, t.request->>'policy' AS policy, t.request->>'license_bps' AS license_bps
  FROM lineage_links l JOIN ledger_transactions t ON t.id = l.txn_id ORDER BY t.id;
SELECT "check", ok FROM ledger_verify() WHERE NOT ok;
SELECT "check", ok, detail FROM ledger_verify() WHERE "check" LIKE 'lineage%';
-- what the lineage checks see when the tables are changed behind the
-- functions' back (as the superuser running this can)
BEGIN;
UPDATE lineage_links SET license_bps = 9999 WHERE child = pg_temp.w('C');
DELETE FROM lineage_ancestors WHERE work = pg_temp.w('D') AND ancestor = pg_temp.w('A');
SELECT "check", ok, detail FROM ledger_verify() WHERE "check" LIKE 'lineage%';
ROLLBACK;
BEGIN;
INSERT INTO lineage_links (child, parent, policy, license_bps, txn_id)
SELECT pg_temp.w('A'), pg_temp.w('D'), 'relative', 1, txn_id FROM lineage_links WHERE child = pg_temp.w('B');
SELECT "check", ok, detail FROM ledger_verify() WHERE "check" LIKE 'lineage%';
ROLLBACK;

-- lineage_payments: every past payment equals its recomputation from the
-- graph as it was then.  A link added after the payments does not change
-- what they should have paid
SELECT txn_id > 0 AS journaled FROM link_derivative(pg_temp.w('E'), pg_temp.w('P1'), 'absolute', 100);
SELECT "check", ok, detail FROM ledger_verify() WHERE "check" = 'lineage_payments';
-- moving one base unit of a buy's royalty from C's wallet to E's (the
-- postings still sum to zero) or from E's to the buyer is seen
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE ledger_postings p SET amount = p.amount + CASE WHEN p.account = (SELECT wallet FROM works WHERE name = 'C') THEN -1 ELSE 1 END
  FROM ledger_transactions t
 WHERE t.id = p.txn_id AND t.ref = 'ln-e-buy'
   AND p.account IN ((SELECT wallet FROM works WHERE name = 'C'), (SELECT wallet FROM works WHERE name = 'E'));
SELECT "check", ok, detail FROM ledger_verify() WHERE "check" IN ('zero_sum', 'lineage_payments');
ROLLBACK;
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE ledger_postings p SET amount = p.amount + CASE WHEN p.account = (SELECT wallet FROM works WHERE name = 'E') THEN -1 ELSE 1 END
  FROM ledger_transactions t
 WHERE t.id = p.txn_id AND t.ref = 'ln-e-sell'
   AND p.account IN ((SELECT wallet FROM works WHERE name = 'E'), '0x52908400098527886e0f7030069857d2e4169ee7')
   AND p.asset = 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
SELECT "check", ok, detail FROM ledger_verify() WHERE "check" IN ('zero_sum', 'lineage_payments');
ROLLBACK;
-- a link that the payments did not pay, moved before them in the journal
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE lineage_links SET txn_id = (SELECT min(id) FROM ledger_transactions WHERE kind = 'link_derivative')
 WHERE child = pg_temp.w('E') AND parent = pg_temp.w('P1');
SELECT "check", ok, detail FROM ledger_verify() WHERE "check" = 'lineage_payments';
ROLLBACK;
