/*
 * lineage.h - royalties that flow up a graph of derivative works, exact
 *
 * A derivative link (child, parent, policy, license_bps) entitles the parent
 * to license_bps / 10000 of the child's revenue.  Links form a directed
 * acyclic graph of works (nodes 0 .. n-1).  Two policies, after Story
 * Protocol's royalty policies (docs/lineage.md):
 *
 *   absolute (LAP): an ancestor a of a work v has the absolute share
 *     abs(a, v) = sum over the absolute paths a -> x -> ... -> v of the
 *     license_bps of the path's first link (a -> x); it is paid directly
 *     from v's revenue and goes no further.
 *   relative (LRP): a parent p of v receives license_bps(p -> v) of v's
 *     revenue, and that is revenue of p: p's own stack applies to it.
 *
 * The stack of a revenue-receiving work v is the sum of those weights,
 * at most 10000.  A payment into work 0 is processed work by work, every
 * work after all the works whose relative royalties it receives: of a
 * revenue R at v, the lineage gets T = ceil(R * stack(v) / 10000) (never
 * rounded in favour of the payer), shared by largest remainder among the
 * claims (ties: lower node index first, an absolute claim before a
 * relative one of the same node); v keeps R - T.  Every base unit of the
 * payment ends at exactly one work: the sum of retained[] is the amount.
 */
#ifndef CD_LINEAGE_H
#define CD_LINEAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cd_error.h"
#include "uint256.h"

/* 100% in basis points */
#define CD_LINEAGE_SCALE 10000u

typedef struct cd_lineage_link
{
	uint32_t	child;			/* node index of the derivative */
	uint32_t	parent;			/* node index of the work it derives from */
	bool		relative;		/* relative (LRP) when true, absolute (LAP) otherwise */
	uint32_t	license_bps;	/* 1 .. 10000 */
} cd_lineage_link;

/*
 * Pay amount into node 0 of the graph of n_nodes works and n_links links:
 * retained[i] (n_nodes entries, caller-provided) gets what work i keeps,
 * to be paid through its own split.  Works that node 0 does not reach keep
 * nothing.  False, with err filled, on a link naming no node, a self-link,
 * a license outside 1 .. 10000 (CD_ERR_PARAM), a cycle above node 0 or a
 * stack above 10000 (CD_ERR_DATA), or no memory (CD_ERR_NOMEM).  Allocates
 * with malloc and frees everything before it returns.
 */
extern bool cd_lineage_distribute(size_t n_nodes, const cd_lineage_link *links, size_t n_links,
								  const cd_u256 *amount, cd_u256 *retained, cd_error *err);

/*
 * *stack gets the royalty stack of node 0 in basis points: the absolute
 * shares of its ancestors plus the licences of its relative parents,
 * 10001 for anything above 10000.  False on the errors above but the stack.
 */
extern bool cd_lineage_stack(size_t n_nodes, const cd_lineage_link *links, size_t n_links,
							 uint32_t *stack, cd_error *err);

#endif							/* CD_LINEAGE_H */
