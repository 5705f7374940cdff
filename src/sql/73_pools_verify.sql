-- pools (2/2): the pool invariants that ledger_verify() reports, and the
-- pools' privileges
--
-- Four checks, each one statement registered in the core's registry
-- (60_ledger_schema.sql) at positions 70 to 73, after the core's
-- hash_chain.  Each recomputes from the immutable postings; the pool rows
-- and their history are only what is compared.  Within one pool,
-- transaction ids increase in commit order: ledger_post draws the id
-- while the pool row is locked.

-- each pool's reserves and LP supply equal the sums of its postings and
-- the pool account's holdings; the locked 1000 LP units stay put
CREATE FUNCTION pools_verify_reserves() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(*) AS n,
              min(format('pool %s has reserves %s and %s and supply %s; postings give %s, %s and %s; holdings %s and %s; %s LP units locked',
                         p.id, p.reserve_a, p.reserve_b, p.total_supply, s.a, s.b, s.lp,
                         coalesce(ha.amount, 0), coalesce(hb.amount, 0), s.locked)) AS e
         FROM @extschema@.ledger_pools p
         CROSS JOIN LATERAL (
             SELECT coalesce(sum(q.amount) FILTER (WHERE q.account OPERATOR(@extschema@.=) p.account
                                                     AND q.asset OPERATOR(@extschema@.=) p.asset_a), 0) AS a,
                    coalesce(sum(q.amount) FILTER (WHERE q.account OPERATOR(@extschema@.=) p.account
                                                     AND q.asset OPERATOR(@extschema@.=) p.asset_b), 0) AS b,
                    coalesce(sum(-q.amount) FILTER (WHERE q.account OPERATOR(@extschema@.=) @extschema@.ledger_issuance_account()
                                                      AND q.asset OPERATOR(@extschema@.=) p.lp_asset), 0) AS lp,
                    coalesce(sum(q.amount) FILTER (WHERE q.account OPERATOR(@extschema@.=) p.account
                                                     AND q.asset OPERATOR(@extschema@.=) p.lp_asset), 0) AS locked
               FROM @extschema@.ledger_postings q
              WHERE (q.account OPERATOR(@extschema@.=) p.account
                     OR q.account OPERATOR(@extschema@.=) @extschema@.ledger_issuance_account())
                AND (q.asset OPERATOR(@extschema@.=) p.asset_a OR q.asset OPERATOR(@extschema@.=) p.asset_b
                     OR q.asset OPERATOR(@extschema@.=) p.lp_asset)) s
         LEFT JOIN @extschema@.ledger_holdings ha
           ON ha.account OPERATOR(@extschema@.=) p.account AND ha.asset OPERATOR(@extschema@.=) p.asset_a
         LEFT JOIN @extschema@.ledger_holdings hb
           ON hb.account OPERATOR(@extschema@.=) p.account AND hb.asset OPERATOR(@extschema@.=) p.asset_b
        WHERE p.reserve_a <> s.a OR p.reserve_b <> s.b OR p.total_supply <> s.lp
           OR p.reserve_a <> coalesce(ha.amount, 0) OR p.reserve_b <> coalesce(hb.amount, 0)
           OR s.locked <> CASE WHEN s.lp > 0 THEN 1000 ELSE 0 END
           OR (p.total_supply = 0) <> (p.reserve_a = 0 AND p.reserve_b = 0)
           OR (p.total_supply > 0 AND (p.reserve_a = 0 OR p.reserve_b = 0))) f,
      @extschema@.ledger_verify_row('pool_reserves', f.n, f.e,
          format('%s pools: reserves and LP supply equal their postings', (SELECT count(*) FROM @extschema@.ledger_pools)),
          'pools differ from their postings') r;
END;
COMMENT ON FUNCTION pools_verify_reserves() IS
    'check pool_reserves of ledger_verify(): each pool''s reserves and LP supply equal its postings and the pool account''s holdings, with 1000 LP units locked once it has liquidity';

-- the pool history: after every transaction that moved a pool's reserves
-- or LP supply there is a history row, and its figures are the running
-- sums of the postings up to that transaction
CREATE FUNCTION pools_verify_history() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    WITH deltas AS (
        SELECT p.id AS pool_id, q.txn_id,
               coalesce(sum(q.amount) FILTER (WHERE q.account OPERATOR(@extschema@.=) p.account
                                                AND q.asset OPERATOR(@extschema@.=) p.asset_a), 0) AS da,
               coalesce(sum(q.amount) FILTER (WHERE q.account OPERATOR(@extschema@.=) p.account
                                                AND q.asset OPERATOR(@extschema@.=) p.asset_b), 0) AS db,
               coalesce(sum(-q.amount) FILTER (WHERE q.account OPERATOR(@extschema@.=) @extschema@.ledger_issuance_account()
                                                 AND q.asset OPERATOR(@extschema@.=) p.lp_asset), 0) AS dl
          FROM @extschema@.ledger_pools p
          JOIN @extschema@.ledger_postings q
            ON (q.account OPERATOR(@extschema@.=) p.account
                AND (q.asset OPERATOR(@extschema@.=) p.asset_a OR q.asset OPERATOR(@extschema@.=) p.asset_b))
            OR (q.account OPERATOR(@extschema@.=) @extschema@.ledger_issuance_account()
                AND q.asset OPERATOR(@extschema@.=) p.lp_asset)
         GROUP BY p.id, q.txn_id
    ), steps AS (
        SELECT coalesce(d.pool_id, h.pool_id) AS pool_id, coalesce(d.txn_id, h.txn_id) AS txn_id,
               h.txn_id IS NOT NULL AS recorded, h.reserve_a, h.reserve_b, h.total_supply,
               sum(coalesce(d.da, 0)) OVER w AS a, sum(coalesce(d.db, 0)) OVER w AS b,
               sum(coalesce(d.dl, 0)) OVER w AS lp
          FROM deltas d
          FULL JOIN @extschema@.ledger_pool_history h ON h.pool_id = d.pool_id AND h.txn_id = d.txn_id
        WINDOW w AS (PARTITION BY coalesce(d.pool_id, h.pool_id) ORDER BY coalesce(d.txn_id, h.txn_id))
    )
    SELECT r.* FROM
      (SELECT count(*) AS n,
              min(CASE WHEN s.recorded
                       THEN format('pool %s after transaction %s: history says %s, %s and %s, postings give %s, %s and %s',
                                   s.pool_id, s.txn_id, s.reserve_a, s.reserve_b, s.total_supply, s.a, s.b, s.lp)
                       ELSE format('pool %s: transaction %s moved it but has no history row', s.pool_id, s.txn_id) END) AS e
         FROM steps s
        WHERE NOT s.recorded OR s.reserve_a <> s.a OR s.reserve_b <> s.b OR s.total_supply <> s.lp) f,
      @extschema@.ledger_verify_row('pool_history', f.n, f.e,
          format('%s pool transactions: recorded reserves equal the running sums of the postings',
                 (SELECT count(*) FROM @extschema@.ledger_pool_history)),
          'pool history rows differ from the postings') r;
END;
COMMENT ON FUNCTION pools_verify_history() IS
    'check pool_history of ledger_verify(): every transaction that moved a pool has a history row, whose reserves and LP supply are the running sums of the postings';

-- k = reserve_a * reserve_b never decreases across a swap: each swap's k
-- is at least the k after the pool's previous transaction (liquidity
-- events change k by design and start a new comparison)
CREATE FUNCTION pools_verify_k() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(*) FILTER (WHERE s.kind = 'pool_swap') AS swaps,
              count(*) FILTER (WHERE s.kind = 'pool_swap' AND s.k < s.k_before) AS n,
              min(format('pool %s: swap transaction %s leaves k = %s, below %s before it',
                         s.pool_id, s.txn_id, s.k, s.k_before)) FILTER (WHERE s.kind = 'pool_swap' AND s.k < s.k_before) AS e
         FROM (SELECT h.pool_id, h.txn_id, h.kind, h.reserve_a * h.reserve_b AS k,
                      lag(h.reserve_a * h.reserve_b) OVER (PARTITION BY h.pool_id ORDER BY h.txn_id) AS k_before
                 FROM @extschema@.ledger_pool_history h) s) f,
      @extschema@.ledger_verify_row('pool_k', f.n, f.e, format('%s swaps: k never decreased', f.swaps),
          'swaps decreased k') r;
END;
COMMENT ON FUNCTION pools_verify_k() IS
    'check pool_k of ledger_verify(): no swap leaves k = reserve_a * reserve_b below the k after the pool''s previous transaction';

-- holdings of kind 'pool' are exactly the pool accounts' holdings, in the
-- pool's two assets and its LP share
CREATE FUNCTION pools_verify_accounts() RETURNS TABLE("check" text, ok boolean, detail text)
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.* FROM
      (SELECT count(*) AS n, min(format('%s in %s has kind %s', h.account, h.asset, h.kind)) AS e
         FROM @extschema@.ledger_holdings h
         LEFT JOIN @extschema@.ledger_pools p ON p.account OPERATOR(@extschema@.=) h.account
        WHERE (h.kind = 'pool') IS DISTINCT FROM (p.id IS NOT NULL AND (h.asset OPERATOR(@extschema@.=) p.asset_a
                                                  OR h.asset OPERATOR(@extschema@.=) p.asset_b
                                                  OR h.asset OPERATOR(@extschema@.=) p.lp_asset))) f,
      @extschema@.ledger_verify_row('pool_accounts', f.n, f.e,
          'pool accounts hold only their pools'' assets and locked LP shares',
          'holdings in the wrong kind of account') r;
END;
COMMENT ON FUNCTION pools_verify_accounts() IS
    'check pool_accounts of ledger_verify(): holdings of kind pool are exactly the pool accounts'' holdings of their two assets and LP share';

INSERT INTO ledger_verify_checks_registry (position, function, area) VALUES
    (70, 'pools_verify_reserves()', 'pools'),
    (71, 'pools_verify_history()', 'pools'),
    (72, 'pools_verify_k()', 'pools'),
    (73, 'pools_verify_accounts()', 'pools');

REVOKE ALL ON TABLE ledger_pools, ledger_pool_history, pools FROM PUBLIC;
GRANT SELECT ON TABLE ledger_pools, ledger_pool_history, pools
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
REVOKE ALL ON SEQUENCE ledger_pool_id_seq FROM PUBLIC;

-- no function of the pools is PUBLIC's (one list, in the order of
-- definition, as 79_orders_approvals_privileges.sql revokes): pool_lock
-- and pool_record are called only by the SECURITY DEFINER pool functions,
-- the checks only by ledger_verify() (after sealing); the pool operations
-- are the operator's
REVOKE ALL ON FUNCTION
    pool_lock(bigint),
    pool_record(ledger_pools, text, bigint),
    pool_create(asset, asset, integer),
    pool_add_liquidity(bigint, eth_address, numeric, numeric, numeric, text),
    pool_remove_liquidity(bigint, eth_address, numeric, numeric, numeric, text),
    pool_swap(bigint, eth_address, asset, numeric, numeric, text),
    pools_verify_reserves(),
    pools_verify_history(),
    pools_verify_k(),
    pools_verify_accounts()
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
    pool_create(asset, asset, integer),
    pool_add_liquidity(bigint, eth_address, numeric, numeric, numeric, text),
    pool_remove_liquidity(bigint, eth_address, numeric, numeric, numeric, text),
    pool_swap(bigint, eth_address, asset, numeric, numeric, text)
TO creative_defi_operator;
