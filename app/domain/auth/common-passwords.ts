import list from "./common-passwords.json";

// The common-password list (common-passwords.json says where it comes from). Server-only by use: the
// browser checks the shape of a password (schemas.ts) and the server checks this list, so the list never
// ships in a page. Built into a set on first use.
let common: Set<string> | undefined;

/** Whether a password is on the list, ignoring case (and Unicode width forms, as hashing does). */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(list.passwords);
  return common.has(password.normalize("NFKC").toLowerCase());
}
