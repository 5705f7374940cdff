-- keccak256: Ethereum's Keccak-256, not SHA3-256

SELECT keccak256(''::bytea) AS empty;
SELECT keccak256('abc'::bytea) AS abc_bytes, keccak256('abc'::text) AS abc_text;
-- UTF-8 text: the bytes of 'é' are c3 a9
SELECT keccak256('é'::text) = keccak256('\xc3a9'::bytea) AS utf8_bytes;
-- function selector and event topic
SELECT substr(keccak256('transfer(address,uint256)'::text), 1, 4) AS selector;
SELECT keccak256('Transfer(address,address,uint256)'::text) AS topic;
-- around the 136-byte rate
SELECT n, keccak256(decode(repeat('00', n), 'hex')) FROM (VALUES (135), (136), (137), (272)) AS t(n);
-- a 200-byte input
SELECT keccak256(decode(repeat('61', 200), 'hex')) = keccak256(repeat('a', 200)) AS same;
-- not SHA3-256: for the empty input SHA3-256 is a7ffc6f8...
SELECT keccak256(''::bytea) <> '\xa7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a'::bytea AS not_sha3;
SELECT keccak256(NULL::bytea) IS NULL AS null_bytea, keccak256(NULL::text) IS NULL AS null_text;
