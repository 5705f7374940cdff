-- What every base type with btree and hash operator classes must do
-- (sql/eth_address.sql, sql/asset.sql, sql/curve_type.sql).  The caller
-- sets psql variables:
--   tbl           a table of distinct values in column :col, numbered by n,
--                 with a primary key on :col
--   duplicate     another spelling of one of those values
--   probe         one of those values, as text
--   btree_lookup  a spelling of a value to find through the btree index
--   hash_lookup   a spelling of a value to find through a hash index
--   binfile       a scratch file for the COPY BINARY round trip
-- The tables this makes are dropped at the end; :tbl is the caller's.

-- the order, and another spelling of a value is a duplicate key
SELECT :col, n FROM :tbl ORDER BY :col;
SELECT * FROM expect_error(format('INSERT INTO %s (%s) VALUES (%L)', :'tbl', :'col', :'duplicate'));

-- the six comparison operators agree with the order
SELECT count(*) FILTER (WHERE :col < :'probe') AS lt,
       count(*) FILTER (WHERE :col <= :'probe') AS le,
       count(*) FILTER (WHERE :col = :'probe') AS eq,
       count(*) FILTER (WHERE :col <> :'probe') AS ne,
       count(*) FILTER (WHERE :col >= :'probe') AS ge,
       count(*) FILTER (WHERE :col > :'probe') AS gt
  FROM :tbl;

-- the btree index is used; hash joins, hash aggregation and hash indexes work
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT n FROM :tbl WHERE :col = :'probe';
SELECT n FROM :tbl WHERE :col = :'btree_lookup';
RESET enable_seqscan;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT x.n, y.n FROM :tbl x JOIN :tbl y USING (:col);
SELECT count(*) FROM :tbl x JOIN :tbl y USING (:col);
RESET enable_mergejoin;
RESET enable_nestloop;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT :col, count(*) FROM :tbl GROUP BY :col;
SELECT :col, count(*) FROM (SELECT :col FROM :tbl UNION ALL SELECT :col FROM :tbl) s GROUP BY :col ORDER BY :col;
RESET enable_sort;
-- (a copy with a hash index and no btree, so the lookup can only use the hash)
CREATE TABLE opclass_h (LIKE :tbl);
INSERT INTO opclass_h SELECT * FROM :tbl;
CREATE INDEX opclass_hash ON opclass_h USING hash (:col);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT n FROM opclass_h WHERE :col = :'hash_lookup';
SELECT n FROM opclass_h WHERE :col = :'hash_lookup';
RESET enable_seqscan;
RESET enable_bitmapscan;

-- hash partitioning uses the extended hash
CREATE TABLE opclass_p (LIKE :tbl) PARTITION BY HASH (:col);
CREATE TABLE opclass_p0 PARTITION OF opclass_p FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE opclass_p1 PARTITION OF opclass_p FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO opclass_p SELECT * FROM :tbl;
SELECT count(*) FROM opclass_p;

-- binary round trip through COPY BINARY
COPY :tbl TO :'binfile' WITH (FORMAT binary);
CREATE TABLE opclass_copy (LIKE :tbl);
COPY opclass_copy FROM :'binfile' WITH (FORMAT binary);
SELECT count(*) AS rows_back, bool_and(c.:col = t.:col) AS identical
  FROM opclass_copy c JOIN :tbl t USING (n);

DROP TABLE opclass_h, opclass_p, opclass_copy;
