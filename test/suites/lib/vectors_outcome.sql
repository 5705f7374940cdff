-- test/suites/lib/vectors_outcome.sql - included (\i, from the repository's
-- root) by the vector suites whose psql prints one row per check:
--   pg_temp.outcome(expr)             the text value of a query, or the error it
--                                     raises as 'error SQLSTATE: message' (an error
--                                     is a failed check, not an aborted suite)
--   pg_temp.verdict(got, expected)    'ok', or what differs
CREATE FUNCTION pg_temp.outcome(expr text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    got text;
BEGIN
    EXECUTE expr INTO got;
    RETURN got;
EXCEPTION WHEN OTHERS THEN
    RETURN format('error %s: %s', SQLSTATE, SQLERRM);
END
$$;
CREATE FUNCTION pg_temp.verdict(got text, expected text) RETURNS text
LANGUAGE sql AS $$
    SELECT CASE WHEN got IS NOT DISTINCT FROM expected THEN 'ok'
                ELSE format('got %s, expected %s', got, expected) END
$$;
