-- signed proposals (1/1): the machinery of every act that M of N signers
-- authorize with EIP-712 signatures, shared by the areas that have one:
-- approvals of asset changes (75), link changes (81), contributor tables
-- (92) and solvency checkpoints (89).  Each area keeps its own signer
-- sets, proposals, signature tables, typed data and error codes; these
-- functions hold the checks they all make, so that each is written, and
-- kept as strict, once:
--   signer_set_check           a signer set and its threshold M of N
--   signed_proposal_check_open a proposal that can still be signed
--   signed_proposal_signer     the recovered signer is in the set
--   signed_proposal_tally      each signer counts once; the count toward M
-- The areas pass their own codes and words (an error names the area's
-- proposal, as it always did); every function is internal.

-- A signer set and its threshold: neither NULL (22004), a non-empty
-- array without nulls (22023), each signer a user account when
-- user_accounts (an approver's signature moves money:
-- ledger_check_user_account names it signers[i], by the array's own
-- subscripts), no signer twice (22023), and 1 <= threshold <= N
-- (threshold_code).  signer names one member in the messages
-- ('approver'; the set is signer || 's').
CREATE FUNCTION signer_set_check(signers eth_address[], threshold integer, signer text, threshold_code text,
    user_accounts boolean) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_set text := signer || 's';
    v_n int := cardinality(signers);
    v_dup @extschema@.eth_address;
BEGIN
    -- here rather than in each caller: a NULL set or threshold passes
    -- every comparison below
    PERFORM @extschema@.ledger_check_not_null(ARRAY[v_set, 'threshold'], ARRAY[signers IS NULL, threshold IS NULL]);
    IF v_n = 0 OR array_position(signers, NULL) IS NOT NULL THEN
        RAISE EXCEPTION '% must be a non-empty array without nulls', v_set USING ERRCODE = '22023';
    END IF;
    IF user_accounts THEN
        -- the set's own subscripts: an array may start at any bound
        FOR i IN array_lower(signers, 1) .. array_upper(signers, 1) LOOP
            PERFORM @extschema@.ledger_check_user_account(format('%s[%s]', v_set, i), signers[i]);
        END LOOP;
    END IF;
    SELECT x INTO v_dup FROM unnest(signers) AS u(x) GROUP BY x HAVING count(*) > 1 ORDER BY x LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% % is listed twice', signer, v_dup USING ERRCODE = '22023';
    END IF;
    IF threshold < 1 OR threshold > v_n THEN
        RAISE EXCEPTION 'threshold % is not between 1 and the number of % (%)', threshold, v_set, v_n
            USING ERRCODE = threshold_code;
    END IF;
END
$$;
COMMENT ON FUNCTION signer_set_check(eth_address[], integer, text, text, boolean) IS
    'internal: refuse a signer set that is empty, has nulls, a signer twice or (when user_accounts) a system account, or a threshold outside 1..N (threshold_code)';

-- A proposal that may still be signed, read under its row lock by the
-- caller (the lock serializes the signatures of one proposal): codes are
-- those of an unknown proposal (expires_at NULL: no row), one already
-- applied (applied_detail formats its journal transaction) and one
-- expired.  noun is what the area's messages call it ('link proposal').
CREATE FUNCTION signed_proposal_check_open(noun text, proposal_id bigint, applied_txn bigint, expires_at timestamptz,
    codes text[], applied_detail text, expired_hint text) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF expires_at IS NULL THEN
        RAISE EXCEPTION 'unknown % %', noun, proposal_id USING ERRCODE = codes[1];
    ELSIF applied_txn IS NOT NULL THEN
        RAISE EXCEPTION '% % was already applied', noun, proposal_id
            USING ERRCODE = codes[2], DETAIL = format(applied_detail, applied_txn);
    ELSIF expires_at < pg_catalog.now() THEN
        RAISE EXCEPTION '% % expired at %', noun, proposal_id, expires_at
            USING ERRCODE = codes[3], HINT = expired_hint;
    END IF;
END
$$;
COMMENT ON FUNCTION signed_proposal_check_open(text, bigint, bigint, timestamptz, text[], text, text) IS
    'internal: refuse a proposal that does not exist, was applied or has expired, with the area''s codes (unknown, applied, expired) and words';

-- The signer a signature recovered to, when it is in the set in force:
-- otherwise code, with the reason the signature does not recover, or
-- that its signer is not in the set (a NULL set has no one in it).
-- not_signer completes "<signer> is not ..." ('an approver of asset X').
CREATE FUNCTION signed_proposal_signer(signer eth_address, signers eth_address[], signature bytea, code text,
    not_signer text, signer_set text, hint text DEFAULT NULL) RETURNS eth_address
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_message text;
    v_detail text;
BEGIN
    IF signer IS NOT NULL AND coalesce(signer OPERATOR(@extschema@.=) ANY (signers), false) THEN
        RETURN signer;
    END IF;
    v_message := format('%s is not %s', coalesce(signer::text, 'the signer'), not_signer);
    v_detail := CASE WHEN signer IS NULL THEN @extschema@.order_signature_defect(signature)
                     ELSE format('The signature recovers to this address; it is not in %s (or it signed other typed data).',
                                 signer_set) END;
    IF hint IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = code, MESSAGE = v_message, DETAIL = v_detail;
    END IF;
    RAISE EXCEPTION USING ERRCODE = code, MESSAGE = v_message, DETAIL = v_detail, HINT = hint;
END
$$;
COMMENT ON FUNCTION signed_proposal_signer(eth_address, eth_address[], bytea, text, text, text, text) IS
    'internal: the recovered signer of a signature when it is in the signer set; error code otherwise, saying why the signature does not recover or that its signer is not in the set';

-- Each signer counts once (code when signer is among those recorded, the
-- area's words: "<signer> already approved link proposal 7", "Each
-- approver counts once."); the number of signers in force that have
-- signed, this one included, for the caller to record its signature and
-- compare with the threshold.  Signers no longer in the set count no more.
CREATE FUNCTION signed_proposal_tally(recorded eth_address[], signer eth_address, signers eth_address[], code text,
    already text, member text) RETURNS integer
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF signer OPERATOR(@extschema@.=) ANY (recorded) THEN
        RAISE EXCEPTION '% %', signer, already
            USING ERRCODE = code, DETAIL = format('Each %s counts once.', member);
    END IF;
    RETURN (SELECT count(DISTINCT r.s) FROM unnest(recorded || signer) AS r(s)
             WHERE r.s OPERATOR(@extschema@.=) ANY (signers))::integer;
END
$$;
COMMENT ON FUNCTION signed_proposal_tally(eth_address[], eth_address, eth_address[], text, text, text) IS
    'internal: refuse a second signature of one signer (code); otherwise how many signers of the set in force have signed, this one included';

-- privileges: internal, called by the areas' SECURITY DEFINER functions
REVOKE ALL ON FUNCTION
    signer_set_check(eth_address[], integer, text, text, boolean),
    signed_proposal_check_open(text, bigint, bigint, timestamptz, text[], text, text),
    signed_proposal_signer(eth_address, eth_address[], bytea, text, text, text, text),
    signed_proposal_tally(eth_address[], eth_address, eth_address[], text, text, text)
FROM PUBLIC;
