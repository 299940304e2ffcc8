/**
 * Selection of the k-th smallest number, for medians over a whole sheet without sorting it.
 *
 * @packageDocumentation
 */

/**
 * The `k`-th smallest of `values` (0-based), found by selection in linear time on average (Hoare's
 * quickselect, middle pivot); `values` is reordered, and `k` must be an index of it. For the median of
 * 100,000 premiums without sorting them.
 */
export function nthSmallest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const t = values[i] as number;
        values[i++] = values[j] as number;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k] as number;
}
