-- creative_defi install script.  Built by concatenating src/sql/*.sql in
-- name order (see the Makefile); edit the parts, not the built file.

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION creative_defi" to load this file. \quit
