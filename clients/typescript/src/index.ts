// @creative-defi/client: a typed client for the creative_defi PostgreSQL
// extension (docs/clients.md).
export { CreativeDefi } from './client.js';
export type * from './client.js';
export { amountParam, toBigInt, type Amount } from './amount.js';
export * from './errors.js';
export { isRetryable, withIdempotentRetry, type RetryOptions } from './retry.js';
export { bigintTypes } from './types.js';
export { Subscription, type LedgerEvent, type Posting, type SubscribeOptions } from './events.js';
export { signerAddress, type TypedDataSigner, type ViemLikeSigner, type EthersLikeSigner, type Eip712Domain, type Hex, type TypedField } from './signer.js';
