-- ledger (4/6): assets on bonding curves: register_asset, buy, sell, distribute

-- The market's rows in the core's registries (60_ledger_schema.sql): the
-- reserve accounts, its transaction kinds, and the bonding curve as an
-- issuer (its assets are never deposited or withdrawn: CD009).
INSERT INTO ledger_account_kinds (kind, description) VALUES
    ('reserve', 'the curve reserve of a registered asset, in its currency');
INSERT INTO ledger_transaction_kinds (kind, description) VALUES
    ('register', 'an asset put on a bonding curve'),
    ('buy', 'units bought on a curve: cost to the reserve, royalty through the split'),
    ('sell', 'units sold back to a curve: proceeds from the reserve, royalty through the split'),
    ('distribute', 'revenue paid through an asset''s royalty split');
INSERT INTO ledger_issuers (issuer, sqlstate, message, detail) VALUES
    ('curve', 'CD009', 'asset %s is issued by %s',
     'Units of a registered asset enter and leave the ledger only through buy and sell, so it cannot be the subject of a %s.');

-- Registered assets.  supply and reserve change only through buy and sell,
-- under this row's lock; curve, split and royalty_bps only through an
-- approved proposal, and the other fields never (75_approvals.sql refuses
-- anything else, CD012, and ledger_verify() replays them from the journal).
-- fillfactor 85 keeps room in each page for those updates to stay on it
-- (HOT), without new entries in the table's two unique indexes.
-- royalty_bps, supply and reserve are checked by domains, which the
-- executor does not re-read in every update (60_ledger_schema.sql).
CREATE DOMAIN ledger_royalty_bps AS integer
    CONSTRAINT ledger_royalty_bps_range CHECK (VALUE BETWEEN 0 AND 10000);
COMMENT ON DOMAIN ledger_royalty_bps IS
    'a royalty rate in basis points: 0 to 10000';
CREATE TABLE ledger_assets (
    asset asset NOT NULL,
    currency asset NOT NULL,
    curve bonding_curve NOT NULL,
    split royalty_split NOT NULL,
    creator eth_address NOT NULL,
    royalty_bps ledger_royalty_bps NOT NULL,
    supply ledger_natural_amount NOT NULL DEFAULT 0,
    reserve ledger_natural_amount NOT NULL DEFAULT 0,
    reserve_account eth_address NOT NULL,
    content_hash bytea,
    metadata jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    txn_id bigint NOT NULL REFERENCES ledger_transactions (id),
    CONSTRAINT ledger_assets_pkey PRIMARY KEY (asset),
    CONSTRAINT ledger_assets_reserve_account_key UNIQUE (reserve_account),
    CONSTRAINT ledger_assets_currency CHECK (currency <> asset)
) WITH (fillfactor = 85);
COMMENT ON TABLE ledger_assets IS
    'assets registered on a bonding curve: currency, curve, royalty split and rate, supply, reserve and provenance';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_assets', '');

-- Register a new system account (a curve's reserve, a pool's account).
-- Its address is derived from public names, so anyone could have paid it
-- before it became a system account, by a deposit, a transfer or a
-- royalty; user-kind balances or split payments at a system account would
-- break the accounts, reserve and pool invariants for good.  So the
-- account must hold nothing and, unless its kind receives split payments,
-- be paid by no registered split: CD008 otherwise.  Zero holdings left by earlier activity are removed, so that
-- the ledger creates them anew with the system kind.  The caller holds the
-- asset lock of what it registers.
CREATE FUNCTION ledger_register_system_account(account eth_address, kind text, description text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    h record;
    v_asset @extschema@.asset;
BEGIN
    SELECT x.asset, x.amount INTO h FROM @extschema@.ledger_holdings x
     WHERE x.account OPERATOR(@extschema@.=) ledger_register_system_account.account AND x.amount <> 0
     ORDER BY x.asset LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'account % is already in use as a user account', account
            USING ERRCODE = 'CD008',
                  DETAIL = format('%s would become %s, but it holds %s of %s.', account, description, h.amount, h.asset),
                  HINT = 'Move its holdings to another account first; a system account starts empty.';
    END IF;
    SELECT a.asset INTO v_asset FROM @extschema@.ledger_assets a
     WHERE @extschema@.split_has_recipient(a.split, ledger_register_system_account.account)
       AND NOT coalesce((SELECT k.receives_splits FROM @extschema@.ledger_account_kinds k
                          WHERE k.kind = ledger_register_system_account.kind), false)
     ORDER BY a.asset LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'account % is already in use as a user account', account
            USING ERRCODE = 'CD008',
                  DETAIL = format('%s would become %s, but the royalty split of %s pays it.', account, description, v_asset),
                  HINT = 'Change that split through an approved proposal first.';
    END IF;
    DELETE FROM @extschema@.ledger_holdings x WHERE x.account OPERATOR(@extschema@.=) ledger_register_system_account.account;
    INSERT INTO @extschema@.ledger_system_accounts (account, kind, description)
    VALUES (account, kind, description);
    IF (SELECT k.receives_splits FROM @extschema@.ledger_account_kinds k WHERE k.kind = ledger_register_system_account.kind) THEN
        PERFORM @extschema@.ledger_split_recipients_forget();
    END IF;
END
$$;
COMMENT ON FUNCTION ledger_register_system_account(eth_address, text, text) IS
    'internal: add an account to the registry of system accounts; CD008 when it already holds funds, or a registered split pays it and its kind receives no split payments';

CREATE FUNCTION register_asset(asset asset, currency asset, curve bonding_curve, split royalty_split,
    creator eth_address, royalty_bps integer DEFAULT 0, content_hash bytea DEFAULT NULL,
    metadata jsonb DEFAULT '{}', OUT txn_id bigint, OUT reserve_account eth_address)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_ref text;
    v_request jsonb;
    t record;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(
        ARRAY['asset', 'currency', 'curve', 'split', 'royalty_bps', 'metadata'],
        ARRAY[asset IS NULL, currency IS NULL, curve IS NULL, split IS NULL, royalty_bps IS NULL, metadata IS NULL]);
    IF creator IS NULL THEN
        RAISE EXCEPTION 'creator must not be null' USING ERRCODE = '22004';
    END IF;
    IF royalty_bps NOT BETWEEN 0 AND 10000 THEN
        RAISE EXCEPTION 'royalty_bps must be between 0 and 10000'
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', royalty_bps);
    END IF;
    IF currency OPERATOR(@extschema@.=) asset THEN
        RAISE EXCEPTION 'an asset cannot be its own currency'
            USING ERRCODE = '22023', DETAIL = format('Both are %s.', asset);
    END IF;
    IF jsonb_typeof(metadata) <> 'object' THEN
        RAISE EXCEPTION 'metadata must be a JSON object'
            USING ERRCODE = '22023', DETAIL = format('It is a JSON %s.', jsonb_typeof(metadata));
    END IF;

    -- lock order: the ref, then the asset (exclusive: no deposit of it may
    -- run concurrently)
    v_ref := 'register:' || asset::text;
    PERFORM @extschema@.ledger_lock_ref(v_ref);
    PERFORM @extschema@.ledger_lock_asset_key(asset);
    SELECT a.txn_id INTO t FROM @extschema@.ledger_assets a
     WHERE a.asset OPERATOR(@extschema@.=) register_asset.asset;
    IF FOUND THEN
        RAISE EXCEPTION 'asset % is already registered', asset
            USING ERRCODE = 'CD006',
                  DETAIL = format('It was registered by journal transaction %s.', t.txn_id);
    END IF;
    PERFORM @extschema@.ledger_refuse_used_ref(v_ref, 'register');
    IF EXISTS (SELECT 1 FROM @extschema@.ledger_holdings h WHERE h.asset OPERATOR(@extschema@.=) register_asset.asset) THEN
        RAISE EXCEPTION 'asset % already has balances in the ledger', asset
            USING ERRCODE = 'CD009',
                  DETAIL = 'A bonding curve issues every unit of its asset, so the asset must be new to the ledger.';
    END IF;
    -- an asset another issuer issues (an LP share of a pool that has no
    -- deposits yet has no balances either) or reserves
    PERFORM @extschema@.ledger_check_not_issued(register_asset.asset, 'registration on a bonding curve');

    reserve_account := @extschema@.ledger_reserve_account(asset);
    PERFORM @extschema@.ledger_register_system_account(reserve_account, 'reserve', 'the reserve account of ' || asset::text);
    -- after the registration, so that a creator or a split paying this
    -- asset's own reserve is refused too
    PERFORM @extschema@.ledger_check_user_account('creator', creator);
    PERFORM @extschema@.ledger_check_user_accounts('split recipient', @extschema@.split_recipients(split));
    v_request := jsonb_build_object('asset', asset::text, 'currency', currency::text, 'curve', curve::text,
        'split', split::text, 'creator', creator::text, 'royalty_bps', royalty_bps,
        'content_hash', content_hash, 'metadata', metadata);
    txn_id := @extschema@.ledger_post('register', v_ref, asset, v_request,
        jsonb_build_object('reserve_account', reserve_account::text), '{}', '{}', '{}', '{}');
    INSERT INTO @extschema@.ledger_issued_assets (asset, issuer, description)
    VALUES (asset, 'curve', 'its bonding curve');
    INSERT INTO @extschema@.ledger_assets (asset, currency, curve, split, creator, royalty_bps,
        reserve_account, content_hash, metadata, txn_id)
    VALUES (asset, currency, curve, split, creator, royalty_bps, reserve_account, content_hash, metadata, txn_id);
END
$$;
COMMENT ON FUNCTION register_asset(asset, asset, bonding_curve, royalty_split, eth_address, integer, bytea, jsonb) IS
    'put a new asset on a bonding curve, priced in a currency asset, with a royalty split and rate; CD006 when already registered';

-- The royalty on a price: ceil(price * royalty_bps / 10000), exact.
CREATE FUNCTION ledger_royalty(price numeric, royalty_bps integer) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN div(price * royalty_bps + 9999, 10000);
COMMENT ON FUNCTION ledger_royalty(numeric, integer) IS
    'the royalty the ledger charges on a trade: ceil(price * royalty_bps / 10000), in exact integer arithmetic';

-- Lock a registered asset's row (CD001 when it is not registered): mode
-- 'update' for a trade or an applied change, which change the row; 'share'
-- for what only reads the row and must not run while an approved change
-- applies (distribute, propose_change), so that it sees the row before or
-- after the change, never during it.
CREATE FUNCTION ledger_lock_asset(asset asset, mode text DEFAULT 'update') RETURNS ledger_assets
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    a @extschema@.ledger_assets;
BEGIN
    IF mode = 'share' THEN
        SELECT * INTO a FROM @extschema@.ledger_assets la WHERE la.asset OPERATOR(@extschema@.=) ledger_lock_asset.asset FOR SHARE;
    ELSE
        SELECT * INTO a FROM @extschema@.ledger_assets la WHERE la.asset OPERATOR(@extschema@.=) ledger_lock_asset.asset FOR UPDATE;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown asset %', asset
            USING ERRCODE = 'CD001',
                  DETAIL = 'The asset is not registered in the ledger.',
                  HINT = 'register_asset puts an asset on a bonding curve.';
    END IF;
    RETURN a;
END
$$;
COMMENT ON FUNCTION ledger_lock_asset(asset, text) IS
    'internal: lock a registered asset''s row (mode update or share) and return it; CD001 when it is unknown';

-- The credits of revenue an area routes (ledger_revenue_routes): its
-- route function returns them, the route's own and the splits'.  buy,
-- sell and distribute call it only for an asset that has a route, so that
-- the others keep their one call of ledger_split_postings.
CREATE FUNCTION ledger_routed_postings(route regprocedure, asset asset, amount numeric, payer eth_address,
    currency asset, OUT accounts eth_address[], OUT assets asset[], OUT amounts numeric[], OUT kinds text[])
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE format('SELECT * FROM %s($1, $2, $3, $4)', route::oid::regproc)
       INTO accounts, assets, amounts, kinds USING asset, amount, payer, currency;
END
$$;
COMMENT ON FUNCTION ledger_routed_postings(regprocedure, asset, numeric, eth_address, asset) IS
    'internal: the credits of a payment of revenue (a distribute, a trade''s royalty) into an asset whose revenue an area routes: what its route function returns';

-- The credits of an asset's own part of a payment (what is left for it
-- once its lineage is paid): through its payee route if an area registered
-- one (ledger_payee_routes: a data set's contributors), else through split.
-- route is the asset's row there, or NULL; before as the route takes it.
-- The caller looks the route up with the asset, so that an asset without
-- one costs no query of its own.
CREATE FUNCTION ledger_part_postings(route regprocedure, asset asset, split royalty_split, amount numeric,
    distributor eth_address, currency asset, before bigint,
    OUT accounts eth_address[], OUT assets asset[], OUT amounts numeric[], OUT kinds text[])
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF route IS NULL THEN
        SELECT * INTO accounts, assets, amounts, kinds
          FROM @extschema@.ledger_split_postings(split, amount, distributor, currency);
    ELSE
        EXECUTE format('SELECT * FROM %s($1, $2, $3, $4, $5)', route::oid::regproc)
           INTO accounts, assets, amounts, kinds USING asset, amount, distributor, currency, before;
    END IF;
END
$$;
COMMENT ON FUNCTION ledger_part_postings(regprocedure, asset, royalty_split, numeric, eth_address, asset, bigint) IS
    'internal: the credits of an asset''s own part of a payment: what its payee route (ledger_payee_routes) returns, or its split''s postings when it has none';

CREATE FUNCTION buy(asset asset, buyer eth_address, amount numeric, max_cost numeric, ref text,
    OUT txn_id bigint, OUT bought numeric, OUT cost numeric, OUT royalty numeric, OUT paid numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_request jsonb;
    v_result jsonb;
    a @extschema@.ledger_assets;
    r record;
    v_route regprocedure;
BEGIN
    buyer := CASE WHEN @extschema@.ledger_check_not_null(ARRAY['asset', 'ref'], ARRAY[asset IS NULL, ref IS NULL])
                  THEN @extschema@.ledger_check_user_account('buyer', buyer) END;
    amount := @extschema@.ledger_check_amount('amount', amount);
    max_cost := @extschema@.ledger_check_limit('max_cost', max_cost);
    v_request := jsonb_build_object('asset', asset::text, 'buyer', buyer::text, 'amount', amount, 'max_cost', max_cost);
    v_result := @extschema@.ledger_replay('buy', ref, v_request);
    IF v_result IS NOT NULL THEN
        SELECT x.* INTO txn_id, bought, cost, royalty, paid
          FROM jsonb_to_record(v_result) AS x(txn_id bigint, bought numeric, cost numeric, royalty numeric, paid numeric);
        RETURN;
    END IF;
    a := @extschema@.ledger_lock_asset(asset);
    cost := trim_scale(@extschema@.curve_buy_cost(a.curve, a.supply, amount));
    royalty := @extschema@.ledger_royalty(cost, a.royalty_bps);
    paid := cost + royalty;
    IF paid > max_cost THEN
        RAISE EXCEPTION 'slippage exceeded: buying % of % costs %, % more than max_cost %',
                        amount, asset, paid, paid - max_cost, max_cost
            USING ERRCODE = 'CD003',
                  DETAIL = format('The curve price is %s and the royalty %s at supply %s. Nothing was applied.',
                                  cost, royalty, a.supply);
    END IF;
    bought := amount;
    -- the royalty is revenue of the asset: an area may route it
    -- (ledger_revenue_routes) as it routes a distribute
    SELECT rr.route INTO v_route FROM @extschema@.ledger_revenue_routes rr WHERE rr.asset OPERATOR(@extschema@.=) a.asset;
    r := CASE WHEN v_route IS NULL THEN @extschema@.ledger_split_postings(a.split, royalty, buyer, a.currency)
              ELSE @extschema@.ledger_routed_postings(v_route, a.asset, royalty, buyer, a.currency) END;
    UPDATE @extschema@.ledger_assets la SET supply = la.supply + amount, reserve = la.reserve + cost
     WHERE la.asset OPERATOR(@extschema@.=) a.asset;
    txn_id := @extschema@.ledger_post('buy', ref, asset, v_request,
        jsonb_build_object('bought', bought, 'cost', cost, 'royalty', royalty, 'paid', paid),
        ARRAY[buyer, a.reserve_account] || r.accounts || ARRAY[@extschema@.ledger_issuance_account(), buyer],
        ARRAY[a.currency, a.currency] || r.assets || ARRAY[asset, asset],
        ARRAY[-paid, cost] || r.amounts || ARRAY[-amount, amount],
        ARRAY['user', 'reserve'] || r.kinds || ARRAY['issuance', 'user']);
END
$$;
COMMENT ON FUNCTION buy(asset, eth_address, numeric, numeric, text) IS
    'buy units of a registered asset on its bonding curve: pay the curve cost (to the reserve) plus the royalty (through the split) in the currency; CD003 above max_cost; idempotent by ref';

CREATE FUNCTION sell(asset asset, seller eth_address, amount numeric, min_proceeds numeric, ref text,
    OUT txn_id bigint, OUT sold numeric, OUT proceeds numeric, OUT royalty numeric, OUT received numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_request jsonb;
    v_result jsonb;
    a @extschema@.ledger_assets;
    r record;
    v_route regprocedure;
BEGIN
    seller := CASE WHEN @extschema@.ledger_check_not_null(ARRAY['asset', 'ref'], ARRAY[asset IS NULL, ref IS NULL])
                  THEN @extschema@.ledger_check_user_account('seller', seller) END;
    amount := @extschema@.ledger_check_amount('amount', amount);
    min_proceeds := @extschema@.ledger_check_limit('min_proceeds', min_proceeds);
    v_request := jsonb_build_object('asset', asset::text, 'seller', seller::text, 'amount', amount, 'min_proceeds', min_proceeds);
    v_result := @extschema@.ledger_replay('sell', ref, v_request);
    IF v_result IS NOT NULL THEN
        SELECT x.* INTO txn_id, sold, proceeds, royalty, received
          FROM jsonb_to_record(v_result) AS x(txn_id bigint, sold numeric, proceeds numeric, royalty numeric, received numeric);
        RETURN;
    END IF;
    a := @extschema@.ledger_lock_asset(asset);
    IF amount > a.supply THEN
        -- no one can hold more than the supply; say so before the curve refuses
        RAISE EXCEPTION 'insufficient balance: account % holds % of %, needs %',
                        seller, @extschema@.balance(seller, asset), asset, amount
            USING ERRCODE = 'CD002',
                  DETAIL = format('The supply of the asset is only %s.', a.supply);
    END IF;
    proceeds := trim_scale(@extschema@.curve_sell_proceeds(a.curve, a.supply, amount));
    royalty := @extschema@.ledger_royalty(proceeds, a.royalty_bps);
    received := proceeds - royalty;
    IF received < min_proceeds THEN
        RAISE EXCEPTION 'slippage exceeded: selling % of % returns %, % less than min_proceeds %',
                        amount, asset, received, min_proceeds - received, min_proceeds
            USING ERRCODE = 'CD003',
                  DETAIL = format('The curve pays %s less a royalty of %s at supply %s. Nothing was applied.',
                                  proceeds, royalty, a.supply);
    END IF;
    sold := amount;
    -- the royalty is revenue of the asset, routed as in buy
    SELECT rr.route INTO v_route FROM @extschema@.ledger_revenue_routes rr WHERE rr.asset OPERATOR(@extschema@.=) a.asset;
    r := CASE WHEN v_route IS NULL THEN @extschema@.ledger_split_postings(a.split, royalty, seller, a.currency)
              ELSE @extschema@.ledger_routed_postings(v_route, a.asset, royalty, seller, a.currency) END;
    UPDATE @extschema@.ledger_assets la SET supply = la.supply - amount, reserve = la.reserve - proceeds
     WHERE la.asset OPERATOR(@extschema@.=) a.asset;
    txn_id := @extschema@.ledger_post('sell', ref, asset, v_request,
        jsonb_build_object('sold', sold, 'proceeds', proceeds, 'royalty', royalty, 'received', received),
        ARRAY[seller, @extschema@.ledger_issuance_account(), a.reserve_account, seller] || r.accounts,
        ARRAY[asset, asset, a.currency, a.currency] || r.assets,
        ARRAY[-amount, amount, -proceeds, received] || r.amounts,
        ARRAY['user', 'issuance', 'reserve', 'user'] || r.kinds);
END
$$;
COMMENT ON FUNCTION sell(asset, eth_address, numeric, numeric, text) IS
    'sell units of a registered asset back to its bonding curve: the reserve pays the curve proceeds, less the royalty (through the split); CD003 below min_proceeds; idempotent by ref';

CREATE FUNCTION distribute(asset asset, payer eth_address, amount numeric, ref text,
    OUT txn_id bigint, OUT distributed numeric, OUT recipients integer)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_request jsonb;
    v_result jsonb;
    a @extschema@.ledger_assets;
    r record;
    v_route regprocedure;
BEGIN
    payer := CASE WHEN @extschema@.ledger_check_not_null(ARRAY['asset', 'ref'], ARRAY[asset IS NULL, ref IS NULL])
                  THEN @extschema@.ledger_check_user_account('payer', payer) END;
    amount := @extschema@.ledger_check_amount('amount', amount);
    v_request := jsonb_build_object('asset', asset::text, 'payer', payer::text, 'amount', amount);
    v_result := @extschema@.ledger_replay('distribute', ref, v_request);
    IF v_result IS NOT NULL THEN
        SELECT x.* INTO txn_id, distributed, recipients
          FROM jsonb_to_record(v_result) AS x(txn_id bigint, distributed numeric, recipients integer);
        RETURN;
    END IF;
    -- a shared lock of the asset row: an approved change of the split
    -- (which locks it for update) applies before or after this payment,
    -- never during it; trades of the asset wait as they wait for each other
    a := @extschema@.ledger_lock_asset(asset, 'share');
    -- an area may route the asset's revenue (ledger_revenue_routes): the
    -- route returns every credit, its own and the split's
    SELECT rr.route INTO v_route FROM @extschema@.ledger_revenue_routes rr WHERE rr.asset OPERATOR(@extschema@.=) a.asset;
    r := CASE WHEN v_route IS NULL THEN @extschema@.ledger_split_postings(a.split, amount, payer, a.currency)
              ELSE @extschema@.ledger_routed_postings(v_route, a.asset, amount, payer, a.currency) END;
    distributed := amount;
    recipients := (SELECT count(*) FROM unnest(r.amounts) AS s(x) WHERE s.x > 0);
    txn_id := @extschema@.ledger_post('distribute', ref, asset, v_request,
        jsonb_build_object('distributed', distributed, 'recipients', recipients),
        ARRAY[payer] || r.accounts, ARRAY[a.currency] || r.assets, ARRAY[-amount] || r.amounts, ARRAY['user'] || r.kinds);
END
$$;
COMMENT ON FUNCTION distribute(asset, eth_address, numeric, text) IS
    'pay revenue of an asset (a license fee, a streaming payout) from the payer through the asset''s royalty split, in its currency, after the area that routes its revenue (ledger_revenue_routes: its lineage); idempotent by ref';
