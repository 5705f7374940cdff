-- Wallet sessions: siwe_nonce, wallet_login, wallet_logout, current_wallet.
-- The signed messages are spruceid/siwe's verification vectors (as in
-- sql/siwe.sql); their nonces are entered in siwe_nonces here as
-- siwe_nonce would have issued them, since their signatures are fixed.
SET timezone = 'UTC';

-- siwe_nonce: 32 hex digits, recorded with its domain and expiry, never twice the same
CREATE TEMP TABLE issued AS SELECT siwe_nonce('login.xyz') AS nonce;
SELECT i.nonce ~ '^[0-9a-f]{32}$' AS hex32, s.domain, s.expires_at - s.issued_at AS ttl, s.used_at IS NULL AS unused
  FROM issued AS i JOIN siwe_nonces AS s USING (nonce);
SELECT siwe_nonce('login.xyz', interval '1 minute') <> siwe_nonce('login.xyz', interval '1 minute') AS fresh;
SELECT * FROM expect_error($$SELECT siwe_nonce('login.xyz', interval '0')$$);
SELECT * FROM expect_error($$SELECT siwe_nonce('login.xyz', interval '2 days')$$);
SELECT * FROM expect_error($$SELECT siwe_nonce(NULL)$$);
-- a domain no message can name is refused when the nonce is asked for, not by every login after
SELECT * FROM expect_error($$SELECT siwe_nonce('')$$);
SELECT * FROM expect_error($$SELECT siwe_nonce('https://login.xyz')$$);
SELECT * FROM expect_error($$SELECT siwe_nonce('login.xyz/')$$);
SELECT * FROM expect_error($$SELECT siwe_nonce('log in.xyz')$$);
SELECT * FROM expect_error($$SELECT siwe_nonce(E'login.xyz\nVersion: 1')$$);
SELECT siwe_nonce('user@[::1]:8080') ~ '^[0-9a-f]{32}$' AS authority_with_user_and_port;
-- a ttl is a duration, months of 30 days as interval comparison counts them: '1 mon -29 days'
-- is one day whatever the month (added to the calendar, it lasted two from December 3)
CREATE TEMP TABLE month_ttl AS SELECT siwe_nonce('login.xyz', interval '1 mon -29 days') AS nonce;
SELECT s.expires_at - s.issued_at AS lives FROM month_ttl JOIN siwe_nonces AS s USING (nonce);
SELECT * FROM expect_error($$SELECT siwe_nonce('login.xyz', interval '1 mon -28 days')$$);
DROP TABLE month_ttl;

CREATE TABLE signed (name text PRIMARY KEY, message text, signature bytea);
INSERT INTO signed VALUES
('example', E'login.xyz wants you to sign in with your Ethereum account:\n0x9D85ca56217D2bb651b00f15e694EB7E713637D4\n\nSign-In With Ethereum Example Statement\n\nURI: https://login.xyz\nVersion: 1\nChain ID: 1\nNonce: bTyXgcQxn2htgkjJn\nIssued At: 2022-01-27T17:09:38.578Z\nExpiration Time: 2100-01-07T14:31:43.952Z',
 '\xdc35c7f8ba2720df052e0092556456127f00f7707eaa8e3bbff7e56774e7f2e05a093cfc9e02964c33d86e8e066e221b7d153d27e5a2e97ccd5ca7d3f2ce06cb1b'),
('tally', E'www.tally.xyz wants you to sign in with your Ethereum account:\n0xc95EB884FE852e241D409234bfC7045CB9E31BD7\n\nSign in with Ethereum to Tally\n\nURI: https://tally.xyz\nVersion: 1\nChain ID: 1\nNonce: 15050747\nIssued At: 2022-06-30T14:08:51.382Z',
 '\x8c46b6eb8505939892d8e9b075f89f8277321b17b993151f37810cdda38cce6f4a85909d2b53e6a14629c74c0ac38bf4becde78ee5b2529812bf6cceaf7b2a2501'),
('not before', E'login.xyz wants you to sign in with your Ethereum account:\n0xE6D3Aa1F561A215E5eb1f02Ba8705385F03fCaFB\n\nSign-In With Ethereum Example Statement\n\nURI: https://login.xyz\nVersion: 1\nChain ID: 1\nNonce: lx2nx4so\nIssued At: 2022-01-05T14:27:30.883Z\nNot Before: 2100-01-07T14:31:43.952Z',
 '\xc2539ace78f13c7eb8c0852d38d269a6f97bebd9f7872097d2e3137b541f8bf50176062a46eeea83086bd2721423fb5755a932ff6ccc046ed482d14e4576042f1c'),
('wrong signature', E'login.xyz wants you to sign in with your Ethereum account:\n0x6Da01670d8fc844e736095918bbE11fE8D564163\n\nSign-In With Ethereum Example Statement\n\nURI: https://login.xyz\nVersion: 1\nChain ID: 1\nNonce: rmplqh1gf\nIssued At: 2022-01-05T14:31:43.954Z\nExpiration Time: 2100-01-07T14:31:43.952Z',
 '\x31df81dc02344c9156e6f71da46e2db624b38f8f806290d670d46492b834b2e7575cbce9f48169356cfb577b910d8e30732fcf23c1ac0021d08b945ed7ee118e1b');
INSERT INTO siwe_nonces (nonce, domain, expires_at) VALUES
    ('bTyXgcQxn2htgkjJn', 'login.xyz', now() + interval '5 minutes'),
    ('15050747', 'www.tally.xyz', now() + interval '5 minutes'),
    ('lx2nx4so', 'example.com', now() + interval '5 minutes'),
    ('rmplqh1gf', 'login.xyz', now() + interval '5 minutes');
INSERT INTO siwe_nonces (nonce, domain, issued_at, expires_at) VALUES
    ('expiredNonce1', 'login.xyz', now() - interval '10 minutes', now() - interval '1 minute');

-- refusals, none of which consumes the nonce
SELECT * FROM expect_error($$SELECT wallet_login(replace(message, 'bTyXgcQxn2htgkjJn', 'unknownNonce1'), signature) FROM signed WHERE name = 'example'$$);
SELECT error_code, message, hint FROM expect_error($$SELECT wallet_login(replace(message, 'bTyXgcQxn2htgkjJn', 'expiredNonce1'), signature) FROM signed WHERE name = 'example'$$);
-- the nonce lx2nx4so was issued for example.com, the message is for login.xyz
SELECT * FROM expect_error($$SELECT wallet_login(message, signature) FROM signed WHERE name = 'not before'$$);
UPDATE siwe_nonces SET domain = 'login.xyz' WHERE nonce = 'lx2nx4so';
SELECT error_code, message FROM expect_error($$SELECT wallet_login(message, signature) FROM signed WHERE name = 'not before'$$);
SELECT error_code, message, detail FROM expect_error($$SELECT wallet_login(message, signature) FROM signed WHERE name = 'wrong signature'$$);
SELECT error_code, message FROM expect_error($$SELECT wallet_login('hello', '\x00')$$);
SELECT * FROM expect_error($$SELECT wallet_login(NULL, '\x00')$$);
SELECT nonce, used_at IS NULL AS unused FROM siwe_nonces WHERE nonce IN ('lx2nx4so', 'rmplqh1gf') ORDER BY nonce;

-- the time of the checks is the clock's, not the transaction's start: a transaction kept open
-- does not keep a nonce alive (nor, below, a session)
BEGIN;
UPDATE siwe_nonces SET expires_at = clock_timestamp() + interval '10 milliseconds' WHERE nonce = 'bTyXgcQxn2htgkjJn';
SELECT pg_sleep(0.05);
SELECT now() < expires_at AS alive_at_transaction_start FROM siwe_nonces WHERE nonce = 'bTyXgcQxn2htgkjJn';
SELECT error_code, message FROM expect_error($$SELECT wallet_login(message, signature) FROM signed WHERE name = 'example'$$);
ROLLBACK;

-- two wallets sign in: a token each (64 hex digits), a day at most
CREATE TEMP TABLE logins AS
SELECT s.name, l.* FROM signed AS s, wallet_login(s.message, s.signature) AS l WHERE s.name IN ('example', 'tally');
SELECT l.name, l.address, l.token ~ '^[0-9a-f]{64}$' AS hex64, l.expires_at = w.created_at + interval '1 day' AS one_day,
       w.chain_id, w.nonce
  FROM logins AS l JOIN wallet_sessions AS w ON w.token_hash = sha256(convert_to(l.token, 'UTF8')) ORDER BY l.name;
-- the nonces are consumed; only the tokens' hashes are stored
SELECT n.nonce, n.used_at = w.created_at AS used_by_login FROM siwe_nonces AS n JOIN wallet_sessions AS w USING (nonce) ORDER BY n.nonce;
SELECT count(*) AS stored_as_hash FROM wallet_sessions AS w JOIN logins AS l ON w.token_hash = sha256(convert_to(l.token, 'UTF8'));
SELECT count(*) AS token_stored FROM wallet_sessions AS w JOIN logins AS l ON w.token_hash = convert_to(l.token, 'UTF8');
-- the same signed message again: its nonce is used (a replay)
SELECT error_code, message FROM expect_error($$SELECT wallet_login(message, signature) FROM signed WHERE name = 'example'$$);

-- current_wallet: nobody without a token, the token's wallet with one
SELECT current_wallet() IS NULL AS nobody;
SELECT set_config('creative_defi.session_token', token, false) IS NOT NULL AS set FROM logins WHERE name = 'example';
SELECT current_wallet() AS example_wallet;
SELECT set_config('creative_defi.session_token', token, false) IS NOT NULL AS set FROM logins WHERE name = 'tally';
SELECT current_wallet() AS tally_wallet;
SET creative_defi.session_token = 'forged';
SELECT current_wallet() IS NULL AS forged_is_nobody;
SET creative_defi.session_token = '';
SELECT current_wallet() IS NULL AS empty_is_nobody;

-- logout revokes: once true, then false; the revoked token is nobody's
SELECT wallet_logout(token) AS first, wallet_logout(token) AS again FROM logins WHERE name = 'example';
SELECT wallet_logout('forged') AS forged;
SELECT set_config('creative_defi.session_token', token, false) IS NOT NULL AS set FROM logins WHERE name = 'example';
SELECT current_wallet() IS NULL AS revoked_is_nobody;
-- a session that ends during a transaction ends in it
BEGIN;
UPDATE wallet_sessions SET expires_at = clock_timestamp() + interval '10 milliseconds'
 WHERE token_hash = (SELECT sha256(convert_to(token, 'UTF8')) FROM logins WHERE name = 'tally');
SELECT pg_sleep(0.05);
SELECT now() < w.expires_at AS alive_at_transaction_start
  FROM wallet_sessions AS w JOIN logins AS l ON w.token_hash = sha256(convert_to(l.token, 'UTF8')) WHERE l.name = 'tally';
SELECT set_config('creative_defi.session_token', token, true) IS NOT NULL AS set FROM logins WHERE name = 'tally';
SELECT current_wallet() IS NULL AS ended;
ROLLBACK;
-- an expired session is nobody's
UPDATE wallet_sessions SET expires_at = now() - interval '1 second'
 WHERE token_hash = (SELECT sha256(convert_to(token, 'UTF8')) FROM logins WHERE name = 'tally');
SELECT set_config('creative_defi.session_token', token, false) IS NOT NULL AS set FROM logins WHERE name = 'tally';
SELECT current_wallet() IS NULL AS expired_is_nobody;
RESET creative_defi.session_token;

-- privileges: the app role issues nonces and signs in; every role may ask whose session it runs in
SET ROLE creative_defi_app;
SELECT siwe_nonce('login.xyz') ~ '^[0-9a-f]{32}$' AS app_issues;
SELECT current_wallet() IS NULL AS app_asks;
RESET ROLE;
-- (the privileges of every role, exactly: test/pgtap/privileges.sql)
SELECT r.role, has_function_privilege(r.role, 'siwe_nonce(text,interval)', 'EXECUTE') AS nonce,
       has_function_privilege(r.role, 'wallet_login(text,bytea)', 'EXECUTE') AS login,
       has_function_privilege(r.role, 'wallet_logout(text)', 'EXECUTE') AS logout,
       has_function_privilege(r.role, 'current_wallet()', 'EXECUTE') AS who,
       has_table_privilege(r.role, 'wallet_sessions', 'SELECT') AS reads,
       has_table_privilege(r.role, 'wallet_sessions', 'INSERT, UPDATE, DELETE') AS writes
  FROM unnest(ARRAY['creative_defi_reader', 'creative_defi_app', 'creative_defi_treasury', 'creative_defi_operator', 'public']) AS r(role);
DROP TABLE signed;
DROP TABLE issued, logins;
TRUNCATE siwe_nonces, wallet_sessions;
