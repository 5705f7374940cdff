/*
 * secp256k1_context.h - the one libsecp256k1 context of a process
 */
#ifndef CD_SECP256K1_CONTEXT_H
#define CD_SECP256K1_CONTEXT_H

#include <secp256k1.h>

#include "cd_error.h"

/*
 * The process-wide context: created, self-tested and randomized on first
 * use (the glue calls it from _PG_init so that no SQL call pays for it),
 * with error callbacks that record instead of calling abort().  Returns
 * NULL and fills err if the library fails its self test or cannot allocate.
 */
extern const secp256k1_context *cd_secp256k1_context(cd_error *err);

/*
 * True if libsecp256k1 reported an illegal argument since the last call
 * (which resets the flag).  Callers validate every input first, so this
 * should never be true; it turns a caller bug into an error instead of
 * a process abort.
 */
extern bool cd_secp256k1_take_illegal_argument(void);

#endif							/* CD_SECP256K1_CONTEXT_H */
