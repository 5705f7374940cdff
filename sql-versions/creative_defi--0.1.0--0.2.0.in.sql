-- creative_defi upgrade from 0.1.0 to 0.2.0, assembled by
-- scripts/assemble-upgrade.sh into creative_defi--0.1.0--0.2.0.sql: the
-- hand-written steps (tables, and DROP of what changed shape) stand here;
-- "--@include src/sql/NN_name.sql" brings in a part of the install script
-- whole (a new area); "--@replace src/sql/NN_name.sql function_name" brings
-- in that function as CREATE OR REPLACE (a body that changed).
-- ALTER EXTENSION creative_defi UPDATE must give what CREATE EXTENSION
-- gives (test/suites/upgrade.sh compares the two from the catalog).

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION creative_defi UPDATE TO '0.2.0'" to load this file. \quit
--@include src/sql/82_solvency.sql
--@include src/sql/83_claims.sql
