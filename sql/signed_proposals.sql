-- signed proposals (74_signed_proposals.sql): the checks every M-of-N
-- signed act shares, each refusing with the code and words of the area
-- that calls it (the areas' own tests pin their refusals:
-- approvals_change, provenance, attribution_governed, solvency_checkpoints).
--   approvers carol 0xac134f13135d59f60e57d4810bd35144584ee1d5
--             dave  0xe198961df8cc7eef266267de5708721269a8821f
--   not one   frank 0x0111a5e2d150f626120c319fca20125435d155c5
DROP EXTENSION creative_defi;
CREATE EXTENSION creative_defi;

-- signer_set_check: empty, nulls, a system account when signers must be
-- user accounts, a signer twice, a threshold outside 1..N; in the words
-- and with the threshold code of the set
SELECT * FROM expect_errors($$SELECT signer_set_check(%s)$$,
    $$'{}', 1, 'approver', 'CD038', true$$,
    $$ARRAY[NULL]::eth_address[], 1, 'auditor', 'CD067', false$$,
    $$ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5', ledger_world_account()], 1, 'approver', 'CD038', true$$,
    $$ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5', '0xAC134f13135D59F60E57d4810bD35144584ee1D5']::eth_address[], 1, 'auditor', 'CD067', false$$,
    $$ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5']::eth_address[], 2, 'approver', 'CD038', true$$,
    $$ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5']::eth_address[], 0, 'auditor', 'CD067', false$$);
-- a set of any addresses when they need not be user accounts; M of N at both ends
SELECT signer_set_check(ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5', ledger_world_account()], 2, 'auditor', 'CD067', false);
SELECT signer_set_check(ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5']::eth_address[], 1, 'approver', 'CD038', true);
-- a NULL set or threshold is refused by the check itself (22004), not
-- left to every caller's own null check; a set whose subscripts do not
-- start at 1 is checked under its own subscripts: the world account at
-- [0] named, no "[2] must not be null" for a set without nulls
SELECT * FROM expect_errors($$SELECT signer_set_check(%s)$$,
    $$NULL, 1, 'approver', 'CD038', true$$,
    $$ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5']::eth_address[], NULL, 'auditor', 'CD067', false$$,
    $$('[0:1]={' || ledger_world_account()::text || ',0xac134f13135d59f60e57d4810bd35144584ee1d5}')::eth_address[], 1, 'approver', 'CD038', true$$,
    $$'[0:1]={0xac134f13135d59f60e57d4810bd35144584ee1d5,0xe198961df8cc7eef266267de5708721269a8821f}', 3, 'approver', 'CD038', true$$);
SELECT signer_set_check('[0:1]={0xac134f13135d59f60e57d4810bd35144584ee1d5,0xe198961df8cc7eef266267de5708721269a8821f}', 2, 'approver', 'CD038', true);

-- signed_proposal_check_open: no row (expires_at NULL), applied, expired; an open one passes
SELECT * FROM expect_errors($$SELECT signed_proposal_check_open('link proposal', 7, %s, ARRAY['CD092', 'CD093', 'CD094'], 'Journal transaction %%s applied it.', 'Propose the link again.')$$,
    'NULL, NULL',
    $$12, '2100-01-01 00:00:00+00'$$,
    $$NULL, '2000-01-01 00:00:00+00'$$);
SELECT signed_proposal_check_open('link proposal', 7, NULL, '2100-01-01 00:00:00+00', ARRAY['CD092', 'CD093', 'CD094'],
    'Journal transaction %s applied it.', 'Propose the link again.');

-- signed_proposal_signer: a signature that recovers nobody (its defect),
-- a signer outside the set, a missing set (no one is in it), the hint
-- when the area gives one; a member is returned
SELECT * FROM expect_errors($$SELECT signed_proposal_signer(%s)$$,
    $$NULL, ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5']::eth_address[], ('\x' || repeat('00', 64) || '1b')::bytea, 'CD095', 'an approver of asset A', 'the asset''s approver set'$$,
    $$'0x0111a5e2d150f626120c319fca20125435d155c5', ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5']::eth_address[], '\x00', 'CD108', 'an approver of asset A', 'the asset''s approver set'$$,
    $$'0xac134f13135d59f60e57d4810bd35144584ee1d5', NULL, '\x00', 'CD035', 'an approver of asset A', 'the asset''s approver set'$$,
    $$'0x0111a5e2d150f626120c319fca20125435d155c5', ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5']::eth_address[], '\x00', 'CD065', 'a checkpoint auditor', 'the auditor set', 'Sign it with an auditor''s key.'$$);
SELECT signed_proposal_signer('0xAC134f13135D59F60E57d4810bD35144584ee1D5', ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5',
    '0xe198961df8cc7eef266267de5708721269a8821f']::eth_address[], '\x00', 'CD035', 'an approver of asset A', 'the asset''s approver set');

-- signed_proposal_tally: a second signature of one signer; otherwise the
-- signers in force that signed, this one included (frank's earlier
-- signature, from before he left the set, no longer counts)
SELECT * FROM expect_error($$SELECT signed_proposal_tally(ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5']::eth_address[], '0xac134f13135d59f60e57d4810bd35144584ee1d5',
    ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5']::eth_address[], 'CD066', 'already signed the checkpoint of snapshot 3', 'auditor')$$);
SELECT signed_proposal_tally('{}', '0xac134f13135d59f60e57d4810bd35144584ee1d5',
    ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5', '0xe198961df8cc7eef266267de5708721269a8821f']::eth_address[],
    'CD036', 'already approved proposal 1', 'approver') AS first,
       signed_proposal_tally(ARRAY['0x0111a5e2d150f626120c319fca20125435d155c5', '0xac134f13135d59f60e57d4810bd35144584ee1d5']::eth_address[],
    '0xe198961df8cc7eef266267de5708721269a8821f',
    ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5', '0xe198961df8cc7eef266267de5708721269a8821f']::eth_address[],
    'CD036', 'already approved proposal 1', 'approver') AS second;

-- approve_change of a proposal whose asset no longer has an approver set
-- (its policy row deleted by the owner) refuses every signer, carol too
-- (CD035), and records nothing: no set, no threshold to reach.  carol's
-- signature is approvals_change's carol1, of the same proposal 1.
SELECT set_order_domain('creative_defi', '1', 1, '0x00000000000000000000000000000000c0ffee00');
SELECT txn_id FROM register_asset('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', 'eip155:1/slip44:60',
    'linear(base=100, slope=10)', '0xac134f13135d59f60e57d4810bd35144584ee1d5=100%', '0xac134f13135d59f60e57d4810bd35144584ee1d5', 250);
SELECT set_approvers('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769',
    ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5', '0xe198961df8cc7eef266267de5708721269a8821f']::eth_address[], 1);
SELECT propose_change('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', '{"curve": "linear(base=55.0, slope=20)"}',
    '0x0111a5e2d150f626120c319fca20125435d155c5', '2100-01-01 00:00:00+00');
DELETE FROM approval_policies;
SELECT * FROM expect_error($$SELECT * FROM approve_change(1, '\xb56b823766d25c641ecd5850fa22603575fe4c5e29884716345af2561aa05eff21b953b4f6f8dffaf699a0c7d217568cde2e48785a7ecbba5a0ca913f8b6d9051c')$$);
SELECT (SELECT count(*) FROM approval_signatures) AS signatures, (SELECT applied_txn FROM approval_proposals) AS applied_txn,
       (SELECT curve FROM ledger_assets) AS curve;
-- with the set back, the same signature is carol's approval, and applies
SELECT set_approvers('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769',
    ARRAY['0xac134f13135d59f60e57d4810bd35144584ee1d5', '0xe198961df8cc7eef266267de5708721269a8821f']::eth_address[], 1);
SELECT approver, approvals, required, applied FROM approve_change(1, '\xb56b823766d25c641ecd5850fa22603575fe4c5e29884716345af2561aa05eff21b953b4f6f8dffaf699a0c7d217568cde2e48785a7ecbba5a0ca913f8b6d9051c');
SELECT curve FROM ledger_assets;
-- set_approvers takes a set whose subscripts start at 0 (signer_set_check
-- checks each under its own subscript)
SELECT set_approvers('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769',
    '[0:1]={0xac134f13135d59f60e57d4810bd35144584ee1d5,0xe198961df8cc7eef266267de5708721269a8821f}', 2);
SELECT cardinality(approvers), threshold FROM approval_policies;
