// The HTTP status of a refused state-machine move (orders, returns, complaints): the same code is the
// same answer on every page. A machine adds its own codes; anything else is a 400.
const COMMON: Record<string, number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  WRONG_ROLE: 403,
  NOT_ASSIGNED: 403,
  NOT_OWNER: 403,
};

export function moveStatusFor(own: Record<string, number> = {}) {
  return (code: string) => own[code] ?? COMMON[code] ?? 400;
}
