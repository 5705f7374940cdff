-- Sign-In with Ethereum (EIP-4361): parsing and verifying sign-in messages

CREATE TYPE siwe_message AS (
    scheme          text,
    domain          text,
    address         eth_address,
    statement       text,
    uri             text,
    version         text,
    chain_id        bigint,
    nonce           text,
    issued_at       timestamptz,
    expiration_time timestamptz,
    not_before      timestamptz,
    request_id      text,
    resources       text[]
);
COMMENT ON TYPE siwe_message IS 'the fields of a Sign-In with Ethereum (EIP-4361) message, as siwe_parse returns them; absent optional fields are NULL';

CREATE FUNCTION siwe_parse(message text) RETURNS siwe_message
    AS 'MODULE_PATHNAME', 'siwe_parse' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siwe_parse(text) IS 'the fields of a Sign-In with Ethereum (EIP-4361) message, checked against the EIP''s ABNF; a message that does not conform is an error naming its line and field';

CREATE FUNCTION siwe_verify(message text, signature bytea, expected_domain text, expected_nonce text,
                            at timestamptz DEFAULT now()) RETURNS eth_address
    AS 'MODULE_PATHNAME', 'siwe_verify' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION siwe_verify(text, bytea, text, text, timestamptz) IS 'the address that signed a Sign-In with Ethereum message (EIP-191 personal_sign), once its domain and nonce are the expected ones and it is valid at the given time; any failure is an error (CD070-CD074)';
