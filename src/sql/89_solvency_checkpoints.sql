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

-- The auditor sets, in order: set_checkpoint_auditors (owner only)
-- appends one, as set_approvers configures an asset's approvers, and the
-- latest is in force.  The earlier ones stay (append-only): each
-- signature names the set it was recorded under, so that ledger_verify()
-- can check its signer and the threshold it completed after the set
-- changed.
CREATE SEQUENCE checkpoint_auditors_id_seq AS bigint;
COMMENT ON SEQUENCE checkpoint_auditors_id_seq IS 'ids of checkpoint auditor sets';
CREATE TABLE checkpoint_auditors (
    id bigint NOT NULL,
    auditors eth_address[] NOT NULL,
    threshold integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT checkpoint_auditors_pkey PRIMARY KEY (id),
    CONSTRAINT checkpoint_auditors_threshold CHECK (threshold BETWEEN 1 AND cardinality(auditors))
);
COMMENT ON TABLE checkpoint_auditors IS
    'the checkpoint auditor sets, in order, the latest in force: the auditors (addresses) whose EIP-712 Checkpoint signatures count, and the threshold M of N that completes a checkpoint';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.checkpoint_auditors', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.checkpoint_auditors_id_seq', '');
CREATE TRIGGER checkpoint_auditors_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON checkpoint_auditors
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- The auditor set in force: the latest (no row before the first
-- set_checkpoint_auditors).
CREATE FUNCTION checkpoint_auditor_set() RETURNS SETOF checkpoint_auditors
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT * FROM @extschema@.checkpoint_auditors a ORDER BY a.id DESC LIMIT 1;
END;
COMMENT ON FUNCTION checkpoint_auditor_set() IS
    'internal: the checkpoint auditor set in force (the latest), or no row before the first set_checkpoint_auditors';

-- One row per auditor's signature of a snapshot's checkpoint, with the
-- EIP-712 hash it signs and the domain it was signed under: the hash
-- changes with the domain, so a signature stays checkable (ecrecover(
-- checkpoint_hash, signature) = auditor, and checkpoint_hash recomputed
-- from the snapshot under domain) after a domain change, and counts only
-- for the hash it signed.  auditor_set is the set in force when it was
-- recorded, complete whether the checkpoint had its threshold with it
-- (record_checkpoint's complete): what ledger_verify() holds it to.
CREATE TABLE checkpoint_signatures (
    snapshot_id bigint NOT NULL REFERENCES liabilities_snapshots (id),
    checkpoint_hash bytea NOT NULL,
    auditor eth_address NOT NULL,
    signature bytea NOT NULL,
    domain jsonb NOT NULL,
    auditor_set bigint NOT NULL REFERENCES checkpoint_auditors (id),
    complete boolean NOT NULL,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT checkpoint_signatures_pkey PRIMARY KEY (snapshot_id, checkpoint_hash, auditor),
    CONSTRAINT checkpoint_signatures_hash_len CHECK (octet_length(checkpoint_hash) = 32),
    CONSTRAINT checkpoint_signatures_signature_len CHECK (octet_length(signature) IN (64, 65))
);
COMMENT ON TABLE checkpoint_signatures IS
    'the auditors'' EIP-712 Checkpoint signatures of liabilities snapshots, each with the hash it signs, the domain it was signed under, the auditor set it was recorded under and whether the checkpoint was complete with it';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.checkpoint_signatures', '');
CREATE TRIGGER checkpoint_signatures_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON checkpoint_signatures
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

CREATE FUNCTION set_checkpoint_auditors(auditors eth_address[], threshold integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM @extschema@.ledger_check_not_null(ARRAY['auditors', 'threshold'],
        ARRAY[auditors IS NULL, threshold IS NULL]);
    PERFORM @extschema@.signer_set_check(auditors, threshold, 'auditor', 'CD067', false);
    INSERT INTO @extschema@.checkpoint_auditors (id, auditors, threshold)
    VALUES (nextval('@extschema@.checkpoint_auditors_id_seq'), set_checkpoint_auditors.auditors,
            set_checkpoint_auditors.threshold);
END
$$;
COMMENT ON FUNCTION set_checkpoint_auditors(eth_address[], integer) IS
    'admin: set the checkpoint auditors and the threshold M of N signatures that completes a checkpoint (a new auditor set, in force from now on)';

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

-- The typed data of a snapshot's Checkpoint with its claims root under a
-- domain: record_checkpoint's under the domain in force, ledger_verify()'s
-- under the domain a signature was recorded with.
CREATE FUNCTION checkpoint_typed_data_of(s liabilities_snapshots, claims_root bytea, domain jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN jsonb_build_object(
    'types', @extschema@.checkpoint_types(),
    'primaryType', 'Checkpoint',
    'domain', checkpoint_typed_data_of.domain,
    'message', jsonb_build_object(
        'sequence', s.seq::text,
        'journalHead', '0x' || encode(s.journal_head, 'hex'),
        'asset', s.asset::text,
        'liabilitiesRoot', '0x' || encode(s.root, 'hex'),
        'total', s.total::text,
        'claimsRoot', '0x' || encode(checkpoint_typed_data_of.claims_root, 'hex')));
COMMENT ON FUNCTION checkpoint_typed_data_of(liabilities_snapshots, bytea, jsonb) IS
    'internal: the EIP-712 Checkpoint typed data of a snapshot with its claims root under a domain';

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
    RETURN @extschema@.checkpoint_typed_data_of(s, @extschema@.claims_root(s.id), @extschema@.order_domain_json());
END
$$;
COMMENT ON FUNCTION checkpoint_typed_data(bigint) IS
    'the EIP-712 Checkpoint typed data of a liabilities snapshot under the configured domain, for an auditor''s wallet to sign';

-- The threshold, and the signatures of the auditors in force over the
-- checkpoint's current hash.
CREATE FUNCTION checkpoint_count(snapshot_id bigint, checkpoint_hash bytea, OUT signatures integer, OUT required integer)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT (SELECT count(*) FROM @extschema@.checkpoint_signatures g
             WHERE g.snapshot_id = checkpoint_count.snapshot_id AND g.checkpoint_hash = checkpoint_count.checkpoint_hash
               AND g.auditor OPERATOR(@extschema@.=) ANY (a.auditors))::integer,
           a.threshold
      FROM @extschema@.checkpoint_auditor_set() a;
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
    v_typed jsonb;
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
    SELECT * INTO a FROM @extschema@.checkpoint_auditor_set();
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no checkpoint auditors are configured'
            USING ERRCODE = 'CD064',
                  HINT = 'The extension''s owner sets them with set_checkpoint_auditors(auditors, threshold).';
    END IF;
    v_typed := @extschema@.checkpoint_typed_data(s.id);
    v_hash := @extschema@.eip712_hash(v_typed);
    auditor := @extschema@.ecrecover(v_hash, signature);
    -- a signature that recovers nothing here recovers nothing for any snapshot
    IF auditor IS NOT NULL AND NOT coalesce(auditor OPERATOR(@extschema@.=) ANY (a.auditors), false) THEN
        v_other := @extschema@.checkpoint_signed_other(s, signature, a.auditors);
        IF v_other IS NOT NULL THEN
            RAISE EXCEPTION 'the signature is of the checkpoint of snapshot %, not of snapshot %', v_other, s.id
                USING ERRCODE = 'CD068', HINT = 'Sign checkpoint_typed_data(snapshot_id) of this snapshot.';
        END IF;
    END IF;
    auditor := @extschema@.signed_proposal_signer(auditor, a.auditors, signature, 'CD065', 'a checkpoint auditor',
        'the auditor set', 'Sign checkpoint_typed_data(snapshot_id) with an auditor''s key; checkpoint_auditors lists them.');
    -- counted with this one (by an auditor of the set in force), so that
    -- the row says whether the checkpoint is complete with it
    signatures := @extschema@.signed_proposal_tally(
        ARRAY(SELECT g.auditor FROM @extschema@.checkpoint_signatures g
               WHERE g.snapshot_id = s.id AND g.checkpoint_hash = v_hash),
        auditor, a.auditors, 'CD066', 'already signed the checkpoint of snapshot ' || s.id::text, 'auditor');
    required := a.threshold;
    complete := signatures >= required;
    INSERT INTO @extschema@.checkpoint_signatures (snapshot_id, checkpoint_hash, auditor, signature, domain,
                                                   auditor_set, complete)
    VALUES (s.id, v_hash, auditor, signature, v_typed -> 'domain', a.id, complete);
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
                         FROM @extschema@.checkpoint_signatures g, @extschema@.checkpoint_auditor_set() a
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
REVOKE ALL ON SEQUENCE checkpoint_auditors_id_seq FROM PUBLIC;
GRANT SELECT ON TABLE checkpoint_auditors, checkpoint_signatures
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
REVOKE ALL ON FUNCTION
    set_checkpoint_auditors(eth_address[], integer),
    checkpoint_types(),
    checkpoint_typed_data(bigint),
    checkpoint_typed_data_of(liabilities_snapshots, bytea, jsonb),
    checkpoint_auditor_set(),
    checkpoint_count(bigint, bytea),
    checkpoint_signed_other(liabilities_snapshots, bytea, eth_address[]),
    record_checkpoint(bigint, bytea),
    checkpoint_json(bigint)
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION checkpoint_types(), checkpoint_typed_data(bigint),
    checkpoint_typed_data_of(liabilities_snapshots, bytea, jsonb), checkpoint_json(bigint)
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
GRANT EXECUTE ON FUNCTION record_checkpoint(bigint, bytea) TO creative_defi_app, creative_defi_operator;
