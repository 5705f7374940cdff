-- bench/lib/ledger_state.sql: the ledger state the ledger benchmarks run on
-- (bench/ledger.sh under pgbench, bench/callgrind.sh under callgrind), in
-- the current database: the extension, the bench schema's helpers, :assets
-- songs on linear curves, each with a 3-way split, and :accounts funded
-- accounts each holding one unit of some song.  Run it with psql and the
-- two variables set, e.g. psql -v assets=1000 -v accounts=10000 -f ...
-- Accounts are bench.account(0 .. :accounts - 1); the split recipients of
-- asset i are bench.account(20000 + i), (30000 + i) and (40000 + i), so
-- :accounts stays at or below 20,000 and :assets below 10,000.
-- JIT off for this session: it makes thousands of ledger calls in single
-- statements, before ledger_head has statistics, and the planner's estimate
-- for ledger_seal_waiting's statement (an empty, never analyzed ledger_head
-- is taken for 480 rows, joined three times) then passes jit_above_cost, so
-- every call would JIT-compile it, about 0.5 s a call.  The benchmarks run
-- VACUUM ANALYZE before they measure.
SET jit = off;
CREATE EXTENSION creative_defi;
CREATE SCHEMA bench;
-- i::text, not a bare i: text || integer is anytextcat, which is STABLE, and
-- the planner does not inline an IMMUTABLE SQL function whose body is not;
-- each buy would then run this function through the SQL-function executor
-- (parse and plan its body) when pgbench's statement is planned, a cost of
-- the harness, not of the ledger (docs/benchmarks.md).
CREATE FUNCTION bench.asset(i int) RETURNS creative_defi.asset LANGUAGE sql IMMUTABLE
    RETURN ('eip155:8453/erc1155:0x' || lpad(to_hex(8192), 40, '0') || '/' || i::text)::creative_defi.asset;
CREATE FUNCTION bench.account(i int) RETURNS creative_defi.eth_address LANGUAGE sql IMMUTABLE
    RETURN ('0x' || lpad(to_hex(65536 + i), 40, '0'))::creative_defi.eth_address;
CREATE FUNCTION bench.usdc() RETURNS creative_defi.asset LANGUAGE sql IMMUTABLE
    RETURN 'eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913'::creative_defi.asset;

SELECT count(*) AS assets FROM generate_series(1, :assets) i,
    creative_defi.register_asset(bench.asset(i), bench.usdc(), creative_defi.linear_curve(1000 + i, 3),
        (bench.account(20000 + i)::text || '=500000ppm, ' || bench.account(30000 + i)::text || '=300000ppm, '
         || bench.account(40000 + i)::text || '=200000ppm')::creative_defi.royalty_split,
        bench.account(20000 + i), 500);
SELECT count(*) AS funded FROM generate_series(0, :accounts - 1) a,
    creative_defi.deposit(bench.account(a), bench.usdc(), 1000000000000000000, 'fund-' || a);
SELECT count(*) AS seeded FROM generate_series(0, :accounts - 1) a,
    creative_defi.buy(bench.asset(1 + a % :assets), bench.account(a), 1, 1000000000000000000, 'seed-' || a);

-- sell one unit of some song account acct holds, or buy one of song a when
-- it holds none.  Under pgbench, clients own disjoint account ranges
-- (client c of C: c*10000/C onwards), so a client's sells never race
-- another client's (a failed statement would abort the pgbench client).
-- Refs are unique per client and run.
CREATE FUNCTION bench.sell(a int, acct int, ref text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    held creative_defi.asset;
BEGIN
    SELECT h.asset INTO held FROM creative_defi.ledger_holdings h
     WHERE h.account OPERATOR(creative_defi.=) bench.account(acct)
       AND NOT h.asset OPERATOR(creative_defi.=) bench.usdc() AND h.amount > 0
     LIMIT 1;
    IF held IS NULL THEN
        RETURN (SELECT txn_id FROM creative_defi.buy(bench.asset(a), bench.account(acct), 1, 1000000000000000000, ref));
    END IF;
    RETURN (SELECT txn_id FROM creative_defi.sell(held, bench.account(acct), 1, 0, ref));
END $$;
