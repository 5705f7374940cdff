-- pools (1/2): constant-product liquidity pools on the ledger
--
-- A pool trades two assets against each other with the Uniswap V2 formulas
-- (amm_*, 45_amm.sql), so every amount equals what a V2 pair would pay for
-- the same reserves.  Its reserves are holdings of a pool system account
-- (holdings kind 'pool'), moved only by double-entry postings through
-- ledger_post; its liquidity shares are an ordinary ledger asset (the LP
-- asset), minted from and burnt to the issuance account, so they can be
-- held and transferred like any other.  docs/pools.md is the reference.
--
-- Addresses and ids, derived from the canonical pair (asset_a < asset_b):
--   pool account  keccak256('creative_defi.pool:' || asset_a || '/' || asset_b)[12:]
--   LP asset      cdefi:pool/lpshare:0x<the pool account in lower-case hex>
-- The pool account also holds the MINIMUM_LIQUIDITY (1000) LP units locked
-- on the first deposit (Uniswap V2 mints them to address(0)); nothing ever
-- posts them out.
--
-- Lock order (extends the ledger's, 61_ledger_journal.sql): ref advisory
-- lock, pool row (FOR UPDATE), holdings in (account, asset) order, chain
-- head.  Pool functions never lock a ledger_assets row, and nobody locks a
-- pool row after a holding, so pools and curves cannot deadlock.
--
-- Error codes (class CD, docs/errors.md; CD001-CD010 are the ledger's,
-- CD020-CD039 the orders' and approvals'):
--   CD040 pool already exists          CD043 empty pool, or swap output 0
--   CD041 unknown pool                 CD044 asset is a pool's LP share
--   CD042 asset not in the pool
-- Slippage is the ledger's CD003, a short balance its CD002.

-- The pools' rows in the core's registries (60_ledger_schema.sql): pool
-- accounts, the pool transaction kinds, and the pool as the issuer of LP
-- shares.  An LP share never enters or leaves the ledger by a deposit or
-- withdrawal (total_supply = the sum of its holdings), and the LP asset of
-- a pair is derived from the pair's names, so the whole LP namespace is
-- the pools' before its pool exists too: a unit of it deposited earlier
-- would block pool_create for that pair for good (CD044 either way).
INSERT INTO ledger_account_kinds (kind, description) VALUES
    ('pool', 'a liquidity pool''s account: its reserves and the locked minimum liquidity');
INSERT INTO ledger_transaction_kinds (kind, description) VALUES
    ('pool_create', 'a pool opened for a pair of assets'),
    ('pool_add', 'liquidity added to a pool, LP shares minted'),
    ('pool_remove', 'liquidity removed from a pool, LP shares burnt'),
    ('pool_swap', 'one asset swapped for the other through a pool');
INSERT INTO ledger_issuers (issuer, sqlstate, message, detail,
                            reserved_prefix, reserved_message, reserved_detail, reserved_hint) VALUES
    ('pool', 'CD044', 'asset %s is the LP share of %s',
     'LP shares enter and leave the ledger only through pool_add_liquidity and pool_remove_liquidity, so they cannot be the subject of a %s.',
     'cdefi:pool/lpshare:', 'asset %s is reserved for the LP share of a pool',
     'Assets cdefi:pool/lpshare:* are issued only by their pool (pool_lp_asset), so they cannot be the subject of a %s.',
     'pool_create opens the pool of a pair; pool_add_liquidity mints its LP share.');

CREATE FUNCTION pool_account(asset_a asset, asset_b asset) RETURNS eth_address
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN substr(@extschema@.keccak256('creative_defi.pool:'::text
              || least(asset_a, asset_b)::text || '/' || greatest(asset_a, asset_b)::text), 13)::@extschema@.eth_address;
COMMENT ON FUNCTION pool_account(asset, asset) IS
    'the system account holding the reserves of the pool of two assets (either order): keccak256(''creative_defi.pool:'' || lower || ''/'' || higher)[12:]';

CREATE FUNCTION pool_lp_asset(asset_a asset, asset_b asset) RETURNS asset
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN ('cdefi:pool/lpshare:0x' || encode(substr(@extschema@.keccak256('creative_defi.pool:'::text
              || least(asset_a, asset_b)::text || '/' || greatest(asset_a, asset_b)::text), 13), 'hex'))::@extschema@.asset;
COMMENT ON FUNCTION pool_lp_asset(asset, asset) IS
    'the LP share asset of the pool of two assets (either order): cdefi:pool/lpshare:0x<pool account in lower-case hex>';

CREATE SEQUENCE ledger_pool_id_seq AS bigint;
COMMENT ON SEQUENCE ledger_pool_id_seq IS 'ids of liquidity pools';

-- One row per pool.  reserve_a, reserve_b and total_supply change only
-- under this row's lock, in the same transaction as the postings that move
-- them; ledger_verify() recomputes them from the postings.
CREATE TABLE ledger_pools (
    id bigint NOT NULL,
    asset_a asset NOT NULL,
    asset_b asset NOT NULL,
    fee_bps integer NOT NULL,
    account eth_address NOT NULL,
    lp_asset asset NOT NULL,
    reserve_a numeric NOT NULL DEFAULT 0,
    reserve_b numeric NOT NULL DEFAULT 0,
    total_supply numeric NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    txn_id bigint NOT NULL REFERENCES ledger_transactions (id),
    CONSTRAINT ledger_pools_pkey PRIMARY KEY (id),
    CONSTRAINT ledger_pools_pair_key UNIQUE (asset_a, asset_b),
    CONSTRAINT ledger_pools_account_key UNIQUE (account),
    CONSTRAINT ledger_pools_lp_asset_key UNIQUE (lp_asset),
    CONSTRAINT ledger_pools_canonical CHECK (asset_a < asset_b),
    CONSTRAINT ledger_pools_fee_bps CHECK (fee_bps BETWEEN 0 AND 1000),
    CONSTRAINT ledger_pools_amounts CHECK (reserve_a >= 0 AND reserve_b >= 0 AND total_supply >= 0
        AND min_scale(reserve_a) = 0 AND min_scale(reserve_b) = 0 AND min_scale(total_supply) = 0)  -- whole: see ledger_holdings
);
COMMENT ON TABLE ledger_pools IS
    'liquidity pools: the canonical pair, fee, pool account, LP asset, current reserves and LP supply';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_pools', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_pool_id_seq', '');

-- The pool history: the reserves and LP supply after every pool
-- transaction, append-only like the journal.  ledger_verify() checks each
-- row against the postings and that k = reserve_a * reserve_b never
-- decreases across a swap.
CREATE TABLE ledger_pool_history (
    pool_id bigint NOT NULL REFERENCES ledger_pools (id),
    txn_id bigint NOT NULL REFERENCES ledger_transactions (id),
    kind text NOT NULL,
    reserve_a numeric NOT NULL,
    reserve_b numeric NOT NULL,
    total_supply numeric NOT NULL,
    CONSTRAINT ledger_pool_history_pkey PRIMARY KEY (pool_id, txn_id),
    CONSTRAINT ledger_pool_history_kind CHECK (kind IN ('pool_add', 'pool_remove', 'pool_swap'))
);
COMMENT ON TABLE ledger_pool_history IS
    'the reserves and LP supply of a pool after each of its transactions (append-only), for the k and reserve checks of ledger_verify()';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.ledger_pool_history', '');
CREATE TRIGGER ledger_pool_history_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_pool_history
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- Lock a pool's row (CD041 when there is no such pool).
CREATE FUNCTION pool_lock(pool bigint) RETURNS ledger_pools
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p @extschema@.ledger_pools;
BEGIN
    SELECT * INTO p FROM @extschema@.ledger_pools lp WHERE lp.id = pool FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown pool %', pool
            USING ERRCODE = 'CD041',
                  DETAIL = 'No pool has this id.',
                  HINT = 'pool_create opens a pool and returns its id.';
    END IF;
    RETURN p;
END
$$;
COMMENT ON FUNCTION pool_lock(bigint) IS
    'internal: lock and return a pool''s row; CD041 when it is unknown';

-- Record the state after a pool transaction: the pool row and its history.
CREATE FUNCTION pool_record(p ledger_pools, p_kind text, p_txn_id bigint) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE @extschema@.ledger_pools lp
       SET reserve_a = p.reserve_a, reserve_b = p.reserve_b, total_supply = p.total_supply
     WHERE lp.id = p.id;
    INSERT INTO @extschema@.ledger_pool_history (pool_id, txn_id, kind, reserve_a, reserve_b, total_supply)
    VALUES (p.id, p_txn_id, p_kind, p.reserve_a, p.reserve_b, p.total_supply);
END
$$;
COMMENT ON FUNCTION pool_record(ledger_pools, text, bigint) IS
    'internal: store a pool''s reserves and LP supply after a transaction, in the pool row and its history';

CREATE FUNCTION pool_create(asset_a asset, asset_b asset, fee_bps integer DEFAULT 30,
    OUT pool_id bigint, OUT lp_asset asset, OUT account eth_address, OUT txn_id bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_a @extschema@.asset;
    v_b @extschema@.asset;
    v_ref text;
    v_request jsonb;
    t record;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['asset_a', 'asset_b', 'fee_bps'],
        ARRAY[asset_a IS NULL, asset_b IS NULL, fee_bps IS NULL]);
    IF asset_a OPERATOR(@extschema@.=) asset_b THEN
        RAISE EXCEPTION 'a pool needs two different assets'
            USING ERRCODE = '22023', DETAIL = format('Both are %s.', asset_a);
    END IF;
    IF fee_bps NOT BETWEEN 0 AND 1000 THEN
        RAISE EXCEPTION 'fee_bps must be between 0 and 1000'
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', fee_bps),
                  HINT = 'The fee is fee_bps / 10000 of each swap''s input; Uniswap V2 charges 30 (0.3%).';
    END IF;
    -- the canonical pair: asset_a is the lower in asset order (Uniswap's token0)
    IF asset_a OPERATOR(@extschema@.<) asset_b THEN
        v_a := asset_a; v_b := asset_b;
    ELSE
        v_a := asset_b; v_b := asset_a;
    END IF;
    lp_asset := @extschema@.pool_lp_asset(v_a, v_b);
    IF lp_asset OPERATOR(@extschema@.=) v_a OR lp_asset OPERATOR(@extschema@.=) v_b THEN
        RAISE EXCEPTION 'a pool cannot trade its own LP share'
            USING ERRCODE = '22023', DETAIL = format('%s is the LP share of this pair.', lp_asset);
    END IF;

    -- lock order: the ref (one per pair), then the LP asset's lock, which
    -- register_asset and deposits of it also take
    v_ref := 'pool:' || v_a::text || '/' || v_b::text;
    PERFORM @extschema@.ledger_lock_ref(v_ref);
    PERFORM @extschema@.ledger_lock_asset_key(lp_asset);
    SELECT lp.id, lp.txn_id, lp.fee_bps INTO t FROM @extschema@.ledger_pools lp
     WHERE lp.asset_a OPERATOR(@extschema@.=) v_a AND lp.asset_b OPERATOR(@extschema@.=) v_b;
    IF FOUND THEN
        RAISE EXCEPTION 'a pool of % and % already exists', v_a, v_b
            USING ERRCODE = 'CD040',
                  DETAIL = format('Pool %s (fee_bps %s) was created by journal transaction %s.',
                                  t.id, t.fee_bps, t.txn_id),
                  HINT = 'There is one pool per pair of assets, whatever its fee.';
    END IF;
    PERFORM @extschema@.ledger_refuse_used_ref(v_ref, 'pool_create');
    IF EXISTS (SELECT 1 FROM @extschema@.ledger_holdings h WHERE h.asset OPERATOR(@extschema@.=) lp_asset)
       OR EXISTS (SELECT 1 FROM @extschema@.ledger_assets la WHERE la.asset OPERATOR(@extschema@.=) lp_asset) THEN
        RAISE EXCEPTION 'asset % is already in the ledger', lp_asset
            USING ERRCODE = 'CD044',
                  DETAIL = 'The pool issues every unit of its LP share, so the LP asset must be new to the ledger.';
    END IF;

    account := @extschema@.pool_account(v_a, v_b);
    pool_id := nextval('@extschema@.ledger_pool_id_seq');
    PERFORM @extschema@.ledger_register_system_account(account, 'pool', 'the account of pool ' || pool_id);
    v_request := jsonb_build_object('asset_a', v_a::text, 'asset_b', v_b::text, 'fee_bps', fee_bps);
    txn_id := @extschema@.ledger_post('pool_create', v_ref, lp_asset, v_request,
        jsonb_build_object('pool_id', pool_id, 'lp_asset', lp_asset::text, 'account', account::text),
        '{}', '{}', '{}', '{}');
    INSERT INTO @extschema@.ledger_issued_assets (asset, issuer, description)
    VALUES (lp_asset, 'pool', 'pool ' || pool_id);
    INSERT INTO @extschema@.ledger_pools (id, asset_a, asset_b, fee_bps, account, lp_asset, txn_id)
    VALUES (pool_id, v_a, v_b, fee_bps, account, lp_asset, txn_id);
END
$$;
COMMENT ON FUNCTION pool_create(asset, asset, integer) IS
    'open the constant-product pool of two assets (either order; stored as the canonical pair) with a swap fee in basis points (0-1000); returns its id, LP asset and account; CD040 when the pair already has a pool';

CREATE FUNCTION pool_add_liquidity(pool bigint, provider eth_address, amount_a numeric, amount_b numeric,
    min_liquidity numeric, ref text,
    OUT txn_id bigint, OUT liquidity numeric, OUT used_a numeric, OUT used_b numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_request jsonb;
    v_result jsonb;
    p @extschema@.ledger_pools;
    v_optimal numeric;
    v_locked numeric := 0;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['pool', 'ref'], ARRAY[pool IS NULL, ref IS NULL]);
    PERFORM @extschema@.ledger_check_user_account('provider', provider);
    amount_a := @extschema@.ledger_check_amount('amount_a', amount_a);
    amount_b := @extschema@.ledger_check_amount('amount_b', amount_b);
    min_liquidity := @extschema@.ledger_check_limit('min_liquidity', min_liquidity);
    v_request := jsonb_build_object('pool', pool, 'provider', provider::text, 'amount_a', amount_a,
                                    'amount_b', amount_b, 'min_liquidity', min_liquidity);
    v_result := @extschema@.ledger_replay('pool_add', ref, v_request);
    IF v_result IS NOT NULL THEN
        SELECT x.* INTO txn_id, liquidity, used_a, used_b
          FROM jsonb_to_record(v_result) AS x(txn_id bigint, liquidity numeric, used_a numeric, used_b numeric);
        RETURN;
    END IF;
    p := @extschema@.pool_lock(pool);
    -- UniswapV2Router02._addLiquidity: the first deposit sets the price;
    -- later ones take the most of (amount_a, amount_b) at the pool's
    -- price, so only what is used is ever debited
    IF p.total_supply = 0 THEN
        used_a := amount_a;
        used_b := amount_b;
        v_locked := 1000;
    ELSE
        v_optimal := @extschema@.amm_quote(amount_a, p.reserve_a, p.reserve_b);
        IF v_optimal <= amount_b THEN
            used_a := amount_a;
            used_b := v_optimal;
        ELSE
            used_a := @extschema@.amm_quote(amount_b, p.reserve_b, p.reserve_a);
            used_b := amount_b;
        END IF;
    END IF;
    liquidity := @extschema@.amm_liquidity_minted(used_a, used_b, p.reserve_a, p.reserve_b, p.total_supply);
    IF liquidity < min_liquidity THEN
        RAISE EXCEPTION 'slippage exceeded: adding % and % to pool % mints % liquidity, % less than min_liquidity %',
                        used_a, used_b, p.id, liquidity, min_liquidity - liquidity, min_liquidity
            USING ERRCODE = 'CD003',
                  DETAIL = format('The reserves are %s of %s and %s of %s, the LP supply %s. Nothing was applied.',
                                  p.reserve_a, p.asset_a, p.reserve_b, p.asset_b, p.total_supply);
    END IF;
    p.reserve_a := p.reserve_a + used_a;
    p.reserve_b := p.reserve_b + used_b;
    p.total_supply := p.total_supply + liquidity + v_locked;
    txn_id := @extschema@.ledger_post('pool_add', ref, p.lp_asset, v_request,
        jsonb_build_object('liquidity', liquidity, 'used_a', used_a, 'used_b', used_b),
        ARRAY[provider, p.account, provider, p.account,
              @extschema@.ledger_issuance_account(), provider, p.account],
        ARRAY[p.asset_a, p.asset_a, p.asset_b, p.asset_b, p.lp_asset, p.lp_asset, p.lp_asset],
        ARRAY[-used_a, used_a, -used_b, used_b, -(liquidity + v_locked), liquidity, v_locked],
        ARRAY['user', 'pool', 'user', 'pool', 'issuance', 'user', 'pool']);
    PERFORM @extschema@.pool_record(p, 'pool_add', txn_id);
END
$$;
COMMENT ON FUNCTION pool_add_liquidity(bigint, eth_address, numeric, numeric, numeric, text) IS
    'deposit at most amount_a and amount_b into a pool at its price (Uniswap V2 Router addLiquidity: only the optimal pair is debited) and mint LP shares (Pair.mint); CD003 below min_liquidity; idempotent by ref';

CREATE FUNCTION pool_remove_liquidity(pool bigint, provider eth_address, liquidity numeric,
    min_a numeric, min_b numeric, ref text,
    OUT txn_id bigint, OUT amount_a numeric, OUT amount_b numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_request jsonb;
    v_result jsonb;
    p @extschema@.ledger_pools;
    v_have numeric;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['pool', 'ref'], ARRAY[pool IS NULL, ref IS NULL]);
    PERFORM @extschema@.ledger_check_user_account('provider', provider);
    liquidity := @extschema@.ledger_check_amount('liquidity', liquidity);
    min_a := @extschema@.ledger_check_limit('min_a', min_a);
    min_b := @extschema@.ledger_check_limit('min_b', min_b);
    v_request := jsonb_build_object('pool', pool, 'provider', provider::text, 'liquidity', liquidity,
                                    'min_a', min_a, 'min_b', min_b);
    v_result := @extschema@.ledger_replay('pool_remove', ref, v_request);
    IF v_result IS NOT NULL THEN
        SELECT x.* INTO txn_id, amount_a, amount_b
          FROM jsonb_to_record(v_result) AS x(txn_id bigint, amount_a numeric, amount_b numeric);
        RETURN;
    END IF;
    p := @extschema@.pool_lock(pool);
    -- say "insufficient balance" before Pair.burn's arithmetic refuses
    -- a liquidity above the supply (ledger_post checks again under the
    -- holding's lock)
    v_have := @extschema@.balance(provider, p.lp_asset);
    IF liquidity > v_have THEN
        RAISE EXCEPTION 'insufficient balance: account % holds % of %, needs %',
                        provider, v_have, p.lp_asset, liquidity
            USING ERRCODE = 'CD002',
                  DETAIL = format('The pool_remove is short by %s base units.', liquidity - v_have);
    END IF;
    SELECT b.amount_a, b.amount_b INTO amount_a, amount_b
      FROM @extschema@.amm_liquidity_burned(liquidity, p.reserve_a, p.reserve_b, p.total_supply) b;
    IF amount_a < min_a OR amount_b < min_b THEN
        RAISE EXCEPTION 'slippage exceeded: burning % liquidity of pool % returns % and %, %',
                        liquidity, p.id, amount_a, amount_b, concat_ws(' and ',
                            CASE WHEN amount_a < min_a THEN format('%s less than min_a %s', min_a - amount_a, min_a) END,
                            CASE WHEN amount_b < min_b THEN format('%s less than min_b %s', min_b - amount_b, min_b) END)
            USING ERRCODE = 'CD003',
                  DETAIL = format('The reserves are %s of %s and %s of %s, the LP supply %s. Nothing was applied.',
                                  p.reserve_a, p.asset_a, p.reserve_b, p.asset_b, p.total_supply);
    END IF;
    p.reserve_a := p.reserve_a - amount_a;
    p.reserve_b := p.reserve_b - amount_b;
    p.total_supply := p.total_supply - liquidity;
    txn_id := @extschema@.ledger_post('pool_remove', ref, p.lp_asset, v_request,
        jsonb_build_object('amount_a', amount_a, 'amount_b', amount_b),
        ARRAY[provider, @extschema@.ledger_issuance_account(), p.account, provider, p.account, provider],
        ARRAY[p.lp_asset, p.lp_asset, p.asset_a, p.asset_a, p.asset_b, p.asset_b],
        ARRAY[-liquidity, liquidity, -amount_a, amount_a, -amount_b, amount_b],
        ARRAY['user', 'issuance', 'pool', 'user', 'pool', 'user']);
    PERFORM @extschema@.pool_record(p, 'pool_remove', txn_id);
END
$$;
COMMENT ON FUNCTION pool_remove_liquidity(bigint, eth_address, numeric, numeric, numeric, text) IS
    'burn LP shares for the provider''s part of both reserves, fees included (Uniswap V2 Pair.burn); CD003 below min_a or min_b; idempotent by ref';

CREATE FUNCTION pool_swap(pool bigint, trader eth_address, asset_in asset, amount_in numeric,
    min_out numeric, ref text,
    OUT txn_id bigint, OUT asset_out asset, OUT amount_out numeric)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_request jsonb;
    v_result jsonb;
    p @extschema@.ledger_pools;
    v_a_in boolean;
    v_r_in numeric;
    v_r_out numeric;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['pool', 'asset_in', 'ref'],
        ARRAY[pool IS NULL, asset_in IS NULL, ref IS NULL]);
    PERFORM @extschema@.ledger_check_user_account('trader', trader);
    amount_in := @extschema@.ledger_check_amount('amount_in', amount_in);
    min_out := @extschema@.ledger_check_limit('min_out', min_out);
    v_request := jsonb_build_object('pool', pool, 'trader', trader::text, 'asset_in', asset_in::text,
                                    'amount_in', amount_in, 'min_out', min_out);
    v_result := @extschema@.ledger_replay('pool_swap', ref, v_request);
    IF v_result IS NOT NULL THEN
        SELECT x.* INTO txn_id, asset_out, amount_out
          FROM jsonb_to_record(v_result) AS x(txn_id bigint, asset_out @extschema@.asset, amount_out numeric);
        RETURN;
    END IF;
    p := @extschema@.pool_lock(pool);
    IF asset_in OPERATOR(@extschema@.=) p.asset_a THEN
        v_a_in := true;
        asset_out := p.asset_b; v_r_in := p.reserve_a; v_r_out := p.reserve_b;
    ELSIF asset_in OPERATOR(@extschema@.=) p.asset_b THEN
        v_a_in := false;
        asset_out := p.asset_a; v_r_in := p.reserve_b; v_r_out := p.reserve_a;
    ELSE
        RAISE EXCEPTION 'asset % is not traded by pool %', asset_in, p.id
            USING ERRCODE = 'CD042',
                  DETAIL = format('Pool %s trades %s against %s.', p.id, p.asset_a, p.asset_b);
    END IF;
    IF p.total_supply = 0 THEN
        RAISE EXCEPTION 'pool % has no liquidity', p.id
            USING ERRCODE = 'CD043',
                  DETAIL = 'Both reserves are 0: an empty pool has no price.',
                  HINT = 'pool_add_liquidity makes the first deposit, which sets the price.';
    END IF;
    amount_out := @extschema@.amm_amount_out(amount_in, v_r_in, v_r_out, p.fee_bps);
    IF amount_out = 0 THEN
        RAISE EXCEPTION 'swapping % of % in pool % pays out nothing', amount_in, asset_in, p.id
            USING ERRCODE = 'CD043',
                  DETAIL = format('With reserves %s in and %s out and a fee of %s bps the output rounds down to 0; UniswapV2Pair.swap reverts with INSUFFICIENT_OUTPUT_AMOUNT.',
                                  v_r_in, v_r_out, p.fee_bps),
                  HINT = 'Swap a larger amount.';
    END IF;
    IF amount_out < min_out THEN
        RAISE EXCEPTION 'slippage exceeded: swapping % of % in pool % returns % of %, % less than min_out %',
                        amount_in, asset_in, p.id, amount_out, asset_out, min_out - amount_out, min_out
            USING ERRCODE = 'CD003',
                  DETAIL = format('The reserves are %s in and %s out, the fee %s bps. Nothing was applied.',
                                  v_r_in, v_r_out, p.fee_bps);
    END IF;
    IF v_a_in THEN
        p.reserve_a := p.reserve_a + amount_in;
        p.reserve_b := p.reserve_b - amount_out;
    ELSE
        p.reserve_b := p.reserve_b + amount_in;
        p.reserve_a := p.reserve_a - amount_out;
    END IF;
    txn_id := @extschema@.ledger_post('pool_swap', ref, p.lp_asset, v_request,
        jsonb_build_object('asset_out', asset_out::text, 'amount_out', amount_out),
        ARRAY[trader, p.account, p.account, trader],
        ARRAY[asset_in, asset_in, asset_out, asset_out],
        ARRAY[-amount_in, amount_in, -amount_out, amount_out],
        ARRAY['user', 'pool', 'pool', 'user']);
    PERFORM @extschema@.pool_record(p, 'pool_swap', txn_id);
END
$$;
COMMENT ON FUNCTION pool_swap(bigint, eth_address, asset, numeric, numeric, text) IS
    'sell amount_in of one pool asset for the other at the Uniswap V2 price (getAmountOut with the pool''s fee, which stays in the reserves); CD003 below min_out; idempotent by ref';

CREATE VIEW pools AS
SELECT p.id, p.asset_a, p.asset_b, p.fee_bps, p.account, p.lp_asset, p.reserve_a, p.reserve_b,
       p.total_supply, p.reserve_a * p.reserve_b AS k, p.created_at
  FROM ledger_pools p;
COMMENT ON VIEW pools IS
    'every liquidity pool with its current reserves, LP supply and k = reserve_a * reserve_b';
