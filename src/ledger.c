/*
 * ledger.c - the amount encoding of the ledger's hash chain
 *
 * Each posting in the journal's hash chain carries its signed amount as a
 * sign byte followed by the magnitude as a 32-byte big-endian uint256 (see
 * docs/ledger.md, "Hash chain").  Producing those bytes from a numeric in
 * PL/pgSQL would take a loop of numeric divisions per posting, so this one
 * conversion is done here; the rest of the encoding is plain SQL.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "numeric_u256.h"

#define LEDGER_AMOUNT_BYTES 33

StaticAssertDecl(sizeof(mp_limb_t) == 8, "cd_u256 limbs are 64 bits wide");

/*
 * Write v as 32 big-endian bytes: the limbs are least significant first,
 * each limb is written most significant byte first.
 */
static void
u256_to_be32(const cd_u256 *v, uint8 *out)
{
	int			i,
				b;

	for (i = 0; i < CD_U256_LIMBS; i++)
	{
		uint64		limb = (uint64) v->limb[CD_U256_LIMBS - 1 - i];

		for (b = 0; b < 8; b++)
			out[i * 8 + b] = (uint8) (limb >> (56 - 8 * b));
	}
}

PG_FUNCTION_INFO_V1(ledger_encode_amount);
/*
 * ledger_encode_amount(numeric): 0x00 followed by uint256be(amount) for a
 * zero or positive amount, 0x01 followed by uint256be(-amount) for a
 * negative one.  The magnitude must be an integer of at most 2^256 - 1
 * (numeric_get_u256 raises 22023 or 22003 otherwise).
 */
Datum
ledger_encode_amount(PG_FUNCTION_ARGS)
{
	Numeric		amount = PG_GETARG_NUMERIC(0);
	bool		negative = false;
	cd_u256		magnitude;
	bytea	   *result;
	uint8	   *out;

	if (!numeric_is_nan(amount) && !numeric_is_inf(amount) &&
		DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(amount),
										  NumericGetDatum(int64_to_numeric(0)))) < 0)
	{
		negative = true;
		amount = DatumGetNumeric(DirectFunctionCall1(numeric_uminus, NumericGetDatum(amount)));
	}
	numeric_get_u256(amount, "amount", &magnitude);

	result = palloc(VARHDRSZ + LEDGER_AMOUNT_BYTES);
	SET_VARSIZE(result, VARHDRSZ + LEDGER_AMOUNT_BYTES);
	out = (uint8 *) VARDATA(result);
	out[0] = negative ? 1 : 0;
	u256_to_be32(&magnitude, out + 1);
	PG_RETURN_BYTEA_P(result);
}
