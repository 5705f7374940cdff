// SQLSTATEs of class CD (docs/errors.md) as typed error classes.  Each
// carries the SQLSTATE, the server's message, detail and hint, and the
// fields its message names (CD002: account, asset, held, needed), parsed
// from the exact messages the extension raises (src/sql/*.sql).

/** The parts of a node-postgres DatabaseError the client uses. */
export interface PgErrorLike {
  code?: string;
  message: string;
  detail?: string;
  hint?: string;
}

type Fields = Record<string, string | bigint>;

/**
 * The fields a message names: the groups of `re`, in order, named by
 * `names`; a name ending in `#` is a whole number (bigint).  No match: none.
 */
function fields(re: RegExp, ...names: string[]): (message: string) => Fields {
  return (message) => {
    const m = re.exec(message);
    const out: Fields = {};
    if (m) {
      names.forEach((name, i) => {
        if (name.endsWith('#')) out[name.slice(0, -1)] = BigInt(m[i + 1]);
        else out[name] = m[i + 1];
      });
    }
    return out;
  };
}

/** Any error the database raised with a SQLSTATE of class CD. */
export class CreativeDefiError extends Error {
  /** Parses the fields of this class's message (set by the subclasses that have fields). */
  static parse?: (message: string) => Fields;
  readonly sqlstate: string;
  readonly detail?: string;
  readonly hint?: string;
  constructor(sqlstate: string, message: string, source?: PgErrorLike) {
    super(message, source ? { cause: source } : undefined);
    this.name = new.target.name;
    this.sqlstate = sqlstate;
    this.detail = source?.detail;
    this.hint = source?.hint;
    Object.assign(this, (new.target as typeof CreativeDefiError).parse?.(message) ?? {});
  }
}

type Ctor = new (code: string, message: string, source?: PgErrorLike) => CreativeDefiError;

const ADDRESS = '(0x[0-9a-fA-F]{40})';

/** CD001: buy, sell or distribute of an asset that is not registered. */
export class UnknownAssetError extends CreativeDefiError {
  static parse = fields(/^unknown asset (\S+)$/, 'asset');
  declare readonly asset?: string;
}

/** CD002: a debit larger than the holding: `insufficient balance: account A holds H of X, needs N`. */
export class InsufficientBalanceError extends CreativeDefiError {
  static parse = fields(new RegExp(`^insufficient balance: account ${ADDRESS} holds (\\d+) of (\\S+), needs (\\d+)$`),
                        'account', 'held#', 'asset', 'needed#');
  declare readonly account?: string;
  declare readonly asset?: string;
  declare readonly held?: bigint;
  declare readonly needed?: bigint;
}

/** CD003: cost above max_cost or proceeds below a minimum; nothing applied. */
export class SlippageError extends CreativeDefiError {}

/** CD004: a ref reused with other arguments or by another function. */
export class RefConflictError extends CreativeDefiError {
  static parse = fields(/^ref "(.*)" was already used/s, 'ref');
  declare readonly ref?: string;
}

/** CD005: an amount of zero or less. */
export class NonPositiveAmountError extends CreativeDefiError {}
/** CD006: register_asset of a registered asset. */
export class AssetAlreadyRegisteredError extends CreativeDefiError {}
/** CD007: UPDATE, DELETE or TRUNCATE of the journal. */
export class JournalAppendOnlyError extends CreativeDefiError {}
/** CD008: a system account used as a user account or paid by a split. */
export class SystemAccountError extends CreativeDefiError {}
/** CD009: deposit or withdrawal of an asset the ledger issues. */
export class IssuedAssetError extends CreativeDefiError {}
/** CD010: unbalanced postings (internal check). */
export class UnbalancedTransactionError extends CreativeDefiError {}
/** CD011: sealing outside READ COMMITTED. */
export class SealIsolationError extends CreativeDefiError {}
/** CD012: a governance field changed without an approved proposal. */
export class GovernanceFieldError extends CreativeDefiError {}

/** CD020: not an accepted order type, or not exactly its field list. */
export class OrderTypeError extends CreativeDefiError {}
/** CD021: signed for another EIP-712 domain. */
export class OrderDomainError extends CreativeDefiError {}
/** CD022: the signature is not by the order's signer. */
export class OrderSignatureError extends CreativeDefiError {}

/** CD023: the order's deadline passed. */
export class OrderExpiredError extends CreativeDefiError {
  static parse = fields(/expired at deadline (\d+)$/, 'deadline#');
  declare readonly deadline?: bigint;
}

const NONCE_FIELDS = fields(new RegExp(`^nonce (\\d+) of ${ADDRESS}`), 'nonce#', 'signer');

/** CD024: the (signer, nonce) was used by a different order. */
export class NonceUsedError extends CreativeDefiError {
  static parse = NONCE_FIELDS;
  declare readonly nonce?: bigint;
  declare readonly signer?: string;
}

/** CD025: the nonce was cancelled. */
export class NonceCancelledError extends CreativeDefiError {
  static parse = NONCE_FIELDS;
  declare readonly nonce?: bigint;
  declare readonly signer?: string;
}

/** CD026: set_order_domain was never called. */
export class DomainNotConfiguredError extends CreativeDefiError {}

/** CD030: buy or sell of a paused asset. */
export class AssetPausedError extends CreativeDefiError {
  static parse = fields(/^asset (\S+) is paused$/, 'asset');
  declare readonly asset?: string;
}
/** CD031: propose_change before set_approvers. */
export class NoApproversError extends CreativeDefiError {}
/** CD032: unknown proposal. */
export class UnknownProposalError extends CreativeDefiError {
  static parse = fields(/^unknown proposal (\d+)$/, 'proposalId#');
  declare readonly proposalId?: bigint;
}
/** CD033: the proposal expired. */
export class ProposalExpiredError extends CreativeDefiError {}
/** CD034: the proposal was already applied. */
export class ProposalAppliedError extends CreativeDefiError {}
/** CD035: the signer is not an approver of the asset. */
export class NotApproverError extends CreativeDefiError {}
/** CD036: this approver already approved. */
export class AlreadyApprovedError extends CreativeDefiError {}
/** CD037: the signature approves another proposal. */
export class WrongProposalError extends CreativeDefiError {}
/** CD038: a threshold outside 1..number of approvers. */
export class ThresholdError extends CreativeDefiError {}
/** CD039: a curve change would leave the reserve insolvent. */
export class InsolventCurveError extends CreativeDefiError {}

/** CD040: a pool of the pair exists. */
export class PoolExistsError extends CreativeDefiError {}
/** CD041: unknown pool id. */
export class UnknownPoolError extends CreativeDefiError {
  static parse = fields(/^unknown pool (\d+)$/, 'poolId#');
  declare readonly poolId?: bigint;
}
/** CD042: the asset is not one of the pool's. */
export class AssetNotInPoolError extends CreativeDefiError {}
/** CD043: the pool has no liquidity, or the swap pays out nothing. */
export class NoLiquidityError extends CreativeDefiError {}
/** CD044: an LP share (or its namespace) where a plain asset is expected. */
export class LpShareError extends CreativeDefiError {}

/** CD050: a lineage names an asset the ledger has not registered. */
export class LineageUnknownAssetError extends CreativeDefiError {}
/** CD051: a work linked to itself. */
export class LineageSelfLinkError extends CreativeDefiError {}
/** CD052: the link would make a cycle in the lineage. */
export class LineageCycleError extends CreativeDefiError {}
/** CD053: the child already derives from that parent. */
export class LineageDuplicateLinkError extends CreativeDefiError {}
/** CD054: a royalty stack would exceed 100%. */
export class RoyaltyStackExceededError extends CreativeDefiError {}
/** CD055: the work's revenue is already routed by another area (dividends). */
export class RevenueRoutedError extends CreativeDefiError {}
/** CD060: no user holds the asset at the snapshot's sequence number. */
export class NoLiabilitiesError extends CreativeDefiError {}
/** CD061: an unknown liabilities snapshot. */
export class UnknownSnapshotError extends CreativeDefiError {}
/** CD062: the account is not a leaf of the snapshot. */
export class AccountNotInSnapshotError extends CreativeDefiError {}
/** CD063: the snapshot ref was used for another asset. */
export class SnapshotRefConflictError extends CreativeDefiError {}
/** CD064: no checkpoint auditors are configured. */
export class NoCheckpointAuditorsError extends CreativeDefiError {}
/** CD065: the signature is not by a checkpoint auditor. */
export class NotCheckpointAuditorError extends CreativeDefiError {}
/** CD066: the auditor already signed this checkpoint. */
export class DuplicateCheckpointSignatureError extends CreativeDefiError {}
/** CD067: the checkpoint threshold is not between 1 and the number of auditors. */
export class CheckpointThresholdError extends CreativeDefiError {}
/** CD068: the signature is of another snapshot's checkpoint. */
export class CheckpointOfOtherSnapshotError extends CreativeDefiError {}
/** CD070: a Sign-In with Ethereum message for another domain. */
export class SiweDomainError extends CreativeDefiError {}
/** CD071: a Sign-In with Ethereum message with another nonce. */
export class SiweNonceMismatchError extends CreativeDefiError {}
/** CD072: an expired Sign-In with Ethereum message. */
export class SiweExpiredError extends CreativeDefiError {}
/** CD073: a Sign-In with Ethereum message not valid yet. */
export class SiweNotYetValidError extends CreativeDefiError {}
/** CD074: the message's signature is not by its address (or malformed, or a contract wallet's). */
export class SiweSignatureError extends CreativeDefiError {}
/** CD075: a nonce siwe_nonce did not issue. */
export class SiweUnknownNonceError extends CreativeDefiError {}
/** CD076: a Sign-In with Ethereum nonce used already. */
export class SiweNonceUsedError extends CreativeDefiError {}
/** CD077: an expired Sign-In with Ethereum nonce. */
export class SiweNonceExpiredError extends CreativeDefiError {}
/** CD078: a wallet_* act in a request without a live wallet session. */
export class NoWalletSessionError extends CreativeDefiError {}
/** CD079: a wallet_* act signed by another wallet than the session's. */
export class NotSessionWalletError extends CreativeDefiError {}
/** CD090: a new link of a work with approvers outside an approved proposal. */
export class UngovernedLinkError extends CreativeDefiError {}
/** CD091: a link proposal for a work without approvers. */
export class LinkProposalNoApproversError extends CreativeDefiError {}
/** CD092: an unknown link proposal. */
export class UnknownLinkProposalError extends CreativeDefiError {}
/** CD093: the link proposal was already applied. */
export class LinkProposalAppliedError extends CreativeDefiError {}
/** CD094: the link proposal expired. */
export class LinkProposalExpiredError extends CreativeDefiError {}
/** CD095: the signer is not an approver of the link's child. */
export class NotLinkApproverError extends CreativeDefiError {}
/** CD096: the approver already approved the link proposal. */
export class LinkAlreadyApprovedError extends CreativeDefiError {}
/** CD097: the provenance record is not signed by its generator. */
export class ProvenanceSignatureError extends CreativeDefiError {}
/** CD098: the content hash of a provenance record is already registered. */
export class ContentAlreadyRegisteredError extends CreativeDefiError {}
/** CD080: the asset pays no dividends. */
export class NoDividendsError extends CreativeDefiError {}
/** CD081: the account has no dividends of the asset to claim. */
export class NothingToClaimError extends CreativeDefiError {}
/** CD082: the asset can pay no dividends (neither registered nor an LP share). */
export class DividendsNotPossibleError extends CreativeDefiError {}
/** CD083: the asset already pays dividends. */
export class DividendsAlreadyEnabledError extends CreativeDefiError {}
/** CD084: another area routes the asset's revenue. */
export class RevenueAlreadyRoutedError extends CreativeDefiError {}
/** CD110: the derivative link to remove or change does not exist. */
export class UnknownLinkError extends CreativeDefiError {}
/** CD111: a link change that changes neither the policy nor the licence. */
export class LinkUnchangedError extends CreativeDefiError {}
/** CD100: a contributor's weight is not a positive integer. */
export class AttributionWeightError extends CreativeDefiError {}
/** CD101: a contributor is named more than once in a contributor table. */
export class DuplicateContributorError extends CreativeDefiError {}
/** CD102: the data set has approvers; its contributors change only through them. */
export class GovernedDataSetError extends CreativeDefiError {}
/** CD103: another area routes the data set's revenue. */
export class DataSetRevenueRoutedError extends CreativeDefiError {}
/** CD085: a royalty split pays a dividend account in another currency than its holders'. */
export class DividendCurrencyError extends CreativeDefiError {}
/** CD104: a contributors proposal for a data set without approvers. */
export class UngovernedDataSetError extends CreativeDefiError {}
/** CD105: no contributors proposal has this id. */
export class UnknownContributorsProposalError extends CreativeDefiError {}
/** CD106: the contributors proposal was already applied. */
export class ContributorsProposalAppliedError extends CreativeDefiError {}
/** CD107: the contributors proposal expired. */
export class ContributorsProposalExpiredError extends CreativeDefiError {}
/** CD108: the signature of a contributors proposal is not by one of the data set's approvers. */
export class NotADataSetApproverError extends CreativeDefiError {}
/** CD109: the approver already approved the contributors proposal. */
export class ContributorsAlreadyApprovedError extends CreativeDefiError {}

/** The class of each SQLSTATE of class CD the extension raises. */
export const errorClasses: Readonly<Record<string, Ctor>> = Object.freeze({
  CD001: UnknownAssetError,
  CD002: InsufficientBalanceError,
  CD003: SlippageError,
  CD004: RefConflictError,
  CD005: NonPositiveAmountError,
  CD006: AssetAlreadyRegisteredError,
  CD007: JournalAppendOnlyError,
  CD008: SystemAccountError,
  CD009: IssuedAssetError,
  CD010: UnbalancedTransactionError,
  CD011: SealIsolationError,
  CD012: GovernanceFieldError,
  CD020: OrderTypeError,
  CD021: OrderDomainError,
  CD022: OrderSignatureError,
  CD023: OrderExpiredError,
  CD024: NonceUsedError,
  CD025: NonceCancelledError,
  CD026: DomainNotConfiguredError,
  CD030: AssetPausedError,
  CD031: NoApproversError,
  CD032: UnknownProposalError,
  CD033: ProposalExpiredError,
  CD034: ProposalAppliedError,
  CD035: NotApproverError,
  CD036: AlreadyApprovedError,
  CD037: WrongProposalError,
  CD038: ThresholdError,
  CD039: InsolventCurveError,
  CD040: PoolExistsError,
  CD041: UnknownPoolError,
  CD042: AssetNotInPoolError,
  CD043: NoLiquidityError,
  CD044: LpShareError,
  CD050: LineageUnknownAssetError,
  CD051: LineageSelfLinkError,
  CD052: LineageCycleError,
  CD053: LineageDuplicateLinkError,
  CD054: RoyaltyStackExceededError,
  CD055: RevenueRoutedError,
  CD060: NoLiabilitiesError,
  CD061: UnknownSnapshotError,
  CD062: AccountNotInSnapshotError,
  CD063: SnapshotRefConflictError,
  CD064: NoCheckpointAuditorsError,
  CD065: NotCheckpointAuditorError,
  CD066: DuplicateCheckpointSignatureError,
  CD067: CheckpointThresholdError,
  CD068: CheckpointOfOtherSnapshotError,
  CD070: SiweDomainError,
  CD071: SiweNonceMismatchError,
  CD072: SiweExpiredError,
  CD073: SiweNotYetValidError,
  CD074: SiweSignatureError,
  CD075: SiweUnknownNonceError,
  CD076: SiweNonceUsedError,
  CD077: SiweNonceExpiredError,
  CD078: NoWalletSessionError,
  CD079: NotSessionWalletError,
  CD090: UngovernedLinkError,
  CD091: LinkProposalNoApproversError,
  CD092: UnknownLinkProposalError,
  CD093: LinkProposalAppliedError,
  CD094: LinkProposalExpiredError,
  CD095: NotLinkApproverError,
  CD096: LinkAlreadyApprovedError,
  CD097: ProvenanceSignatureError,
  CD098: ContentAlreadyRegisteredError,
  CD080: NoDividendsError,
  CD081: NothingToClaimError,
  CD082: DividendsNotPossibleError,
  CD083: DividendsAlreadyEnabledError,
  CD084: RevenueAlreadyRoutedError,
  CD110: UnknownLinkError,
  CD111: LinkUnchangedError,
  CD100: AttributionWeightError,
  CD101: DuplicateContributorError,
  CD102: GovernedDataSetError,
  CD103: DataSetRevenueRoutedError,
  CD085: DividendCurrencyError,
  CD104: UngovernedDataSetError,
  CD105: UnknownContributorsProposalError,
  CD106: ContributorsProposalAppliedError,
  CD107: ContributorsProposalExpiredError,
  CD108: NotADataSetApproverError,
  CD109: ContributorsAlreadyApprovedError,
});

/** The typed error for a database error of class CD; any other error is returned as it is. */
export function translateError(err: unknown): unknown {
  const e = err as PgErrorLike | null;
  if (e && typeof e === 'object' && typeof e.code === 'string' && e.code.startsWith('CD')) {
    const cls = errorClasses[e.code] ?? CreativeDefiError;
    return new cls(e.code, e.message, e);
  }
  return err;
}
