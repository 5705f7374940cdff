-- attribution_governed: the contributor table of a data set with
-- approvers changes only through propose_contributors and
-- approve_contributors (docs/attribution.md "Governed data sets"): the
-- EIP-712 ApproveContributors typed data commits to the table's hash as
-- the journal holds it, M of N approvals apply it as an attribution
-- transaction, ledger_verify() holds after it; every refusal.  In a
-- database of its own, so that the proposal ids the signatures name are
-- 1, 2 and 3.
\set own_db cd_regress_attribution_governed
\i test/shared/regress_own_database.sql
SELECT set_order_domain('creative_defi', '1', 1, '0x00000000000000000000000000000000c0ffee00');

-- a data set DS and a model M trained on it (M pays DS 10%)
CREATE TEMP TABLE gd_works (name text, asset asset, wallet eth_address);
INSERT INTO gd_works VALUES
    ('DS', 'eip155:1/erc721:0x00000000000000000000000000000000000001d6/1', '0x0000000000000000000000000000000000001d61'),
    ('M', 'eip155:1/erc721:0x00000000000000000000000000000000000001d6/2', '0x0000000000000000000000000000000000001d62');
SELECT count(*) AS registered FROM gd_works w,
       register_asset(w.asset, 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', linear_curve(1000, 10),
                      (w.wallet::text || '=100%')::royalty_split, w.wallet) r;
CREATE FUNCTION pg_temp.w(name text) RETURNS asset LANGUAGE sql AS $$ SELECT asset FROM gd_works WHERE gd_works.name = w.name $$;
SELECT moved FROM deposit('0x52908400098527886e0f7030069857d2e4169ee7', 'eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
                          10::numeric ^ 21, 'gd-fund');
SELECT txn_id > 0 AS journaled FROM link_derivative(pg_temp.w('M'), pg_temp.w('DS'), 'absolute', 1000);
CREATE FUNCTION pg_temp.paid(p_ref text) RETURNS TABLE(account eth_address, amount numeric) LANGUAGE sql AS $$
    SELECT p.account, p.amount FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.txn_id
     WHERE t.ref = p_ref ORDER BY p.n $$;

-- its first table, set directly (no approvers yet): c1 1, c2 3
SELECT contributor_count, total_weight FROM record_contributors(pg_temp.w('DS'),
       ARRAY['0x00000000000000000000000000000000000000c1', '0x00000000000000000000000000000000000000c2']::eth_address[],
       ARRAY[1, 3], 'gd-set-1');
SELECT * FROM pg_temp.paid((SELECT 'gd-pay-1' FROM distribute(pg_temp.w('DS'), '0x52908400098527886e0f7030069857d2e4169ee7', 100, 'gd-pay-1')));

-- carol, dave and erin govern DS, 2 of 3 (frank is no approver)
SELECT set_approvers(pg_temp.w('DS'), ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5', '0xe198961df8cc7eef266267de5708721269a8821f',
                                            '0x50178c07fffb9dacd3a5f4940a3e2858d81ff975']::eth_address[], 2);
SELECT * FROM expect_error($$SELECT record_contributors(pg_temp.w('DS'), ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[1], 'gd-set-2')$$);

-- proposal 1: c3 5, c1 2, c2 2^256 + 7; proposal 2: c4 1; proposal 3
-- (expires below)
SELECT propose_contributors(pg_temp.w('DS'),
       ARRAY['0x00000000000000000000000000000000000000c3', '0x00000000000000000000000000000000000000c1',
             '0x00000000000000000000000000000000000000c2']::eth_address[],
       ARRAY[5, 2, 2::numeric ^ 256 + 7], '0x52908400098527886e0f7030069857d2e4169ee7', '2100-01-01 00:00:00+00') AS proposal;
SELECT propose_contributors(pg_temp.w('DS'), ARRAY['0x00000000000000000000000000000000000000c4']::eth_address[], ARRAY[1],
       '0x52908400098527886e0f7030069857d2e4169ee7', '2100-01-01 00:00:00+00') AS proposal;
SELECT propose_contributors(pg_temp.w('DS'), ARRAY['0x00000000000000000000000000000000000000c4']::eth_address[], ARRAY[2],
       '0x52908400098527886e0f7030069857d2e4169ee7') AS proposal;
-- the proposal holds the table sorted by address and the request it will
-- journal; the typed data signs that request's hash, the hash of the rows
SELECT id, asset = pg_temp.w('DS') AS ds, request - 'asset' AS request, applied_txn FROM attribution_proposals ORDER BY id;
SELECT id, u.* FROM attribution_proposals, unnest(contributors, weights) AS u(contributor, weight) ORDER BY id, u.contributor;
SELECT jsonb_pretty(contributors_approval_typed_data(1));
SELECT contributors_approval_typed_data(1) -> 'message' ->> 'weightsHash'
       = '0x' || encode(attribution_weights_hash(contributors, weights), 'hex') AS commits_to_rows
  FROM attribution_proposals WHERE id = 1;
-- the table is unchanged until the proposal is approved
SELECT * FROM contributors(pg_temp.w('DS'));

-- the signatures: cd test/interop && node gen_signatures.mjs attribution-governed
CREATE TEMP TABLE approvals (name text, proposal_id bigint, signature bytea);
INSERT INTO approvals VALUES
  ('carol1', 1, '\xfccf8918f92edd474b7718c8f1003b58a3b0750f7acedd7e7e3e66cc94b88fd8207a686ba38f35250b16a5c0057d540f89de1441acb861b75503c1a153dedabf1b'),
  ('dave1', 1, '\x1d12fc3eaa5c5bf44f4b80cc273b593c1f713f8bdc55c1ad495b5de4520f993e1b2f868068b87f4e6a4de2d1d605fd107ba75de680484566a27ef80e5052381a1c'),
  ('erin1', 1, '\x54d32be67a04d3cd987220693dc3a8fee6a675b86d7a52cafe4dc542ce583e56448488bf6f0b31a791575fbf6a31bc12c7d2a231aa12de34985d2fde7c35b1ff1b'),
  ('frank1', 1, '\xc23269e9fab033d3599986da36c324b87e9a7a7a36108364c06b6cced64c2969276a9f193f5f616686d7611ef099809effb3858d32348a194b6481c8b43803fc1b'),
  ('carol2', 2, '\x4b05f2867fe23412fa13754c222d2921dfdefd5f2759e4969cbff720f12269ff08c0a497f4a949b293862855d630baa3fd6daac874f3fb128bad6f7826c662ba1c'),
  ('dave2', 2, '\xa35cb40d4a2ded0003a88572eac6d9c3666815c4ec3c9ec7317b1647a956f85d33fd5449b76aa5466f3633c454bda142dd04b03f55bb195e9e737e6fabab74f01c'),
  ('erin2', 2, '\x28f16336a29ffec3e39842cb860b870008fe976a744757eebb6682e444ba9d6c6a49fca2e834a06459e6d3d9f074c43a16c215d7b6c7a49e024d2d6d448473111b'),
  ('frank2', 2, '\x4e62212c15e3b6a2b8ed033618322d580b924daebbd6950da523db77db9a16d27416858a3f9f961b16ff790769c54d5a332eb91f2ee43a78da42094ff8e4fb4e1c');
CREATE FUNCTION pg_temp.sig(p_name text) RETURNS bytea LANGUAGE sql AS $$ SELECT signature FROM approvals WHERE name = p_name $$;

-- refusals of approve_contributors: an unknown proposal, frank, a
-- signature of proposal 2 given for 1, a malformed signature and one that
-- recovers nothing,
-- an expired proposal
SELECT * FROM expect_error($$SELECT approve_contributors(99, pg_temp.sig('carol1'))$$);
SELECT * FROM expect_error($$SELECT contributors_approval_typed_data(99)$$);
SELECT * FROM expect_error($$SELECT approve_contributors(1, pg_temp.sig('frank1'))$$);
SELECT error_code, message FROM expect_error($$SELECT approve_contributors(1, pg_temp.sig('carol2'))$$);
SELECT * FROM expect_error($$SELECT approve_contributors(1, '\x00')$$);
SELECT * FROM expect_error($$SELECT approve_contributors(1, ('\x' || repeat('00', 65))::bytea)$$);
UPDATE attribution_proposals SET expires_at = '2000-01-01 00:00:00+00' WHERE id = 3;
SELECT * FROM expect_error($$SELECT approve_contributors(3, pg_temp.sig('carol1'))$$);
SELECT * FROM expect_errors($$SELECT approve_contributors(%s)$$, $$NULL, pg_temp.sig('carol1')$$, $$1, NULL$$);

-- carol, then carol again, then dave: applied at 2 of 3; erin too late
SELECT approver, approvals, required, applied, txn_id IS NULL AS no_txn FROM approve_contributors(1, pg_temp.sig('carol1'));
SELECT * FROM expect_error($$SELECT approve_contributors(1, pg_temp.sig('carol1'))$$);
SELECT * FROM contributors(pg_temp.w('DS'));
SELECT approver, approvals, required, applied, txn_id > 0 AS journaled FROM approve_contributors(1, pg_temp.sig('dave1'));
SELECT error_code, message, regexp_replace(detail, '[0-9]+', '<txn>') AS detail FROM expect_error($$SELECT approve_contributors(1, pg_temp.sig('erin1'))$$);
-- the new table is in force; its transaction is an attribution
-- transaction as record_contributors journals one, with the approvals
SELECT * FROM contributors(pg_temp.w('DS'));
SELECT t.kind, t.ref, t.request = p.request AS proposed_request, t.id = p.applied_txn AS applied_by,
       t.result - 'signatures' AS result, jsonb_array_length(t.result -> 'signatures') AS signatures
  FROM ledger_transactions t JOIN attribution_proposals p ON t.ref = 'contributors:' || p.id ORDER BY t.id;
SELECT t.result -> 'signatures' -> 0 ->> 'signature' = '0x' || encode(pg_temp.sig('carol1'), 'hex') AS carol_journaled
  FROM ledger_transactions t WHERE t.ref = 'contributors:1';
-- 100 into DS and 1000 into M (100 of it DS's) go to the new table:
-- c1 2, c2 2^256 + 7, c3 5 of 2^256 + 14: c1 and c3 get floor 0 and
-- c2 99 and the unit left, as its remainder is the largest
SELECT * FROM pg_temp.paid((SELECT 'gd-pay-2' FROM distribute(pg_temp.w('DS'), '0x52908400098527886e0f7030069857d2e4169ee7', 100, 'gd-pay-2')));
SELECT * FROM pg_temp.paid((SELECT 'gd-pay-3' FROM distribute(pg_temp.w('M'), '0x52908400098527886e0f7030069857d2e4169ee7', 1000, 'gd-pay-3')));
-- proposal 2 stays open and applies the same way (2 of 3), as a new version
SELECT approvals, applied FROM approve_contributors(2, pg_temp.sig('erin2'));
SELECT approvals, applied, txn_id > 0 AS journaled FROM approve_contributors(2, pg_temp.sig('dave2'));
SELECT * FROM contributors(pg_temp.w('DS'));
SELECT count(DISTINCT txn_id) AS versions FROM attribution_weights WHERE asset = pg_temp.w('DS');
-- ledger_verify(): the tables as journaled, the payments recomputed
SELECT "check", ok FROM ledger_verify() WHERE NOT ok OR "check" IN ('attribution_weights', 'lineage_payments');

-- refusals of propose_contributors: a data set without approvers (M),
-- the table's own (as record_contributors'), the expiry, an unregistered
-- asset, a system account as proposer, a missing argument
SELECT * FROM expect_error($$SELECT propose_contributors(pg_temp.w('M'), ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[1], '0x52908400098527886e0f7030069857d2e4169ee7')$$);
SELECT * FROM expect_errors($$SELECT propose_contributors(pg_temp.w('DS'), %s, '0x52908400098527886e0f7030069857d2e4169ee7')$$,
    $$ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[0]$$,
    $$ARRAY['0x00000000000000000000000000000000000000c1', '0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[1, 2]$$,
    $$ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[1, 2]$$,
    $$ARRAY['0x00000000000000000000000000000000000000c1', NULL]::eth_address[], ARRAY[1, 2]$$,
    $$ARRAY[ledger_reserve_account(pg_temp.w('DS'))], ARRAY[1]$$);
SELECT * FROM expect_errors($$SELECT propose_contributors(pg_temp.w('DS'), ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[1], '0x52908400098527886e0f7030069857d2e4169ee7', %s)$$,
    $$'2000-01-01 00:00:00+00'$$, $$'infinity'$$, $$'10000-01-01 00:00:00+00'$$);
SELECT * FROM expect_error($$SELECT propose_contributors('eip155:1/erc721:0x00000000000000000000000000000000000001d6/99', ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[1], '0x52908400098527886e0f7030069857d2e4169ee7')$$);
SELECT * FROM expect_error($$SELECT propose_contributors(pg_temp.w('DS'), ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[1], ledger_reserve_account(pg_temp.w('DS')))$$);
SELECT * FROM expect_errors($$SELECT propose_contributors(%s)$$,
    $$NULL, ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[1], '0x52908400098527886e0f7030069857d2e4169ee7'$$,
    $$pg_temp.w('DS'), NULL, ARRAY[1], '0x52908400098527886e0f7030069857d2e4169ee7'$$,
    $$pg_temp.w('DS'), ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], NULL, '0x52908400098527886e0f7030069857d2e4169ee7'$$,
    $$pg_temp.w('DS'), ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[1], NULL$$,
    $$pg_temp.w('DS'), ARRAY['0x00000000000000000000000000000000000000c1']::eth_address[], ARRAY[1], '0x52908400098527886e0f7030069857d2e4169ee7', NULL$$);
-- no refusal made a proposal
SELECT count(*) AS proposals FROM attribution_proposals;

\c :regress_db
DROP DATABASE :"own_db";
