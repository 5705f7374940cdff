-- Shared set-up for the regression suites (pg_regress runs the files in
-- order in one database; --load-extension has created creative_defi).
--
-- regress.expect_error(statement) runs a statement that must fail and
-- shows its SQLSTATE, message, detail and hint, so every error path is
-- pinned down in the expected output.
CREATE SCHEMA regress;
CREATE FUNCTION regress.expect_error(statement text,
    OUT error_code text, OUT message text, OUT detail text, OUT hint text)
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    error_code := 'none';
    message := 'statement succeeded but an error was expected';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS error_code = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                            detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
END
$$;
DO $$ BEGIN
    EXECUTE format('ALTER DATABASE %I SET search_path = creative_defi, regress, public', current_database());
END $$;
SELECT extname, extversion, nspname
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE extname = 'creative_defi';
