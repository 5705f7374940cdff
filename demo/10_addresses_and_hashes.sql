-- Ethereum addresses and Keccak-256
SET search_path = public, creative_defi;

-- An address typed in lower case comes back EIP-55 checksummed:
SELECT '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'::eth_address AS creator;

-- A mistyped checksum is caught, as a wallet would catch it:
\set ON_ERROR_STOP 0
SELECT '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD'::eth_address;
\set ON_ERROR_STOP 1

-- The address behind a public key (Hardhat's first test account):
SELECT eth_address('\x038318535b54105d4a7aae60c08fc45f9687181b4fdfc625bd1a753fa7397fed75'::bytea) AS signer;

-- Keccak-256, as Solidity computes it: the ERC-20 transfer selector
SELECT substr(keccak256('transfer(address,uint256)'), 1, 4) AS selector;
