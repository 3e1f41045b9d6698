// A snapshot's `source` names where its rates came from: one provider, or the provider and the
// one that confirmed a large move. Duplicate checks compare the provider, not the whole label.
export const ECB_SOURCE = "ECB";
export const ER_API_SOURCE = "open.er-api.com";

const CONFIRMED = " confirmed by ";

export function confirmedSource(provider: string, witness: string): string {
  return `${provider}${CONFIRMED}${witness}`;
}

export function providerOf(source: string): string {
  const at = source.indexOf(CONFIRMED);
  return at === -1 ? source : source.slice(0, at);
}
