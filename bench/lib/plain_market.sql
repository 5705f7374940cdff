-- bench/lib/plain_market.sql: the tables a backend team writes when it
-- keeps a bonding-curve market without the extension (bench/app_backend.sh),
-- in schema plain of the current database: the shape of the ledger's own
-- tables (ledger_assets, ledger_holdings, ledger_transactions,
-- ledger_postings) in plain types (text addresses and assets, the curve as
-- its two numbers, the split as two arrays), with the same keys, checks and
-- the postings' account index.  Run it after bench/lib/ledger_state.sql:
-- it copies the ledger's state, so both sides start from the same accounts,
-- balances, supplies and reserves.
CREATE SCHEMA plain;

CREATE TABLE plain.assets (
    asset text NOT NULL,
    currency text NOT NULL,
    curve_base numeric NOT NULL,           -- linear curve: unit i costs base + slope * i
    curve_slope numeric NOT NULL,
    split_recipients text[] NOT NULL,      -- in address order
    split_shares integer[] NOT NULL,       -- ppm, one per recipient
    split_distributor_fee integer NOT NULL,
    royalty_bps integer NOT NULL,
    supply numeric NOT NULL CHECK (supply >= 0),
    reserve numeric NOT NULL CHECK (reserve >= 0),
    reserve_account text NOT NULL UNIQUE,
    PRIMARY KEY (asset)
) WITH (fillfactor = 85);

CREATE TABLE plain.holdings (
    account text NOT NULL,
    asset text NOT NULL,
    amount numeric NOT NULL,
    kind text NOT NULL DEFAULT 'user',
    PRIMARY KEY (account, asset),
    CHECK (amount >= 0 OR kind IN ('issuance', 'world'))
) WITH (fillfactor = 85);

CREATE TABLE plain.transactions (
    id bigserial PRIMARY KEY,
    ref text NOT NULL UNIQUE,
    kind text NOT NULL,
    asset text NOT NULL,
    request jsonb NOT NULL,
    result jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON plain.transactions (asset, id);

CREATE TABLE plain.postings (
    txn_id bigint NOT NULL,
    n smallint NOT NULL CHECK (n > 0),
    account text NOT NULL,
    asset text NOT NULL,
    amount numeric NOT NULL CHECK (amount <> 0),
    PRIMARY KEY (txn_id, n)
);
CREATE INDEX ON plain.postings (account, txn_id);

-- the ledger's state, copied
INSERT INTO plain.assets
SELECT a.asset::text, a.currency::text,
       (a.curve::jsonb ->> 'base')::numeric, (a.curve::jsonb ->> 'slope')::numeric,
       (SELECT array_agg(r::text ORDER BY o) FROM unnest(creative_defi.split_recipients(a.split)) WITH ORDINALITY AS x(r, o)),
       (SELECT array_agg(creative_defi.split_share(a.split, r)::integer ORDER BY o)
          FROM unnest(creative_defi.split_recipients(a.split)) WITH ORDINALITY AS x(r, o)),
       creative_defi.split_distributor_fee(a.split)::integer,
       a.royalty_bps, a.supply, a.reserve, a.reserve_account::text
  FROM creative_defi.ledger_assets a
 WHERE (a.curve::jsonb ->> 'kind') = 'linear';
INSERT INTO plain.holdings SELECT h.account::text, h.asset::text, h.amount, h.kind FROM creative_defi.ledger_holdings h;
