/*
 * length_check.h - the one wording for "this byte string has the wrong
 * length" shared by the signature functions
 */
#ifndef CD_LENGTH_CHECK_H
#define CD_LENGTH_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "cd_error.h"

/*
 * True when len == expected; otherwise fill err with CD_ERR_PARAM (22023)
 * "invalid <what> length: N bytes (expected M)" and return false.
 */
extern bool cd_require_length(const char *what, size_t len, size_t expected, cd_error *err);

#endif							/* CD_LENGTH_CHECK_H */
