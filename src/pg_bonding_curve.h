/*
 * pg_bonding_curve.h - the bonding_curve SQL type: the core's cd_curve struct,
 * stored as a fixed-length 104-byte value passed by reference
 */
#ifndef BONDING_CURVE_TYPE_H
#define BONDING_CURVE_TYPE_H

#include "postgres.h"

#include "fmgr.h"

#include "core/bonding_curve.h"

typedef cd_curve BondingCurve;

StaticAssertDecl(sizeof(cd_curve) == 104, "bonding_curve is stored in 104 bytes");

#define DatumGetBondingCurveP(X)	((BondingCurve *) DatumGetPointer(X))
#define BondingCurvePGetDatum(X)	PointerGetDatum(X)
#define PG_GETARG_BONDING_CURVE_P(n) DatumGetBondingCurveP(PG_GETARG_DATUM(n))
#define PG_RETURN_BONDING_CURVE_P(x) return BondingCurvePGetDatum(x)

/* A palloc'd copy of c. */
extern BondingCurve *bonding_curve_copy(const cd_curve *c);

#endif							/* BONDING_CURVE_TYPE_H */
