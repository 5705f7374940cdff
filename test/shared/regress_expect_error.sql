-- regress.expect_error(statement) runs a statement that must fail and
-- shows its SQLSTATE, message, detail and hint, so every error path is
-- pinned down in the expected output.  Included by sql/00_setup.sql and by
-- the regress files that make a database of their own.
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

-- regress.expect_errors(template, input, ...) is expect_error for a list
-- of inputs to one statement: format(template, input) for each input in
-- turn, one row each (the input, then expect_error's four columns).
CREATE FUNCTION regress.expect_errors(template text, VARIADIC inputs text[])
RETURNS TABLE (input text, error_code text, message text, detail text, hint text)
LANGUAGE sql AS $$
    SELECT i.input, e.error_code, e.message, e.detail, e.hint
      FROM unnest(inputs) WITH ORDINALITY AS i(input, n),
           LATERAL regress.expect_error(format(template, i.input)) AS e
     ORDER BY i.n
$$;
