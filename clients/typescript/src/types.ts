// Per-client type parsers: numeric (whole amounts) and int8 (ids, sequence
// numbers) as bigint.  Installed on the pool or client the library creates,
// never globally with pg.types.setTypeParser, so that other code of the
// application sharing node-postgres keeps its own parsing.
import pg from 'pg';

const NUMERIC_OID = 1700;
const INT8_OID = 20;

function parseNumeric(text: string): bigint | string {
  // ledger amounts are whole; a fractional numeric (not produced by the
  // ledger's functions) stays text rather than be rounded
  return /^-?\d+$/.test(text) ? BigInt(text) : text;
}

/** A `types` object for pg.Pool / pg.Client options: numeric and int8 as bigint, everything else as node-postgres parses it. */
export const bigintTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if ((format === undefined || format === 'text') && (oid === NUMERIC_OID || oid === INT8_OID)) {
      return parseNumeric;
    }
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};
