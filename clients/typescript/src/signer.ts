// Any wallet that signs EIP-712 typed data: a viem account or wallet
// client (signTypedData({ domain, types, primaryType, message })) or an
// ethers signer (signTypedData(domain, types, value)).  Matched by shape,
// so the client depends on neither library's classes.

export type Hex = `0x${string}`;

export interface TypedField {
  name: string;
  type: string;
}

export interface Eip712Domain {
  name: string;
  version: string;
  chainId: bigint;
  verifyingContract: Hex;
}

/** viem: a LocalAccount (privateKeyToAccount) or a WalletClient with an account. */
export interface ViemLikeSigner {
  address?: Hex;
  account?: { address: Hex } | Hex;
  signTypedData(args: {
    account?: unknown;
    domain: Eip712Domain;
    types: Record<string, readonly TypedField[]>;
    primaryType: string;
    message: Record<string, unknown>;
  }): Promise<Hex>;
}

/** ethers v6: a Wallet or a JsonRpcSigner. */
export interface EthersLikeSigner {
  getAddress(): Promise<string>;
  signTypedData(
    domain: { name: string; version: string; chainId: bigint; verifyingContract: string },
    types: Record<string, TypedField[]>,
    value: Record<string, unknown>,
  ): Promise<string>;
}

export type TypedDataSigner = ViemLikeSigner | EthersLikeSigner;

function isEthers(signer: TypedDataSigner): signer is EthersLikeSigner {
  return typeof (signer as EthersLikeSigner).getAddress === 'function';
}

/** The signer's address. */
export async function signerAddress(signer: TypedDataSigner): Promise<Hex> {
  if (isEthers(signer)) return (await signer.getAddress()) as Hex;
  if (signer.address) return signer.address;
  const account = signer.account;
  if (typeof account === 'string') return account;
  if (account?.address) return account.address;
  throw new TypeError('the signer has no address (a viem wallet client needs an account)');
}

/** Sign typed data (primary type's fields only; the domain type is derived by the wallet). */
export async function signTypedData(
  signer: TypedDataSigner,
  domain: Eip712Domain,
  primaryType: string,
  fields: readonly TypedField[],
  message: Record<string, unknown>,
): Promise<Hex> {
  if (isEthers(signer)) {
    return (await signer.signTypedData(domain, { [primaryType]: [...fields] }, message)) as Hex;
  }
  return signer.signTypedData({
    account: signer.account ?? undefined,
    domain,
    types: { [primaryType]: fields },
    primaryType,
    message,
  });
}
