/*
 * rfc3339.h - RFC 3339 date-times (section 5.6), as Sign-In with
 * Ethereum (EIP-4361) writes its times
 *
 *   date-time = full-date "T" full-time            ("T" and "Z" in either case)
 *   full-date = 4DIGIT "-" 2DIGIT "-" 2DIGIT       (a real day of the proleptic
 *                                                   Gregorian calendar)
 *   full-time = 2DIGIT ":" 2DIGIT ":" 2DIGIT [ "." 1*DIGIT ] ( "Z" / ( "+" / "-" ) 2DIGIT ":" 2DIGIT )
 *
 * Times are microseconds since 1970-01-01T00:00:00Z.  Digits of the
 * fraction beyond the sixth are dropped (toward the past).  A leap second
 * (second 60) is read as the first second of the next minute, as
 * PostgreSQL reads one.
 */
#ifndef CD_RFC3339_H
#define CD_RFC3339_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CD_RFC3339_WHY_LEN 200
/* "YYYY-MM-DDTHH:MM:SS.ffffffZ" and a NUL */
#define CD_RFC3339_TEXT_LEN 28

/*
 * Parse the whole of text[0 .. len) into *micros; on failure, why is a
 * sentence for an error detail.
 */
extern bool cd_rfc3339_parse(const char *text, size_t len, int64_t *micros,
							 char why[CD_RFC3339_WHY_LEN]);

/*
 * Format microseconds since the Unix epoch, years 0000 to 9999, in UTC:
 * "YYYY-MM-DDTHH:MM:SSZ", with a fraction (up to six digits, no trailing
 * zero) when the microseconds are not zero.  False (out empty) outside those years.
 */
extern bool cd_rfc3339_format(int64_t micros, char out[CD_RFC3339_TEXT_LEN]);

#endif							/* CD_RFC3339_H */
