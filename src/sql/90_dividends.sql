-- dividends (1/1): revenue to the holders of an asset (and, for a pool's
-- LP share, to its liquidity providers), O(1) per payment and exact;
-- docs/dividends.md is the normative description.
--
-- Error codes (class CD, docs/errors.md):
--   CD080 asset pays no dividends       CD083 dividends already enabled
--   CD081 nothing to claim              CD084 revenue already routed
--   CD082 asset cannot pay dividends    CD085 dividend account paid in
--                                             another currency
--
-- The accumulator (after the scalable reward distribution of Batog et
-- al., made exact).  A point is 10^-100 of a base unit (dividends_point).
-- Per asset: shares S, the units its user accounts hold (issuance,
-- reserve, world, pool and every other system account never count: their
-- holdings are not of kind user); acc, points per share; pending, base
-- units paid while nobody but their payer held the asset; overissue,
-- points handed out above the payments by rounding up.
--
-- The payer rule: the account that pays a payment into the holders (the
-- trader whose royalty goes there, the distributor of distribute, the
-- payer of pay_dividends) earns nothing of it; the others share it pro
-- rata.  A payment P by a payer holding h (0 for a payer that is no
-- holder, or unknown) with O = S - h > 0 settles the payer at acc, adds
--   d = ceil((P + pending) * 10^100 / O)
-- to acc and moves the payer's snap to the new acc (its h units earn
-- nothing of d); pending becomes 0 and overissue grows by d * O - (P +
-- pending) * 10^100 (< O).  With O = 0 the payment waits in pending for
-- the next.  h is the payer's holding as S counts it at the moment of the
-- payment: held, the holding of its row at its last settlement (the
-- postings of one ledger_post settle the payer before or after they
-- credit the dividend account, in address order); every holder has a row
-- (dividends_enable makes the rows of the holders it counts).
--
-- A holder's points are held * (acc - snap) plus the residual it kept;
-- they are settled (owed += points div 10^100, residual = points mod
-- 10^100, snap = acc) whenever its holding changes and when it claims.
-- The bound: of each payment, each other holder gets h_i * d points, at
-- least its exact share h_i * (P + pending) / O times 10^100 and less
-- than that plus h_i; the payer gets none.  So each holder's points are
-- at least its exact share times 10^100 and less than that plus one point
-- per unit per payment, and the overissue of a payment is below O <= S:
-- while the payments times the supply stay below 10^100 (ledger_verify
-- checks overissue < 10^100), what a holder is owed is the floor, or the
-- floor + 1, of its exact share, and the holders together are never owed
-- more than was paid.
--
-- Hooks.  The core does not name this area: a trigger on ledger_holdings
-- settles a holder when its holding of an asset with dividends changes
-- and accrues a payment when a dividend account is credited.  Its WHEN
-- clause is one C call, dividends_watched (a sorted copy of dividend_assets
-- in backend memory), so a trade of an asset without dividends pays one
-- binary search per holding.  Payments come through pay_dividends, for a
-- registered asset with a distribute share through distribute, buy and
-- sell (the revenue route dividends_revenue_postings), and through any
-- royalty split that names the dividend account (its kind receives split
-- payments: the core's ledger_split_postings posts it as a dividend
-- account).  Each records its payer (ledger_record_payer) just before the
-- ledger_post that credits the dividend account; the trigger takes it
-- (ledger_take_payer).
--
-- Lock order: a ledger transaction locks its holdings (ledger_post), then
-- the trigger locks the asset's dividend_assets row, then the holder's
-- dividend_holders row; claim_dividends takes its claim lock before any
-- of them.

INSERT INTO ledger_account_kinds (kind, description, receives_splits) VALUES
    ('dividend', 'the dividend account of an asset: what its holders were paid and have not claimed', true);
INSERT INTO ledger_transaction_kinds (kind, description) VALUES
    ('dividends_enable', 'dividends switched on for an asset: what is paid into it goes to its holders'),
    ('dividends_pay', 'a payment to the holders of an asset, into its dividend account'),
    ('dividends_claim', 'a holder''s dividends paid out of the asset''s dividend account');

CREATE FUNCTION dividend_account(asset asset) RETURNS eth_address
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN substr(@extschema@.keccak256('creative_defi.dividends:'::text || asset::text), 13)::@extschema@.eth_address;
COMMENT ON FUNCTION dividend_account(asset) IS
    'the system account holding what was paid to the holders of an asset and not yet claimed: keccak256(''creative_defi.dividends:'' || asset)[12:]';

CREATE FUNCTION dividends_point() RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN '1e100'::numeric;
COMMENT ON FUNCTION dividends_point() IS
    'the points in one base unit (10^100): the accumulator counts points per share';

-- One row per asset with dividends; the trigger keeps shares, a payment
-- acc, pending, overissue and paid, a claim claimed.
CREATE TABLE dividend_assets (
    asset asset NOT NULL,
    currency asset NOT NULL,
    account eth_address NOT NULL,
    distribute_bps integer NOT NULL,
    shares numeric NOT NULL,
    acc numeric NOT NULL DEFAULT 0,
    pending numeric NOT NULL DEFAULT 0,
    overissue numeric NOT NULL DEFAULT 0,
    paid numeric NOT NULL DEFAULT 0,
    claimed numeric NOT NULL DEFAULT 0,
    txn_id bigint NOT NULL REFERENCES ledger_transactions (id),
    CONSTRAINT dividend_assets_pkey PRIMARY KEY (asset),
    CONSTRAINT dividend_assets_account_key UNIQUE (account),
    CONSTRAINT dividend_assets_distribute_bps CHECK (distribute_bps BETWEEN 0 AND 10000),
    CONSTRAINT dividend_assets_not_negative CHECK (shares >= 0 AND acc >= 0 AND pending >= 0 AND overissue >= 0
                                                   AND paid >= 0 AND claimed >= 0)
);
COMMENT ON TABLE dividend_assets IS
    'the assets that pay dividends: currency, dividend account, share of distribute, and the accumulator (eligible shares, points per share, pending payment, overissue, paid, claimed)';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.dividend_assets', '');

-- One row per account that held the asset since dividends were enabled
-- (dividends_enable makes the rows of the holders then, the trigger the
-- others): snap is acc at its last settlement, residual its points below
-- one base unit, owed what it was settled and has not claimed, held its
-- holding at that settlement (what shares counts of it).  An account
-- without a row has not held the asset since.
CREATE TABLE dividend_holders (
    account eth_address NOT NULL,
    asset asset NOT NULL,
    snap numeric NOT NULL,
    residual numeric NOT NULL,
    owed numeric NOT NULL,
    claimed numeric NOT NULL DEFAULT 0,
    held numeric NOT NULL,
    CONSTRAINT dividend_holders_pkey PRIMARY KEY (account, asset)
);
COMMENT ON TABLE dividend_holders IS
    'the settled entitlement of each holder of an asset with dividends: accumulator at the last settlement, points kept below one base unit, owed, claimed, and the holding counted in the shares';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.dividend_holders', '');

CREATE FUNCTION dividends_watched(kind text, asset asset) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION dividends_watched(text, asset) IS
    'internal: whether a holding of this kind and asset concerns dividends: a dividend account''s, or a user''s of an asset with dividends (from the backend''s copy of the registry; the WHEN of the holdings trigger)';
CREATE FUNCTION dividends_forget() RETURNS void
    AS 'MODULE_PATHNAME' LANGUAGE C VOLATILE STRICT;
COMMENT ON FUNCTION dividends_forget() IS
    'internal: make every backend reload its copy of the registry of assets with dividends (after this transaction commits)';

-- The claim lock of a holder of an asset (0x43444c30, "CDL0"): claims of
-- one holder are serialized, so the owed amount a claim reads can only
-- grow before it is posted.
CREATE FUNCTION dividends_lock_claim(account eth_address, asset asset) RETURNS void
LANGUAGE sql
RETURN pg_catalog.pg_advisory_xact_lock(1128541232, pg_catalog.hashtext(account::text || ' ' || asset::text));
COMMENT ON FUNCTION dividends_lock_claim(eth_address, asset) IS
    'internal: take the claim lock of a holder of an asset';

-- The registry row of an asset with dividends; CD080 when it has none.
CREATE FUNCTION dividends_lookup(asset asset) RETURNS dividend_assets
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    d @extschema@.dividend_assets;
BEGIN
    SELECT * INTO d FROM @extschema@.dividend_assets x WHERE x.asset OPERATOR(@extschema@.=) dividends_lookup.asset;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'asset % pays no dividends', asset
            USING ERRCODE = 'CD080',
                  DETAIL = 'Dividends were never enabled for the asset.',
                  HINT = 'dividends_enable makes an asset pay its holders.';
    END IF;
    RETURN d;
END
$$;
COMMENT ON FUNCTION dividends_lookup(asset) IS
    'internal: the dividend registry row of an asset; CD080 when dividends are not enabled for it';

-- Settle a holder that held `held` units since its last settlement, at
-- accumulator acc (the caller holds the asset's dividend_assets row).
CREATE FUNCTION dividends_settle(p_account eth_address, p_asset asset, p_held numeric, p_acc numeric) RETURNS void
LANGUAGE sql
BEGIN ATOMIC
    INSERT INTO @extschema@.dividend_holders AS h (account, asset, snap, residual, owed, held)
    VALUES (p_account, p_asset, p_acc, mod(p_held * p_acc, @extschema@.dividends_point()),
            div(p_held * p_acc, @extschema@.dividends_point()), p_held)
    ON CONFLICT ON CONSTRAINT dividend_holders_pkey DO UPDATE
       SET owed = h.owed + div(h.residual + p_held * (p_acc - h.snap), @extschema@.dividends_point()),
           residual = mod(h.residual + p_held * (p_acc - h.snap), @extschema@.dividends_point()),
           snap = p_acc;
END;
COMMENT ON FUNCTION dividends_settle(eth_address, asset, numeric, numeric) IS
    'internal: settle a holder''s points earned by held units since its last settlement, at accumulator acc';

-- A payment of p_amount into a dividend account by p_payer (NULL when
-- no payer was recorded); the trigger calls it.  The payer rule of the
-- header: the payer's held units (as shares counts them now: its row's
-- held) are settled at acc and skip the step, which the other holders
-- share; with no other holder the payment waits in pending.
CREATE FUNCTION dividends_accrue(p_account eth_address, p_currency asset, p_amount numeric, p_payer eth_address)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    d @extschema@.dividend_assets;
    v_held numeric := 0;
    v_others numeric;
    v_total numeric;
    v_step numeric;
BEGIN
    SELECT * INTO d FROM @extschema@.dividend_assets x WHERE x.account OPERATOR(@extschema@.=) p_account FOR UPDATE;
    IF d.currency OPERATOR(@extschema@.<>) p_currency THEN
        -- a royalty split of an asset in another currency names the account
        RAISE EXCEPTION 'the dividend account of % is paid only in %, not in %', d.asset, d.currency, p_currency
            USING ERRCODE = 'CD085',
                  DETAIL = format('%s is the dividend account of %s; its holders are paid in %s.', p_account, d.asset, d.currency),
                  HINT = 'Only a royalty split of an asset priced in the same currency may name a dividend account.';
    END IF;
    IF p_payer IS NOT NULL THEN
        SELECT h.held INTO v_held FROM @extschema@.dividend_holders h
         WHERE h.account OPERATOR(@extschema@.=) p_payer AND h.asset OPERATOR(@extschema@.=) d.asset;
        v_held := coalesce(v_held, 0);
    END IF;
    v_others := d.shares - v_held;
    v_total := p_amount + d.pending;
    IF v_others = 0 THEN
        UPDATE @extschema@.dividend_assets x SET paid = x.paid + p_amount, pending = v_total
         WHERE x.asset OPERATOR(@extschema@.=) d.asset;
        RETURN;
    END IF;
    v_step := div(v_total * @extschema@.dividends_point() + v_others - 1, v_others);
    IF v_held > 0 THEN
        PERFORM @extschema@.dividends_settle(p_payer, d.asset, v_held, d.acc);
        UPDATE @extschema@.dividend_holders h SET snap = d.acc + v_step
         WHERE h.account OPERATOR(@extschema@.=) p_payer AND h.asset OPERATOR(@extschema@.=) d.asset;
    END IF;
    UPDATE @extschema@.dividend_assets x
       SET paid = x.paid + p_amount, pending = 0, acc = x.acc + v_step,
           overissue = x.overissue + v_step * v_others - v_total * @extschema@.dividends_point()
     WHERE x.asset OPERATOR(@extschema@.=) d.asset;
END
$$;
COMMENT ON FUNCTION dividends_accrue(eth_address, asset, numeric, eth_address) IS
    'internal: a payment into a dividend account by a payer: add ceil((payment + pending) * 10^100 / (shares - the payer''s)) to the accumulator, past the payer''s holding, or keep the payment pending while nobody else holds the asset; CD085 in another currency';

CREATE FUNCTION dividends_holding_changed() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.kind = 'dividend' THEN
        -- a debit is a claim, which settles the holder itself
        IF NEW.amount > OLD.amount THEN
            PERFORM @extschema@.dividends_accrue(NEW.account, NEW.asset, NEW.amount - OLD.amount,
                                                 @extschema@.ledger_take_payer(NEW.account));
        END IF;
        RETURN NULL;
    END IF;
    -- one statement (every trade of such an asset runs it): count the
    -- shares and settle the holder at the accumulator, as dividends_settle,
    -- with its new holding as held
    WITH d AS (
        UPDATE @extschema@.dividend_assets d SET shares = d.shares + (NEW.amount - OLD.amount)
         WHERE d.asset OPERATOR(@extschema@.=) NEW.asset
        RETURNING d.acc
    )
    INSERT INTO @extschema@.dividend_holders AS h (account, asset, snap, residual, owed, held)
    SELECT NEW.account, NEW.asset, d.acc, mod(OLD.amount * d.acc, @extschema@.dividends_point()),
           div(OLD.amount * d.acc, @extschema@.dividends_point()), NEW.amount
      FROM d
    ON CONFLICT ON CONSTRAINT dividend_holders_pkey DO UPDATE
       SET owed = h.owed + div(h.residual + OLD.amount * (excluded.snap - h.snap), @extschema@.dividends_point()),
           residual = mod(h.residual + OLD.amount * (excluded.snap - h.snap), @extschema@.dividends_point()),
           snap = excluded.snap,
           held = excluded.held;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION dividends_holding_changed() IS
    'internal: trigger function: settle a holder whose holding of an asset with dividends changed and count its shares, or accrue a payment into a dividend account by its recorded payer';

CREATE TRIGGER dividends_holding_changed
    AFTER UPDATE ON ledger_holdings
    FOR EACH ROW
    WHEN (@extschema@.dividends_watched(NEW.kind, NEW.asset))
    EXECUTE FUNCTION dividends_holding_changed();

-- What a holder is owed now, and the points it keeps below a base unit:
-- its settled entitlement plus what its current holding earned since.
CREATE FUNCTION dividends_entitlement(p_account eth_address, p_asset asset, OUT owed numeric, OUT residual numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT coalesce(h.owed, 0) + div(coalesce(h.residual, 0) + x.held * (d.acc - coalesce(h.snap, 0)),
                                     @extschema@.dividends_point()),
           mod(coalesce(h.residual, 0) + x.held * (d.acc - coalesce(h.snap, 0)), @extschema@.dividends_point())
      FROM @extschema@.dividend_assets d
      CROSS JOIN LATERAL (SELECT coalesce((SELECT l.amount FROM @extschema@.ledger_holdings l
                                            WHERE l.account OPERATOR(@extschema@.=) p_account
                                              AND l.asset OPERATOR(@extschema@.=) p_asset AND l.kind = 'user'), 0) AS held) x
      LEFT JOIN @extschema@.dividend_holders h
        ON h.account OPERATOR(@extschema@.=) p_account AND h.asset OPERATOR(@extschema@.=) p_asset
     WHERE d.asset OPERATOR(@extschema@.=) p_asset;
END;
COMMENT ON FUNCTION dividends_entitlement(eth_address, asset) IS
    'internal: what a holder of an asset with dividends is owed now and the points it keeps below one base unit';

-- The revenue route of an asset with a distribute share: that share of
-- the payment (rounded down) to its dividend account, the rest through
-- its royalty split; the distributor (the trader of a buy or sell) is
-- recorded as the payer of the holders' credit.
CREATE FUNCTION dividends_revenue_postings(asset asset, amount numeric, distributor eth_address, currency asset,
    OUT accounts eth_address[], OUT assets asset[], OUT amounts numeric[], OUT kinds text[])
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    d @extschema@.dividend_assets;
    v_holders numeric;
    s record;
BEGIN
    d := @extschema@.dividends_lookup(asset);
    v_holders := div(amount * d.distribute_bps, 10000);
    IF v_holders > 0 THEN
        PERFORM @extschema@.ledger_record_payer(d.account, distributor);
    END IF;
    s := @extschema@.ledger_split_postings((SELECT a.split FROM @extschema@.ledger_assets a
                                             WHERE a.asset OPERATOR(@extschema@.=) dividends_revenue_postings.asset),
                                           amount - v_holders, distributor, currency);
    accounts := ARRAY[d.account] || s.accounts;
    assets := ARRAY[currency] || s.assets;
    amounts := ARRAY[v_holders] || s.amounts;
    kinds := ARRAY['dividend'] || s.kinds;
END
$$;
COMMENT ON FUNCTION dividends_revenue_postings(asset, numeric, eth_address, asset) IS
    'internal: the revenue route of an asset with dividends: distribute_bps of a payment (rounded down) to its holders, but its payer, the rest through its royalty split';

CREATE FUNCTION dividends_enable(asset asset, distribute_bps integer DEFAULT 10000, currency asset DEFAULT NULL,
    OUT txn_id bigint, OUT account eth_address)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_ref text;
    v_currency @extschema@.asset;
    v_pool bigint;
    v_shares numeric;
    v_request jsonb;
    t record;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['asset', 'distribute_bps'],
                                              ARRAY[asset IS NULL, distribute_bps IS NULL]);
    IF distribute_bps NOT BETWEEN 0 AND 10000 THEN
        RAISE EXCEPTION 'distribute_bps must be between 0 and 10000'
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', distribute_bps);
    END IF;
    v_ref := @extschema@.ledger_lock_ref('dividends:' || asset::text);
    -- no deposit, buy, sell or pool operation of the asset runs meanwhile,
    -- so the shares counted below stay true until the trigger counts them
    PERFORM @extschema@.ledger_lock_asset_key(asset);
    SELECT a.currency INTO v_currency FROM @extschema@.ledger_assets a
     WHERE a.asset OPERATOR(@extschema@.=) dividends_enable.asset FOR UPDATE;
    IF NOT FOUND THEN
        SELECT p.id INTO v_pool FROM @extschema@.ledger_pools p
         WHERE p.lp_asset OPERATOR(@extschema@.=) dividends_enable.asset;
        IF v_pool IS NULL THEN
            RAISE EXCEPTION 'asset % cannot pay dividends', asset
                USING ERRCODE = 'CD082',
                      DETAIL = 'Only an asset registered on a bonding curve or the LP share of a pool pays dividends.';
        END IF;
        PERFORM @extschema@.pool_lock(v_pool);
        IF currency IS NULL THEN
            RAISE EXCEPTION 'currency must not be null' USING ERRCODE = '22004',
                DETAIL = 'The LP share of a pool has no currency of its own: name the asset its dividends are paid in.';
        END IF;
        IF distribute_bps <> 0 THEN
            RAISE EXCEPTION 'distribute_bps must be 0 for the LP share of a pool'
                USING ERRCODE = '22023',
                      DETAIL = 'distribute pays only registered assets; LP holders are paid with pay_dividends.';
        END IF;
        v_currency := currency;
    ELSIF currency IS NOT NULL AND currency OPERATOR(@extschema@.<>) v_currency THEN
        RAISE EXCEPTION 'asset % is priced in %, not %', asset, v_currency, currency
            USING ERRCODE = '22023',
                  DETAIL = 'The dividends of a registered asset are paid in its currency.';
    END IF;
    SELECT d.txn_id INTO t FROM @extschema@.dividend_assets d WHERE d.asset OPERATOR(@extschema@.=) dividends_enable.asset;
    IF FOUND THEN
        RAISE EXCEPTION 'asset % already pays dividends', asset
            USING ERRCODE = 'CD083',
                  DETAIL = format('Dividends were enabled by journal transaction %s.', t.txn_id);
    END IF;
    IF distribute_bps > 0 AND EXISTS (SELECT FROM @extschema@.ledger_revenue_routes r
                                       WHERE r.asset OPERATOR(@extschema@.=) dividends_enable.asset) THEN
        RAISE EXCEPTION 'the revenue of % is already routed', asset
            USING ERRCODE = 'CD084',
                  DETAIL = 'Another area (a lineage) routes what distribute pays into the asset.',
                  HINT = 'Enable dividends with distribute_bps 0 and pay the holders with pay_dividends.';
    END IF;
    PERFORM @extschema@.ledger_refuse_used_ref(v_ref, 'dividends_enable');
    account := @extschema@.dividend_account(asset);
    PERFORM @extschema@.ledger_register_system_account(account, 'dividend', 'the dividend account of ' || asset::text);
    SELECT coalesce(sum(h.amount), 0) INTO v_shares FROM @extschema@.ledger_holdings h
     WHERE h.asset OPERATOR(@extschema@.=) dividends_enable.asset AND h.kind = 'user';
    v_request := jsonb_build_object('asset', asset::text, 'currency', v_currency::text, 'distribute_bps', distribute_bps);
    txn_id := @extschema@.ledger_post('dividends_enable', v_ref, asset, v_request,
        jsonb_build_object('account', account::text, 'shares', v_shares),
        '{}'::@extschema@.eth_address[], '{}'::@extschema@.asset[], '{}'::numeric[], '{}'::text[]);
    INSERT INTO @extschema@.dividend_assets (asset, currency, account, distribute_bps, shares, txn_id)
    VALUES (asset, v_currency, account, distribute_bps, v_shares, txn_id);
    -- a row per holder counted: held is what the payer rule reads
    INSERT INTO @extschema@.dividend_holders (account, asset, snap, residual, owed, held)
    SELECT h.account, h.asset, 0, 0, 0, h.amount FROM @extschema@.ledger_holdings h
     WHERE h.asset OPERATOR(@extschema@.=) dividends_enable.asset AND h.kind = 'user' AND h.amount > 0;
    IF distribute_bps > 0 THEN
        INSERT INTO @extschema@.ledger_revenue_routes (asset, route)
        VALUES (asset, '@extschema@.dividends_revenue_postings(@extschema@.asset, numeric, @extschema@.eth_address, @extschema@.asset)'::regprocedure);
    END IF;
    PERFORM @extschema@.dividends_forget();
END
$$;
COMMENT ON FUNCTION dividends_enable(asset, integer, asset) IS
    'make an asset (registered, or a pool''s LP share with a currency) pay its holders: distribute_bps of what distribute pays into it, and all of pay_dividends; CD082 for another asset, CD083 when already enabled, CD084 when its revenue is routed';

CREATE FUNCTION pay_dividends(asset asset, payer eth_address, amount numeric, ref text,
    OUT txn_id bigint, OUT paid numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_request jsonb;
    v_result jsonb;
    d @extschema@.dividend_assets;
BEGIN
    payer := CASE WHEN @extschema@.ledger_check_not_null(ARRAY['asset', 'ref'], ARRAY[asset IS NULL, ref IS NULL])
                  THEN @extschema@.ledger_check_user_account('payer', payer) END;
    amount := @extschema@.ledger_check_amount('amount', amount);
    v_request := jsonb_build_object('asset', asset::text, 'payer', payer::text, 'amount', amount);
    v_result := @extschema@.ledger_replay('dividends_pay', ref, v_request);
    IF v_result IS NOT NULL THEN
        SELECT x.* INTO txn_id, paid FROM jsonb_to_record(v_result) AS x(txn_id bigint, paid numeric);
        RETURN;
    END IF;
    d := @extschema@.dividends_lookup(asset);
    paid := amount;
    PERFORM @extschema@.ledger_record_payer(d.account, payer);
    txn_id := @extschema@.ledger_post('dividends_pay', ref, asset, v_request, jsonb_build_object('paid', paid),
        ARRAY[payer, d.account], ARRAY[d.currency, d.currency], ARRAY[-amount, amount], ARRAY['user', 'dividend']);
END
$$;
COMMENT ON FUNCTION pay_dividends(asset, eth_address, numeric, text) IS
    'pay an amount of an asset''s dividend currency to its other holders than the payer, pro rata to their holdings now (O(1): an accumulator); CD080 when the asset pays no dividends; idempotent by ref';

CREATE FUNCTION dividends_owed(account eth_address, asset asset) RETURNS numeric
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['account', 'asset'], ARRAY[account IS NULL, asset IS NULL]);
    PERFORM @extschema@.dividends_lookup(asset);
    RETURN (SELECT e.owed FROM @extschema@.dividends_entitlement(account, asset) e);
END
$$;
COMMENT ON FUNCTION dividends_owed(eth_address, asset) IS
    'what an account may claim of the dividends of an asset now, in its dividend currency; CD080 when the asset pays no dividends';

CREATE FUNCTION claim_dividends(account eth_address, asset asset, ref text, OUT txn_id bigint, OUT claimed numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_request jsonb;
    v_result jsonb;
    d @extschema@.dividend_assets;
    v_acc numeric;
BEGIN
    account := CASE WHEN @extschema@.ledger_check_not_null(ARRAY['asset', 'ref'], ARRAY[asset IS NULL, ref IS NULL])
                    THEN @extschema@.ledger_check_user_account('account', account) END;
    v_request := jsonb_build_object('account', account::text, 'asset', asset::text);
    v_result := @extschema@.ledger_replay('dividends_claim', ref, v_request);
    IF v_result IS NOT NULL THEN
        SELECT x.* INTO txn_id, claimed FROM jsonb_to_record(v_result) AS x(txn_id bigint, claimed numeric);
        RETURN;
    END IF;
    d := @extschema@.dividends_lookup(asset);
    PERFORM @extschema@.dividends_lock_claim(account, asset);
    -- a fresh snapshot after the lock: only a payment can raise it now
    claimed := (SELECT e.owed FROM @extschema@.dividends_entitlement(account, asset) e);
    IF claimed = 0 THEN
        RAISE EXCEPTION 'account % has no dividends of % to claim', account, asset
            USING ERRCODE = 'CD081',
                  DETAIL = 'Nothing was paid to the holders of the asset while the account held it, or it claimed everything.';
    END IF;
    txn_id := @extschema@.ledger_post('dividends_claim', ref, asset, v_request, jsonb_build_object('claimed', claimed),
        ARRAY[d.account, account], ARRAY[d.currency, d.currency], ARRAY[-claimed, claimed], ARRAY['dividend', 'user']);
    -- after the holdings (lock order); settle at the current accumulator,
    -- then take the claim out of what is owed
    UPDATE @extschema@.dividend_assets x SET claimed = x.claimed + claim_dividends.claimed
     WHERE x.asset OPERATOR(@extschema@.=) claim_dividends.asset
    RETURNING x.acc INTO v_acc;
    PERFORM @extschema@.dividends_settle(account, asset,
        coalesce((SELECT l.amount FROM @extschema@.ledger_holdings l
                   WHERE l.account OPERATOR(@extschema@.=) claim_dividends.account
                     AND l.asset OPERATOR(@extschema@.=) claim_dividends.asset AND l.kind = 'user'), 0), v_acc);
    UPDATE @extschema@.dividend_holders h
       SET owed = h.owed - claim_dividends.claimed, claimed = h.claimed + claim_dividends.claimed
     WHERE h.account OPERATOR(@extschema@.=) claim_dividends.account
       AND h.asset OPERATOR(@extschema@.=) claim_dividends.asset;
END
$$;
COMMENT ON FUNCTION claim_dividends(eth_address, asset, text) IS
    'pay an account everything it is owed of the dividends of an asset, from the asset''s dividend account; CD080 when the asset pays no dividends, CD081 when nothing is owed; idempotent by ref';

-- The accounts that hold an asset with dividends or were settled for it.
CREATE FUNCTION dividends_holders_of(asset asset) RETURNS TABLE(account eth_address)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT l.account FROM @extschema@.ledger_holdings l
     WHERE l.asset OPERATOR(@extschema@.=) dividends_holders_of.asset AND l.kind = 'user'
    UNION
    SELECT h.account FROM @extschema@.dividend_holders h
     WHERE h.asset OPERATOR(@extschema@.=) dividends_holders_of.asset;
END;
COMMENT ON FUNCTION dividends_holders_of(asset) IS
    'internal: the user accounts that hold an asset or were settled for its dividends';

-- The state of an asset's dividends, summed over its holders (O(holders)):
-- carried is what was paid and is neither owed nor claimed (the pending
-- payment and the holders' points below one base unit, less the
-- overissue).
CREATE FUNCTION dividends_status(asset asset, OUT currency asset, OUT account eth_address, OUT shares numeric,
    OUT paid numeric, OUT owed numeric, OUT claimed numeric, OUT carried numeric, OUT pending numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    d @extschema@.dividend_assets;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['asset'], ARRAY[asset IS NULL]);
    d := @extschema@.dividends_lookup(asset);
    currency := d.currency; account := d.account; shares := d.shares; paid := d.paid;
    claimed := d.claimed; pending := d.pending;
    owed := (SELECT coalesce(sum(e.owed), 0) FROM @extschema@.dividends_holders_of(asset) x,
                    @extschema@.dividends_entitlement(x.account, asset) e);
    carried := paid - owed - claimed;
END
$$;
COMMENT ON FUNCTION dividends_status(asset) IS
    'the dividends of an asset: currency, dividend account, eligible shares, paid, owed (summed over the holders), claimed, carried (paid - owed - claimed) and pending; CD080 when it pays no dividends';

-- ledger_verify()'s dividend checks, three rows of one statement
-- (position 88 of its registry): dividend_accounts, each dividend
-- account holds what was paid and not claimed; dividend_conservation, per
-- asset owed + claimed + pending plus the holders' points below a base
-- unit, less the overissue, is what was paid (in points, exactly), the
-- overissue stays below one base unit, shares are the user holdings and
-- each holder's row counts its holding (what the payer rule reads);
-- dividend_entitlements, no holder is owed less than nothing.
CREATE FUNCTION dividends_verify() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    WITH per_holder AS (
        SELECT d.asset, x.account, e.owed, e.residual, coalesce(h.claimed, 0) AS claimed,
               coalesce(h.held, 0) AS counted,
               coalesce((SELECT l.amount FROM @extschema@.ledger_holdings l
                          WHERE l.account OPERATOR(@extschema@.=) x.account
                            AND l.asset OPERATOR(@extschema@.=) d.asset AND l.kind = 'user'), 0) AS holding
          FROM @extschema@.dividend_assets d
         CROSS JOIN LATERAL @extschema@.dividends_holders_of(d.asset) x
         CROSS JOIN LATERAL @extschema@.dividends_entitlement(x.account, d.asset) e
          LEFT JOIN @extschema@.dividend_holders h
            ON h.account OPERATOR(@extschema@.=) x.account AND h.asset OPERATOR(@extschema@.=) d.asset
    ), per_asset AS (
        SELECT d.asset, d.paid, d.claimed, d.pending, d.overissue, d.shares,
               coalesce(sum(p.owed), 0) AS owed, coalesce(sum(p.residual), 0) AS residual,
               coalesce(sum(p.claimed), 0) AS holders_claimed,
               (SELECT coalesce(sum(l.amount), 0) FROM @extschema@.ledger_holdings l
                 WHERE l.asset OPERATOR(@extschema@.=) d.asset AND l.kind = 'user') AS held
          FROM @extschema@.dividend_assets d
          LEFT JOIN per_holder p ON p.asset OPERATOR(@extschema@.=) d.asset
         GROUP BY d.asset, d.paid, d.claimed, d.pending, d.overissue, d.shares
    ), account_failures AS (
        SELECT format('the dividend account of %s holds %s, paid %s less claimed %s is %s',
                      d.asset, coalesce(l.amount, 0), d.paid, d.claimed, d.paid - d.claimed) AS e
          FROM @extschema@.dividend_assets d
          LEFT JOIN @extschema@.ledger_holdings l
            ON l.account OPERATOR(@extschema@.=) d.account AND l.asset OPERATOR(@extschema@.=) d.currency
         WHERE coalesce(l.amount, 0) <> d.paid - d.claimed
    ), conservation_failures AS (
        SELECT format('%s: owed %s + claimed %s + pending %s and %s points of residue less %s of overissue is not paid %s',
                      a.asset, a.owed, a.claimed, a.pending, a.residual, a.overissue, a.paid) AS e
          FROM per_asset a
         WHERE (a.owed + a.claimed + a.pending) * @extschema@.dividends_point() + a.residual - a.overissue
               <> a.paid * @extschema@.dividends_point()
        UNION ALL
        SELECT format('%s: overissue %s points reaches a base unit', a.asset, a.overissue)
          FROM per_asset a WHERE a.overissue >= @extschema@.dividends_point()
        UNION ALL
        SELECT format('%s: %s eligible shares counted, its user accounts hold %s', a.asset, a.shares, a.held)
          FROM per_asset a WHERE a.shares <> a.held
        UNION ALL
        SELECT format('%s: claimed %s, its holders claimed %s', a.asset, a.claimed, a.holders_claimed)
          FROM per_asset a WHERE a.claimed <> a.holders_claimed
        UNION ALL
        SELECT format('%s holds %s of %s, its row counts %s', p.account, p.holding, p.asset, p.counted)
          FROM per_holder p WHERE p.counted <> p.holding
    ), entitlement_failures AS (
        SELECT format('%s is owed %s of %s with %s points of residue', p.account, p.owed, p.asset, p.residual) AS e
          FROM per_holder p
         WHERE p.owed < 0 OR p.residual < 0 OR p.residual >= @extschema@.dividends_point() OR p.claimed < 0
    )
    SELECT r.* FROM (SELECT count(*) AS n, min(f.e) AS e FROM account_failures f) x,
      @extschema@.ledger_verify_row('dividend_accounts', x.n, x.e,
          format('%s dividend accounts: each holds paid less claimed', (SELECT count(*) FROM @extschema@.dividend_assets)),
          'dividend accounts differ') r
    UNION ALL
    SELECT r.* FROM (SELECT count(*) AS n, min(f.e) AS e FROM conservation_failures f) x,
      @extschema@.ledger_verify_row('dividend_conservation', x.n, x.e,
          format('%s assets with dividends: owed + claimed + carried = paid, exactly', (SELECT count(*) FROM @extschema@.dividend_assets)),
          'assets break conservation') r
    UNION ALL
    SELECT r.* FROM (SELECT count(*) AS n, min(f.e) AS e FROM entitlement_failures f) x,
      @extschema@.ledger_verify_row('dividend_entitlements', x.n, x.e,
          format('%s holders: no negative entitlement', (SELECT count(*) FROM @extschema@.dividend_holders)),
          'negative entitlements') r;
END;
COMMENT ON FUNCTION dividends_verify() IS
    'checks dividend_accounts, dividend_conservation and dividend_entitlements of ledger_verify(): every dividend account holds paid less claimed; per asset owed + claimed + carried = paid exactly (in points), the overissue below one base unit, the shares the user holdings, each holder''s row its holding; no negative entitlement';

INSERT INTO ledger_verify_checks_registry (position, function, area) VALUES
    (90, 'dividends_verify()', 'dividends');

-- privileges: the tables are read by every ledger role; enabling, paying
-- and claiming are direct ledger operations (the operator's, as
-- distribute); reading what is owed is every role's
REVOKE ALL ON TABLE dividend_assets, dividend_holders FROM PUBLIC;
GRANT SELECT ON TABLE dividend_assets, dividend_holders
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
REVOKE ALL ON FUNCTION
    dividend_account(asset),
    dividends_point(),
    dividends_watched(text, asset),
    dividends_forget(),
    dividends_lock_claim(eth_address, asset),
    dividends_lookup(asset),
    dividends_settle(eth_address, asset, numeric, numeric),
    dividends_accrue(eth_address, asset, numeric, eth_address),
    dividends_holding_changed(),
    dividends_entitlement(eth_address, asset),
    dividends_revenue_postings(asset, numeric, eth_address, asset),
    dividends_enable(asset, integer, asset),
    pay_dividends(asset, eth_address, numeric, text),
    dividends_owed(eth_address, asset),
    claim_dividends(eth_address, asset, text),
    dividends_holders_of(asset),
    dividends_status(asset),
    dividends_verify()
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dividends_enable(asset, integer, asset), pay_dividends(asset, eth_address, numeric, text),
    claim_dividends(eth_address, asset, text)
    TO creative_defi_operator;
GRANT EXECUTE ON FUNCTION dividend_account(asset), dividends_owed(eth_address, asset), dividends_status(asset)
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
