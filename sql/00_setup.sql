-- Shared set-up for the regression suites (pg_regress runs the files in
-- order in one database; --load-extension has created creative_defi).
--
-- regress.expect_error: test/shared/regress_expect_error.sql (pg_regress
-- feeds psql this file on stdin from the top directory, so paths are
-- relative to it).
\i test/shared/regress_expect_error.sql
DO $$ BEGIN
    EXECUTE format('ALTER DATABASE %I SET search_path = creative_defi, regress, public', current_database());
END $$;
SELECT extname, extversion, nspname
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname = 'creative_defi';
