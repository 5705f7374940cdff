-- wallet_identity_purge: old nonces and sessions go, live and recent ones
-- stay, a used nonce stays while a session refers to it.  In one
-- transaction (now() fixed) over tables emptied first, so that the counts
-- do not depend on what other tests left; rolled back at the end.
SET timezone = 'UTC';
BEGIN;
DELETE FROM wallet_sessions;
DELETE FROM siwe_nonces;
INSERT INTO siwe_nonces (nonce, domain, issued_at, expires_at, used_at) VALUES
    ('liveNonce1', 'login.xyz', now() - interval '1 minute', now() + interval '9 minutes', NULL),
    ('expiredMinutesAgo', 'login.xyz', now() - interval '20 minutes', now() - interval '10 minutes', NULL),
    ('expiredDayAgo', 'login.xyz', now() - interval '1 day 10 minutes', now() - interval '1 day', NULL),
    ('expiredOld1', 'login.xyz', now() - interval '10 days 10 minutes', now() - interval '10 days', NULL),
    ('usedOld1', 'login.xyz', now() - interval '10 days 5 minutes', now() - interval '9 days 23 hours', now() - interval '10 days'),
    ('usedOldRevokedRecent', 'login.xyz', now() - interval '10 days 5 minutes', now() - interval '9 days 23 hours', now() - interval '10 days'),
    ('usedLive1', 'login.xyz', now() - interval '65 minutes', now() - interval '55 minutes', now() - interval '1 hour'),
    ('usedRevokedHour', 'login.xyz', now() - interval '3 hours', now() - interval '2 hours 50 minutes', now() - interval '3 hours');
-- sessions named after their nonces; token hashes are any 32 bytes
INSERT INTO wallet_sessions (token_hash, address, chain_id, nonce, created_at, expires_at, revoked_at)
SELECT sha256(convert_to(v.nonce, 'UTF8')), '0x9D85ca56217D2bb651b00f15e694EB7E713637D4', 1, v.nonce, v.created_at, v.expires_at, v.revoked_at
  FROM (VALUES
    ('usedOld1', now() - interval '10 days', now() - interval '9 days', NULL::timestamptz),
    -- revoked two days ago, although its expiry was in the future: kept a week (its nonce with it)
    ('usedOldRevokedRecent', now() - interval '10 days', now() + interval '1 hour', now() - interval '2 days'),
    ('usedLive1', now() - interval '1 hour', now() + interval '23 hours', NULL),
    ('usedRevokedHour', now() - interval '3 hours', now() + interval '21 hours', now() - interval '2 hours')
  ) AS v(nonce, created_at, expires_at, revoked_at);

-- refusals: a negative interval (also one whose months make it negative as a duration), NULL
SELECT * FROM expect_error($$SELECT wallet_identity_purge(interval '-1 second')$$);
SELECT * FROM expect_error($$SELECT wallet_identity_purge(interval '1 mon -31 days')$$);
SELECT * FROM expect_error($$SELECT wallet_identity_purge(NULL)$$);
SELECT count(*) AS nonces_left, (SELECT count(*) FROM wallet_sessions) AS sessions_left FROM siwe_nonces;

-- the default, 7 days: the session expired 9 days ago goes, then its nonce, and the nonce expired 10 days ago;
-- the nonce used 10 days ago stays while its session (revoked 2 days ago) does
SELECT * FROM wallet_identity_purge();
SELECT nonce FROM siwe_nonces ORDER BY nonce;
SELECT nonce FROM wallet_sessions ORDER BY nonce;
SELECT * FROM wallet_identity_purge();

-- longer than the time since 1970: nothing is that old, and no timestamp out of range
SELECT * FROM wallet_identity_purge(interval '100000 years');

-- granted to the operator alone (every role, exactly: test/pgtap/privileges.sql)
SELECT r.role, has_function_privilege(r.role, 'wallet_identity_purge(interval)', 'EXECUTE') AS purges
  FROM unnest(ARRAY['creative_defi_reader', 'creative_defi_app', 'creative_defi_treasury', 'creative_defi_operator',
                    'creative_defi_wallet_app', 'public']) AS r(role);
-- 1 hour, as the operator: the session revoked 2 hours ago and its nonce go, the one revoked
-- 2 days ago and its nonce too; the nonce expired 10 minutes ago, the live session, its nonce
-- and the live nonce stay
SET ROLE creative_defi_operator;
SELECT * FROM wallet_identity_purge(interval '1 hour');
RESET ROLE;
SELECT nonce FROM siwe_nonces ORDER BY nonce;
SELECT nonce FROM wallet_sessions ORDER BY nonce;

-- 0: every row that has ended goes; the live nonce and the live session (and its nonce) never do
SELECT * FROM wallet_identity_purge(interval '0');
SELECT nonce, used_at IS NULL AS unused FROM siwe_nonces ORDER BY nonce;
SELECT nonce, revoked_at IS NULL AND expires_at > clock_timestamp() AS live FROM wallet_sessions ORDER BY nonce;
ROLLBACK;

-- a purged nonce cannot sign in again: its message is refused as unknown (CD075), not accepted
BEGIN;
INSERT INTO siwe_nonces (nonce, domain, issued_at, expires_at, used_at) VALUES
    ('bTyXgcQxn2htgkjJn', 'login.xyz', now() - interval '30 days', now() - interval '29 days 23 hours', now() - interval '30 days');
SELECT nonces FROM wallet_identity_purge() WHERE nonces >= 1;
SELECT error_code, message FROM expect_error($sql$SELECT wallet_login(E'login.xyz wants you to sign in with your Ethereum account:\n0x9D85ca56217D2bb651b00f15e694EB7E713637D4\n\nSign-In With Ethereum Example Statement\n\nURI: https://login.xyz\nVersion: 1\nChain ID: 1\nNonce: bTyXgcQxn2htgkjJn\nIssued At: 2022-01-27T17:09:38.578Z\nExpiration Time: 2100-01-07T14:31:43.952Z',
 '\xdc35c7f8ba2720df052e0092556456127f00f7707eaa8e3bbff7e56774e7f2e05a093cfc9e02964c33d86e8e066e221b7d153d27e5a2e97ccd5ca7d3f2ce06cb1b')$sql$);
ROLLBACK;
