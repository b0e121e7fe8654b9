// For a value that is there by construction (an array's checked first element, a regex's
// mandatory group, a key put in a map just before): reading it says so, and if it is ever missing
// that is a bug, which fails here, by name, instead of going on with undefined.

/** `value`, or an Error naming `what` when it is undefined. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing`);
  return value;
}
