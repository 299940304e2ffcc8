import fc from 'fast-check';

/** A canonical ratio as analysts keep them: up to 6 decimals, 0 … 2. */
export const ratio = fc.integer({ min: 0, max: 2_000_000 }).map((n) => n / 1e6);

/** A canonical ratio with up to 15 significant digits (the hard cases for exactness). */
export const longRatio = fc
  .tuple(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([a, b]) => Number(`${a}${String(b).padStart(6, '0')}e-15`))
  .map((x) => Number(x.toPrecision(15)));

/** A premium in yuan with fen (cents), up to 10 billion. */
export const premium = fc.integer({ min: 0, max: 1_000_000_000_000 }).map((n) => n / 100);

/** Cooperation days 1..366. */
export const days = fc.integer({ min: 1, max: 366 });

/** A positive own premium in yuan. */
export const ownPremium = fc.integer({ min: 1, max: 1_000_000_000_000 }).map((n) => n / 100);

/** A double with a long binary tail, as a formula like =0.7+0.1+0.1 leaves in a cell. */
export const rawDouble = fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true });
