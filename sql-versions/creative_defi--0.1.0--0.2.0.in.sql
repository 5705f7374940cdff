-- creative_defi upgrade from 0.1.0 to 0.2.0, assembled by
-- scripts/assemble-upgrade.sh into creative_defi--0.1.0--0.2.0.sql: the
-- hand-written steps (tables, and DROP of what changed shape) stand here;
-- "--@include src/sql/NN_name.sql" brings in a part of the install script
-- whole (a new area); "--@replace src/sql/NN_name.sql function_name" brings
-- in that function as CREATE OR REPLACE (a body that changed).
-- ALTER EXTENSION creative_defi UPDATE must give what CREATE EXTENSION
-- gives (test/suites/upgrade.sh compares the two from the catalog).

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION creative_defi UPDATE TO '0.2.0'" to load this file. \quit

-- Fewer statements' worth of work per trade (docs/benchmarks.md, ledger):
-- the single-column CHECKs of the tables every trade writes become
-- domains, and the postings lose their foreign key (60_ledger_schema.sql).
-- Changing a column's type rewrites its table (ledger_chain, ledger_head,
-- ledger_assets: one row per transaction, one, one per asset); the
-- functions and triggers that read the columns (or the row type of
-- ledger_assets, in a SQL-standard body) are detached first and brought
-- back after.
--@create src/sql/60_ledger_schema.sql domain ledger_natural_amount
--@create src/sql/60_ledger_schema.sql domain ledger_position
--@create src/sql/60_ledger_schema.sql domain ledger_hash
--@create src/sql/60_ledger_schema.sql domain ledger_single_row_key
--@create src/sql/63_ledger_market.sql domain ledger_royalty_bps
--@detach src/sql/61_ledger_journal.sql ledger_sealed_head
--@detach src/sql/64_ledger_market_verify.sql ledger_verify_supply
--@detach src/sql/64_ledger_market_verify.sql ledger_verify_reserves
--@detach src/sql/75_approvals.sql approvals_asset_fields
--@detach src/sql/75_approvals.sql approvals_required
DROP TRIGGER ledger_assets_paused ON ledger_assets;
DROP TRIGGER ledger_assets_governed ON ledger_assets;
ALTER TABLE ledger_postings DROP CONSTRAINT ledger_postings_txn_id_fkey;
ALTER TABLE ledger_chain
    DROP CONSTRAINT ledger_chain_seq_positive,
    DROP CONSTRAINT ledger_chain_hash_length,
    ALTER COLUMN seq TYPE ledger_position,
    ALTER COLUMN hash TYPE ledger_hash;
ALTER TABLE ledger_head
    DROP CONSTRAINT ledger_head_one,
    ALTER COLUMN one TYPE ledger_single_row_key;
ALTER TABLE ledger_assets
    DROP CONSTRAINT ledger_assets_royalty_bps,
    DROP CONSTRAINT ledger_assets_supply,
    DROP CONSTRAINT ledger_assets_reserve,
    ALTER COLUMN royalty_bps TYPE ledger_royalty_bps,
    ALTER COLUMN supply TYPE ledger_natural_amount,
    ALTER COLUMN reserve TYPE ledger_natural_amount;
--@create src/sql/75_approvals.sql trigger ledger_assets_paused
--@create src/sql/75_approvals.sql trigger ledger_assets_governed
--@replace src/sql/61_ledger_journal.sql ledger_sealed_head
--@replace src/sql/64_ledger_market_verify.sql ledger_verify_supply
--@replace src/sql/64_ledger_market_verify.sql ledger_verify_reserves
--@replace src/sql/75_approvals.sql approvals_asset_fields
--@replace src/sql/75_approvals.sql approvals_required
--@replace src/sql/68_ledger_verify.sql ledger_verify_hash_chain

-- Lineage (docs/lineage.md): the core's registry of revenue routes, which
-- distribute consults, and the lineage area that registers its route.
--@create src/sql/60_ledger_schema.sql table ledger_revenue_routes
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_revenue_routes', '');
REVOKE ALL ON TABLE ledger_revenue_routes FROM PUBLIC;
GRANT SELECT ON TABLE ledger_revenue_routes
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
--@replace src/sql/63_ledger_market.sql distribute
-- the core's payee routes (attribution, below), which the lineage's
-- lineage_verify_payments reads
--@create src/sql/60_ledger_schema.sql table ledger_payee_routes
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_payee_routes', '');
REVOKE ALL ON TABLE ledger_payee_routes FROM PUBLIC;
GRANT SELECT ON TABLE ledger_payee_routes
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
--@include src/sql/80_lineage.sql

-- Provable solvency (issue 18): liabilities snapshots and claim roots
--@include src/sql/82_solvency.sql
--@include src/sql/83_claims.sql

-- Wallet identity (issue 19): Sign-In with Ethereum, DIDs, wallet sessions
--@include src/sql/84_siwe.sql
--@include src/sql/85_did.sql
--@include src/sql/86_wallet_sessions.sql

-- Ledger event feed (issue 20): every seal notifies its channel
--@replace src/sql/61_ledger_journal.sql ledger_events_channel
--@replace src/sql/61_ledger_journal.sql ledger_seal_waiting
--@replace src/sql/61_ledger_journal.sql ledger_post
--@include src/sql/87_events.sql

-- Wallet access (issue 19): the role creative_defi_wallet_app and its views
--@include src/sql/88_wallet_access.sql

-- Signed proposals: the checks every M-of-N signed act shares (signer
-- sets, proposal state, signer membership, one signature a signer), used
-- by the approvals below and by the checkpoints, link changes and
-- contributor tables after
--@include src/sql/74_signed_proposals.sql
--@replace src/sql/75_approvals.sql set_approvers
--@replace src/sql/75_approvals.sql approve_change

-- Provable solvency (issue 18): signed checkpoints of liabilities snapshots
--@include src/sql/89_solvency_checkpoints.sql

-- Lineage, second slice (issue 17): the royalties of buy and sell are
-- revenue of the asset, routed as distribute routes it
--@replace src/sql/63_ledger_market.sql ledger_routed_postings
REVOKE ALL ON FUNCTION ledger_routed_postings(regprocedure, asset, numeric, eth_address, asset) FROM PUBLIC;
--@replace src/sql/63_ledger_market.sql buy
--@replace src/sql/63_ledger_market.sql sell
--@replace src/sql/63_ledger_market.sql distribute

-- Provenance (issue 17): register_derivative, link changes of governed
-- works through their approvers, signed provenance records of generated works
--@include src/sql/81_provenance.sql

-- A royalty split may pay a system account whose kind receives split
-- payments (issue 21: the dividend account of an asset), posted with its
-- kind and its payer recorded (before the dividends part, which registers
-- such a kind)
ALTER TABLE ledger_account_kinds ADD COLUMN receives_splits boolean NOT NULL DEFAULT false;
COMMENT ON TABLE ledger_account_kinds IS
    'registry: the kinds of account a holding belongs to (user, world, issuance, and those the areas add), and whether a royalty split may pay a system account of the kind';
--@replace src/sql/62_ledger_transfers.sql ledger_record_payer
--@replace src/sql/62_ledger_transfers.sql ledger_take_payer
--@replace src/sql/62_ledger_transfers.sql ledger_split_recipients_forget
REVOKE ALL ON FUNCTION ledger_record_payer(eth_address, eth_address), ledger_take_payer(eth_address),
    ledger_split_recipients_forget() FROM PUBLIC;
--@replace src/sql/62_ledger_transfers.sql ledger_split_postings
--@replace src/sql/62_ledger_transfers.sql ledger_check_user_accounts
--@replace src/sql/63_ledger_market.sql ledger_register_system_account

-- Dividends (issue 21): holders and LPs paid through an O(1) accumulator
--@include src/sql/90_dividends.sql

-- Provable ledger (issue 18): ledger_verify() checks the claim trees and
-- the checkpoint signatures
--@include src/sql/91_solvency_verify.sql

-- Attribution at data-set scale (issue 17): a journal transaction may
-- have more than 32,767 postings (ledger_postings.n becomes integer; the
-- hash chain encodes the postings' order, never n, so every hash stays);
-- the views that read n are made anew around the change, with their
-- privileges.  Then the dispatch of the core's payee routes (created
-- with the lineage above, which asks them how a work's part is paid), and
-- the attribution area.
DROP VIEW wallet_postings;
DROP VIEW ledger_account_journal;
DROP VIEW ledger_asset_journal;
ALTER TABLE ledger_postings ALTER COLUMN n TYPE integer;
--@create src/sql/62_ledger_transfers.sql view ledger_account_journal
--@create src/sql/62_ledger_transfers.sql view ledger_asset_journal
--@create src/sql/88_wallet_access.sql view wallet_postings
REVOKE ALL ON TABLE ledger_account_journal, ledger_asset_journal, wallet_postings FROM PUBLIC;
GRANT SELECT ON TABLE ledger_account_journal, ledger_asset_journal
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
GRANT SELECT ON TABLE wallet_postings
    TO creative_defi_wallet_app, creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
--@replace src/sql/63_ledger_market.sql ledger_part_postings
REVOKE ALL ON FUNCTION ledger_part_postings(regprocedure, asset, royalty_split, numeric, eth_address, asset, bigint) FROM PUBLIC;
--@include src/sql/92_attribution.sql
