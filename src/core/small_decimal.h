/*
 * small_decimal.h - short decimal numerals without leading zeros, as the
 * grammars of EIP-712 type sizes ("uint256", "bytes32") and RFC 3986's
 * dec-octet (the parts of an IPv4 address) both write them
 */
#ifndef CD_SMALL_DECIMAL_H
#define CD_SMALL_DECIMAL_H

#include <stddef.h>

/*
 * The value of s when it is 1 to 3 decimal digits without a leading zero
 * ("0" alone is 0); -1 for anything else.
 */
extern int	cd_small_decimal(const char *s, size_t n);

#endif							/* CD_SMALL_DECIMAL_H */
