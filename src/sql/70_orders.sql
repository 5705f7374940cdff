-- orders (1/1): signed orders from wallets (EIP-712), executed through the ledger
--
-- A wallet signs an order with eth_signTypedData_v4; execute_order checks
-- the domain, the type, the signer, the deadline and the nonce, and runs
-- the order through buy / sell / transfer / withdraw in the same
-- transaction.  docs/orders.md is the normative description of the types.
--
-- Error codes (class CD, docs/errors.md; the ledger uses CD001..CD010):
--   CD020 order type not accepted      CD024 nonce already used
--   CD021 wrong domain                 CD025 nonce cancelled
--   CD022 signature not by the signer  CD026 domain not configured
--   CD023 order expired

-- The EIP-712 domain of this database: one row, written only by
-- set_order_domain (owner only).  Approvals (75_approvals.sql) sign under
-- the same domain.
CREATE TABLE order_domain (
    one boolean NOT NULL DEFAULT true,
    name text NOT NULL,
    version text NOT NULL,
    chain_id numeric NOT NULL,
    verifying_contract eth_address NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT order_domain_pkey PRIMARY KEY (one),
    CONSTRAINT order_domain_one CHECK (one),
    CONSTRAINT order_domain_chain_id CHECK (chain_id > 0 AND min_scale(chain_id) = 0)  -- whole: see ledger_holdings
);
COMMENT ON TABLE order_domain IS
    'the EIP-712 domain (name, version, chainId, verifyingContract) that signed orders and approvals must name; one row, set by set_order_domain';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.order_domain', '');

-- One row per (signer, nonce) ever consumed: by an executed order (with
-- its result, for idempotent replays) or by a cancellation.  txn_id is a
-- journal transaction id; no foreign key, so that the journal's own
-- statements (TRUNCATE ... CASCADE, refused anyway) never reach this table.
CREATE TABLE order_nonces (
    signer eth_address NOT NULL,
    nonce numeric NOT NULL,
    status text NOT NULL,
    primary_type text NOT NULL,
    order_hash bytea NOT NULL,
    txn_id bigint,
    result jsonb,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT order_nonces_pkey PRIMARY KEY (signer, nonce),
    CONSTRAINT order_nonces_status CHECK (status IN ('executed', 'cancelled')),
    CONSTRAINT order_nonces_executed CHECK ((status = 'executed') = (txn_id IS NOT NULL AND result IS NOT NULL)),
    CONSTRAINT order_nonces_hash_length CHECK (octet_length(order_hash) = 32)
);
COMMENT ON TABLE order_nonces IS
    'the nonces signers have consumed: by an executed order (with its EIP-712 hash and result) or by cancel_nonce';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.order_nonces', '');

-- The type definitions, in the form eth_signTypedData_v4 takes them.
CREATE FUNCTION order_types() RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN '{
  "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"},
                   {"name": "chainId", "type": "uint256"}, {"name": "verifyingContract", "type": "address"}],
  "Buy": [{"name": "signer", "type": "address"}, {"name": "asset", "type": "string"},
          {"name": "amount", "type": "uint256"}, {"name": "maxCost", "type": "uint256"},
          {"name": "nonce", "type": "uint256"}, {"name": "deadline", "type": "uint256"}],
  "Sell": [{"name": "signer", "type": "address"}, {"name": "asset", "type": "string"},
           {"name": "amount", "type": "uint256"}, {"name": "minProceeds", "type": "uint256"},
           {"name": "nonce", "type": "uint256"}, {"name": "deadline", "type": "uint256"}],
  "Transfer": [{"name": "signer", "type": "address"}, {"name": "to", "type": "address"},
               {"name": "asset", "type": "string"}, {"name": "amount", "type": "uint256"},
               {"name": "nonce", "type": "uint256"}, {"name": "deadline", "type": "uint256"}],
  "Withdraw": [{"name": "signer", "type": "address"}, {"name": "recipient", "type": "address"},
               {"name": "asset", "type": "string"}, {"name": "amount", "type": "uint256"},
               {"name": "nonce", "type": "uint256"}, {"name": "deadline", "type": "uint256"}],
  "Cancel": [{"name": "signer", "type": "address"}, {"name": "nonce", "type": "uint256"}],
  "Approve": [{"name": "proposalId", "type": "uint256"}, {"name": "asset", "type": "string"},
              {"name": "changeHash", "type": "bytes32"}, {"name": "expiry", "type": "uint256"}]
}'::jsonb;
COMMENT ON FUNCTION order_types() IS
    'the EIP-712 types of signed orders (Buy, Sell, Transfer, Withdraw, Cancel) and approvals (Approve), with EIP712Domain, as wallets take them';

CREATE FUNCTION set_order_domain(name text, version text, chain_id numeric, verifying_contract eth_address)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['name', 'version', 'chain_id', 'verifying_contract'],
        ARRAY[name IS NULL, version IS NULL, chain_id IS NULL, verifying_contract IS NULL]);
    -- a signed order or approval is valid wherever the domain is the same,
    -- so refuse the values that many deployments would share by default
    IF name = '' OR version = '' THEN
        RAISE EXCEPTION 'name and version of the order domain must not be empty'
            USING ERRCODE = '22023',
                  DETAIL = 'A signature is valid in every database whose domain is the same.',
                  HINT = 'Name the deployment, e.g. set_order_domain(''my_marketplace'', ''1'', ...).';
    END IF;
    IF verifying_contract OPERATOR(@extschema@.=) '0x0000000000000000000000000000000000000000'::@extschema@.eth_address THEN
        RAISE EXCEPTION 'verifying_contract must not be the zero address'
            USING ERRCODE = '22023',
                  DETAIL = 'Orders and approvals signed for one database execute in every database whose domain is the same, and the zero address is the one every deployment would share.',
                  HINT = 'Use an address unique to this deployment (docs/orders.md, "One domain per deployment").';
    END IF;
    IF chain_id = 'NaN'::numeric OR chain_id <= 0 OR chain_id <> trunc(chain_id)
       OR chain_id > 115792089237316195423570985008687907853269984665640564039457584007913129639935 THEN
        RAISE EXCEPTION 'chain_id must be a positive uint256'
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', chain_id);
    END IF;
    INSERT INTO @extschema@.order_domain AS d (one, name, version, chain_id, verifying_contract)
    VALUES (true, set_order_domain.name, set_order_domain.version, trim_scale(chain_id), verifying_contract)
    ON CONFLICT ON CONSTRAINT order_domain_pkey DO UPDATE
        SET name = excluded.name, version = excluded.version, chain_id = excluded.chain_id,
            verifying_contract = excluded.verifying_contract, updated_at = pg_catalog.now();
END
$$;
COMMENT ON FUNCTION set_order_domain(text, text, numeric, eth_address) IS
    'admin: set the EIP-712 domain that signed orders and approvals must name (signatures under the old domain stop being accepted)';

-- The configured domain as typed-data JSON; CD026 when it was never set.
CREATE FUNCTION order_domain_json() RETURNS jsonb
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    d record;
BEGIN
    SELECT o.name, o.version, o.chain_id, o.verifying_contract INTO d FROM @extschema@.order_domain o;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the EIP-712 domain of this database is not configured'
            USING ERRCODE = 'CD026',
                  HINT = 'The extension''s owner sets it with set_order_domain(name, version, chain_id, verifying_contract).';
    END IF;
    RETURN jsonb_build_object('name', d.name, 'version', d.version, 'chainId', d.chain_id::text,
                              'verifyingContract', d.verifying_contract::text);
END
$$;
COMMENT ON FUNCTION order_domain_json() IS
    'the configured EIP-712 domain as typed-data JSON (chainId as a decimal string); CD026 when not configured';

CREATE FUNCTION order_typed_data(primary_type text, message jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_types jsonb := @extschema@.order_types();
BEGIN
    IF primary_type NOT IN ('Buy', 'Sell', 'Transfer', 'Withdraw', 'Cancel', 'Approve') THEN
        RAISE EXCEPTION 'order type "%" is not accepted', primary_type
            USING ERRCODE = 'CD020', DETAIL = 'The types are Buy, Sell, Transfer, Withdraw, Cancel and Approve.';
    END IF;
    RETURN jsonb_build_object(
        'types', jsonb_build_object('EIP712Domain', v_types -> 'EIP712Domain', primary_type, v_types -> primary_type),
        'primaryType', primary_type,
        'domain', @extschema@.order_domain_json(),
        'message', message);
END
$$;
COMMENT ON FUNCTION order_typed_data(text, jsonb) IS
    'the complete typed data (types, primaryType, configured domain, message) a wallet signs for an order, a cancellation or an approval';

-- A uint256 field of a message: a JSON number or a string of decimal
-- digits (what the EIP-712 encoder reads identically), else 22023.
CREATE FUNCTION order_uint(field text, v jsonb) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t text := jsonb_typeof(v);
    n numeric;
BEGIN
    IF t = 'number' THEN
        n := v::numeric;
    ELSIF t = 'string' AND (v #>> '{}') ~ '^[0-9]{1,78}$' THEN
        n := (v #>> '{}')::numeric;
    END IF;
    IF n IS NULL OR n < 0 OR n <> trunc(n)
       OR n > 115792089237316195423570985008687907853269984665640564039457584007913129639935 THEN
        RAISE EXCEPTION 'order field % must be a uint256', field
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', coalesce(v::text, 'missing')),
                  HINT = 'Give integers as JSON numbers or strings of decimal digits.';
    END IF;
    RETURN trim_scale(n);
END
$$;
COMMENT ON FUNCTION order_uint(text, jsonb) IS
    'internal: a uint256 message field (JSON number or decimal string) as numeric; 22023 otherwise';

-- An address field of a message, as eth_address (22023 when missing or
-- not a string; the eth_address input function judges the text).
CREATE FUNCTION order_address(field text, v jsonb) RETURNS eth_address
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF jsonb_typeof(v) IS DISTINCT FROM 'string' THEN
        RAISE EXCEPTION 'order field % must be an address string', field
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', coalesce(v::text, 'missing'));
    END IF;
    RETURN (v #>> '{}')::@extschema@.eth_address;
END
$$;
COMMENT ON FUNCTION order_address(text, jsonb) IS
    'internal: an address message field as eth_address; 22023 when it is not a JSON string';

-- Why ecrecover refused a signature (returned NULL), as a DETAIL sentence:
-- its first defect, found by ecrecover's own checks (src/pg_ecdsa.c).  The order
-- and approval errors name the cause instead of "recovers to no address".
-- None of these depends on the digest, so one refused signature recovers
-- nothing for any typed data.
CREATE FUNCTION order_signature_defect(signature bytea) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION order_signature_defect(bytea) IS
    'internal: why ecrecover refuses a signature (wrong length, v, r or s out of range, high s, r off the curve), as a sentence for an error DETAIL';
REVOKE ALL ON FUNCTION order_signature_defect(bytea) FROM PUBLIC;

-- Check typed data against one of our types and the configured domain,
-- recover its signer and compare with message.signer (the order's
-- account).  Returns the EIP-712 hash.  Refuses: not one of the accepted
-- types or not exactly its field list (CD020), another domain (CD021), a
-- signature by anyone but the signer (CD022).
CREATE FUNCTION order_authenticate(typed_data jsonb, signature bytea, accepted text[], OUT primary_type text,
    OUT signer eth_address, OUT order_hash bytea)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_types jsonb := @extschema@.order_types();
    v_domain jsonb;
    v_given jsonb;
    v_keys text;
    v_want text;
    v_recovered @extschema@.eth_address;
    v_what text;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['typed_data', 'signature'],
        ARRAY[typed_data IS NULL, signature IS NULL]);
    IF jsonb_typeof(typed_data) <> 'object' THEN
        RAISE EXCEPTION 'typed data must be a JSON object' USING ERRCODE = '22023';
    END IF;
    primary_type := typed_data ->> 'primaryType';
    IF primary_type IS NULL OR NOT (primary_type = ANY (accepted)) THEN
        RAISE EXCEPTION 'order type "%" is not accepted here', coalesce(primary_type, 'null')
            USING ERRCODE = 'CD020', DETAIL = format('The accepted primary types are %s.', array_to_string(accepted, ', ')),
                  HINT = CASE WHEN primary_type = 'Cancel' THEN 'Void a nonce with cancel_nonce.'
                              WHEN primary_type IN ('Buy', 'Sell', 'Transfer', 'Withdraw') THEN 'Execute an order with execute_order.'
                              ELSE 'order_types() lists the types; order_typed_data(primary_type, message) builds typed data.' END;
    END IF;
    v_what := CASE primary_type WHEN 'Cancel' THEN 'cancellation' ELSE lower(primary_type) || ' order' END;
    -- exactly our field list (EIP712Domain may be left out, as viem does)
    v_given := typed_data -> 'types';
    IF jsonb_typeof(v_given) = 'object' AND NOT v_given ? 'EIP712Domain' THEN
        v_given := v_given || jsonb_build_object('EIP712Domain', v_types -> 'EIP712Domain');
    END IF;
    IF v_given IS DISTINCT FROM jsonb_build_object('EIP712Domain', v_types -> 'EIP712Domain',
                                                   primary_type, v_types -> primary_type) THEN
        SELECT string_agg(f ->> 'type' || ' ' || (f ->> 'name'), ',' ORDER BY i) INTO v_want
          FROM jsonb_array_elements(v_types -> primary_type) WITH ORDINALITY AS e(f, i);
        RAISE EXCEPTION 'typed data types are not exactly the % order type', primary_type
            USING ERRCODE = 'CD020',
                  DETAIL = format('%s must be %s(%s) with EIP712Domain(string name,string version,uint256 chainId,address verifyingContract) and no other types.',
                                  primary_type, primary_type, v_want),
                  HINT = 'order_typed_data(primary_type, message) builds the exact typed data.';
    END IF;
    SELECT string_agg(k, ', ' ORDER BY k) INTO v_keys
      FROM (SELECT jsonb_object_keys(CASE jsonb_typeof(typed_data -> 'message') WHEN 'object' THEN typed_data -> 'message' ELSE '{}' END)
            EXCEPT SELECT f ->> 'name' FROM jsonb_array_elements(v_types -> primary_type) AS e(f)) AS extra(k);
    IF jsonb_typeof(typed_data -> 'message') IS DISTINCT FROM 'object' OR v_keys IS NOT NULL THEN
        RAISE EXCEPTION 'the % message has fields that are not in its type', primary_type
            USING ERRCODE = 'CD020', DETAIL = format('Unexpected: %s.', coalesce(v_keys, 'the message is not a JSON object'));
    END IF;
    -- the domain: exactly the configured one
    v_domain := @extschema@.order_domain_json();
    v_given := typed_data -> 'domain';
    IF jsonb_typeof(v_given) IS DISTINCT FROM 'object'
       OR (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(v_given) AS o(k))
          IS DISTINCT FROM ARRAY['chainId', 'name', 'verifyingContract', 'version']
       OR (v_given ->> 'name') IS DISTINCT FROM (v_domain ->> 'name')
       OR (v_given ->> 'version') IS DISTINCT FROM (v_domain ->> 'version')
       OR @extschema@.order_uint('domain.chainId', v_given -> 'chainId') <> (v_domain ->> 'chainId')::numeric
       OR @extschema@.order_address('domain.verifyingContract', v_given -> 'verifyingContract')
          OPERATOR(@extschema@.<>) (v_domain ->> 'verifyingContract')::@extschema@.eth_address THEN
        RAISE EXCEPTION 'the % is signed for another EIP-712 domain', v_what
            USING ERRCODE = 'CD021',
                  DETAIL = format('The domain is %s; this database accepts %s.', coalesce(v_given::text, 'missing'), v_domain),
                  HINT = 'Sign under the domain order_domain_json() returns.';
    END IF;
    signer := @extschema@.order_address('signer', typed_data #> '{message,signer}');
    -- eip712_recover(typed_data, signature) is ecrecover(eip712_hash(typed_data), signature):
    -- one hash serves the recovery and the nonce record
    order_hash := @extschema@.eip712_hash(typed_data);
    v_recovered := @extschema@.ecrecover(order_hash, signature);
    IF v_recovered IS NULL OR v_recovered OPERATOR(@extschema@.<>) signer THEN
        RAISE EXCEPTION 'the signature of the % is not by its signer %', v_what, signer
            USING ERRCODE = 'CD022',
                  DETAIL = CASE WHEN v_recovered IS NULL THEN @extschema@.order_signature_defect(signature)
                                ELSE format('It recovers to %s: the typed data was changed after signing, or another key signed it.', v_recovered) END;
    END IF;
END
$$;
COMMENT ON FUNCTION order_authenticate(jsonb, bytea, text[]) IS
    'internal: check typed data against an accepted type and the configured domain and that message.signer signed it; returns the type, signer and EIP-712 hash';

-- Lock (signer, nonce) and return its row, if any.  The nonce lock comes
-- before every ledger lock (docs/orders.md, "Concurrency").
CREATE FUNCTION order_lock_nonce(signer eth_address, nonce numeric) RETURNS order_nonces
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r @extschema@.order_nonces;
BEGIN
    PERFORM pg_advisory_xact_lock(1128529923, hashtext(signer::text || ':' || nonce::text));
    SELECT * INTO r FROM @extschema@.order_nonces o
     WHERE o.signer OPERATOR(@extschema@.=) order_lock_nonce.signer AND o.nonce = order_lock_nonce.nonce;
    RETURN r;
END
$$;
COMMENT ON FUNCTION order_lock_nonce(eth_address, numeric) IS
    'internal: take the advisory lock of a (signer, nonce) and return its consumed-nonce row (all NULL when unused)';

CREATE FUNCTION execute_order(typed_data jsonb, signature bytea,
    OUT order_hash bytea, OUT signer eth_address, OUT nonce numeric, OUT kind text, OUT txn_id bigint, OUT result jsonb)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m jsonb;
    r @extschema@.order_nonces;
    v_deadline numeric;
    v_asset @extschema@.asset;
    v_amount numeric;
    v_ref text;
BEGIN
    SELECT a.primary_type, a.signer, a.order_hash INTO kind, signer, order_hash
      FROM @extschema@.order_authenticate(typed_data, signature, ARRAY['Buy', 'Sell', 'Transfer', 'Withdraw']) AS a;
    m := typed_data -> 'message';
    nonce := @extschema@.order_uint('nonce', m -> 'nonce');
    v_deadline := @extschema@.order_uint('deadline', m -> 'deadline');
    v_amount := @extschema@.order_uint('amount', m -> 'amount');
    -- a string (the EIP-712 encoder refused anything else); the asset type judges it
    v_asset := (m ->> 'asset')::@extschema@.asset;

    r := @extschema@.order_lock_nonce(signer, nonce);
    IF r.signer IS NOT NULL THEN
        IF r.status = 'cancelled' THEN
            RAISE EXCEPTION 'nonce % of % was cancelled', nonce, signer
                USING ERRCODE = 'CD025', DETAIL = 'cancel_nonce voided it: no order signed with it can execute.',
                      HINT = 'Sign the order again with an unused nonce.';
        ELSIF r.order_hash <> order_hash THEN
            RAISE EXCEPTION 'nonce % of % was already used by a different order', nonce, signer
                USING ERRCODE = 'CD024',
                      DETAIL = format('A %s order with EIP-712 hash 0x%s used it (journal transaction %s).',
                                      r.primary_type, encode(r.order_hash, 'hex'), r.txn_id),
                      HINT = 'Sign the new order with an unused nonce.';
        END IF;
        -- the same order again: the ledger call below, with the same ref
        -- and arguments, replays it from the journal (nothing is applied
        -- twice), so the result served is the one the hash chain covers
        -- rather than the copy in order_nonces.result
    END IF;
    IF r.signer IS NULL AND v_deadline < extract(epoch FROM pg_catalog.now()) THEN
        RAISE EXCEPTION 'the % order expired at deadline %', lower(kind), v_deadline
            USING ERRCODE = 'CD023',
                  DETAIL = format('The deadline (unix seconds) is %s, before the start of this transaction.',
                                  CASE WHEN v_deadline < 253402300800
                                       THEN to_char(to_timestamp(v_deadline::double precision) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                                       ELSE v_deadline::text END),
                  HINT = 'Sign the order again with a later deadline.';
    END IF;

    v_ref := 'order:' || signer::text || ':' || nonce::text;
    CASE kind
    WHEN 'Buy' THEN
        SELECT to_jsonb(b) INTO result
          FROM @extschema@.buy(v_asset, signer, v_amount, @extschema@.order_uint('maxCost', m -> 'maxCost'), v_ref) AS b;
    WHEN 'Sell' THEN
        SELECT to_jsonb(s) INTO result
          FROM @extschema@.sell(v_asset, signer, v_amount, @extschema@.order_uint('minProceeds', m -> 'minProceeds'), v_ref) AS s;
    WHEN 'Transfer' THEN
        SELECT to_jsonb(t) INTO result
          FROM @extschema@.transfer(signer, @extschema@.order_address('to', m -> 'to'), v_asset, v_amount, v_ref) AS t;
    WHEN 'Withdraw' THEN
        SELECT to_jsonb(w) || jsonb_build_object('recipient', @extschema@.order_address('recipient', m -> 'recipient')::text)
          INTO result
          FROM @extschema@.withdraw(signer, v_asset, v_amount, v_ref) AS w;
    END CASE;
    txn_id := (result ->> 'txn_id')::bigint;
    IF r.signer IS NULL THEN
        INSERT INTO @extschema@.order_nonces (signer, nonce, status, primary_type, order_hash, txn_id, result)
        VALUES (signer, nonce, 'executed', kind, order_hash, txn_id, result);
    END IF;
END
$$;
COMMENT ON FUNCTION execute_order(jsonb, bytea) IS
    'execute a wallet-signed EIP-712 Buy, Sell, Transfer or Withdraw order through the ledger; idempotent by signer and nonce (a replay returns the original result)';

CREATE FUNCTION cancel_nonce(typed_data jsonb, signature bytea, OUT signer eth_address, OUT nonce numeric,
    OUT cancelled_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r @extschema@.order_nonces;
    v_hash bytea;
BEGIN
    SELECT a.signer, a.order_hash INTO signer, v_hash
      FROM @extschema@.order_authenticate(typed_data, signature, ARRAY['Cancel']) AS a;
    nonce := @extschema@.order_uint('nonce', typed_data #> '{message,nonce}');
    r := @extschema@.order_lock_nonce(signer, nonce);
    IF r.status = 'executed' THEN
        RAISE EXCEPTION 'nonce % of % was already used by an order', nonce, signer
            USING ERRCODE = 'CD024',
                  DETAIL = format('A %s order executed with it in journal transaction %s; an executed order cannot be cancelled.',
                                  r.primary_type, r.txn_id);
    ELSIF r.status = 'cancelled' THEN
        cancelled_at := r.created_at;   -- cancelling twice is harmless
        RETURN;
    END IF;
    INSERT INTO @extschema@.order_nonces AS o (signer, nonce, status, primary_type, order_hash)
    VALUES (signer, nonce, 'cancelled', 'Cancel', v_hash)
    RETURNING o.created_at INTO cancelled_at;
END
$$;
COMMENT ON FUNCTION cancel_nonce(jsonb, bytea) IS
    'void an unused nonce with a wallet-signed EIP-712 Cancel, so no order signed with it can execute; idempotent';
