-- link changes: removing a derivative link (unlink_derivative) and giving
-- it new terms (change_link) directly for a work without approvers, and
-- through propose_unlink / propose_link_change and approve_link for one
-- with approvers; past payments verify with the links they paid
-- (docs/lineage.md "Changing links", docs/provenance.md); every refusal

SELECT set_order_domain('creative_defi', '1', 1, '0x00000000000000000000000000000000c0ffee00');
CREATE TEMP TABLE lc_works AS
SELECT w.name, ('eip155:1/erc721:0x00000000000000000000000000000000000001c1/' || w.n)::asset AS asset,
       ('0x' || lpad(to_hex(w.n * 23 + 4096), 40, '0'))::eth_address AS wallet
  FROM unnest(ARRAY['A', 'B', 'C', 'D']) WITH ORDINALITY AS w(name, n);
SELECT count(*) AS registered FROM lc_works w,
       register_asset(w.asset, 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', linear_curve(1000, 10),
                      (w.wallet::text || '=100%')::royalty_split, w.wallet) r;
CREATE FUNCTION pg_temp.lw(name text) RETURNS asset LANGUAGE sql AS $$ SELECT asset FROM lc_works WHERE lc_works.name = lw.name $$;
SELECT moved FROM deposit('0x52908400098527886e0f7030069857d2e4169ee7', 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
                          10::numeric ^ 21, 'lc-fan');
-- what each work's wallet got in a payment, by work name
CREATE FUNCTION pg_temp.paid(p_ref text) RETURNS TABLE(work text, amount numeric) LANGUAGE sql AS $$
    SELECT coalesce(w.name, 'payer'), p.amount FROM ledger_postings p
      JOIN ledger_transactions t ON t.id = p.txn_id LEFT JOIN lc_works w ON w.wallet = p.account
     WHERE t.ref = p_ref ORDER BY p.n $$;
CREATE FUNCTION pg_temp.pay(p_ref text) RETURNS TABLE(work text, amount numeric) LANGUAGE sql AS $$
    SELECT p.* FROM distribute(pg_temp.lw('C'), '0x52908400098527886e0f7030069857d2e4169ee7', 100, p_ref) d,
                    pg_temp.paid(p_ref) p $$;

-- Story's LAP chain: A <- B absolute 5%, B <- C absolute 10%; 100 into C
SELECT txn_id > 0 AS journaled FROM link_derivative(pg_temp.lw('B'), pg_temp.lw('A'), 'absolute', 500);
SELECT txn_id > 0 AS journaled FROM link_derivative(pg_temp.lw('C'), pg_temp.lw('B'), 'absolute', 1000);
SELECT * FROM pg_temp.pay('lc-1');

-- change_link: C pays B 20%, relative now; B pays A 5% of what it
-- receives: A 1, B 19, C 80
SELECT txn_id > 0 AS journaled FROM change_link(pg_temp.lw('C'), pg_temp.lw('B'), 'relative', 2000);
SELECT royalty_stack(pg_temp.lw('C')), (SELECT policy || ' ' || license_bps FROM lineage_links WHERE child = pg_temp.lw('C')) AS link;
SELECT * FROM lineage(pg_temp.lw('C'));
SELECT * FROM pg_temp.pay('lc-2');

-- unlink_derivative: B no longer derives from A; A is nobody's ancestor
-- and B, without parents, loses the lineage's revenue route
SELECT txn_id > 0 AS journaled FROM unlink_derivative(pg_temp.lw('B'), pg_temp.lw('A'));
SELECT * FROM descendants(pg_temp.lw('A'));
SELECT * FROM lineage(pg_temp.lw('C'));
SELECT w.name, r.route IS NOT NULL AS routed FROM lc_works w LEFT JOIN ledger_revenue_routes r ON r.asset = w.asset ORDER BY w.name;
SELECT * FROM pg_temp.pay('lc-3');

-- linked again (a ref of its own: the first one is taken), 3%: of B's 20,
-- A gets ceil(0.6) = 1
SELECT txn_id > 0 AS journaled FROM link_derivative(pg_temp.lw('B'), pg_temp.lw('A'), 'absolute', 300);
SELECT * FROM pg_temp.pay('lc-4');

-- the journal: each link, change and removal of the pair, with its ref;
-- the former terms, each ended by the transaction after it
SELECT t.kind, regexp_replace(t.ref, '@[0-9]+$', '@<txn>') AS ref, t.request, t.result - 'was' AS result,
       t.result -> 'was' ->> 'policy' AS was_policy, t.result -> 'was' ->> 'license_bps' AS was_bps
  FROM ledger_transactions t
 WHERE t.kind IN ('link_derivative', 'change_link', 'unlink_derivative') AND t.asset IN (SELECT asset FROM lc_works)
 ORDER BY t.id;
SELECT w1.name AS child, w2.name AS parent, r.policy, r.license_bps,
       (SELECT t.kind FROM ledger_transactions t WHERE t.id = r.txn_id) AS from_kind,
       (SELECT t.kind FROM ledger_transactions t WHERE t.id = r.retired_txn) AS until_kind
  FROM lineage_links_retired r JOIN lc_works w1 ON w1.asset = r.child JOIN lc_works w2 ON w2.asset = r.parent
 ORDER BY r.txn_id;
-- every payment verifies against the links as they were when it was made
-- (the counts in the details are the whole database's: not shown)
SELECT "check", ok FROM ledger_verify() WHERE NOT ok OR "check" LIKE 'lineage%';

-- refusals
SELECT * FROM regress.expect_error($$SELECT unlink_derivative(pg_temp.lw('C'), pg_temp.lw('A'))$$);
SELECT * FROM regress.expect_error($$SELECT change_link(pg_temp.lw('D'), pg_temp.lw('C'), 'absolute', 100)$$);
SELECT * FROM regress.expect_error($$SELECT change_link(pg_temp.lw('C'), pg_temp.lw('B'), 'relative', 2000)$$);
SELECT * FROM regress.expect_errors($$SELECT change_link(%s)$$,
    $$pg_temp.lw('C'), pg_temp.lw('B'), 'both', 100$$, $$pg_temp.lw('C'), pg_temp.lw('B'), 'absolute', 10001$$,
    $$pg_temp.lw('C'), pg_temp.lw('B'), 'absolute', 0$$, $$NULL, pg_temp.lw('B'), 'absolute', 100$$,
    $$pg_temp.lw('C'), pg_temp.lw('B'), 'absolute', NULL$$);
SELECT * FROM regress.expect_errors($$SELECT unlink_derivative(%s)$$, $$NULL, pg_temp.lw('B')$$, $$pg_temp.lw('C'), NULL$$);
-- D derives from C at 90%, absolute: C's link to B made absolute at 20%
-- would give D a stack of 110% (C's 90% and B's 20% through C)
SELECT txn_id > 0 AS journaled FROM link_derivative(pg_temp.lw('D'), pg_temp.lw('C'), 'absolute', 9000);
SELECT * FROM regress.expect_error($$SELECT change_link(pg_temp.lw('C'), pg_temp.lw('B'), 'absolute', 2000)$$);
SELECT policy, license_bps FROM lineage_links WHERE child = pg_temp.lw('C');

-- what lineage_links sees when the former terms are changed behind the
-- functions' back, and lineage_payments when they are gone: the payments
-- made under them no longer recompute
BEGIN;
UPDATE lineage_links_retired SET license_bps = 600 WHERE child = pg_temp.lw('B');
SELECT "check", ok, regexp_replace(detail, 'transactions? [0-9]+( and [0-9]+)?', 'transaction <n>', 'g') AS detail
  FROM ledger_verify() WHERE "check" = 'lineage_links';
ROLLBACK;
BEGIN;
DELETE FROM lineage_links_retired;
SELECT "check", ok, regexp_replace(detail, 'transactions? [0-9]+', 'transaction <n>', 'g') AS detail
  FROM ledger_verify() WHERE "check" IN ('lineage_links', 'lineage_payments');
ROLLBACK;

-- a work with approvers: carol, dave and erin approve C, 2 of 3; its links
-- change only through approved proposals (CD090 otherwise)
SELECT set_approvers(pg_temp.lw('C'), ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5', '0xe198961df8cc7eef266267de5708721269a8821f',
                                             '0x50178c07fffb9dacd3a5f4940a3e2858d81ff975']::eth_address[], 2);
SELECT * FROM regress.expect_error($$SELECT unlink_derivative(pg_temp.lw('C'), pg_temp.lw('B'))$$);
SELECT * FROM regress.expect_error($$SELECT change_link(pg_temp.lw('C'), pg_temp.lw('B'), 'relative', 2500)$$);
-- proposals (ids from 101: the signatures below name them)
ALTER TABLE lineage_link_proposals ALTER COLUMN id RESTART WITH 101;
SELECT propose_link_change(pg_temp.lw('C'), pg_temp.lw('B'), 'relative', 2500, '0x0111a5e2d150f626120c319fca20125435d155c5',
                           '2100-01-01 00:00:00+00') AS change_proposal;
SELECT propose_unlink(pg_temp.lw('C'), pg_temp.lw('B'), '0x0111a5e2d150f626120c319fca20125435d155c5',
                      '2100-01-01 00:00:00+00') AS unlink_proposal;
SELECT id, action, policy, license_bps FROM lineage_link_proposals WHERE id >= 101 ORDER BY id;
SELECT * FROM regress.expect_errors($$SELECT %s$$,
    $$propose_unlink(pg_temp.lw('C'), pg_temp.lw('A'), '0x0111a5e2d150f626120c319fca20125435d155c5')$$,
    $$propose_link_change(pg_temp.lw('C'), pg_temp.lw('A'), 'absolute', 100, '0x0111a5e2d150f626120c319fca20125435d155c5')$$,
    $$propose_unlink(pg_temp.lw('D'), pg_temp.lw('C'), '0x0111a5e2d150f626120c319fca20125435d155c5')$$,
    $$propose_link_change(pg_temp.lw('D'), pg_temp.lw('C'), 'absolute', 100, '0x0111a5e2d150f626120c319fca20125435d155c5')$$,
    $$propose_link_change(pg_temp.lw('C'), pg_temp.lw('B'), 'some', 100, '0x0111a5e2d150f626120c319fca20125435d155c5')$$,
    $$propose_unlink(pg_temp.lw('C'), pg_temp.lw('B'), NULL)$$,
    $$propose_unlink(pg_temp.lw('C'), pg_temp.lw('B'), '0x0111a5e2d150f626120c319fca20125435d155c5', 'infinity')$$);
-- what the approvers sign: a type of its own for each action
SELECT p.id, d ->> 'primaryType' AS type, (d -> 'message') - 'child'::text - 'parent'::text AS message,
       jsonb_path_query_array(d -> 'types' -> (d ->> 'primaryType'), '$[*].name') AS fields
  FROM lineage_link_proposals p, link_approval_typed_data(p.id) d WHERE p.id >= 101 ORDER BY p.id;
-- signatures made by ethers (cd test/interop && node gen_signatures.mjs link-changes)
CREATE TEMP TABLE approvals (name text, proposal_id bigint, signature bytea);
INSERT INTO approvals VALUES
  ('carol101', 101, '\xb6640fb752ba4b50bc5665cfbe1ed436d4b84eff8314224a95b14147e7cd144f0f2d3b8b82d094eeb1fbd3e99102bd87e1100bc933a7ce292a033a09b8c6cb1a1b'),
  ('dave101', 101, '\xbae7835c1b5f12f6be674eb5ba26559ec194edaeafdbc11364c9a05cc9ee1daa6f249f57bbe8bffa1dfe2fa33aab154cabcbed11b3aeacb015d376a486c163951b'),
  ('erin101', 101, '\x34058c7fc5e2184a2a944cc914fcd075ca117d01667636856ed9413b8d90153b700f14afc0366d56aca02ea7c5fd60787466aaf3708a13a028f7127f17957b4c1b'),
  ('carol102', 102, '\x4a3a05ede0f60c2aa08a7390f59a6f83f5f4df89229e463b18dda4c246f0e4ac2c151d303af55fb49064fd826c0dd17491483a4739743d2582e07ef36e6110771b'),
  ('dave102', 102, '\x75a873dfc0dabc08df5ec452eb14815dc7406dae845baab44d69ea1642466ed323894bb94eb28394ef9ea34fc27cd2aead550c88b36e536901448459e219ab471c'),
  ('erin102', 102, '\xffebabaa4cf2d29c00130bc218824ac5a2eaf56f437ad54edc1c26ee14344f4d6813c10e4d24f44a4119b9ba7c5c2794dc2a54a1cf11e56af7c7c0b030c3c3e31c');
-- a signature of the change does not approve the removal
SELECT * FROM regress.expect_error($$SELECT approve_link(102, (SELECT signature FROM approvals WHERE name = 'carol101'))$$);
-- the change: carol, then dave applies it (one link_approval, one change_link)
SELECT approvals, required, applied, txn_id IS NULL AS no_txn FROM approve_link(101, (SELECT signature FROM approvals WHERE name = 'carol101'));
SELECT approvals, required, applied, txn_id > 0 AS journaled FROM approve_link(101, (SELECT signature FROM approvals WHERE name = 'dave101'));
SELECT royalty_stack(pg_temp.lw('C')), (SELECT policy || ' ' || license_bps FROM lineage_links WHERE child = pg_temp.lw('C')) AS link;
SELECT * FROM pg_temp.pay('lc-5');
-- the removal: erin and carol; C has no parent left, and is paid through
-- its split alone
SELECT approvals, required, applied FROM approve_link(102, (SELECT signature FROM approvals WHERE name = 'erin102'));
SELECT approvals, required, applied, txn_id > 0 AS journaled FROM approve_link(102, (SELECT signature FROM approvals WHERE name = 'carol102'));
SELECT error_code, message FROM regress.expect_error($$SELECT approve_link(102, (SELECT signature FROM approvals WHERE name = 'dave102'))$$);
SELECT royalty_stack(pg_temp.lw('C')), (SELECT count(*) FROM lineage(pg_temp.lw('C'))) AS ancestors;
SELECT * FROM pg_temp.pay('lc-6');
SELECT t.kind, t.request - 'signatures' - 'proposal_id' - 'child' - 'parent' AS request, jsonb_array_length(t.request -> 'signatures') AS signatures
  FROM ledger_transactions t
 WHERE t.asset = pg_temp.lw('C') AND t.kind IN ('link_approval', 'change_link', 'unlink_derivative') ORDER BY t.id;
SELECT id, action, applied_txn IS NOT NULL AS applied FROM lineage_link_proposals WHERE id >= 101 ORDER BY id;
SELECT "check", ok FROM ledger_verify() WHERE NOT ok OR "check" LIKE 'lineage%';
