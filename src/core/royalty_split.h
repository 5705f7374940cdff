/*
 * royalty_split.h - royalty splits in parts per million, 0xSplits-compatible
 *
 * A split is a set of (recipient address, share) pairs whose shares are
 * positive and add up to exactly 1,000,000 ppm (SplitMain v1's
 * PERCENTAGE_SCALE), plus a distributor fee of at most 100,000 ppm (10%,
 * MAX_DISTRIBUTOR_FEE).  The canonical form keeps the recipients sorted by
 * address ascending, which is the order SplitMain requires, so equal splits
 * have equal bytes.
 *
 * Everything here works on caller-provided arrays and never allocates.
 */
#ifndef CD_ROYALTY_SPLIT_H
#define CD_ROYALTY_SPLIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cd_error.h"
#include "eth_address.h"
#include "keccak.h"
#include "uint256.h"

/* 100% in parts per million (SplitMain v1 PERCENTAGE_SCALE) */
#define CD_SPLIT_SCALE 1000000u
/* the largest distributor fee, 10% (SplitMain v1 MAX_DISTRIBUTOR_FEE) */
#define CD_SPLIT_MAX_FEE 100000u

/*
 * The most recipients a split may have.  SplitMain has no explicit cap, but
 * a distribution writes one balance per recipient (about 20,000 gas for a
 * fresh storage slot), so 500 recipients already cost around 10 million
 * gas, a third of a 30M-gas block; a larger split could not reliably be
 * distributed on chain.  500 is also what the property suite exercises.
 */
#define CD_SPLIT_MAX_RECIPIENTS 500

typedef struct cd_split_recipient
{
	uint8_t		addr[CD_ETH_ADDRESS_LEN];
	uint32_t	share;			/* ppm, 1 .. 1,000,000 */
} cd_split_recipient;

/* A view of a split: the recipients live in caller-owned memory. */
typedef struct cd_split
{
	uint32_t	fee;			/* distributor fee, ppm */
	uint32_t	count;
	cd_split_recipient *r;
} cd_split;

/*
 * Longest canonical text: per recipient "0x" + 40 + "=" + "99.9999%" + ", ",
 * then ", distributor_fee=10%" and the NUL.
 */
#define CD_SPLIT_TEXT_MAX(count) ((size_t) (count) * 54 + 32)
/* Longest JSON text: per recipient {"address": "0x…", "share": 1000000}, */
#define CD_SPLIT_JSON_MAX(count) ((size_t) (count) * 72 + 64)

/*
 * Sort the recipients by address and check every rule: 1 to
 * CD_SPLIT_MAX_RECIPIENTS recipients, no duplicate, no zero share, shares
 * summing to exactly CD_SPLIT_SCALE, fee at most CD_SPLIT_MAX_FEE.  Each
 * rule has its own message.
 */
extern bool cd_split_normalize(cd_split *s, cd_error *err);

/*
 * Parse the text form into s->r, which must hold CD_SPLIT_MAX_RECIPIENTS
 * entries, and normalize it:
 *   address=share [, address=share ...] [, distributor_fee=share]
 * where a share is a percentage with at most 4 decimals ("50%",
 * "33.3334%") or a whole number of ppm ("500000ppm"); white space is
 * allowed around every token.
 */
extern bool cd_split_parse(const char *text, size_t len, cd_split *s, cd_error *err);

/*
 * Canonical text (out holds CD_SPLIT_TEXT_MAX(count)): recipients in address
 * order, EIP-55 checksummed, shares as percentages with the fewest decimals
 * (exact, since 1 ppm = 0.0001%), ", " between pairs, and
 * ", distributor_fee=..." only when the fee is not zero.  Returns the length.
 */
extern size_t cd_split_format(const cd_split *s, char *out);

/* A percentage with the fewest decimals, e.g. "33.3334%"; returns the length. */
extern size_t cd_split_format_percent(uint32_t ppm, char out[16]);

/*
 * JSON text {"recipients": [{"address": "0x...", "share": 500000}, ...],
 * "distributor_fee": 0} (out holds CD_SPLIT_JSON_MAX(count)).
 */
extern size_t cd_split_format_json(const cd_split *s, char *out);

/* Index of addr among the recipients, or -1. */
extern int	cd_split_find(const cd_split *s, const uint8_t addr[CD_ETH_ADDRESS_LEN]);

/* Total order for btree: recipients pairwise (address, then share), then count, then fee. */
extern int	cd_split_cmp(const cd_split *a, const cd_split *b);

/*
 * Exact distribution by largest remainder.  The distributor fee
 * floor(amount * fee / 1e6) is carved first, as SplitMain does; the rest,
 * net, goes out as floor(net * share / 1e6) per recipient and the leftover
 * units (fewer than the number of recipients) one each to the largest
 * fractional remainders, ties by larger share, then lower address.  The
 * fee and amounts[0 .. count-1] always add up to amount.
 */
extern void cd_split_distribute(const cd_split *s, const cd_u256 *amount,
								cd_u256 *fee_amount, cd_u256 *amounts);

/*
 * SplitMain v1 arithmetic: fee = floor(amount * fee / 1e6), each recipient
 * floor((amount - fee) * share / 1e6), no remainder pass; dust is what is
 * left.  SplitMain multiplies in unchecked 256-bit arithmetic, so where a
 * product would exceed 2^256 - 1 the chain would wrap: that is an error
 * here (CD_ERR_RANGE), never a silently different answer.
 */
extern bool cd_split_distribute_0xsplits(const cd_split *s, const cd_u256 *amount,
										 cd_u256 *fee_amount, cd_u256 *amounts,
										 cd_u256 *dust, cd_error *err);

/*
 * keccak256(abi.encodePacked(address[] accounts, uint32[] percentAllocations,
 * uint32 distributorFee)), as SplitMain v1's _hashSplit: abi.encodePacked
 * pads every array element to 32 bytes, but not the trailing uint32.
 */
extern void cd_split_hash(const cd_split *s, uint8_t out[CD_KECCAK256_DIGEST_SIZE]);

/*
 * Replace recipient addr of outer by the recipients of inner, apportioning
 * its share by largest remainder (as cd_split_distribute with the share as
 * the amount).  Recipients present in both are merged; inner recipients
 * whose part rounds to 0 ppm are left out.  The result keeps outer's fee
 * (inner's fee pays for a distribution step that flattening removes).
 * out->r must hold outer->count + inner->count entries.
 */
extern bool cd_split_nest(const cd_split *outer, const uint8_t addr[CD_ETH_ADDRESS_LEN],
						  const cd_split *inner, cd_split *out, cd_error *err);

/*
 * Sort recipients by address and add up the shares of equal addresses, in
 * place; the count shrinks accordingly.  Used before normalizing merged
 * splits (split_nest, royalty_split_agg).
 */
extern void cd_split_merge_duplicates(cd_split *s);

#endif							/* CD_ROYALTY_SPLIT_H */
