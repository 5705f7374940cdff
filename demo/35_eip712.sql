-- EIP-712: hash and recover typed data signed with eth_signTypedData_v4
SET search_path = public, creative_defi;

-- The EIP-712 specification's own example, a signed Mail from Cow to Bob:
-- the table signed_mail (typed_data, signature), from a file the tests use too.
\ir ../test/shared/eip712_mail.sql

-- The pieces the digest is made of, and the digest the EIP publishes (be609aee...57bd2).
SELECT eip712_domain_separator(typed_data->'domain') AS domain_separator,
       eip712_hash_struct(typed_data->'types', 'Mail', typed_data->'message') AS message_hash,
       eip712_hash(typed_data) AS digest
  FROM signed_mail;

-- Who signed it, and a check against the sender named in the message.
SELECT eip712_recover(typed_data, signature) AS signer,
       eip712_verify((typed_data #>> '{message,from,wallet}')::eth_address, typed_data, signature) AS signed_by_sender
  FROM signed_mail;

-- Change one character of the message and the same signature belongs to someone else.
SELECT eip712_verify('0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826',
                     jsonb_set(typed_data, '{message,contents}', '"Hello, Bob?"'), signature) AS tampered_still_valid
  FROM signed_mail;

-- Bad input names the JSON path of the problem.
DO $$
BEGIN
    PERFORM creative_defi.eip712_hash(jsonb_set(typed_data, '{message,to,wallet}', '"0xbbbb"')) FROM signed_mail;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE '% (SQLSTATE %)', SQLERRM, SQLSTATE;
END
$$;
