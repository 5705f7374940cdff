#!/usr/bin/env bash
# bench/app_backend.sh: why inside the database, measured (issue 20).  The
# same buy on a bonding curve (price on the curve, royalty split, postings,
# balances) from Node, in one run: through the TypeScript client as one
# call, and as a backend team writes it without the extension (a
# node-postgres transaction with SELECT ... FOR UPDATE, the price and split
# in JavaScript bigint, every update and insert a statement of its own, on
# the plain tables of bench/lib/plain_market.sql).  Both sides start from
# the same state (bench/lib/ledger_state.sql, copied into the plain tables)
# and must give the same cost, royalty and postings for the same trades
# before anything is timed; bench/app_backend/buy.mjs says how.  Prints TPS,
# p50/p99 latency and round trips a trade for each side, and the ratios.
# BENCH_SECONDS (default 8) sets each run's length, BENCH_ROUNDS (default 2)
# the rounds, BENCH_CLIENTS (default 8) the clients, BENCH_APP_ASSETS
# (default 200) and BENCH_APP_ACCOUNTS (default 1600) the state.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=cd_bench_app_backend
ASSETS=${BENCH_APP_ASSETS:-200}
ACCOUNTS=${BENCH_APP_ACCOUNTS:-1600}

# the client's dist/ is built, not committed (scripts/deps.sh installed its dependencies)
(cd clients/typescript && node_modules/.bin/tsc -p tsconfig.json)

dropdb --if-exists "$DB" >/dev/null 2>&1
createdb "$DB"
echo "setting up $ASSETS assets and $ACCOUNTS accounts, in the ledger and in plain tables ..."
psql -X -q -v ON_ERROR_STOP=1 -v assets="$ASSETS" -v accounts="$ACCOUNTS" -d "$DB" -f bench/lib/ledger_state.sql >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f bench/lib/plain_market.sql
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -c "VACUUM ANALYZE"
PGDATABASE=$DB BENCH_APP_ACCOUNTS=$ACCOUNTS node bench/app_backend/buy.mjs
dropdb "$DB"
