/*
 * pg_asset.h - the asset SQL type: a CAIP-19 asset id, stored as its
 * canonical text in a varlena
 */
#ifndef ASSET_TYPE_H
#define ASSET_TYPE_H

#include "postgres.h"

#include "fmgr.h"

#include "core/caip19.h"

/*
 * An asset is a varlena whose data is the canonical CAIP-19 text, ASCII,
 * without a NUL.  Values are short (at most 258 bytes), so they usually
 * have 1-byte headers: read them with the _PP (packed) macros.
 */
typedef struct varlena Asset;

#define DatumGetAssetPP(X)		((Asset *) PG_DETOAST_DATUM_PACKED(X))
#define AssetPGetDatum(X)		PointerGetDatum(X)
#define PG_GETARG_ASSET_PP(n)	DatumGetAssetPP(PG_GETARG_DATUM(n))
#define PG_RETURN_ASSET_P(x)	return AssetPGetDatum(x)

#define ASSET_DATA(a)			VARDATA_ANY(a)
#define ASSET_LEN(a)			VARSIZE_ANY_EXHDR(a)

/* A palloc'd asset holding len bytes of canonical text. */
extern Asset *asset_from_canonical(const char *text, size_t len);

/*
 * The btree order of assets: the bytes of the canonical text, then the
 * length; a total order for indexes, not a meaningful one (token "10"
 * sorts before "9").  Negative, zero or positive.
 */
extern int	asset_compare_values(const Asset *a, const Asset *b);

#endif							/* ASSET_TYPE_H */
