-- Fuzzing of the provenance record's parser (issue 17, docs/provenance.md
-- "Tests"): the record's sources and register_derivative's parents are
-- JSON parsed in SQL (provenance_json_objects, provenance_sources,
-- provenance_parent_links), so they are fuzzed here rather than by a C
-- fuzz target.  Valid arrays are mutated at random (a seeded generator,
-- the same cases every run): values of every JSON type and tricky ones
-- put anywhere, keys dropped or added, elements duplicated, arrays grown
-- to hundreds of elements, wrapped or unwrapped.  Every input must give
-- either typed data that says exactly what was given (and that the C
-- EIP-712 encoder hashes) or a clean refusal: 22023 naming the argument,
-- or 22P02 for text that is not an asset.  Never another error.
BEGIN;
SET search_path = creative_defi, public;
SELECT plan(10);

SELECT set_order_domain('creative_defi', '1', 1, '0x00000000000000000000000000000000000000d0');
SELECT setseed(0.17);

-- one of the given values, at random
CREATE FUNCTION pg_temp.pick(VARIADIC xs jsonb[]) RETURNS jsonb
LANGUAGE sql VOLATILE RETURN xs[1 + floor(random() * cardinality(xs))::int];

-- a JSON value of any type, the tricky ones for these parsers often
CREATE FUNCTION pg_temp.any_json() RETURNS jsonb
LANGUAGE sql VOLATILE RETURN pg_temp.pick(
    'null', 'true', 'false', '0', '-1', '1', '1.5', '1500', '1500.0', '1e3', '10000', '10001',
    '2147483647', '2147483648', '-2147483648', '1e400', '-0', '""', '"x"', '"1500"', '"absolute"', '"relative"',
    '[]', '{}', '[1]', '[[]]', '{"asset": "x"}', to_jsonb(repeat('a', 3000)),
    '"eip155:1/erc20:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"',
    '"EIP155:1/ERC20:0xA0B86991C6218B36C1D19D4A2E9EB0CE3606EB48"',
    '"eip155:1/erc721:0x00000000000000000000000000000000000001b1/3 "', '"eip155:1/erc20:0xZZ"',
    '"eip155:1/erc721:0x00000000000000000000000000000000000001b1/-1"', '"\u00c4\u00d6\u2713"', '"a\nb"');

-- a valid element of the shape; key names the asset's key and the number's
CREATE FUNCTION pg_temp.element(asset_key text, number_key text, with_policy boolean) RETURNS jsonb
LANGUAGE sql VOLATILE RETURN
    jsonb_build_object(asset_key, format('eip155:1/erc721:0x%s/%s', lpad('1b1', 40, '0'), floor(random() * 1000000)::int),
                       number_key, 1 + floor(random() * 3000)::int)
    || CASE WHEN with_policy THEN jsonb_build_object('policy', pg_temp.pick('"absolute"', '"relative"')) ELSE '{}' END;

-- one random mutation of an array of elements
CREATE FUNCTION pg_temp.mutate(a jsonb, asset_key text, number_key text, with_policy boolean) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_len int := CASE WHEN jsonb_typeof(a) = 'array' THEN jsonb_array_length(a) ELSE 0 END;
    i text := floor(random() * greatest(v_len, 1))::int::text;
    v_key text := (ARRAY[asset_key, number_key, 'policy', 'extra', ''])[1 + floor(random() * 5)::int];
    v_op int;
BEGIN
    IF v_len = 0 THEN
        RETURN CASE WHEN random() < 0.5 THEN pg_temp.any_json()
                    ELSE jsonb_build_array(pg_temp.element(asset_key, number_key, with_policy)) END;
    END IF;
    v_op := floor(random() * 9)::int;
    -- a key can only be set or dropped in an element that is an object
    IF v_op BETWEEN 2 AND 5 AND jsonb_typeof(a -> i::int) IS DISTINCT FROM 'object' THEN
        v_op := 1;
    END IF;
    CASE v_op
        WHEN 0 THEN RETURN pg_temp.any_json();
        WHEN 1 THEN RETURN jsonb_set(a, ARRAY[i], pg_temp.any_json());
        WHEN 2 THEN RETURN jsonb_set(a, ARRAY[i], (a -> i::int) - v_key);
        WHEN 3 THEN RETURN jsonb_set(a, ARRAY[i], (a -> i::int) || jsonb_build_object(v_key, pg_temp.any_json()));
        WHEN 4 THEN RETURN jsonb_set(a, ARRAY[i, asset_key], pg_temp.any_json());
        WHEN 5 THEN RETURN jsonb_set(a, ARRAY[i, number_key], pg_temp.any_json());
        WHEN 6 THEN RETURN a || jsonb_build_array(a -> i::int);
        WHEN 7 THEN RETURN a || (SELECT jsonb_agg(pg_temp.element(asset_key, number_key, with_policy))
                                   FROM generate_series(1, 1 + floor(random() * 600)::int));
        ELSE RETURN CASE WHEN random() < 0.5 THEN jsonb_build_array(a) ELSE a -> i::int END;
    END CASE;
END
$$;

-- a case: a valid array of 1 to 3 elements, mutated 0 to 3 times
CREATE FUNCTION pg_temp.fuzz_case(asset_key text, number_key text, with_policy boolean) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    a jsonb := (SELECT jsonb_agg(pg_temp.element(asset_key, number_key, with_policy))
                  FROM generate_series(1, 1 + floor(random() * 3)::int));
BEGIN
    FOR k IN 1 .. floor(random() * 4)::int LOOP
        a := pg_temp.mutate(a, asset_key, number_key, with_policy);
    END LOOP;
    RETURN a;
END
$$;

CREATE TEMP TABLE sources_cases (id int, sources jsonb, content_hash bytea, typed jsonb, digest bytea,
                                 sqlstate text, message text);
CREATE TEMP TABLE parents_cases (id int, parents jsonb, parsed jsonb, sqlstate text, message text);

DO $$
DECLARE
    v_sources jsonb;
    v_hash bytea;
    v_typed jsonb;
    v_parents jsonb;
    v_parsed jsonb;
BEGIN
    FOR id IN 1 .. 3000 LOOP
        v_sources := pg_temp.fuzz_case('asset', 'weight_bps', false);
        -- a content hash of the wrong length now and then
        v_hash := CASE WHEN random() < 0.05 THEN decode(repeat('ab', floor(random() * 40)::int), 'hex')
                       ELSE sha256(int4send(id)) END;
        BEGIN
            v_typed := provenance_typed_data('eip155:1/erc721:0x00000000000000000000000000000000000001b1/20',
                                             v_hash, '0x50178c07fffb9dacd3a5f4940a3e2858d81ff975', v_sources);
            INSERT INTO sources_cases VALUES (id, v_sources, v_hash, v_typed, eip712_hash(v_typed), NULL, NULL);
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO sources_cases VALUES (id, v_sources, v_hash, NULL, NULL, SQLSTATE, SQLERRM);
        END;
        v_parents := pg_temp.fuzz_case('parent', 'license_bps', true);
        BEGIN
            SELECT jsonb_agg(jsonb_build_object('parent', p.parent::text, 'policy', p.policy, 'license_bps', p.license_bps)
                             ORDER BY p.n)
              INTO v_parsed FROM provenance_parent_links(v_parents) p;
            INSERT INTO parents_cases VALUES (id, v_parents, v_parsed, NULL, NULL);
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO parents_cases VALUES (id, v_parents, NULL, SQLSTATE, SQLERRM);
        END;
    END LOOP;
END
$$;

-- never an error but the documented ones
SELECT is_empty($$
    SELECT sqlstate, message FROM sources_cases
     WHERE sqlstate <> '22023' AND NOT (sqlstate = '22P02' AND message LIKE 'invalid input syntax for type asset: %')
$$, 'provenance_typed_data: every refusal of a fuzzed record is 22023, or 22P02 for text that is not an asset');
SELECT is_empty($$
    SELECT sqlstate, message FROM parents_cases
     WHERE sqlstate <> '22023' AND NOT (sqlstate = '22P02' AND message LIKE 'invalid input syntax for type asset: %')
$$, 'provenance_parent_links: every refusal of fuzzed parents is 22023, or 22P02 for text that is not an asset');
-- a 22023 names what was wrong
SELECT is_empty($$
    SELECT message FROM sources_cases
     WHERE sqlstate = '22023' AND message !~ '^(sources|sources\[\d+\]|sources\[\d+\]\.weight_bps|content_hash) must|^source .* is named twice$'
$$, 'provenance_typed_data: each 22023 names the argument, the element or the source');
SELECT is_empty($$
    SELECT message FROM parents_cases WHERE sqlstate = '22023' AND message !~ '^parents(\[\d+\])? must'
$$, 'provenance_parent_links: each 22023 names the argument or the element');

-- what is accepted is signed as given: every source, in order, with its weight
SELECT is_empty($$
    SELECT c.id FROM sources_cases c
     WHERE c.sqlstate IS NULL
       AND (c.typed -> 'message' -> 'sources') IS DISTINCT FROM
           (SELECT jsonb_agg(jsonb_build_object('asset', (e.x ->> 'asset')::asset::text,
                                                'weightBps', ((e.x ->> 'weight_bps')::numeric)::int::text) ORDER BY e.i)
              FROM jsonb_array_elements(c.sources) WITH ORDINALITY AS e(x, i))
$$, 'an accepted record''s typed data lists its sources in order with their weights');
SELECT is_empty($$
    SELECT c.id FROM sources_cases c
     WHERE c.sqlstate IS NULL
       AND (octet_length(c.digest) IS DISTINCT FROM 32
            OR c.typed -> 'message' ->> 'contentHash' IS DISTINCT FROM '0x' || encode(c.content_hash, 'hex'))
$$, 'an accepted record hashes (the C EIP-712 encoder) and carries its content hash');
SELECT is_empty($$
    SELECT c.id FROM parents_cases c
     WHERE c.sqlstate IS NULL
       AND c.parsed IS DISTINCT FROM
           (SELECT jsonb_agg(jsonb_build_object('parent', (e.x ->> 'parent')::asset::text, 'policy', e.x ->> 'policy',
                                                'license_bps', ((e.x ->> 'license_bps')::numeric)::int) ORDER BY e.i)
              FROM jsonb_array_elements(c.parents) WITH ORDINALITY AS e(x, i))
$$, 'accepted parents are parsed as given, in order');

-- the fuzzing reached both sides and many refusals
SELECT cmp_ok((SELECT count(*) FROM sources_cases WHERE sqlstate IS NULL), '>=', 300::bigint,
              'hundreds of fuzzed records are accepted');
SELECT cmp_ok((SELECT count(DISTINCT regexp_replace(message, '\d+', 'N', 'g')) FROM sources_cases), '>=', 6::bigint,
              'the fuzzed records meet at least six different refusals');
SELECT cmp_ok((SELECT count(DISTINCT regexp_replace(message, '\d+', 'N', 'g')) FROM parents_cases), '>=', 3::bigint,
              'the fuzzed parents meet at least three different refusals');

SELECT * FROM finish();
ROLLBACK;
