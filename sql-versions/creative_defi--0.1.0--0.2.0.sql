-- creative_defi upgrade from 0.1.0 to 0.2.0.  Every change to the SQL of
-- src/sql/ after 0.1.0 goes here as well, so that ALTER EXTENSION
-- creative_defi UPDATE gives what CREATE EXTENSION gives (test/suites/upgrade.sh
-- compares the two from the catalog).

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION creative_defi UPDATE TO '0.2.0'" to load this file. \quit
