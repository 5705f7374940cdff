-- solvency checkpoints: an EIP-712 Checkpoint of a liabilities snapshot
-- (sequence number, journal head, asset, liabilities root, total, claims
-- root) under the deployment's order domain (70_orders.sql), signed by M
-- of N configured auditors (docs/solvency.md, "Checkpoints").  A
-- published checkpoint pins the journal's hash at a sequence number: a
-- later rewrite of history no longer matches what the auditors signed.
--
-- Error codes (class CD, docs/errors.md):
--   CD064 no checkpoint auditors configured
--   CD065 the signature is not by a checkpoint auditor
--   CD066 the auditor already signed this checkpoint
--   CD067 threshold not between 1 and the number of auditors
--   CD068 the signature is of another snapshot's checkpoint

-- The auditor set: one row, written only by set_checkpoint_auditors
-- (owner only), as set_approvers configures an asset's approvers.
CREATE TABLE checkpoint_auditors (
    one ledger_single_row_key NOT NULL DEFAULT true,
    auditors eth_address[] NOT NULL,
    threshold integer NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT checkpoint_auditors_pkey PRIMARY KEY (one),
    CONSTRAINT checkpoint_auditors_threshold CHECK (threshold BETWEEN 1 AND cardinality(auditors))
);
COMMENT ON TABLE checkpoint_auditors IS
    'the auditors (addresses) whose EIP-712 Checkpoint signatures count, and the threshold M of N that completes a checkpoint; one row';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.checkpoint_auditors', '');

-- One row per auditor's signature of a snapshot's checkpoint, with the
-- EIP-712 hash it signs: the hash changes with the domain, so a signature
-- stays checkable (ecrecover(checkpoint_hash, signature) = auditor) after
-- a domain change, and counts only for the hash it signed.
CREATE TABLE checkpoint_signatures (
    snapshot_id bigint NOT NULL REFERENCES liabilities_snapshots (id),
    checkpoint_hash bytea NOT NULL,
    auditor eth_address NOT NULL,
    signature bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT checkpoint_signatures_pkey PRIMARY KEY (snapshot_id, checkpoint_hash, auditor),
    CONSTRAINT checkpoint_signatures_hash_len CHECK (octet_length(checkpoint_hash) = 32),
    CONSTRAINT checkpoint_signatures_signature_len CHECK (octet_length(signature) IN (64, 65))
);
COMMENT ON TABLE checkpoint_signatures IS
    'the auditors'' EIP-712 Checkpoint signatures of liabilities snapshots, each with the hash it signs';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.checkpoint_signatures', '');
CREATE TRIGGER checkpoint_signatures_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON checkpoint_signatures
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

CREATE FUNCTION set_checkpoint_auditors(auditors eth_address[], threshold integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_dup @extschema@.eth_address;
    v_n int := cardinality(auditors);
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['auditors', 'threshold'],
        ARRAY[auditors IS NULL, threshold IS NULL]);
    IF v_n = 0 OR array_position(auditors, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'auditors must be a non-empty array without nulls' USING ERRCODE = '22023';
    END IF;
    SELECT x INTO v_dup FROM unnest(auditors) AS u(x) GROUP BY x HAVING count(*) > 1 ORDER BY x LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'auditor % is listed twice', v_dup USING ERRCODE = '22023';
    END IF;
    IF threshold < 1 OR threshold > v_n THEN
        RAISE EXCEPTION 'threshold % is not between 1 and the number of auditors (%)', threshold, v_n
            USING ERRCODE = 'CD067';
    END IF;
    INSERT INTO @extschema@.checkpoint_auditors AS a (one, auditors, threshold)
    VALUES (true, set_checkpoint_auditors.auditors, set_checkpoint_auditors.threshold)
    ON CONFLICT ON CONSTRAINT checkpoint_auditors_pkey DO UPDATE
        SET auditors = excluded.auditors, threshold = excluded.threshold, updated_at = pg_catalog.now();
END
$$;
COMMENT ON FUNCTION set_checkpoint_auditors(eth_address[], integer) IS
    'admin: set the checkpoint auditors and the threshold M of N signatures that completes a checkpoint';

-- The Checkpoint type with the orders' EIP712Domain, in the form
-- eth_signTypedData_v4 takes them.
CREATE FUNCTION checkpoint_types() RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN pg_catalog.jsonb_build_object('EIP712Domain', @extschema@.order_types() -> 'EIP712Domain', 'Checkpoint',
    '[{"name": "sequence", "type": "uint256"}, {"name": "journalHead", "type": "bytes32"},
      {"name": "asset", "type": "string"}, {"name": "liabilitiesRoot", "type": "bytes32"},
      {"name": "total", "type": "uint256"}, {"name": "claimsRoot", "type": "bytes32"}]'::jsonb);
COMMENT ON FUNCTION checkpoint_types() IS
    'the EIP-712 Checkpoint type (sequence, journalHead, asset, liabilitiesRoot, total, claimsRoot), with EIP712Domain, as wallets take it';

CREATE FUNCTION checkpoint_typed_data(snapshot_id bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s @extschema@.liabilities_snapshots;
BEGIN
    SELECT * INTO s FROM @extschema@.liabilities_snapshots x WHERE x.id = checkpoint_typed_data.snapshot_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown liabilities snapshot %', snapshot_id USING ERRCODE = 'CD061';
    END IF;
    RETURN jsonb_build_object(
        'types', @extschema@.checkpoint_types(),
        'primaryType', 'Checkpoint',
        'domain', @extschema@.order_domain_json(),
        'message', jsonb_build_object(
            'sequence', s.seq::text,
            'journalHead', '0x' || encode(s.journal_head, 'hex'),
            'asset', s.asset::text,
            'liabilitiesRoot', '0x' || encode(s.root, 'hex'),
            'total', s.total::text,
            'claimsRoot', '0x' || encode(@extschema@.claims_root(s.id), 'hex')));
END
$$;
COMMENT ON FUNCTION checkpoint_typed_data(bigint) IS
    'the EIP-712 Checkpoint typed data of a liabilities snapshot under the configured domain, for an auditor''s wallet to sign';

-- The threshold, and the signatures of the current auditors over the
-- checkpoint's current hash.
CREATE FUNCTION checkpoint_count(snapshot_id bigint, checkpoint_hash bytea, OUT signatures integer, OUT required integer)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT (SELECT count(*) FROM @extschema@.checkpoint_signatures g
             WHERE g.snapshot_id = checkpoint_count.snapshot_id AND g.checkpoint_hash = checkpoint_count.checkpoint_hash
               AND g.auditor OPERATOR(@extschema@.=) ANY (a.auditors))::integer,
           a.threshold
      FROM @extschema@.checkpoint_auditors a;
END;
COMMENT ON FUNCTION checkpoint_count(bigint, bytea) IS
    'internal: how many current auditors signed a snapshot''s checkpoint hash, and the threshold';

-- An auditor's signature of another snapshot's checkpoint recovers to
-- someone else for this one: the most recent of the asset's 10 latest
-- other snapshots whose checkpoint it is an auditor's signature of, to
-- name it in the refusal.  The bound keeps the recoveries under the
-- snapshot's lock few, however many snapshots there are.
CREATE FUNCTION checkpoint_signed_other(s liabilities_snapshots, signature bytea, auditors eth_address[]) RETURNS bigint
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
RETURN (SELECT c.id FROM (SELECT x.id FROM @extschema@.liabilities_snapshots x
                           WHERE x.asset OPERATOR(@extschema@.=) s.asset AND x.id <> s.id ORDER BY x.id DESC LIMIT 10) c
         WHERE @extschema@.eip712_recover(@extschema@.checkpoint_typed_data(c.id), signature)
               OPERATOR(@extschema@.=) ANY (auditors)
         ORDER BY c.id DESC LIMIT 1);
COMMENT ON FUNCTION checkpoint_signed_other(liabilities_snapshots, bytea, eth_address[]) IS
    'internal: the latest of an asset''s 10 most recent other snapshots whose checkpoint the signature is an auditor''s signature of, or NULL';

CREATE FUNCTION record_checkpoint(snapshot_id bigint, signature bytea, OUT auditor eth_address,
    OUT signatures integer, OUT required integer, OUT complete boolean)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    a @extschema@.checkpoint_auditors;
    s @extschema@.liabilities_snapshots;
    v_hash bytea;
    v_other bigint;
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['snapshot_id', 'signature'],
        ARRAY[snapshot_id IS NULL, signature IS NULL]);
    -- the snapshot row lock serializes the signatures of one checkpoint,
    -- so that exactly one call reports the threshold reached
    SELECT * INTO s FROM @extschema@.liabilities_snapshots x WHERE x.id = record_checkpoint.snapshot_id
       FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown liabilities snapshot %', snapshot_id USING ERRCODE = 'CD061';
    END IF;
    SELECT * INTO a FROM @extschema@.checkpoint_auditors;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no checkpoint auditors are configured'
            USING ERRCODE = 'CD064',
                  HINT = 'The extension''s owner sets them with set_checkpoint_auditors(auditors, threshold).';
    END IF;
    v_hash := @extschema@.eip712_hash(@extschema@.checkpoint_typed_data(s.id));
    auditor := @extschema@.ecrecover(v_hash, signature);
    IF auditor IS NULL OR NOT (auditor OPERATOR(@extschema@.=) ANY (a.auditors)) THEN
        -- a signature that recovers nothing here recovers nothing for any snapshot
        IF auditor IS NOT NULL THEN
            v_other := @extschema@.checkpoint_signed_other(s, signature, a.auditors);
        END IF;
        IF v_other IS NOT NULL THEN
            RAISE EXCEPTION 'the signature is of the checkpoint of snapshot %, not of snapshot %', v_other, s.id
                USING ERRCODE = 'CD068', HINT = 'Sign checkpoint_typed_data(snapshot_id) of this snapshot.';
        END IF;
        RAISE EXCEPTION '% is not a checkpoint auditor', coalesce(auditor::text, 'the signer')
            USING ERRCODE = 'CD065',
                  DETAIL = CASE WHEN auditor IS NULL THEN @extschema@.order_signature_defect(signature)
                                ELSE 'The signature recovers to this address; it is not in the auditor set (or it signed other typed data).' END,
                  HINT = 'Sign checkpoint_typed_data(snapshot_id) with an auditor''s key; checkpoint_auditors lists them.';
    END IF;
    IF EXISTS (SELECT 1 FROM @extschema@.checkpoint_signatures g
                WHERE g.snapshot_id = s.id AND g.checkpoint_hash = v_hash
                  AND g.auditor OPERATOR(@extschema@.=) record_checkpoint.auditor) THEN
        RAISE EXCEPTION '% already signed the checkpoint of snapshot %', auditor, s.id
            USING ERRCODE = 'CD066', DETAIL = 'Each auditor counts once.';
    END IF;
    INSERT INTO @extschema@.checkpoint_signatures (snapshot_id, checkpoint_hash, auditor, signature)
    VALUES (s.id, v_hash, auditor, signature);
    SELECT c.signatures, c.required INTO signatures, required FROM @extschema@.checkpoint_count(s.id, v_hash) c;
    complete := signatures >= required;
END
$$;
COMMENT ON FUNCTION record_checkpoint(bigint, bytea) IS
    'record an auditor''s EIP-712 Checkpoint signature of a liabilities snapshot; returns the auditor, the signatures counted, the threshold and whether it is reached';

-- What to publish: the typed data, its hash and the signatures that count.
CREATE FUNCTION checkpoint_json(snapshot_id bigint) RETURNS jsonb
LANGUAGE plpgsql STRICT SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_typed jsonb := @extschema@.checkpoint_typed_data(snapshot_id);
    v_hash bytea := @extschema@.eip712_hash(v_typed);
    c record;
BEGIN
    SELECT * INTO c FROM @extschema@.checkpoint_count(snapshot_id, v_hash);
    RETURN jsonb_build_object(
        'snapshot', snapshot_id,
        'typed_data', v_typed,
        'hash', '0x' || encode(v_hash, 'hex'),
        'signatures', (SELECT coalesce(jsonb_agg(jsonb_build_object('auditor', g.auditor::text,
                                                                    'signature', '0x' || encode(g.signature, 'hex'))
                                                 ORDER BY g.auditor), '[]')
                         FROM @extschema@.checkpoint_signatures g, @extschema@.checkpoint_auditors a
                        WHERE g.snapshot_id = checkpoint_json.snapshot_id AND g.checkpoint_hash = v_hash
                          AND g.auditor OPERATOR(@extschema@.=) ANY (a.auditors)),
        'required', c.required,
        'complete', coalesce(c.signatures >= c.required, false));
END
$$;
COMMENT ON FUNCTION checkpoint_json(bigint) IS
    'a snapshot''s checkpoint to publish: its typed data, EIP-712 hash, the current auditors'' signatures of it, the threshold and whether it is reached';

-- privileges: every role reads the auditors and signatures and builds the
-- typed data; an auditor's signature authorizes record_checkpoint, so the
-- app and the operator may hand it in.  set_checkpoint_auditors is granted
-- to no one (the owner and superusers), as set_approvers.
REVOKE ALL ON TABLE checkpoint_auditors, checkpoint_signatures FROM PUBLIC;
GRANT SELECT ON TABLE checkpoint_auditors, checkpoint_signatures
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
REVOKE ALL ON FUNCTION
    set_checkpoint_auditors(eth_address[], integer),
    checkpoint_types(),
    checkpoint_typed_data(bigint),
    checkpoint_count(bigint, bytea),
    checkpoint_signed_other(liabilities_snapshots, bytea, eth_address[]),
    record_checkpoint(bigint, bytea),
    checkpoint_json(bigint)
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION checkpoint_types(), checkpoint_typed_data(bigint), checkpoint_json(bigint)
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
GRANT EXECUTE ON FUNCTION record_checkpoint(bigint, bytea) TO creative_defi_app, creative_defi_operator;
