-- market (2/2): the market's checks in ledger_verify(), and its privileges
--
-- The checks are registered in the core's registry (60_ledger_schema.sql)
-- at the positions between the core's accounts and hash_chain checks.

-- each asset's supply equals what its holders hold (every kind but world
-- and issuance) and minus what the issuance account holds
CREATE FUNCTION ledger_verify_supply() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(*) AS n, min(format('%s has supply %s, holders hold %s, issuance %s', a.asset, a.supply,
                                        coalesce(u.held, 0), coalesce(i.amount, 0))) AS e
         FROM @extschema@.ledger_assets a
         LEFT JOIN (SELECT h.asset, sum(h.amount) AS held FROM @extschema@.ledger_holdings h
                     WHERE h.kind NOT IN ('world', 'issuance') GROUP BY h.asset) u
           ON u.asset OPERATOR(@extschema@.=) a.asset
         LEFT JOIN @extschema@.ledger_holdings i
           ON i.account OPERATOR(@extschema@.=) @extschema@.ledger_issuance_account()
          AND i.asset OPERATOR(@extschema@.=) a.asset
        WHERE a.supply <> coalesce(u.held, 0) OR a.supply <> -coalesce(i.amount, 0)) f,
      @extschema@.ledger_verify_row('supply', f.n, f.e,
          format('%s assets: supply equals the sum of holdings', (SELECT count(*) FROM @extschema@.ledger_assets)),
          'assets with a wrong supply') r;
END;
COMMENT ON FUNCTION ledger_verify_supply() IS
    'check supply of ledger_verify(): each registered asset''s supply equals the sum of its holdings and minus the issuance account''s';

-- each reserve holds exactly curve_reserve(curve, supply), solvent, in its
-- currency and nothing else
CREATE FUNCTION ledger_verify_reserves() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(*) AS n, min(format('%s has reserve %s, its reserve account holds %s, the curve needs %s%s',
                                        a.asset, a.reserve, coalesce(h.amount, 0),
                                        @extschema@.curve_reserve(a.curve, a.supply),
                                        CASE WHEN o.asset IS NOT NULL THEN format(', and it holds %s of %s', o.amount, o.asset) ELSE '' END)) AS e
         FROM @extschema@.ledger_assets a
         LEFT JOIN @extschema@.ledger_holdings h
           ON h.account OPERATOR(@extschema@.=) a.reserve_account AND h.asset OPERATOR(@extschema@.=) a.currency
         LEFT JOIN LATERAL (SELECT x.asset, x.amount FROM @extschema@.ledger_holdings x
                             WHERE x.account OPERATOR(@extschema@.=) a.reserve_account
                               AND x.asset OPERATOR(@extschema@.<>) a.currency AND x.amount <> 0
                             LIMIT 1) o ON true
        WHERE a.reserve <> coalesce(h.amount, 0)
           OR a.reserve <> @extschema@.curve_reserve(a.curve, a.supply)
           OR o.asset IS NOT NULL) f,
      @extschema@.ledger_verify_row('reserves', f.n, f.e,
          format('%s reserves equal curve_reserve(curve, supply)', (SELECT count(*) FROM @extschema@.ledger_assets)),
          'assets with a wrong reserve') r;
END;
COMMENT ON FUNCTION ledger_verify_reserves() IS
    'check reserves of ledger_verify(): each reserve account holds exactly curve_reserve(curve, supply) of its asset''s currency, and nothing else';

INSERT INTO ledger_verify_checks_registry (position, function, area) VALUES
    (40, 'ledger_verify_supply()', 'market'),
    (50, 'ledger_verify_reserves()', 'market');

-- The market's privileges (the roles: 59_ledger_roles.sql), as
-- 79_orders_approvals_privileges.sql grants: registered assets are read by
-- every role; no function of the market is PUBLIC's (one list, in the
-- order of definition); trading and registering is the operator's, and the
-- internal functions are called only by the SECURITY DEFINER functions.
REVOKE ALL ON TABLE ledger_assets FROM PUBLIC;
GRANT SELECT ON TABLE ledger_assets
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
REVOKE ALL ON FUNCTION
    ledger_register_system_account(eth_address, text, text),
    register_asset(asset, asset, bonding_curve, royalty_split, eth_address, integer, bytea, jsonb),
    ledger_royalty(numeric, integer),
    ledger_lock_asset(asset, text),
    buy(asset, eth_address, numeric, numeric, text),
    sell(asset, eth_address, numeric, numeric, text),
    distribute(asset, eth_address, numeric, text),
    ledger_verify_supply(),
    ledger_verify_reserves()
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    register_asset(asset, asset, bonding_curve, royalty_split, eth_address, integer, bytea, jsonb),
    buy(asset, eth_address, numeric, numeric, text),
    sell(asset, eth_address, numeric, numeric, text),
    distribute(asset, eth_address, numeric, text)
TO creative_defi_operator;
