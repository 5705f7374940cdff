-- A regress file that runs in a database of its own, so that the files
-- after it see the same sequence numbers and journal: \set own_db to its
-- name, \i this, and end with \c :regress_db and DROP DATABASE :"own_db".
SELECT current_database() AS regress_db \gset
CREATE DATABASE :"own_db";
\c :own_db
CREATE EXTENSION creative_defi;
\i test/shared/regress_expect_error.sql
SET search_path = creative_defi, regress, public;
SET client_min_messages = warning;
