-- EIP-712: hash and recover typed data signed with eth_signTypedData_v4
SET search_path = public, creative_defi;

-- The EIP-712 specification's own example: Cow sends Bob a Mail, signed
-- with the key keccak256('cow').  The JSON is exactly what a wallet is given.
CREATE TEMP TABLE signed_mail AS SELECT $json${
  "types": {
    "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"},
                     {"name": "chainId", "type": "uint256"}, {"name": "verifyingContract", "type": "address"}],
    "Person": [{"name": "name", "type": "string"}, {"name": "wallet", "type": "address"}],
    "Mail": [{"name": "from", "type": "Person"}, {"name": "to", "type": "Person"}, {"name": "contents", "type": "string"}]
  },
  "primaryType": "Mail",
  "domain": {"name": "Ether Mail", "version": "1", "chainId": 1, "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
  "message": {
    "from": {"name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
    "to": {"name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},
    "contents": "Hello, Bob!"
  }
}$json$::jsonb AS typed_data,
'\x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b915621c'::bytea AS signature;

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
