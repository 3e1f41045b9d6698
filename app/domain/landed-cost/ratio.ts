// Exact rational arithmetic on bigints. Money needs decimals, but the calculator's rates
// (rates.CNY / rates.X) and CBEC factors (… / (1 − c)) are true divisions, so a fixed
// number of decimal places would round somewhere docs/landed-cost.md says not to. A fraction keeps
// every intermediate exact; only `roundHalfUp` loses precision, and only where asked.

const DECIMAL_OR_EXPONENT = /^(-)?(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function floorDiv(n: bigint, d: bigint): bigint {
  // BigInt division truncates toward zero; d is always positive here.
  const q = n / d;
  return n % d !== 0n && n < 0n ? q - 1n : q;
}

const PARSE_CACHE_SIZE = 4096;
const parsed = new Map<string, Ratio>();

export class Ratio {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static of(num: bigint, den: bigint = 1n): Ratio {
    if (den === 0n) throw new RangeError("division by zero");
    const sign = den < 0n ? -1n : 1n;
    const g = gcd(num, den) || 1n;
    return new Ratio((sign * num) / g, (sign * den) / g);
  }

  /** "129.99", "0", "1e-7" (what String(number) may produce). */
  static parse(text: string): Ratio {
    // Rates, fee rates and prices repeat from quote to quote; a Ratio is immutable, so parsed values are shared.
    const cached = parsed.get(text);
    if (cached) return cached;
    const value = Ratio.parseUncached(text);
    if (parsed.size >= PARSE_CACHE_SIZE) parsed.clear();
    parsed.set(text, value);
    return value;
  }

  private static parseUncached(text: string): Ratio {
    const match = DECIMAL_OR_EXPONENT.exec(text.trim());
    if (!match) throw new RangeError(`not a decimal: ${JSON.stringify(text)}`);
    const [, minus, whole = "0", fraction = "", exponentText] = match;
    const exponent = Number(exponentText ?? "0") - fraction.length;
    let num = BigInt(whole + fraction);
    let den = 1n;
    if (exponent >= 0) num *= 10n ** BigInt(exponent);
    else den = 10n ** BigInt(-exponent);
    return Ratio.of(minus ? -num : num, den);
  }

  static fromNumber(value: number): Ratio {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    // String() gives the shortest decimal that round-trips, i.e. the value the caller wrote.
    return Ratio.parse(String(value));
  }

  plus(other: Ratio): Ratio {
    return Ratio.of(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  minus(other: Ratio): Ratio {
    return Ratio.of(this.num * other.den - other.num * this.den, this.den * other.den);
  }

  times(other: Ratio): Ratio {
    return Ratio.of(this.num * other.num, this.den * other.den);
  }

  div(other: Ratio): Ratio {
    return Ratio.of(this.num * other.den, this.den * other.num);
  }

  cmp(other: Ratio): -1 | 0 | 1 {
    const left = this.num * other.den;
    const right = other.num * this.den;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  gt(other: Ratio): boolean {
    return this.cmp(other) > 0;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  ceil(): Ratio {
    return Ratio.of(-floorDiv(-this.num, this.den));
  }

  /** Half-up (away from zero on a tie) to `places` decimals, on the exact value: 2.675 → 2.68. */
  roundHalfUp(places: number): Ratio {
    const scale = 10n ** BigInt(places);
    const magnitude = (this.num < 0n ? -this.num : this.num) * scale;
    const rounded = floorDiv(2n * magnitude + this.den, 2n * this.den);
    return Ratio.of(this.num < 0n ? -rounded : rounded, scale);
  }

  /** Rounds half-up, then prints exactly `places` decimals. */
  toFixed(places: number): string {
    const scale = 10n ** BigInt(places);
    const units = this.roundHalfUp(places).times(Ratio.of(scale)).num;
    const negative = units < 0n;
    const digits = (negative ? -units : units).toString().padStart(places + 1, "0");
    const whole = digits.slice(0, digits.length - places);
    const fraction = places > 0 ? `.${digits.slice(digits.length - places)}` : "";
    return `${negative ? "-" : ""}${whole}${fraction}`;
  }

  toNumber(): number {
    // Both parts are exact integers below 2^53 for any realistic weight, so this is the nearest double.
    return Number(this.num) / Number(this.den);
  }
}

export const ZERO = Ratio.of(0n);
export const ONE = Ratio.of(1n);

export function sum(values: Iterable<Ratio>): Ratio {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}

export function max(a: Ratio, b: Ratio): Ratio {
  return a.cmp(b) >= 0 ? a : b;
}

export function round2(value: Ratio): Ratio {
  return value.roundHalfUp(2);
}
