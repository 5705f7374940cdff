/*
 * test_siwe.c - Sign-In with Ethereum (EIP-4361): the message parser, its
 * RFC 3986 and RFC 3339 pieces, and the binding and time rules
 *
 * The messages are EIP-4361's own example and cases of spruceid/siwe's
 * test/parsing_*.json (test/vectors/siwe-parsing-*.json, run whole by
 * test/suites/vectors_siwe.sh); the rest are edges of the grammars.
 */
#include "unit.h"
#include "core/rfc3339.h"
#include "core/rfc3986.h"
#include "core/siwe.h"

#define HEADER " wants you to sign in with your Ethereum account:\n"
#define ADDRESS "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2"
#define TAIL "URI: https://service.org/login\nVersion: 1\nChain ID: 1\nNonce: 32891757\nIssued At: 2021-09-30T16:25:24.000Z"

static const char full_message[] =
	"https://service.org" HEADER ADDRESS "\n\n"
	"I accept the ServiceOrg Terms of Service: https://service.org/tos\n\n"
	TAIL "\nExpiration Time: 2021-10-30T16:25:24Z\nNot Before: 2021-09-30T16:25:24-02:00\n"
	"Request ID: some_id\nResources:\n- ipfs://Qme7ss3ARVgxv6rXqVPiikMJ8u2NLgmgszg13pYrDKEoiu\n"
	"- https://example.com/my-web2-claim.json";

/* The text of a span, NUL-terminated in a static buffer. */
static const char *
span_text(const char *text, cd_span span)
{
	static char buf[256];
	size_t		n = span.len < sizeof(buf) - 1 ? span.len : sizeof(buf) - 1;

	memcpy(buf, text + span.off, n);
	buf[n] = '\0';
	return buf;
}

/* text parsed as a message into msg; a refusal is reported with its error */
static bool
siwe_parsed(const char *text, cd_siwe_message *msg)
{
	cd_error	err;

	cd_error_clear(&err);
	if (cd_siwe_parse(text, strlen(text), msg, &err))
		return true;
	fprintf(stderr, "unexpected refusal of \"%s\": %s / %s\n", text, err.message, err.detail);
	return false;
}

static void
test_full_message(void)
{
	cd_siwe_message msg;
	size_t		pos = 0;
	cd_span		resource;

	CHECK(siwe_parsed(full_message, &msg));
	CHECK(msg.has_scheme);
	CHECK_STR_EQ(span_text(full_message, msg.scheme), "https");
	CHECK_STR_EQ(span_text(full_message, msg.domain), "service.org");
	CHECK_HEX_EQ(msg.address, 20, "c02aaa39b223fe8d0a0e5c4f27ead9083c756cc2");
	CHECK(msg.has_statement);
	CHECK_STR_EQ(span_text(full_message, msg.statement), "I accept the ServiceOrg Terms of Service: https://service.org/tos");
	CHECK_STR_EQ(span_text(full_message, msg.uri), "https://service.org/login");
	CHECK_STR_EQ(span_text(full_message, msg.version), "1");
	CHECK(msg.chain_id == 1);
	CHECK_STR_EQ(span_text(full_message, msg.nonce), "32891757");
	/* 2021-09-30T16:25:24Z is 1633019124 s after the epoch */
	CHECK(msg.issued_at.present && msg.issued_at.micros == INT64_C(1633019124000000));
	CHECK_STR_EQ(span_text(full_message, msg.issued_at.text), "2021-09-30T16:25:24.000Z");
	CHECK(msg.expiration_time.present && msg.expiration_time.micros == INT64_C(1635611124000000));
	/* -02:00 is two hours later in UTC */
	CHECK(msg.not_before.present && msg.not_before.micros == INT64_C(1633019124000000) + INT64_C(7200000000));
	CHECK(msg.has_request_id);
	CHECK_STR_EQ(span_text(full_message, msg.request_id), "some_id");
	CHECK(msg.has_resources && msg.resource_count == 2);
	CHECK(cd_siwe_next_resource(full_message, strlen(full_message), &msg, &pos, &resource));
	CHECK_STR_EQ(span_text(full_message, resource), "ipfs://Qme7ss3ARVgxv6rXqVPiikMJ8u2NLgmgszg13pYrDKEoiu");
	CHECK(cd_siwe_next_resource(full_message, strlen(full_message), &msg, &pos, &resource));
	CHECK_STR_EQ(span_text(full_message, resource), "https://example.com/my-web2-claim.json");
	CHECK(!cd_siwe_next_resource(full_message, strlen(full_message), &msg, &pos, &resource));
}

/* No statement (three LFs), an empty statement (four), no resource after "Resources:". */
static void
test_statement_forms(void)
{
	const char *none = "service.org" HEADER ADDRESS "\n\n\n" TAIL;
	const char *empty = "service.org" HEADER ADDRESS "\n\n\n\n" TAIL;
	const char *no_resource = "service.org" HEADER ADDRESS "\n\n\n" TAIL "\nResources:";
	cd_siwe_message msg;
	size_t		pos = 0;
	cd_span		resource;

	CHECK(siwe_parsed(none, &msg));
	CHECK(!msg.has_statement && !msg.has_scheme && !msg.has_resources && !msg.expiration_time.present);
	CHECK(siwe_parsed(empty, &msg));
	CHECK(msg.has_statement && msg.statement.len == 0);
	CHECK(siwe_parsed(no_resource, &msg));
	CHECK(msg.has_resources && msg.resource_count == 0);
	CHECK(!cd_siwe_next_resource(no_resource, strlen(no_resource), &msg, &pos, &resource));
}

/* A message that must fail: the message names line and field, the detail says why. */
static void
check_refused(const char *text, cd_errcode code, const char *line_field, const char *detail_part)
{
	cd_siwe_message msg;
	cd_error	err;

	cd_error_clear(&err);
	CHECK_FAILED_WITH(cd_siwe_parse(text, strlen(text), &msg, &err), err, code, detail_part, false, text);
	if (strstr(err.message, line_field) == NULL)
	{
		unit_failed++;
		fprintf(stderr, "FAIL %s: message \"%s\" does not name \"%s\"\n", unit_current, err.message, line_field);
	}
	else
		unit_passed++;
}

static void
test_refusals(void)
{
	check_refused(" wants you to sign in with your Ethereum account:\n" ADDRESS "\n\n\n" TAIL,
				  CD_ERR_SYNTAX, "line 1 (domain)", "The domain is missing");
	check_refused("service.org wants you to sign in with Ethereum:\n" ADDRESS "\n\n\n" TAIL,
				  CD_ERR_SYNTAX, "line 1 (domain)", "The first line must be the domain");
	check_refused("#notrfc4501" HEADER ADDRESS "\n\n\n" TAIL, CD_ERR_SYNTAX, "line 1 (domain)", "'#' at character 1");
	check_refused("1https://service.org" HEADER ADDRESS "\n\n\n" TAIL, CD_ERR_SYNTAX, "line 1 (scheme)", "The scheme");
	check_refused("[::1:]" HEADER ADDRESS "\n\n\n" TAIL, CD_ERR_SYNTAX, "line 1 (domain)", "not an IPv6 address");
	check_refused("service.org:80a" HEADER ADDRESS "\n\n\n" TAIL, CD_ERR_SYNTAX, "line 1 (domain)", "a port is decimal digits");
	check_refused("service.org" HEADER "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2\n\n\n" TAIL,
				  CD_ERR_SYNTAX, "line 2 (address)", "EIP-55 checksum, as " ADDRESS);
	check_refused("service.org" HEADER "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc\n\n\n" TAIL,
				  CD_ERR_SYNTAX, "line 2 (address)", "is not an Ethereum address");
	check_refused("service.org" HEADER ADDRESS "\nI accept\n\n" TAIL,
				  CD_ERR_SYNTAX, "line 3 (address)", "This line must be empty");
	check_refused("service.org" HEADER ADDRESS "\n\nI accept: \nhttps://service.org/tos\n\n" TAIL,
				  CD_ERR_SYNTAX, "line 5 (statement)", "The statement is one line");
	check_refused("service.org" HEADER ADDRESS "\n\nI accept \"this\"\n\n" TAIL,
				  CD_ERR_SYNTAX, "line 4 (statement)", "'\"' at character 10");
	check_refused("service.org" HEADER ADDRESS "\n\n\nVersion: 1\nURI: https://service.org/login\n",
				  CD_ERR_SYNTAX, "line 5 (URI)", "found the Version line");
	check_refused("service.org" HEADER ADDRESS "\n\n\nURI: :not_a_uri\nVersion: 1\n",
				  CD_ERR_SYNTAX, "line 5 (URI)", "A URI starts with a scheme");
	check_refused("service.org" HEADER ADDRESS "\n\n\nURI: https://service.org/a b\nVersion: 1\n",
				  CD_ERR_SYNTAX, "line 5 (URI)", "byte 0x20 at character");
	check_refused("service.org" HEADER ADDRESS "\n\n\nURI: https://service.org/%4\nVersion: 1\n",
				  CD_ERR_SYNTAX, "line 5 (URI)", "'%' at character");
	check_refused("service.org" HEADER ADDRESS "\n\n\nURI: https://s.org\nVersion: 2\n",
				  CD_ERR_SYNTAX, "line 6 (Version)", "The version must be 1");
	check_refused("service.org" HEADER ADDRESS "\n\n\nURI: https://s.org\nVersion: 1\nChain ID: ?\n",
				  CD_ERR_SYNTAX, "line 7 (Chain ID)", "decimal digits");
	check_refused("service.org" HEADER ADDRESS "\n\n\nURI: https://s.org\nVersion: 1\nChain ID: \n",
				  CD_ERR_SYNTAX, "line 7 (Chain ID)", "The chain ID is missing");
	check_refused("service.org" HEADER ADDRESS "\n\n\nURI: https://s.org\nVersion: 1\nChain ID: 9223372036854775808\n",
				  CD_ERR_RANGE, "line 7 (Chain ID)", "above 9223372036854775807");
	check_refused("service.org" HEADER ADDRESS "\n\n\nURI: https://s.org\nVersion: 1\nChain ID: 1\nNonce: 1234567\n",
				  CD_ERR_SYNTAX, "line 8 (Nonce)", "has 7 characters");
	check_refused("service.org" HEADER ADDRESS "\n\n\nURI: https://s.org\nVersion: 1\nChain ID: 1\nNonce: 1234-5678\n",
				  CD_ERR_SYNTAX, "line 8 (Nonce)", "'-' at character 5");
	check_refused("service.org" HEADER ADDRESS "\n\n\nURI: https://s.org\nVersion: 1\nChain ID: 1\nNonce: 12345678\n"
				  "Issued At: 2022-02-31T17:09:38.578Z", CD_ERR_SYNTAX, "line 9 (Issued At)", "2022-02-31 is not a day");
	check_refused("service.org" HEADER ADDRESS "\n\n\nURI: https://s.org\nVersion: 1\nChain ID: 1\nNonce: 12345678",
				  CD_ERR_SYNTAX, "line 9 (Issued At)", "The message ends before the Issued At line");
	check_refused("service.org" HEADER ADDRESS "\n\n\n" TAIL "\n", CD_ERR_SYNTAX, "line 10 (unexpected line)",
				  "ends with a line break");
	check_refused("service.org" HEADER ADDRESS "\n\n\n" TAIL "\nNot Before: 2021-09-30T16:25:24Z\nExpiration Time: 2021-09-30T16:25:24Z",
				  CD_ERR_SYNTAX, "line 11 (Expiration Time)", "found the Expiration Time line");
	check_refused("service.org" HEADER ADDRESS "\n\n\n" TAIL "\nRequest ID: a b",
				  CD_ERR_SYNTAX, "line 10 (Request ID)", "byte 0x20 at character 2");
	check_refused("service.org" HEADER ADDRESS "\n\n\n" TAIL "\nResources:\n- https://a.org - https://b.org",
				  CD_ERR_SYNTAX, "line 11 (Resources)", "not an RFC 3986 URI");
	check_refused("service.org" HEADER ADDRESS "\n\n\n" TAIL "\nResources:\nhttps://a.org",
				  CD_ERR_SYNTAX, "line 11 (Resources)", "every line is \"- \"");
	check_refused("service.org" HEADER ADDRESS "\n\n\n" TAIL "\nResources: https://a.org",
				  CD_ERR_SYNTAX, "line 10 (Resources)", "\"Resources:\" alone");
	check_refused("service.org" HEADER ADDRESS "\n\n\n" TAIL "\nhello",
				  CD_ERR_SYNTAX, "line 10 (unexpected line)", "found \"hello\"");
	check_refused("service.org" HEADER, CD_ERR_SYNTAX, "line 2 (address)", "not an Ethereum address");
	check_refused("service.org wants you to sign in with your Ethereum account:", CD_ERR_SYNTAX, "line 2 (address)",
				  "ends after its first line");
}

/* CR LF line ends get a hint. */
static void
test_crlf_hint(void)
{
	const char *text = "service.org wants you to sign in with your Ethereum account:\r\n" ADDRESS "\r\n\r\n\r\n" TAIL;
	cd_siwe_message msg;
	cd_error	err;

	cd_error_clear(&err);
	CHECK(!cd_siwe_parse(text, strlen(text), &msg, &err));
	CHECK(strstr(err.hint, "LF alone") != NULL);
}

static void
check_uri(const char *uri, bool valid)
{
	char		why[CD_RFC3986_WHY_LEN];

	if (cd_uri_valid(uri, strlen(uri), why) == valid)
		unit_passed++;
	else
	{
		unit_failed++;
		fprintf(stderr, "FAIL %s: \"%s\" should be %s\n", unit_current, uri, valid ? "valid" : "invalid");
	}
}

static void
test_rfc3986(void)
{
	char		why[CD_RFC3986_WHY_LEN];

	check_uri("https://service.org/login", true);
	check_uri("https://127.0.0.1/?query=one#begin", true);
	check_uri("https://[::1]:8080/x", true);
	check_uri("http://[2001:db8::7]/c=GB?objectClass?one", true);
	check_uri("http://[::ffff:192.0.2.128]/", true);
	check_uri("http://[1:2:3:4:5:6:7:8]", true);
	check_uri("http://[1:2:3:4:5:6:192.0.2.1]", true);
	check_uri("http://[v7.fe80::a+en1]", true);
	check_uri("urn:oasis:names:specification:docbook:dtd:xml:4.1.2", true);
	check_uri("mailto:John.Doe@example.com", true);
	check_uri("ipfs://Qme7ss3ARVgxv6rXqVPiikMJ8u2NLgmgszg13pYrDKEoiu", true);
	check_uri("a:", true);
	check_uri("https://user:pw@host:1/%20?%41#f/?", true);
	check_uri(":not_a_rfc3986_valid_uri_", false);
	check_uri("https://[1:2:3:4:5:6:7:8:9]", false);
	check_uri("https://[1:2:3:4:5:6:7]", false);
	check_uri("https://[1::2::3]", false);
	check_uri("https://[:::]", false);
	check_uri("https://[1::2:192.0.2.256]", false);
	check_uri("https://[1::2:192.0.2.01]", false);
	check_uri("https://[12345::]", false);
	check_uri("https://[v.x]", false);
	check_uri("https://[::1", false);
	check_uri("https://a.org/#a#b", false);
	check_uri("https://a.org/x[1]", false);
	check_uri("https://a.org:8a/", false);
	check_uri("https://a b/", false);
	CHECK(cd_authority_valid("[::cafe]", 8, true, why));
	CHECK(cd_authority_valid("user:pass@127.0.0.1:3030", 24, true, why));
	CHECK(!cd_authority_valid("user@", 5, true, why));
	CHECK(cd_authority_valid("user@", 5, false, why));
	CHECK(!cd_authority_valid("a/b", 3, true, why));
}

static void
check_time(const char *text, bool valid, int64_t micros)
{
	char		why[CD_RFC3339_WHY_LEN];
	int64_t		got = 0;
	bool		ok = cd_rfc3339_parse(text, strlen(text), &got, why);

	if (ok == valid && (!ok || got == micros))
		unit_passed++;
	else
	{
		unit_failed++;
		fprintf(stderr, "FAIL %s: \"%s\" gave %s %lld, expected %s %lld\n", unit_current, text,
				ok ? "valid" : "invalid", (long long) got, valid ? "valid" : "invalid", (long long) micros);
	}
}

static void
test_rfc3339(void)
{
	char		out[CD_RFC3339_TEXT_LEN];

	check_time("1970-01-01T00:00:00Z", true, 0);
	check_time("1970-01-01t00:00:00z", true, 0);
	check_time("1970-01-01T00:00:00.0000019Z", true, 1);	/* the seventh digit is dropped */
	check_time("1970-01-01T01:00:00+01:00", true, 0);
	check_time("1969-12-31T23:59:59.5Z", true, -500000);
	check_time("2000-02-29T00:00:00Z", true, INT64_C(951782400000000));
	check_time("2016-12-31T23:59:60Z", true, INT64_C(1483228800000000));	/* leap second: next minute */
	check_time("0000-01-01T00:00:00Z", true, INT64_C(-62167219200000000));
	check_time("1900-02-29T00:00:00Z", false, 0);
	check_time("2022-02-31T17:09:38.578Z", false, 0);
	check_time("2022-13-01T00:00:00Z", false, 0);
	check_time("2022-01-01T24:00:00Z", false, 0);
	check_time("2022-01-01T00:60:00Z", false, 0);
	check_time("2022-01-01T00:00:61Z", false, 0);
	check_time("2022-01-01T00:00:00", false, 0);
	check_time("2022-01-01T00:00:00.Z", false, 0);
	check_time("2022-01-01T00:00:00+24:00", false, 0);
	check_time("2022-01-01T00:00:00+0100", false, 0);
	check_time("2022-01-01 00:00:00Z", false, 0);
	check_time("2022-01-01T00:00:00ZZ", false, 0);
	check_time("Wed Oct 05 2011 16:48:00 GMT+0200 (CEST)", false, 0);
	CHECK(cd_rfc3339_format(0, out));
	CHECK_STR_EQ(out, "1970-01-01T00:00:00Z");
	CHECK(cd_rfc3339_format(-500000, out));
	CHECK_STR_EQ(out, "1969-12-31T23:59:59.5Z");
	CHECK(cd_rfc3339_format(INT64_C(4102444800000000), out));
	CHECK_STR_EQ(out, "2100-01-01T00:00:00Z");
	CHECK(!cd_rfc3339_format(INT64_C(253402300800000000), out));	/* year 10000 */
}

static void
test_check(void)
{
	cd_siwe_message msg;
	const char *text = full_message;
	int64_t		nb = INT64_C(1633026324000000);
	int64_t		exp = INT64_C(1635611124000000);

	CHECK(siwe_parsed(text, &msg));
	CHECK(cd_siwe_check(text, &msg, "service.org", 11, "32891757", 8, nb) == CD_SIWE_ACCEPTED);
	CHECK(cd_siwe_check(text, &msg, "service.org", 11, "32891757", 8, exp - 1) == CD_SIWE_ACCEPTED);
	CHECK(cd_siwe_check(text, &msg, "service.org", 11, "32891757", 8, exp) == CD_SIWE_EXPIRED);
	CHECK(cd_siwe_check(text, &msg, "service.org", 11, "32891757", 8, nb - 1) == CD_SIWE_NOT_YET_VALID);
	CHECK(cd_siwe_check(text, &msg, "Service.org", 11, "32891757", 8, nb) == CD_SIWE_WRONG_DOMAIN);
	CHECK(cd_siwe_check(text, &msg, "https://service.org", 19, "32891757", 8, nb) == CD_SIWE_WRONG_DOMAIN);
	CHECK(cd_siwe_check(text, &msg, "service.org", 11, "3289175", 7, nb) == CD_SIWE_WRONG_NONCE);
	CHECK(cd_siwe_check(text, &msg, "service.org", 11, "32891758", 8, nb) == CD_SIWE_WRONG_NONCE);
}

int
main(void)
{
	RUN(test_full_message);
	RUN(test_statement_forms);
	RUN(test_refusals);
	RUN(test_crlf_hint);
	RUN(test_rfc3986);
	RUN(test_rfc3339);
	RUN(test_check);
	return unit_summary("test_siwe");
}
