/*
 * pg_ledger_recipients.c - system accounts a royalty split may pay, and the
 * payer of each payment into one (src/sql/62_ledger_transfers.sql)
 *
 * A split pays user accounts, except a system account whose kind receives
 * split payments (ledger_account_kinds.receives_splits: an area's account
 * that passes what it is paid on, such as the dividend account of an
 * asset).  ledger_split_postings posts such a recipient with its kind, so
 * it must tell those accounts apart in every trade: a SQL lookup per
 * recipient would cost every trade a query.  This file keeps them in
 * backend memory, sorted (a copy of the registry, pg_backend_copy.c;
 * ledger_register_system_account calls ledger_split_recipients_forget when
 * it registers one).
 *
 * The payer.  The area that owns such an account may treat what it is
 * paid by who paid it (a holder paying into the holders of an asset earns
 * nothing of its own payment).  Whoever builds the credit records its
 * payer in the transaction-local setting creative_defi.payers just before
 * the ledger_post that posts it (ledger_split_postings for a split's
 * recipients, an area for its own credits: ledger_record_payer); the
 * area's trigger on the credit takes the entry out (ledger_take_payer).
 * An entry is "0x<account>=0x<payer>;" in lower-case hex, one per
 * account, a new one replacing an old: every payment into the account
 * records its own payer before its credit, so an entry left by a call
 * that posted nothing never applies to a later payment; a rolled back
 * subtransaction restores the setting.
 */
#include "postgres.h"

#include "fmgr.h"
#include "catalog/namespace.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
/* guc.h pulls in executor headers with unused parameters (-Wextra) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "utils/guc.h"
#pragma GCC diagnostic pop
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "core/eth_address.h"
#include "pg_backend_copy.h"
#include "pg_eth_address.h"
#include "pg_ledger.h"

#define PAYERS_SETTING "creative_defi.payers"
/* "0x" + 40 hex digits */
#define ADDRESS_TEXT_LEN (2 + 2 * CD_ETH_ADDRESS_LEN)
/* "<account>=<payer>;" */
#define PAYER_ENTRY_LEN (2 * ADDRESS_TEXT_LEN + 2)

/* the receiving system accounts, sorted by address (Recipient) */
static BackendCopy recipients_copy = {.relname = "ledger_system_accounts"};

/* One receiving system account: its address and its kind. */
typedef struct Recipient
{
	uint8		address[CD_ETH_ADDRESS_LEN];
	char	   *kind;
} Recipient;

static int
compare_recipients(const void *a, const void *b)
{
	return memcmp(((const Recipient *) a)->address, ((const Recipient *) b)->address, CD_ETH_ADDRESS_LEN);
}

/* the rows: (address, kind) of each receiving account, sorted by address */
static void *
recipients_copy_rows(MemoryContext cxt, char **values, int n)
{
	Recipient  *recipients = MemoryContextAlloc(cxt, sizeof(Recipient) * Max(n, 1));
	cd_error	err;

	for (int i = 0; i < n; i++)
	{
		if (!cd_eth_address_parse(values[2 * i], strlen(values[2 * i]), recipients[i].address, &err))
			elog(ERROR, "system account \"%s\" is not an address", values[2 * i]);
		recipients[i].kind = values[2 * i + 1];
	}
	qsort(recipients, n, sizeof(Recipient), compare_recipients);
	return recipients;
}

/*
 * The kind of a system account that receives split payments, or NULL for
 * any other account.  fn_oid is the calling SQL function's, whose schema
 * holds the registry.
 */
const char *
ledger_recipient_kind(const uint8 *address, Oid fn_oid)
{
	Recipient	key;
	Recipient  *found;

	if (!recipients_copy.valid)
	{
		Oid			namespace = get_func_namespace(fn_oid);
		const char *schema = quote_identifier(get_namespace_name(namespace));

		backend_copy_load(&recipients_copy, namespace,
						  psprintf("SELECT s.account::text, s.kind FROM %s.ledger_system_accounts s"
								   " JOIN %s.ledger_account_kinds k ON k.kind = s.kind WHERE k.receives_splits",
								   schema, schema),
						  recipients_copy_rows);
	}
	if (recipients_copy.count == 0)
		return NULL;
	memcpy(key.address, address, CD_ETH_ADDRESS_LEN);
	found = bsearch(&key, recipients_copy.rows, recipients_copy.count, sizeof(Recipient), compare_recipients);
	return found != NULL ? found->kind : NULL;
}

/* "0x" and 40 lower-case hex digits, NUL-terminated, into out */
static void
address_text(const uint8 *address, char *out)
{
	static const char digits[] = "0123456789abcdef";

	out[0] = '0';
	out[1] = 'x';
	for (int i = 0; i < CD_ETH_ADDRESS_LEN; i++)
	{
		out[2 + 2 * i] = digits[address[i] >> 4];
		out[3 + 2 * i] = digits[address[i] & 15];
	}
	out[ADDRESS_TEXT_LEN] = '\0';
}

/* the entry of account in the setting's value (NULL when none) */
static const char *
payer_entry(const char *payers, const char *account)
{
	for (const char *p = payers; strlen(p) >= PAYER_ENTRY_LEN; p += PAYER_ENTRY_LEN)
		if (memcmp(p, account, ADDRESS_TEXT_LEN) == 0)
			return p;
	return NULL;
}

/* set the transaction-local value: the setting without entry, plus added */
static void
payers_set(const char *payers, const char *entry, const char *added)
{
	StringInfoData value;

	initStringInfo(&value);
	if (entry == NULL)
		appendStringInfoString(&value, payers);
	else
	{
		appendBinaryStringInfo(&value, payers, (int) (entry - payers));
		appendStringInfoString(&value, entry + PAYER_ENTRY_LEN);
	}
	if (added != NULL)
		appendStringInfoString(&value, added);
	(void) set_config_option(PAYERS_SETTING, value.data, PGC_USERSET, PGC_S_SESSION, GUC_ACTION_LOCAL,
							 true, ERROR, false);
	pfree(value.data);
}

/*
 * The setting's value, "" when unset or not a list of entries: anyone may
 * set it, and a value that hid the entries recorded after it would let a
 * payer escape its payment's rule.
 */
static const char *
payers_value(void)
{
	const char *payers = GetConfigOption(PAYERS_SETTING, true, false);
	size_t		len = payers != NULL ? strlen(payers) : 0;

	if (len % PAYER_ENTRY_LEN != 0)
		return "";
	for (size_t i = 0; i < len; i += PAYER_ENTRY_LEN)
		if (payers[i + ADDRESS_TEXT_LEN] != '=' || payers[i + PAYER_ENTRY_LEN - 1] != ';')
			return "";
	return len > 0 ? payers : "";
}

/* Record payer as the payer of the next credit of account. */
void
ledger_payer_record(const uint8 *account, const uint8 *payer)
{
	const char *payers = payers_value();
	char		added[PAYER_ENTRY_LEN + 1];

	address_text(account, added);
	added[ADDRESS_TEXT_LEN] = '=';
	address_text(payer, added + ADDRESS_TEXT_LEN + 1);
	added[PAYER_ENTRY_LEN - 1] = ';';
	added[PAYER_ENTRY_LEN] = '\0';
	payers_set(payers, payer_entry(payers, added), added);
}

PG_FUNCTION_INFO_V1(ledger_record_payer);
/*
 * ledger_record_payer(account eth_address, payer eth_address): record the
 * payer of the credit of a system account that the caller posts next.
 */
Datum
ledger_record_payer(PG_FUNCTION_ARGS)
{
	ledger_payer_record(PG_GETARG_ETH_ADDRESS_P(0)->bytes, PG_GETARG_ETH_ADDRESS_P(1)->bytes);
	PG_RETURN_VOID();
}

PG_FUNCTION_INFO_V1(ledger_take_payer);
/*
 * ledger_take_payer(account eth_address) returns eth_address: the payer
 * recorded for a credit of account, taken out of the record; NULL when
 * none was recorded.
 */
Datum
ledger_take_payer(PG_FUNCTION_ARGS)
{
	const char *payers = payers_value();
	char		account[ADDRESS_TEXT_LEN + 1];
	uint8		payer[CD_ETH_ADDRESS_LEN];
	const char *entry;
	cd_error	err;
	bool		parsed;

	address_text(PG_GETARG_ETH_ADDRESS_P(0)->bytes, account);
	entry = payer_entry(payers, account);
	if (entry == NULL)
		PG_RETURN_NULL();
	/* before the setting changes: entry points into its old value */
	parsed = cd_eth_address_parse(entry + ADDRESS_TEXT_LEN + 1, ADDRESS_TEXT_LEN, payer, &err);
	payers_set(payers, entry, NULL);
	/* a payer that is no address was set by hand, never recorded */
	if (!parsed)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(eth_address_from_bytes(payer));
}

PG_FUNCTION_INFO_V1(ledger_split_recipients_forget);
/*
 * ledger_split_recipients_forget(): queue an invalidation of the system
 * accounts' relcache entry, so that every backend (this one at once)
 * reloads its set of the system accounts a split may pay.
 */
Datum
ledger_split_recipients_forget(PG_FUNCTION_ARGS)
{
	backend_copy_forget(&recipients_copy, get_func_namespace(fcinfo->flinfo->fn_oid));
	PG_RETURN_VOID();
}
