-- wallet sessions: single-use Sign-In with Ethereum nonces, logins that
-- consume them, session tokens stored only as hashes, and current_wallet()
--
-- The nonce binds the domain: siwe_nonce(domain) records which site it was
-- issued for, and wallet_login checks the message against that domain, so
-- a login needs no other argument than what the wallet signed.  A token is
-- 32 random bytes (two gen_random_uuid(), 244 random bits) in hex; only its
-- SHA-256 is stored, so reading the table does not let anyone act as a
-- wallet.  Privileges at the end of this file.

-- One row per nonce ever issued; used_at is set by the login that consumed it.
CREATE TABLE siwe_nonces (
    nonce text NOT NULL,
    domain text NOT NULL,
    issued_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    CONSTRAINT siwe_nonces_pkey PRIMARY KEY (nonce),
    CONSTRAINT siwe_nonces_nonce CHECK (nonce ~ '^[A-Za-z0-9]{8,}$'),
    CONSTRAINT siwe_nonces_expiry CHECK (expires_at > issued_at)
);
COMMENT ON TABLE siwe_nonces IS
    'the Sign-In with Ethereum nonces siwe_nonce issued, each for one domain, single use (used_at), until expires_at';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.siwe_nonces', '');

-- One row per login; the token itself is never stored.
CREATE TABLE wallet_sessions (
    token_hash bytea NOT NULL,
    address eth_address NOT NULL,
    chain_id bigint NOT NULL,
    nonce text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    CONSTRAINT wallet_sessions_pkey PRIMARY KEY (token_hash),
    CONSTRAINT wallet_sessions_nonce UNIQUE (nonce),
    CONSTRAINT wallet_sessions_hash_length CHECK (octet_length(token_hash) = 32)
);
COMMENT ON TABLE wallet_sessions IS
    'wallet sessions opened by wallet_login: the SHA-256 of each token, the wallet, until expires_at unless revoked by wallet_logout';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.wallet_sessions', '');
-- A wallet's sessions (wallet_sign_ins), found without reading every
-- wallet's: the table keeps every session ever opened.
CREATE INDEX wallet_sessions_address ON wallet_sessions (address);

-- The SHA-256 of a session token, as stored.
CREATE FUNCTION wallet_token_hash(token text) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.sha256(pg_catalog.convert_to(token, 'UTF8'));
COMMENT ON FUNCTION wallet_token_hash(text) IS 'the SHA-256 of a session token, the only form in which wallet_sessions keeps it';

-- The domain a nonce is issued for, refused unless a message can name it
-- on its first line: siwe_parse judges a message of that first line (an
-- RFC 3986 authority with a host, no scheme), so that the nonce refuses
-- what the login would otherwise refuse every time, with CD070.
CREATE FUNCTION siwe_domain_checked(domain text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m @extschema@.siwe_message;
    v_detail text;
BEGIN
    BEGIN
        m := @extschema@.siwe_parse(domain || E' wants you to sign in with your Ethereum account:\n'
            '0x0000000000000000000000000000000000000000\n\n\nURI: https://example.com\nVersion: 1\nChain ID: 1\n'
            'Nonce: 00000000\nIssued At: 2000-01-01T00:00:00Z');
    EXCEPTION WHEN invalid_text_representation THEN
        GET STACKED DIAGNOSTICS v_detail = PG_EXCEPTION_DETAIL;
    END;
    IF m.domain IS DISTINCT FROM domain THEN
        RAISE EXCEPTION 'invalid Sign-In with Ethereum domain "%"', domain
            USING ERRCODE = '22023',
                  DETAIL = CASE WHEN domain = '' THEN 'It is empty.'
                                WHEN m.scheme IS NOT NULL THEN format('It starts with the scheme "%s://".', m.scheme)
                                WHEN pg_catalog.strpos(domain, E'\n') > 0 THEN 'It has a line break.'
                                ELSE coalesce(v_detail, 'It is not an RFC 3986 authority.') END,
                  HINT = 'A nonce is issued for the domain a message names on its first line: host, optional user information and port, as "app.example" or "app.example:8443".';
    END IF;
    RETURN domain;
END
$$;
COMMENT ON FUNCTION siwe_domain_checked(text) IS
    'internal: the domain a Sign-In with Ethereum nonce is issued for, if a message can name it (an RFC 3986 authority with a host, no scheme); 22023 otherwise';

CREATE FUNCTION siwe_nonce(domain text, ttl interval DEFAULT interval '10 minutes') RETURNS text
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_nonce text := pg_catalog.replace(pg_catalog.gen_random_uuid()::text, '-', '');
    v_seconds numeric;
BEGIN
    IF domain IS NULL OR ttl IS NULL THEN
        RAISE EXCEPTION 'siwe_nonce takes a domain and a ttl, not NULL' USING ERRCODE = '22004';
    END IF;
    -- ttl as a duration (a month 30 days, a day 24 hours, as interval
    -- comparison counts them), which the nonce then lives for exactly:
    -- added to now() as it is, '1 mon -29 days' would pass as 1 day but
    -- last 2 after a 31-day month, or end before it began after February
    v_seconds := extract(epoch FROM ttl);
    IF v_seconds <= 0 OR v_seconds > 86400 THEN
        RAISE EXCEPTION 'nonce ttl % is not between 0 and 1 day', ttl
            USING ERRCODE = '22023',
                  DETAIL = 'A nonce lives for the few minutes between the sign-in page and the wallet''s signature.';
    END IF;
    INSERT INTO @extschema@.siwe_nonces (nonce, domain, expires_at)
    VALUES (v_nonce, @extschema@.siwe_domain_checked(domain), now() + make_interval(secs => v_seconds::double precision));
    RETURN v_nonce;
END
$$;
COMMENT ON FUNCTION siwe_nonce(text, interval) IS
    'a fresh single-use Sign-In with Ethereum nonce (32 hex digits) for a domain, valid for ttl (default 10 minutes)';

CREATE FUNCTION wallet_login(message text, signature bytea,
    OUT token text, OUT address eth_address, OUT expires_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m @extschema@.siwe_message;
    n @extschema@.siwe_nonces;
    v_now timestamptz;
BEGIN
    IF message IS NULL OR signature IS NULL THEN
        RAISE EXCEPTION 'wallet_login takes a message and a signature, not NULL' USING ERRCODE = '22004';
    END IF;
    m := @extschema@.siwe_parse(message);
    -- the nonce row lock makes two logins with one nonce take turns: the second sees it used
    SELECT * INTO n FROM @extschema@.siwe_nonces AS s WHERE s.nonce = m.nonce FOR UPDATE;
    -- the clock, not the transaction's start (now()): a transaction held
    -- open must not keep a nonce or a signed message valid past its time
    v_now := pg_catalog.clock_timestamp();
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown Sign-In with Ethereum nonce "%"', m.nonce
            USING ERRCODE = 'CD075',
                  HINT = 'Sign a message with a nonce from siwe_nonce().';
    ELSIF n.used_at IS NOT NULL THEN
        RAISE EXCEPTION 'Sign-In with Ethereum nonce "%" was already used', m.nonce
            USING ERRCODE = 'CD076',
                  DETAIL = 'Each nonce signs in once: the signed message was replayed, or another login used it first.',
                  HINT = 'Ask for a new nonce and sign again.';
    ELSIF n.expires_at <= v_now THEN
        RAISE EXCEPTION 'Sign-In with Ethereum nonce "%" expired', m.nonce
            USING ERRCODE = 'CD077',
                  DETAIL = format('It was valid until %s.', n.expires_at),
                  HINT = 'Ask for a new nonce and sign again.';
    END IF;
    address := @extschema@.siwe_verify(message, signature, n.domain, n.nonce, v_now);
    UPDATE @extschema@.siwe_nonces AS s SET used_at = now() WHERE s.nonce = n.nonce;
    token := pg_catalog.replace(pg_catalog.gen_random_uuid()::text || pg_catalog.gen_random_uuid()::text, '-', '');
    expires_at := least(now() + interval '1 day', m.expiration_time);
    INSERT INTO @extschema@.wallet_sessions (token_hash, address, chain_id, nonce, expires_at)
    VALUES (@extschema@.wallet_token_hash(token), address, m.chain_id, n.nonce, wallet_login.expires_at);
END
$$;
COMMENT ON FUNCTION wallet_login(text, bytea) IS
    'sign in with a wallet-signed Sign-In with Ethereum message whose nonce siwe_nonce issued: consumes the nonce, returns a session token (stored only as its hash), the wallet and the session''s expiry (a day at most, the message''s expiration time if sooner)';

CREATE FUNCTION wallet_logout(token text) RETURNS boolean
LANGUAGE sql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    WITH revoked AS (
        UPDATE @extschema@.wallet_sessions AS s SET revoked_at = now()
         WHERE s.token_hash = @extschema@.wallet_token_hash(token) AND s.revoked_at IS NULL
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM revoked);
END;
COMMENT ON FUNCTION wallet_logout(text) IS
    'revoke a session: true when the token named a session not yet revoked (expired or not), false otherwise';

-- VOLATILE, as every SECURITY DEFINER function of the extension is
-- (test/pgtap/ledger.sql); a policy or query that wants it once per
-- statement writes (SELECT current_wallet()), an init plan.  Expiry is
-- by the clock, not the transaction's start: a session ends on time in
-- a transaction held open too.
CREATE FUNCTION current_wallet() RETURNS eth_address
LANGUAGE sql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT s.address FROM @extschema@.wallet_sessions AS s
     WHERE s.token_hash = @extschema@.wallet_token_hash(nullif(current_setting('creative_defi.session_token', true), ''))
       AND s.revoked_at IS NULL AND s.expires_at > pg_catalog.clock_timestamp();
END;
COMMENT ON FUNCTION current_wallet() IS
    'the wallet of the session whose token is the setting creative_defi.session_token; NULL when it is unset, unknown, expired or revoked';

-- Old sign-in rows, deleted: nonces used or expired and sessions revoked or
-- expired more than older_than ago, so that the tables, which any app
-- request can add to, stay the size of what is live and recent.  A live
-- nonce or session is never deleted (a row counts as dead only from
-- now(), the transaction's start, which is never later than the clock
-- that login and current_wallet() go by).  Nothing in the journal or a
-- ledger_verify() check refers to these rows; the one reader of both is
-- wallet_sign_ins, which joins a session to its nonce, so a used nonce is
-- deleted only once no session refers to it (with the default, after its
-- session).  older_than is a duration, as siwe_nonce's ttl: a month 30
-- days, whatever the calendar.
CREATE FUNCTION wallet_identity_purge(older_than interval DEFAULT interval '7 days',
    OUT nonces bigint, OUT sessions bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_seconds numeric;
    v_cutoff timestamptz;
BEGIN
    IF older_than IS NULL THEN
        RAISE EXCEPTION 'wallet_identity_purge takes an interval, not NULL' USING ERRCODE = '22004';
    END IF;
    v_seconds := extract(epoch FROM older_than);
    IF v_seconds < 0 THEN
        RAISE EXCEPTION 'purge interval % is negative', older_than
            USING ERRCODE = '22023',
                  DETAIL = 'A negative interval would name rows that end in the future: live nonces and sessions.',
                  HINT = 'Pass how long rows are kept after they end, as interval ''7 days'', or interval ''0'' to delete every ended row.';
    END IF;
    -- an interval longer than the time since 1970 keeps every row (none
    -- is older), without computing a timestamp out of range
    v_cutoff := now() - make_interval(secs => least(v_seconds, extract(epoch FROM now()))::double precision);
    DELETE FROM @extschema@.wallet_sessions AS s
     WHERE least(s.expires_at, coalesce(s.revoked_at, 'infinity')) < v_cutoff;
    GET DIAGNOSTICS sessions = ROW_COUNT;
    DELETE FROM @extschema@.siwe_nonces AS n
     WHERE least(n.expires_at, coalesce(n.used_at, 'infinity')) < v_cutoff
       AND NOT EXISTS (SELECT 1 FROM @extschema@.wallet_sessions AS s WHERE s.nonce = n.nonce);
    GET DIAGNOSTICS nonces = ROW_COUNT;
END
$$;
COMMENT ON FUNCTION wallet_identity_purge(interval) IS
    'delete the Sign-In with Ethereum nonces used or expired and the wallet sessions revoked or expired more than older_than ago (default 7 days; a used nonce only once no session refers to it); returns how many of each; 22023 for a negative interval';

-- Privileges: every role reads the tables (hashes and nonces only); the
-- app role issues nonces and opens and closes sessions; every role may ask
-- whose session it runs in; the operator purges old nonces and sessions.
REVOKE ALL ON TABLE siwe_nonces, wallet_sessions FROM PUBLIC;
GRANT SELECT ON TABLE siwe_nonces, wallet_sessions
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
REVOKE ALL ON FUNCTION
    wallet_token_hash(text),
    siwe_domain_checked(text),
    siwe_nonce(text, interval),
    wallet_login(text, bytea),
    wallet_logout(text),
    current_wallet(),
    wallet_identity_purge(interval)
FROM PUBLIC;
GRANT EXECUTE ON FUNCTION siwe_nonce(text, interval), wallet_login(text, bytea), wallet_logout(text) TO creative_defi_app;
GRANT EXECUTE ON FUNCTION current_wallet()
    TO creative_defi_reader, creative_defi_app, creative_defi_treasury, creative_defi_operator;
GRANT EXECUTE ON FUNCTION wallet_identity_purge(interval) TO creative_defi_operator;
