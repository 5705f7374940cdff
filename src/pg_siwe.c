/*
 * pg_siwe.c - SQL access to Sign-In with Ethereum (EIP-4361): siwe_parse
 * and siwe_verify
 *
 * The message is read as the UTF-8 bytes of the text, which is what a
 * wallet signs (EIP-191); a valid message is ASCII, so its fields are the
 * same text in any server encoding.  The refusals of siwe_verify have the
 * codes CD070-CD074 (docs/errors.md).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
/* funcapi.h pulls in executor headers with unused parameters (-Wextra) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "access/htup_details.h"
#include "funcapi.h"
#pragma GCC diagnostic pop
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "pg_bytes.h"
#include "pg_creative_defi.h"
#include "pg_ecdsa.h"
#include "core/eip191.h"
#include "core/rfc3339.h"
#include "core/siwe.h"

#define ERRCODE_SIWE_WRONG_DOMAIN	MAKE_SQLSTATE('C','D','0','7','0')
#define ERRCODE_SIWE_WRONG_NONCE	MAKE_SQLSTATE('C','D','0','7','1')
#define ERRCODE_SIWE_EXPIRED		MAKE_SQLSTATE('C','D','0','7','2')
#define ERRCODE_SIWE_NOT_YET_VALID	MAKE_SQLSTATE('C','D','0','7','3')
#define ERRCODE_SIWE_BAD_SIGNATURE	MAKE_SQLSTATE('C','D','0','7','4')

/* Unix epoch to PostgreSQL's (2000-01-01), in microseconds */
#define UNIX_TO_PG_EPOCH_USECS ((int64) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * USECS_PER_DAY)

/* The columns of siwe_message, in order. */
enum
{
	COL_SCHEME, COL_DOMAIN, COL_ADDRESS, COL_STATEMENT, COL_URI, COL_VERSION, COL_CHAIN_ID,
	COL_NONCE, COL_ISSUED_AT, COL_EXPIRATION_TIME, COL_NOT_BEFORE, COL_REQUEST_ID,
	COL_RESOURCES, SIWE_COLUMNS
};

/* Parse the message argument; its UTF-8 bytes into *message and *len. */
static void
parse_message_arg(FunctionCallInfo fcinfo, const char **message, size_t *len, cd_siwe_message *msg)
{
	cd_error	err;

	*message = (const char *) text_utf8(PG_GETARG_TEXT_PP(0), len);
	cd_error_clear(&err);
	if (!cd_siwe_parse(*message, *len, msg, &err))
		cd_raise(&err);
}

static Datum
span_datum(const char *message, cd_span span)
{
	return PointerGetDatum(cstring_to_text_with_len(message + span.off, (int) span.len));
}

/* A parsed time as timestamptz, or NULL when the field is absent. */
static void
time_column(const cd_siwe_time *t, Datum *value, bool *isnull)
{
	*isnull = !t->present;
	*value = TimestampTzGetDatum(t->present ? t->micros - UNIX_TO_PG_EPOCH_USECS : 0);
}

/* The resources as text[] ('{}' after a "Resources:" line with none). */
static Datum
resources_datum(const char *message, size_t len, const cd_siwe_message *msg)
{
	Datum	   *items = palloc(sizeof(Datum) * (msg->resource_count > 0 ? msg->resource_count : 1));
	size_t		pos = 0;
	int			n = 0;
	cd_span		resource;

	while (cd_siwe_next_resource(message, len, msg, &pos, &resource))
		items[n++] = span_datum(message, resource);
	return PointerGetDatum(construct_array(items, n, TEXTOID, -1, false, TYPALIGN_INT));
}

PG_FUNCTION_INFO_V1(siwe_parse);
/*
 * siwe_parse(message text) RETURNS siwe_message: every field of the
 * message; absent optional fields are NULL.
 */
Datum
siwe_parse(PG_FUNCTION_ARGS)
{
	const char *message;
	size_t		len;
	cd_siwe_message msg;
	TupleDesc	tupdesc;
	Datum		values[SIWE_COLUMNS];
	bool		nulls[SIWE_COLUMNS] = {false};

	parse_message_arg(fcinfo, &message, &len, &msg);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "siwe_parse must return the composite type siwe_message");
	tupdesc = BlessTupleDesc(tupdesc);
	if (tupdesc->natts != SIWE_COLUMNS)
		elog(ERROR, "siwe_message has %d columns, not %d", tupdesc->natts, SIWE_COLUMNS);

	nulls[COL_SCHEME] = !msg.has_scheme;
	values[COL_SCHEME] = msg.has_scheme ? span_datum(message, msg.scheme) : (Datum) 0;
	values[COL_DOMAIN] = span_datum(message, msg.domain);
	values[COL_ADDRESS] = EthAddressPGetDatum(eth_address_from_bytes(msg.address));
	nulls[COL_STATEMENT] = !msg.has_statement;
	values[COL_STATEMENT] = msg.has_statement ? span_datum(message, msg.statement) : (Datum) 0;
	values[COL_URI] = span_datum(message, msg.uri);
	values[COL_VERSION] = span_datum(message, msg.version);
	values[COL_CHAIN_ID] = Int64GetDatum(msg.chain_id);
	values[COL_NONCE] = span_datum(message, msg.nonce);
	time_column(&msg.issued_at, &values[COL_ISSUED_AT], &nulls[COL_ISSUED_AT]);
	time_column(&msg.expiration_time, &values[COL_EXPIRATION_TIME], &nulls[COL_EXPIRATION_TIME]);
	time_column(&msg.not_before, &values[COL_NOT_BEFORE], &nulls[COL_NOT_BEFORE]);
	nulls[COL_REQUEST_ID] = !msg.has_request_id;
	values[COL_REQUEST_ID] = msg.has_request_id ? span_datum(message, msg.request_id) : (Datum) 0;
	nulls[COL_RESOURCES] = !msg.has_resources;
	values[COL_RESOURCES] = msg.has_resources ? resources_datum(message, len, &msg) : (Datum) 0;

	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* An instant for a message: RFC 3339 in UTC, whatever the session's settings. */
static const char *
instant_text(int64 unix_micros, TimestampTz at)
{
	char		out[CD_RFC3339_TEXT_LEN];

	if (!TIMESTAMP_NOT_FINITE(at) && cd_rfc3339_format(unix_micros, out))
		return pstrdup(out);
	return timestamptz_to_str(at);
}

/*
 * A refusal by a binding rule: format names the message's value, then the
 * expected one (two %s).
 */
static void
raise_mismatch(int sqlstate, const char *format, const char *message, cd_span found, text *expected,
			   const char *detail)
{
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg_internal(format, text_to_cstring(DatumGetTextPP(span_datum(message, found))),
							 text_to_cstring(expected)),
			 errdetail_internal("%s", detail)));
}

/*
 * A refusal by a time rule: format names the message's time as written
 * (%s); the detail gives at.
 */
static void
raise_time_refusal(int sqlstate, const char *format, const char *message, cd_span time_text,
				   int64 unix_at, TimestampTz at)
{
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg_internal(format, text_to_cstring(DatumGetTextPP(span_datum(message, time_text)))),
			 errdetail("It was checked at %s.", instant_text(unix_at, at))));
}

/* The domain, nonce and time rules (cd_siwe_check), raised as CD070-CD073. */
static void
check_binding(const char *message, const cd_siwe_message *msg, text *domain, text *nonce, TimestampTz at)
{
	size_t		domain_len;
	size_t		nonce_len;
	const char *domain_utf8 = (const char *) text_utf8(domain, &domain_len);
	const char *nonce_utf8 = (const char *) text_utf8(nonce, &nonce_len);
	/*
	 * timestamptz reaches past the last Unix microsecond an int64 holds
	 * (294247 AD): those instants, after every RFC 3339 time, saturate
	 * rather than wrap around to before 1970.
	 */
	int64		unix_at = at == DT_NOBEGIN ? PG_INT64_MIN :
		at == DT_NOEND || at > PG_INT64_MAX - UNIX_TO_PG_EPOCH_USECS ? PG_INT64_MAX :
		at + UNIX_TO_PG_EPOCH_USECS;

	switch (cd_siwe_check(message, msg, domain_utf8, domain_len, nonce_utf8, nonce_len, unix_at))
	{
		case CD_SIWE_ACCEPTED:
			return;
		case CD_SIWE_WRONG_DOMAIN:
			raise_mismatch(ERRCODE_SIWE_WRONG_DOMAIN, "the Sign-In with Ethereum message is for domain \"%s\", not \"%s\"",
						   message, msg->domain, domain,
						   "A message must name the site that asks for the signature; a message signed for another site could be relayed by it.");
			break;
		case CD_SIWE_WRONG_NONCE:
			raise_mismatch(ERRCODE_SIWE_WRONG_NONCE, "the Sign-In with Ethereum message has nonce \"%s\", not the expected \"%s\"",
						   message, msg->nonce, nonce,
						   "Each sign-in carries the nonce the server issued for it, so that a signed message cannot be replayed.");
			break;
		case CD_SIWE_EXPIRED:
			raise_time_refusal(ERRCODE_SIWE_EXPIRED, "the Sign-In with Ethereum message expired at %s",
							   message, msg->expiration_time.text, unix_at, at);
			break;
		case CD_SIWE_NOT_YET_VALID:
			raise_time_refusal(ERRCODE_SIWE_NOT_YET_VALID, "the Sign-In with Ethereum message is not valid before %s",
							   message, msg->not_before.text, unix_at, at);
			break;
	}
}

#define EIP1271_HINT "siwe_verify checks signatures of externally owned accounts (EIP-191). A contract wallet signs with EIP-1271 (or EIP-6492 before it is deployed), which only a call to the chain can check: verify those in the application."

PG_FUNCTION_INFO_V1(siwe_verify);
/*
 * siwe_verify(message, signature, expected_domain, expected_nonce, at):
 * the message's address, once the message parses, names expected_domain
 * and expected_nonce, is valid at at, and its EIP-191 signature recovers
 * to its address; an error otherwise.
 */
Datum
siwe_verify(PG_FUNCTION_ARGS)
{
	const char *message;
	size_t		len;
	cd_siwe_message msg;
	bytea	   *sig = PG_GETARG_BYTEA_PP(1);
	size_t		siglen = VARSIZE_ANY_EXHDR(sig);
	uint8		digest[CD_DIGEST_LEN];
	uint8		signer[CD_ETH_ADDRESS_LEN];
	char		address_text[CD_ETH_ADDRESS_TEXT_LEN];

	parse_message_arg(fcinfo, &message, &len, &msg);
	check_binding(message, &msg, PG_GETARG_TEXT_PP(2), PG_GETARG_TEXT_PP(3), PG_GETARG_TIMESTAMPTZ(4));

	cd_eth_address_format(msg.address, address_text);
	if (siglen != 65 && siglen != 64)
		ereport(ERROR,
				(errcode(ERRCODE_SIWE_BAD_SIGNATURE),
				 errmsg("the signature of the Sign-In with Ethereum message is %zu bytes long, not 65 or 64", siglen),
				 errdetail("An externally owned account signs with 65 bytes r || s || v, or 64 bytes (EIP-2098)."),
				 errhint(EIP1271_HINT)));
	cd_eth_message_hash((const uint8 *) message, len, digest);
	if (!recover_signer(digest, sig, signer))
		ereport(ERROR,
				(errcode(ERRCODE_SIWE_BAD_SIGNATURE),
				 errmsg("the signature of the Sign-In with Ethereum message is not by its address %s", address_text),
				 errdetail("%s", signature_defect_sentence((const uint8 *) VARDATA_ANY(sig), siglen)),
				 errhint(EIP1271_HINT)));
	if (memcmp(signer, msg.address, CD_ETH_ADDRESS_LEN) != 0)
	{
		char		signer_text[CD_ETH_ADDRESS_TEXT_LEN];

		cd_eth_address_format(signer, signer_text);
		ereport(ERROR,
				(errcode(ERRCODE_SIWE_BAD_SIGNATURE),
				 errmsg("the signature of the Sign-In with Ethereum message is not by its address %s", address_text),
				 errdetail("The signature recovers to %s: it signs another message, or this one with another key.", signer_text),
				 errhint(EIP1271_HINT)));
	}
	PG_RETURN_ETH_ADDRESS_P(eth_address_from_bytes(msg.address));
}
