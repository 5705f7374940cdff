-- merkle_root, merkle_proof and merkle_verify: OpenZeppelin's sorted-pair Keccak-256 trees

-- Roots and proofs below were printed by @openzeppelin/merkle-tree 1.0.8:
--   SimpleMerkleTree.of(leaves).root / .getProof(i), leaves = keccak256 of '1'..'n' in that order

CREATE FUNCTION regress.leaves(n int) RETURNS bytea[] LANGUAGE sql AS $$ SELECT array_agg(keccak256(i::text) ORDER BY i) FROM generate_series(1, n) AS i $$;

SELECT n, merkle_root(regress.leaves(n)) = expected::bytea AS root_matches
  FROM (VALUES
    (1, '\xc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc6'),
    (2, '\xa2599cd4778e8cd8b3e83ee85b7aa6cf95199ae73cf30fc78b2e56bf4185dce2'),
    (3, '\x2666e2847fc04c0167917b013982a4e8fb5e73e5c5bb0b95b075a39bfb56f596'),
    (5, '\x1f6d3ed56359e48577ba3a0e447d89939666d24d7bdea0fb1914a98344d71dba'),
    (7, '\x7bb2dccd0b97bc3bd94f12d864911cf099cc23571463c6afcb7a1d15970c9549')
  ) AS t(n, expected);

-- one leaf: the root is the leaf and the proof is empty
SELECT merkle_root(regress.leaves(1)) = keccak256('1') AS root_is_leaf, merkle_proof(regress.leaves(1), 0) AS proof;

-- every proof of the 5- and 7-leaf trees, index counting from 0 in input order
SELECT n, i, merkle_proof(regress.leaves(n), i) = expected::bytea[] AS proof_matches
  FROM (VALUES
    (5, 0, '{"\\xad7c5bef027816a800da1736444fb58a807ef4c9603b7848673f7e3a68eb14a5","\\x9a02dfecd40955d9da0367e0672b2c0b87d0888b8ad0c6a5b445b369661bad02"}'),
    (5, 1, '{"\\xc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc6","\\x9a02dfecd40955d9da0367e0672b2c0b87d0888b8ad0c6a5b445b369661bad02"}'),
    (5, 2, '{"\\x13600b294191fc92924bb3ce4b969c1e7e2bab8f4c93c3fc6d0a51733df3c060","\\xceebf77a833b30520287ddd9478ff51abbdffa30aa90a8d655dba0e8a79ce0c1","\\xa2599cd4778e8cd8b3e83ee85b7aa6cf95199ae73cf30fc78b2e56bf4185dce2"}'),
    (5, 3, '{"\\x2a80e1ef1d7842f27f2e6be0972bb708b9a135c38860dbe73c27c3486c34f4de","\\xceebf77a833b30520287ddd9478ff51abbdffa30aa90a8d655dba0e8a79ce0c1","\\xa2599cd4778e8cd8b3e83ee85b7aa6cf95199ae73cf30fc78b2e56bf4185dce2"}'),
    (5, 4, '{"\\x1219c99b22ee9acd905b8b7805a91b29ace6c3866372231fa7a965b580278968","\\xa2599cd4778e8cd8b3e83ee85b7aa6cf95199ae73cf30fc78b2e56bf4185dce2"}'),
    (7, 0, '{"\\xceebf77a833b30520287ddd9478ff51abbdffa30aa90a8d655dba0e8a79ce0c1","\\xba3e418c688fc613b538a675c70aecc5bc7b05669b5f36ce3892d593496a00cb","\\xec25530e4b5bd6f4ab52909db08df3399269e322426b3a04abe0b71c7880f8fb"}'),
    (7, 1, '{"\\x52f1a9b320cab38e5da8a8f97989383aab0a49165fc91c737310e4f7e9821021","\\x1c5ea3a0b70b40d44e7cacd8dd9724ec1b2528e0b03423f5e170923084736535","\\xec25530e4b5bd6f4ab52909db08df3399269e322426b3a04abe0b71c7880f8fb"}'),
    (7, 2, '{"\\x13600b294191fc92924bb3ce4b969c1e7e2bab8f4c93c3fc6d0a51733df3c060","\\xe455bf8ea6e7463a1046a0b52804526e119b4bf5136279614e0b1e8e296a4e2d","\\x6701ed4986bbcc8ca89df8febff35d80e8a2b1b40bde8470f0debcc6d4ce6258"}'),
    (7, 3, '{"\\x2a80e1ef1d7842f27f2e6be0972bb708b9a135c38860dbe73c27c3486c34f4de","\\xe455bf8ea6e7463a1046a0b52804526e119b4bf5136279614e0b1e8e296a4e2d","\\x6701ed4986bbcc8ca89df8febff35d80e8a2b1b40bde8470f0debcc6d4ce6258"}'),
    (7, 4, '{"\\xc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc6","\\xba3e418c688fc613b538a675c70aecc5bc7b05669b5f36ce3892d593496a00cb","\\xec25530e4b5bd6f4ab52909db08df3399269e322426b3a04abe0b71c7880f8fb"}'),
    (7, 5, '{"\\x1219c99b22ee9acd905b8b7805a91b29ace6c3866372231fa7a965b580278968","\\x6701ed4986bbcc8ca89df8febff35d80e8a2b1b40bde8470f0debcc6d4ce6258"}'),
    (7, 6, '{"\\xad7c5bef027816a800da1736444fb58a807ef4c9603b7848673f7e3a68eb14a5","\\x1c5ea3a0b70b40d44e7cacd8dd9724ec1b2528e0b03423f5e170923084736535","\\xec25530e4b5bd6f4ab52909db08df3399269e322426b3a04abe0b71c7880f8fb"}')
  ) AS t(n, i, expected);

-- duplicate leaves keep their input order among themselves (a stable sort, as in JavaScript)
-- leaves: keccak256('b'), keccak256('a'), keccak256('b')
SELECT merkle_root(ARRAY[keccak256('b'), keccak256('a'), keccak256('b')]) = '\x68c8122bf5d77d387e423324e3843c3d07c1d44972f1a4b79cfdfb880763d185'::bytea AS dup_root;
SELECT i, merkle_proof(ARRAY[keccak256('b'), keccak256('a'), keccak256('b')], i) = expected::bytea[] AS proof_matches
  FROM (VALUES
    (0, '{"\\x3ac225168df54212a25c1c01fd35bebfea408fdac2e31ddd6f80a4bbf9a5f1cb","\\xb5553de315e0edf504d9150af82dafa5c4667fa618ed0a6f19c69b41166c5510"}'),
    (1, '{"\\xb5553de315e0edf504d9150af82dafa5c4667fa618ed0a6f19c69b41166c5510","\\xb5553de315e0edf504d9150af82dafa5c4667fa618ed0a6f19c69b41166c5510"}'),
    (2, '{"\\x805b21d846b189efaeb0377d6bb0d201b3872a363e607c25088f025b0c6ae1f8"}')
  ) AS t(i, expected);

-- every proof of trees of 1 to 40 leaves verifies against its root, and
-- fails against the root of a tree with one leaf more
SELECT count(*) AS proofs,
       bool_and(merkle_verify(merkle_root(regress.leaves(n)), keccak256((i + 1)::text), merkle_proof(regress.leaves(n), i))) AS all_verify,
       bool_or(merkle_verify(merkle_root(regress.leaves(n + 1)), keccak256((i + 1)::text), merkle_proof(regress.leaves(n), i))) AS any_verify_wrong_root
  FROM generate_series(1, 40) AS n, generate_series(0, n - 1) AS i;

-- merkle_verify: MerkleProof.verify over the 7-leaf tree's proof of '1'
SELECT merkle_verify('\x7bb2dccd0b97bc3bd94f12d864911cf099cc23571463c6afcb7a1d15970c9549', keccak256('1'),
                     merkle_proof(regress.leaves(7), 0)) AS valid,
       merkle_verify('\x7bb2dccd0b97bc3bd94f12d864911cf099cc23571463c6afcb7a1d15970c9549', keccak256('2'),
                     merkle_proof(regress.leaves(7), 0)) AS wrong_leaf,
       merkle_verify('\x7bb2dccd0b97bc3bd94f12d864911cf099cc23571463c6afcb7a1d15970c9549', keccak256('1'),
                     (merkle_proof(regress.leaves(7), 0))[1:2]) AS short_proof,
       merkle_verify(keccak256('1'), keccak256('1'), '{}') AS empty_proof_leaf_is_root;
-- the proof's order of pairs does not matter within a pair (sorted hashing),
-- so the sibling order from either side gives the same parent
SELECT merkle_verify(merkle_root(ARRAY[keccak256('a'), keccak256('b')]), keccak256('a'), ARRAY[keccak256('b')]) AS left,
       merkle_verify(merkle_root(ARRAY[keccak256('a'), keccak256('b')]), keccak256('b'), ARRAY[keccak256('a')]) AS right;

-- errors
SELECT * FROM expect_error($$ SELECT merkle_root('{}'::bytea[]) $$);
SELECT * FROM expect_error($$ SELECT merkle_root(ARRAY[keccak256('a'), '\x00'::bytea]) $$);
SELECT * FROM expect_error($$ SELECT merkle_root(ARRAY[keccak256('a'), NULL]) $$);
SELECT * FROM expect_error($$ SELECT merkle_root(ARRAY[ARRAY[keccak256('a')], ARRAY[keccak256('b')]]) $$);
SELECT * FROM expect_error($$ SELECT merkle_proof(ARRAY[keccak256('a'), keccak256('b')], 2) $$);
SELECT * FROM expect_error($$ SELECT merkle_proof(ARRAY[keccak256('a'), keccak256('b')], -1) $$);
SELECT * FROM expect_error($$ SELECT merkle_proof('{}'::bytea[], 0) $$);
SELECT * FROM expect_error($$ SELECT merkle_verify('\x00', keccak256('a'), '{}') $$);
SELECT * FROM expect_error($$ SELECT merkle_verify(keccak256('a'), '\x00', '{}') $$);
SELECT * FROM expect_error($$ SELECT merkle_verify(keccak256('a'), keccak256('a'), ARRAY[keccak256('b'), '\x0102'::bytea]) $$);
SELECT * FROM expect_error($$ SELECT merkle_verify(keccak256('a'), keccak256('a'), ARRAY[NULL::bytea]) $$);
SELECT merkle_root(NULL) IS NULL AS null_leaves, merkle_proof(regress.leaves(2), NULL) IS NULL AS null_index;
