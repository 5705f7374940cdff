// The browser test's collector: a viem account from the test key
// keccak256('creative_defi test key collector'); run directly, it prints
// the address (the server's --seed funds it).
import { keccak256, toBytes } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

export const collector = privateKeyToAccount(keccak256(toBytes('creative_defi test key collector')));
if (import.meta.url === `file://${process.argv[1]}`) console.log(collector.address);
