-- Sign-In with Ethereum (EIP-4361): siwe_parse and siwe_verify.  The signed
-- messages are spruceid/siwe's verification vectors (test/vectors/siwe-*.json,
-- all of which test/suites/vectors_siwe.sh runs).
CREATE TABLE siwe_examples (name text PRIMARY KEY, message text, signature bytea);
INSERT INTO siwe_examples VALUES
('example', E'login.xyz wants you to sign in with your Ethereum account:\n0x9D85ca56217D2bb651b00f15e694EB7E713637D4\n\nSign-In With Ethereum Example Statement\n\nURI: https://login.xyz\nVersion: 1\nChain ID: 1\nNonce: bTyXgcQxn2htgkjJn\nIssued At: 2022-01-27T17:09:38.578Z\nExpiration Time: 2100-01-07T14:31:43.952Z',
 '\xdc35c7f8ba2720df052e0092556456127f00f7707eaa8e3bbff7e56774e7f2e05a093cfc9e02964c33d86e8e066e221b7d153d27e5a2e97ccd5ca7d3f2ce06cb1b'),
('not before', E'login.xyz wants you to sign in with your Ethereum account:\n0xE6D3Aa1F561A215E5eb1f02Ba8705385F03fCaFB\n\nSign-In With Ethereum Example Statement\n\nURI: https://login.xyz\nVersion: 1\nChain ID: 1\nNonce: lx2nx4so\nIssued At: 2022-01-05T14:27:30.883Z\nNot Before: 2100-01-07T14:31:43.952Z',
 '\xc2539ace78f13c7eb8c0852d38d269a6f97bebd9f7872097d2e3137b541f8bf50176062a46eeea83086bd2721423fb5755a932ff6ccc046ed482d14e4576042f1c'),
('expired', E'login.xyz wants you to sign in with your Ethereum account:\n0x2ecA0068307e706741445764A3D6A4402aC2A5a9\n\nSign-In With Ethereum Example Statement\n\nURI: https://login.xyz\nVersion: 1\nChain ID: 1\nNonce: lx2nx4so\nIssued At: 2022-01-05T14:27:30.883Z\nExpiration Time: 2021-01-05T00:00:00Z',
 '\x7337bc2826c7678cd6bc84f5b3b236efc969b0451f9feca2328b1d3401b030c113f19bdba359ba3f52762c66e9147311fa95fe598a1a4ec9bb383a7b4e3874241b'),
('recovery byte 0', E'www.tally.xyz wants you to sign in with your Ethereum account:\n0xc95EB884FE852e241D409234bfC7045CB9E31BD7\n\nSign in with Ethereum to Tally\n\nURI: https://tally.xyz\nVersion: 1\nChain ID: 1\nNonce: 15050747\nIssued At: 2022-06-30T14:08:51.382Z',
 '\x8c46b6eb8505939892d8e9b075f89f8277321b17b993151f37810cdda38cce6f4a85909d2b53e6a14629c74c0ac38bf4becde78ee5b2529812bf6cceaf7b2a2501'),
('wrong signature', E'login.xyz wants you to sign in with your Ethereum account:\n0x6Da01670d8fc844e736095918bbE11fE8D564163\n\nSign-In With Ethereum Example Statement\n\nURI: https://login.xyz\nVersion: 1\nChain ID: 1\nNonce: rmplqh1gf\nIssued At: 2022-01-05T14:31:43.954Z\nExpiration Time: 2100-01-07T14:31:43.952Z',
 '\x31df81dc02344c9156e6f71da46e2db624b38f8f806290d670d46492b834b2e7575cbce9f48169356cfb577b910d8e30732fcf23c1ac0021d08b945ed7ee118e1b');
SET timezone = 'UTC';

-- every field; absent optional fields are NULL, "Resources:" with no resource is '{}'
SELECT (siwe_parse(E'https://service.org:8443 wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\nI accept the ServiceOrg Terms of Service: https://service.org/tos\n\nURI: https://service.org/login\nVersion: 1\nChain ID: 137\nNonce: 32891757\nIssued At: 2021-09-30T16:25:24.123456789Z\nExpiration Time: 2021-10-30T16:25:24+02:00\nNot Before: 2021-09-30T16:25:24-02:00\nRequest ID: some_id\nResources:\n- ipfs://Qme7ss3ARVgxv6rXqVPiikMJ8u2NLgmgszg13pYrDKEoiu\n- https://example.com/my-web2-claim.json')).*;
SELECT m.scheme IS NULL AS no_scheme, m.statement IS NULL AS no_statement, m.expiration_time IS NULL AS no_expiration,
       m.not_before IS NULL AS no_not_before, m.request_id IS NULL AS no_request_id, m.resources
  FROM siwe_parse(E'[::cafe] wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\n\nURI: https://[::1]/login\nVersion: 1\nChain ID: 1\nNonce: 32891757\nIssued At: 2021-09-30T16:25:24Z\nResources:') AS m;
-- two empty lines after the blank line are an empty statement; a leap second is the next minute
SELECT m.statement = '' AS empty_statement, m.issued_at
  FROM siwe_parse(E'service.org wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\n\n\nURI: urn:x\nVersion: 1\nChain ID: 1\nNonce: 32891757\nIssued At: 2016-12-31T23:59:60Z') AS m;
SELECT name, (siwe_parse(message)).address, (siwe_parse(message)).nonce FROM siwe_examples ORDER BY name;

-- every refusal of the parser: 22P02 (22003 for a chain id above bigint), naming line and field
-- {uri} stands for the lines of a message up to its URI, {head} up to its nonce
CREATE TEMP TABLE siwe_bad (n int, label text, message text);
INSERT INTO siwe_bad VALUES
    (1, 'no domain', E' wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\n\nURI: https://s.org\nVersion: 1\nChain ID: 1\nNonce: 32891757\nIssued At: 2021-09-30T16:25:24Z'),
    (2, 'header not EIP-4361''s', E'service.org wants you to sign in:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2'),
    (3, 'domain not an authority', E'#notrfc4501 wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2'),
    (4, 'scheme not RFC 3986', E'1https://s.org wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2'),
    (5, 'bad IPv6 domain', E'[1::2::3] wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2'),
    (6, 'bad port', E's.org:80a wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2'),
    (7, 'empty host', E'user@ wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2'),
    (8, 'no address line', E's.org wants you to sign in with your Ethereum account:'),
    (9, 'address not EIP-55', E's.org wants you to sign in with your Ethereum account:\n0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2\n\n\nURI: https://s.org'),
    (10, 'address too short', E's.org wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc\n\n\nURI: https://s.org'),
    (11, 'no empty line after address', E's.org wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\nI accept\n\nURI: https://s.org'),
    (12, 'ends after address', E's.org wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n'),
    (13, 'statement over two lines', E's.org wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\nI accept: \nhttps://s.org/tos\n\nURI: https://s.org'),
    (14, 'ends after statement', E's.org wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\nI accept'),
    (15, 'statement not ASCII', E's.org wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\nJ\u00e1 aceito\n\nURI: https://s.org'),
    (16, 'lines out of order', E's.org wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\n\nVersion: 1\nURI: https://s.org'),
    (17, 'URI without scheme', E's.org wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\n\nURI: :not_a_uri'),
    (18, 'URI with a space', E'{uri}/a b'),
    (19, 'URI with two fragments', E'{uri}?q#f#g'),
    (20, 'version 2', E'{uri}\nVersion: 2'),
    (21, 'chain id not digits', E'{uri}\nVersion: 1\nChain ID: ?'),
    (22, 'chain id empty', E'{uri}\nVersion: 1\nChain ID: '),
    (23, 'chain id above bigint', E'{uri}\nVersion: 1\nChain ID: 9223372036854775808'),
    (24, 'nonce of 7', E'{uri}\nVersion: 1\nChain ID: 1\nNonce: 1234567'),
    (25, 'nonce with ''-''', E'{uri}\nVersion: 1\nChain ID: 1\nNonce: 1234-5678'),
    (26, 'no Issued At', E'{head}'),
    (27, 'February 31', E'{head}\nIssued At: 2022-02-31T17:09:38Z'),
    (28, 'date and time with a space', E'{head}\nIssued At: 2022-01-31 17:09:38Z'),
    (29, 'hour 25', E'{head}\nIssued At: 2022-01-31T25:09:38Z'),
    (30, 'fraction without digits', E'{head}\nIssued At: 2022-01-31T17:09:38.Z'),
    (31, 'offset +24:00', E'{head}\nIssued At: 2022-01-31T17:09:38+24:00'),
    (32, 'text after Z', E'{head}\nIssued At: 2022-01-31T17:09:38Z+'),
    (33, 'no time zone', E'{head}\nIssued At: 2022-01-31T17:09:38'),
    (34, 'final line break', E'{head}\nIssued At: 2022-01-31T17:09:38Z\n'),
    (35, 'optional lines out of order', E'{head}\nIssued At: 2022-01-31T17:09:38Z\nNot Before: 2022-01-31T17:09:38Z\nExpiration Time: 2022-01-31T17:09:38Z'),
    (36, 'expiration on February 30', E'{head}\nIssued At: 2022-01-31T17:09:38Z\nExpiration Time: 2022-02-30T17:09:38Z'),
    (37, 'not before on 1900-02-29', E'{head}\nIssued At: 2022-01-31T17:09:38Z\nNot Before: 1900-02-29T00:00:00Z'),
    (38, 'request id with a space', E'{head}\nIssued At: 2022-01-31T17:09:38Z\nRequest ID: a b'),
    (39, 'resource on the Resources line', E'{head}\nIssued At: 2022-01-31T17:09:38Z\nResources: https://a.org'),
    (40, 'resource without ''- ''', E'{head}\nIssued At: 2022-01-31T17:09:38Z\nResources:\nhttps://a.org'),
    (41, 'two resources on one line', E'{head}\nIssued At: 2022-01-31T17:09:38Z\nResources:\n- https://a.org - https://b.org'),
    (42, 'line break after Resources:', E'{head}\nIssued At: 2022-01-31T17:09:38Z\nResources:\n'),
    (43, 'unknown line', E'{head}\nIssued At: 2022-01-31T17:09:38Z\nhello'),
    (44, 'CR LF line ends', E's.org wants you to sign in with your Ethereum account:\r\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\r\n\r\n\r\nURI: https://s.org');
UPDATE siwe_bad SET message = replace(replace(message, '{head}', E'{uri}\nVersion: 1\nChain ID: 1\nNonce: 12345678'),
    '{uri}', E's.org wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\n\nURI: https://s.org');
SELECT b.label, e.* FROM siwe_bad AS b, LATERAL expect_error(format('SELECT siwe_parse(%L)', b.message)) AS e ORDER BY b.n;

-- siwe_verify: the vectors' signers, at a time inside each message's validity
SELECT name, siwe_verify(message, signature, (siwe_parse(message)).domain, (siwe_parse(message)).nonce,
                         CASE name WHEN 'not before' THEN '2101-01-07T14:31:43Z'::timestamptz
                                   WHEN 'expired' THEN '2020-01-05T00:00:00Z'::timestamptz
                                   ELSE '2024-01-01T00:00:00Z'::timestamptz END)
  FROM siwe_examples WHERE name <> 'wrong signature' ORDER BY name;
-- at defaults to now(): the example expires in 2100; the EIP-2098 compact form of its signature (v 27: the first 64 bytes)
SELECT siwe_verify(message, signature, 'login.xyz', 'bTyXgcQxn2htgkjJn') AS at_now,
       siwe_verify(message, substr(signature, 1, 64), 'login.xyz', 'bTyXgcQxn2htgkjJn', '2024-01-01Z') AS compact
  FROM siwe_examples WHERE name = 'example';
-- the time rules at their edges: valid from not_before on, expired from expiration_time on
SELECT siwe_verify(message, signature, 'login.xyz', 'lx2nx4so', '2100-01-07T14:31:43.952Z') AS at_not_before
  FROM siwe_examples WHERE name = 'not before';
SELECT siwe_verify(message, signature, 'login.xyz', 'lx2nx4so', '2021-01-04T23:59:59.999999Z') AS just_before_expiry,
       siwe_verify(message, signature, 'login.xyz', 'lx2nx4so', '-infinity') AS at_minus_infinity
  FROM siwe_examples WHERE name = 'expired';
-- every refusal: CD070 domain, CD071 nonce, CD072 expired, CD073 not yet valid, CD074 signature
SELECT * FROM expect_error($$SELECT siwe_verify(message, signature, 'example.com', 'bTyXgcQxn2htgkjJn', '2024-01-01Z') FROM siwe_examples WHERE name = 'example'$$);
SELECT * FROM expect_error($$SELECT siwe_verify(message, signature, 'https://login.xyz', 'bTyXgcQxn2htgkjJn', '2024-01-01Z') FROM siwe_examples WHERE name = 'example'$$);
SELECT * FROM expect_error($$SELECT siwe_verify(message, signature, 'login.xyz', '6548asdgf', '2024-01-01Z') FROM siwe_examples WHERE name = 'example'$$);
SELECT * FROM expect_error($$SELECT siwe_verify(message, signature, 'login.xyz', 'bTyXgcQxn2htgkjJn', '2200-01-05T00:00:00Z') FROM siwe_examples WHERE name = 'example'$$);
SELECT * FROM expect_error($$SELECT siwe_verify(message, signature, 'login.xyz', 'lx2nx4so', '2021-01-05T00:00:00Z') FROM siwe_examples WHERE name = 'expired'$$);
SELECT error_code, message FROM expect_error($$SELECT siwe_verify(message, signature, 'login.xyz', 'lx2nx4so') FROM siwe_examples WHERE name = 'expired'$$);
SELECT * FROM expect_error($$SELECT siwe_verify(message, signature, 'login.xyz', 'lx2nx4so', 'infinity') FROM siwe_examples WHERE name = 'expired'$$);
-- the last instants timestamptz holds are after every expiration time too (they once wrapped
-- around to before 1970 when converted to Unix time, and the expired message was accepted)
SELECT * FROM expect_error($$SELECT siwe_verify(message, signature, 'login.xyz', 'bTyXgcQxn2htgkjJn', '294276-12-31 23:59:59.999999Z') FROM siwe_examples WHERE name = 'example'$$);
SELECT * FROM expect_error($$SELECT siwe_verify(message, signature, 'login.xyz', 'bTyXgcQxn2htgkjJn', '294247-01-10 04:00:54.775808Z') FROM siwe_examples WHERE name = 'example'$$);
SELECT siwe_verify(message, signature, 'login.xyz', 'lx2nx4so', '294276-12-31 23:59:59.999999Z') AS at_last_instant
  FROM siwe_examples WHERE name = 'not before';
SELECT * FROM expect_error($$SELECT siwe_verify(message, signature, 'login.xyz', 'lx2nx4so', '2100-01-07T14:31:43.951999Z') FROM siwe_examples WHERE name = 'not before'$$);
SELECT * FROM expect_error($$SELECT siwe_verify(message, signature, 'login.xyz', 'rmplqh1gf', '2024-01-01Z') FROM siwe_examples WHERE name = 'wrong signature'$$);
-- a signature of the example message moved to another message: recovers to someone else
SELECT * FROM expect_error($$SELECT siwe_verify(replace(message, 'Example Statement', 'Other Statement'), signature, 'login.xyz', 'bTyXgcQxn2htgkjJn', '2024-01-01Z') FROM siwe_examples WHERE name = 'example'$$);
-- defects of the signature itself: high s, bad v, r or s out of range
SELECT * FROM expect_error($$SELECT siwe_verify(message, substr(signature, 1, 32) || '\x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a1'::bytea || '\x1b'::bytea, 'login.xyz', 'bTyXgcQxn2htgkjJn', '2024-01-01Z') FROM siwe_examples WHERE name = 'example'$$);
SELECT * FROM expect_error($$SELECT siwe_verify(message, substr(signature, 1, 64) || '\x1d'::bytea, 'login.xyz', 'bTyXgcQxn2htgkjJn', '2024-01-01Z') FROM siwe_examples WHERE name = 'example'$$);
SELECT * FROM expect_error($$SELECT siwe_verify(message, decode(repeat('00', 65), 'hex'), 'login.xyz', 'bTyXgcQxn2htgkjJn', '2024-01-01Z') FROM siwe_examples WHERE name = 'example'$$);
-- contract wallets (EIP-1271, EIP-6492) sign with other lengths: refused, with the reason
SELECT * FROM expect_error($$SELECT siwe_verify(message, signature || signature, 'login.xyz', 'bTyXgcQxn2htgkjJn', '2024-01-01Z') FROM siwe_examples WHERE name = 'example'$$);
SELECT * FROM expect_error($$SELECT siwe_verify(message, '\x'::bytea, 'login.xyz', 'bTyXgcQxn2htgkjJn', '2024-01-01Z') FROM siwe_examples WHERE name = 'example'$$);
-- the parser's errors come first; a NULL argument gives NULL (STRICT), never an address
SELECT * FROM expect_error($$SELECT siwe_verify('hello', '\x00', 'login.xyz', 'bTyXgcQxn2htgkjJn')$$);
SELECT siwe_verify(message, signature, 'login.xyz', NULL) IS NULL AS null_nonce FROM siwe_examples WHERE name = 'example';
DROP TABLE siwe_examples, siwe_bad;
