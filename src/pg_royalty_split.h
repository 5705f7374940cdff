/*
 * pg_royalty_split.h - the royalty_split SQL type
 *
 * On disk and in memory: a varlena holding the distributor fee, the count
 * and the recipients as the core's cd_split_recipient array (20 address
 * bytes + a uint32 share, no padding), always in canonical form (sorted by
 * address, validated), so equality is a byte comparison and the hash is
 * over the bytes.
 */
#ifndef ROYALTY_SPLIT_TYPE_H
#define ROYALTY_SPLIT_TYPE_H

#include "postgres.h"

#include "fmgr.h"

#include "core/royalty_split.h"

typedef struct RoyaltySplit
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint32		fee;			/* distributor fee, ppm */
	uint32		count;
	cd_split_recipient r[FLEXIBLE_ARRAY_MEMBER];
} RoyaltySplit;

#define ROYALTY_SPLIT_SIZE(n) (offsetof(RoyaltySplit, r) + (size_t) (n) * sizeof(cd_split_recipient))

#define DatumGetRoyaltySplitP(X)	((RoyaltySplit *) PG_DETOAST_DATUM(X))
#define RoyaltySplitPGetDatum(X)	PointerGetDatum(X)
#define PG_GETARG_ROYALTY_SPLIT_P(n) DatumGetRoyaltySplitP(PG_GETARG_DATUM(n))
#define PG_RETURN_ROYALTY_SPLIT_P(x) PG_RETURN_POINTER(x)

/* The core's view of a stored split (no copy). */
static inline cd_split
royalty_split_view(RoyaltySplit *rs)
{
	cd_split	s;

	s.fee = rs->fee;
	s.count = rs->count;
	s.r = rs->r;
	return s;
}

/* A palloc'd core split with room for `capacity` recipients. */
extern cd_split royalty_split_scratch(uint32 capacity);

/* A palloc'd royalty_split holding a normalized core split. */
extern RoyaltySplit *royalty_split_from_core(const cd_split *s);
/* s normalized (raising the core's error) and copied into a new value */
extern RoyaltySplit *royalty_split_normalized(cd_split *s);

#endif							/* ROYALTY_SPLIT_TYPE_H */
