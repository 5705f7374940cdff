#!/usr/bin/env bash
# split_properties: seeded property suite for royalty_split distribution.
#
# Random splits of 1 to 500 recipients (random cut points, and near-equal
# shares to force ties), about a third with a distributor fee, and random
# amounts of random bit length up to 2^256 - 1 plus the edge amounts
# 0, 1, n - 1 and 2^256 - 1.  Checks, for split_distribute:
#   conservation   the rows add up to the amount, one row per recipient
#                  plus the fee row when the split has a fee
#   determinism    the same input twice (and via the text form) gives the
#                  same rows
#   one unit       each recipient gets floor(net * share / 1e6) or one more,
#                  exactly floor when that is exact; the fee is
#                  floor(amount * fee / 1e6)
#   reference      equal, row for row, to an independent PL/pgSQL
#                  implementation of the rule (test/suites/split_reference.sql)
#   monotonicity   for a < b: the fee and the recipients' total never
#                  decrease; no recipient loses more than one unit; none
#                  loses anything once (net_b - net_a) * share >= 1e6 (a
#                  recipient can lose one unit below that: largest remainder
#                  has the Alabama paradox, counted and printed)
# and split_distribute_0xsplits against a model of SplitMain v1's
# arithmetic in SQL numeric, including which amounts must be refused
# because SplitMain's unchecked multiplication would wrap.
#
# SPLIT_SEED=n repeats a run; SPLIT_COUNT=n changes the number of splits.
set -uo pipefail
cd "$(dirname "$0")/../.."
SEED=${SPLIT_SEED:-$(( (RANDOM << 15 | RANDOM) % 1000000 ))}
COUNT=${SPLIT_COUNT:-120}
DB=cd_split_properties
echo "split_properties: seed $SEED, $COUNT splits (repeat with SPLIT_SEED=$SEED)"

. scripts/suite-lib.sh
scratch_db "$DB" || exit 1

psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -v seed="$SEED" -v count="$COUNT" \
	-c 'CREATE EXTENSION creative_defi' -f test/suites/split_reference.sql -f - <<'SQL'
SET search_path = creative_defi, public;
SET client_min_messages = notice;
SELECT setseed((:seed % 1000000) / 1000000.0) \g /dev/null

-- a random amount of random bit length (0 to 256 bits)
CREATE FUNCTION pg_temp.rand_u256() RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    v numeric := 0;
    bits int := floor(random() * 257)::int;
BEGIN
    FOR k IN 1..8 LOOP
        v := v * 4294967296 + floor(random() * 4294967296)::numeric;
    END LOOP;
    RETURN mod(v, trunc(2::numeric ^ bits));
END $$;

-- a random split: n random addresses; shares from n - 1 distinct random cut
-- points of [0, 1e6], or near-equal shares when equal is set (ties)
CREATE FUNCTION pg_temp.rand_split(n int, fee int, equal boolean) RETURNS royalty_split
LANGUAGE plpgsql AS $$
DECLARE
    cuts int[];
    j jsonb;
BEGIN
    IF equal THEN
        SELECT array_agg(k * 1000000 / n ORDER BY k) INTO cuts FROM generate_series(0, n) AS k;
    ELSE
        SELECT array_agg(c ORDER BY c) INTO cuts
          FROM (SELECT c FROM (SELECT DISTINCT (1 + floor(random() * 999999))::int AS c
                                 FROM generate_series(1, 3 * n)) AS d
                 ORDER BY random() LIMIT n - 1) AS x;
        cuts := ARRAY[0] || coalesce(cuts, '{}') || ARRAY[1000000];
    END IF;
    SELECT jsonb_build_object(
               'recipients', jsonb_agg(jsonb_build_object(
                   'address', '0x' || substr(md5(random()::text) || md5(random()::text), 1, 40),
                   'share', cuts[k + 1] - cuts[k])),
               'distributor_fee', fee)
      INTO j FROM generate_series(1, n) AS k;
    RETURN j::royalty_split;
END $$;

CREATE TEMP TABLE splits AS
SELECT id, s, split_count(s) AS n, split_distributor_fee(s) AS fee
  FROM (SELECT id, pg_temp.rand_split(
                   CASE WHEN id = 1 THEN 1 WHEN id = 2 THEN 500 WHEN id % 4 = 0 THEN 1 + floor(random() * 12)::int
                        ELSE 1 + floor(random() * 500)::int END,
                   CASE WHEN random() < 0.35 THEN floor(random() * 100001)::int ELSE 0 END,
                   id % 7 = 0) AS s
          FROM generate_series(1, :count) AS id) AS t;

-- amounts: edge values, random ones, and pairs (a, a + d) for monotonicity
CREATE TEMP TABLE amounts (sid int, aid int, amount numeric, pair_of int);
INSERT INTO amounts
SELECT id, k, CASE k WHEN 1 THEN 0 WHEN 2 THEN 1 WHEN 3 THEN n - 1
                     ELSE 115792089237316195423570985008687907853269984665640564039457584007913129639935 END, NULL
  FROM splits, generate_series(1, 4) AS k;
INSERT INTO amounts SELECT id, k, pg_temp.rand_u256(), NULL FROM splits, generate_series(5, 10) AS k;
INSERT INTO amounts
SELECT id, k, trunc(pg_temp.rand_u256() / 2), NULL FROM splits, generate_series(11, 13) AS k;
INSERT INTO amounts
SELECT sid, aid + 3, amount + CASE WHEN random() < 0.5 THEN floor(random() * 1000)::numeric ELSE trunc(pg_temp.rand_u256() / 2) END, aid
  FROM amounts WHERE aid BETWEEN 11 AND 13;
-- small amounts and one to three units more: where the Alabama paradox shows
INSERT INTO amounts SELECT id, k, floor(random() * 5000)::numeric, NULL FROM splits, generate_series(17, 18) AS k;
INSERT INTO amounts
SELECT sid, aid + 2, amount + 1 + floor(random() * 3)::numeric, aid FROM amounts WHERE aid BETWEEN 17 AND 18;

CREATE TEMP TABLE dist AS
SELECT a.sid, a.aid, d.ord, d.recipient, d.amount
  FROM amounts a JOIN splits s ON s.id = a.sid,
       split_distribute(s.s, a.amount) WITH ORDINALITY AS d(recipient, amount, ord);

DO $$
DECLARE
    dists bigint;
    nrows bigint;
    bad bigint;
    paradox bigint;
    ref_checked bigint;
    sample text;
BEGIN
    SELECT count(*) INTO dists FROM amounts;
    SELECT count(*) INTO nrows FROM dist;

    -- conservation and row count
    SELECT count(*), min(format('split %s amount %s: %s rows summing to %s', a.sid, a.amount, c.cnt, c.total))
      INTO bad, sample
      FROM amounts a JOIN splits s ON s.id = a.sid
      LEFT JOIN (SELECT sid, aid, count(*) AS cnt, sum(amount) AS total FROM dist GROUP BY sid, aid) c
             ON c.sid = a.sid AND c.aid = a.aid
     WHERE c.total IS DISTINCT FROM a.amount OR c.cnt <> s.n + (s.fee > 0)::int;
    IF bad > 0 THEN RAISE EXCEPTION 'conservation failed in % cases, e.g. %', bad, sample; END IF;
    RAISE NOTICE 'ok conservation: % distributions, % rows, every sum equals its amount', dists, nrows;

    -- determinism: again, and through the text form
    SELECT count(*) INTO bad
      FROM dist FULL JOIN (
            SELECT a.sid, a.aid, d.ord, d.recipient, d.amount
              FROM amounts a JOIN splits s ON s.id = a.sid,
                   split_distribute(s.s::text::royalty_split, a.amount) WITH ORDINALITY AS d(recipient, amount, ord)) again
           USING (sid, aid, ord)
     WHERE dist.recipient IS DISTINCT FROM again.recipient OR dist.amount IS DISTINCT FROM again.amount;
    IF bad > 0 THEN RAISE EXCEPTION 'determinism failed: % rows differ', bad; END IF;
    RAISE NOTICE 'ok determinism: the same rows twice';

    -- each recipient within one unit of its exact share; the fee exact
    SELECT count(*), min(format('split %s amount %s recipient %s got %s', d.sid, a.amount, d.recipient, d.amount))
      INTO bad, sample
      FROM dist d JOIN amounts a USING (sid, aid) JOIN splits s ON s.id = d.sid,
           LATERAL (SELECT a.amount - div(a.amount * s.fee, 1000000) AS net) n,
           LATERAL (SELECT div(n.net * split_share(s.s, d.recipient), 1000000) AS fl,
                           mod(n.net * split_share(s.s, d.recipient), 1000000) AS rem) e
     WHERE (d.recipient IS NOT NULL AND NOT (d.amount = e.fl OR (d.amount = e.fl + 1 AND e.rem > 0)))
        OR (d.recipient IS NULL AND d.amount <> div(a.amount * s.fee, 1000000));
    IF bad > 0 THEN RAISE EXCEPTION 'one-unit bound failed in % rows, e.g. %', bad, sample; END IF;
    RAISE NOTICE 'ok one unit: every recipient gets floor or floor + 1 of its exact share; fees exact';

    -- row for row against the PL/pgSQL reference (a third of the splits)
    SELECT count(*) INTO bad
      FROM (SELECT * FROM dist WHERE sid % 3 = 0) c FULL JOIN (
            SELECT a.sid, a.aid, r.ord, r.recipient, r.amount
              FROM amounts a JOIN splits s ON s.id = a.sid,
                   pg_temp.ref_split_distribute(s.s, a.amount) WITH ORDINALITY AS r(recipient, amount, ord)
             WHERE a.sid % 3 = 0) r
           USING (sid, aid, ord)
     WHERE c.recipient IS DISTINCT FROM r.recipient OR c.amount IS DISTINCT FROM r.amount;
    SELECT count(*) INTO ref_checked FROM dist WHERE sid % 3 = 0;
    IF bad > 0 THEN RAISE EXCEPTION 'reference comparison failed: % rows differ', bad; END IF;
    RAISE NOTICE 'ok reference: % rows equal to the PL/pgSQL implementation', ref_checked;

    -- monotonicity over the pairs (a, b), a <= b
    WITH pairs AS (
        SELECT lo.sid, lo.aid AS alo, hi.aid AS ahi, lo.amount AS a, hi.amount AS b
          FROM amounts lo JOIN amounts hi ON hi.sid = lo.sid AND hi.pair_of = lo.aid),
    cmp AS (
        SELECT p.*, x.recipient, x.amount AS got_a, y.amount AS got_b, s.fee,
               (p.b - div(p.b * s.fee, 1000000)) - (p.a - div(p.a * s.fee, 1000000)) AS net_gain,
               CASE WHEN x.recipient IS NULL THEN NULL ELSE split_share(s.s, x.recipient) END AS share
          FROM pairs p JOIN splits s ON s.id = p.sid
          JOIN dist x ON x.sid = p.sid AND x.aid = p.alo
          JOIN dist y ON y.sid = p.sid AND y.aid = p.ahi AND y.ord = x.ord)
    SELECT count(*) FILTER (WHERE got_b < got_a - 1
                               OR (recipient IS NULL AND got_b < got_a)
                               OR (recipient IS NOT NULL AND net_gain * share >= 1000000 AND got_b < got_a)),
           count(*) FILTER (WHERE recipient IS NOT NULL AND got_b < got_a),
           min(format('split %s: %s -> %s, recipient %s (share %s) got %s then %s', sid, a, b, recipient, share, got_a, got_b))
               FILTER (WHERE got_b < got_a - 1
                          OR (recipient IS NULL AND got_b < got_a)
                          OR (recipient IS NOT NULL AND net_gain * share >= 1000000 AND got_b < got_a))
      INTO bad, paradox, sample FROM cmp;
    IF bad > 0 THEN RAISE EXCEPTION 'monotonicity failed in % rows, e.g. %', bad, sample; END IF;
    SELECT count(*) INTO bad FROM (
        SELECT p.sid, p.pair_of FROM amounts p
          JOIN (SELECT sid, aid, sum(amount) FILTER (WHERE recipient IS NOT NULL) AS paid FROM dist GROUP BY sid, aid) hi
            ON hi.sid = p.sid AND hi.aid = p.aid
          JOIN (SELECT sid, aid, sum(amount) FILTER (WHERE recipient IS NOT NULL) AS paid FROM dist GROUP BY sid, aid) lo
            ON lo.sid = p.sid AND lo.aid = p.pair_of
         WHERE p.pair_of IS NOT NULL AND hi.paid < lo.paid) t;
    IF bad > 0 THEN RAISE EXCEPTION 'the recipients'' total decreased in % pairs', bad; END IF;
    RAISE NOTICE 'ok monotonicity: % pairs; % recipient rows lost one unit (Alabama paradox), none more, none beyond the one-unit window',
        (SELECT count(*) FROM amounts WHERE pair_of IS NOT NULL), paradox;
END $$;

-- split_distribute_0xsplits against SplitMain v1's arithmetic in SQL numeric
DO $$
DECLARE
    r record;
    got text;
    want text;
    wraps boolean;
    ok_rows bigint := 0;
    refused bigint := 0;
    max_u256 numeric := 115792089237316195423570985008687907853269984665640564039457584007913129639935;
BEGIN
    FOR r IN SELECT a.sid, a.aid, a.amount, s.s, s.fee FROM amounts a JOIN splits s ON s.id = a.sid ORDER BY 1, 2 LOOP
        -- the model: fee, each floor((amount - fee) * share / 1e6), dust; wrap when a product > 2^256 - 1
        SELECT r.amount * r.fee > max_u256
                 OR bool_or((r.amount - div(r.amount * r.fee, 1000000)) * split_share(r.s, x) > max_u256),
               string_agg(x::text || ':' || div((r.amount - div(r.amount * r.fee, 1000000)) * split_share(r.s, x), 1000000)::text, ',' ORDER BY o)
               || CASE WHEN r.fee > 0 THEN ',0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb:' || div(r.amount * r.fee, 1000000)::text ELSE '' END
               || ',dust:' || (r.amount - div(r.amount * r.fee, 1000000)
                               - sum(div((r.amount - div(r.amount * r.fee, 1000000)) * split_share(r.s, x), 1000000)))::text
          INTO wraps, want
          FROM unnest(split_recipients(r.s)) WITH ORDINALITY AS u(x, o);
        BEGIN
            SELECT string_agg(coalesce(d.recipient::text, 'dust') || ':' || d.amount::text, ',' ORDER BY o)
              INTO got
              FROM split_distribute_0xsplits(r.s, r.amount, '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb')
                   WITH ORDINALITY AS d(recipient, amount, o);
            IF wraps THEN
                RAISE EXCEPTION '0xsplits: split % amount % should have been refused (SplitMain would wrap)', r.sid, r.amount;
            END IF;
            IF got IS DISTINCT FROM want THEN
                RAISE EXCEPTION '0xsplits: split % amount %: got % want %', r.sid, r.amount, left(got, 300), left(want, 300);
            END IF;
            ok_rows := ok_rows + 1;
        EXCEPTION WHEN numeric_value_out_of_range THEN
            IF NOT wraps THEN
                RAISE EXCEPTION '0xsplits: split % amount % refused but SplitMain would not wrap', r.sid, r.amount;
            END IF;
            refused := refused + 1;
        END;
    END LOOP;
    RAISE NOTICE 'ok 0xsplits: % distributions equal to the SplitMain model, % refused exactly where SplitMain would wrap',
        ok_rows, refused;
END $$;
SQL
rc=$?
if [ $rc -ne 0 ]; then
	echo "split_properties: FAILED (seed $SEED)"
	exit 1
fi
echo "split_properties: all properties hold (seed $SEED)"
