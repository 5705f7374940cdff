-- Assets: CAIP-19 identifiers for tokens, NFTs and works not yet minted
SET search_path = public, creative_defi;

-- An NFT, written as CAIP-19's own example writes it (EIP-55 checksummed
-- contract); it is stored in canonical form, so every spelling is one asset:
SELECT 'eip155:1/erc721:0x06012c8cf97BEaD5deAe237070F9587f8E7A266d/771769'::asset AS cryptokitty;
SELECT 'eip155:1/erc721:0x06012c8cf97BEaD5deAe237070F9587f8E7A266d/771769'::asset
     = 'eip155:1/erc721:0X06012C8CF97BEAD5DEAE237070F9587F8E7A266D/771769'::asset AS same_asset;

-- Its parts:
SELECT asset_chain(a) AS chain, asset_namespace(a) AS namespace,
       asset_reference(a) AS reference, asset_token_id(a) AS token_id
  FROM (VALUES ('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769'::asset),
               ('eip155:8453/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda02913'::asset),
               ('eip155:1/slip44:60'::asset)) AS t(a);

-- Errors say which part is wrong and why:
\set ON_ERROR_STOP 0
SELECT 'eip155:01/slip44:60'::asset;
SELECT 'eip155:1/erc20:0x833589fcd6edb6e08f4c7c32d4f71b54bda0291'::asset;
SELECT 'eip155:1/slip44:60/7'::asset;
\set ON_ERROR_STOP 1

-- Built from parts (a NULL token id means none):
SELECT asset('eip155:8453', 'erc20', '0x833589FCD6EDB6E08F4C7C32D4F71B54BDA02913') AS usdc_on_base;

-- A work that is not minted anywhere yet gets a stable id of its own in the
-- cdefi namespace: the marketplace's registry name and a UUID; edition 3 of 50:
SELECT asset('cdefi:acme-gallery', 'work', '5F0C3A9E-8D41-4B7A-9E2F-1C6D8B3A7E90', '3') AS unminted_edition;

-- Assets are keys: a unique index treats all spellings as one.
CREATE TEMP TABLE listing (item asset PRIMARY KEY, price_wei numeric NOT NULL);
INSERT INTO listing VALUES
    ('eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769', 2500000000000000000),
    ('cdefi:acme-gallery/work:5f0c3a9e-8d41-4b7a-9e2f-1c6d8b3a7e90/3', 100000000000000000);
\set ON_ERROR_STOP 0
INSERT INTO listing VALUES ('eip155:1/erc721:0x06012c8cf97BEaD5deAe237070F9587f8E7A266d/771769', 1);
\set ON_ERROR_STOP 1
SELECT asset_chain(item) AS chain, count(*) FROM listing GROUP BY 1 ORDER BY 1;
