// Amounts are whole numbers of base units up to 2^256 - 1, numeric in SQL.
// A JavaScript number holds integers exactly only up to 2^53 (2**64 + 1
// arrives as 18446744073709552000), so the client takes and returns bigint
// only: a number is a type error at compile time and a TypeError at run
// time (for callers without TypeScript, or with `as any`).

/** A whole number of base units. */
export type Amount = bigint;

/** The text the database receives for an amount argument; TypeError unless a bigint. */
export function amountParam(name: string, value: Amount): string {
  if (typeof value !== 'bigint') {
    throw new TypeError(
      `${name} must be a bigint amount of base units, not ${value === null ? 'null' : typeof value}` +
        (typeof value === 'number' ? ` (${value}): a number loses precision above 2^53; write ${Number.isInteger(value) ? `${value}n` : 'a bigint'}` : ''),
    );
  }
  return value.toString();
}

/** A numeric or int8 value from the database as bigint (the client's type parsers already give bigint; text from elsewhere is converted). */
export function toBigInt(name: string, value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new TypeError(`${name} is not a whole number: ${String(value)}`);
}
