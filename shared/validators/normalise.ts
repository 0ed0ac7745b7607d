/** Chinese input methods often produce full-width forms (０-９, Ｘ, －): fold them to ASCII before validating. */
export function toHalfWidth(input: string): string {
  return input.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Identifiers are typed in groups (6-8-4) and in either case: fold both away. */
export function normaliseIdentifier(input: string): string {
  return toHalfWidth(input).replace(/\s+/g, '').toUpperCase();
}
