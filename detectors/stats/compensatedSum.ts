/**
 * Running sum with Neumaier's compensation, so that sums over 10^6 terms keep full double
 * precision (the reference values come from numpy's pairwise summation).
 */
export class CompensatedSum {
  #sum = 0;
  #compensation = 0;

  add(value: number): void {
    const next = this.#sum + value;
    if (Math.abs(this.#sum) >= Math.abs(value)) this.#compensation += this.#sum - next + value;
    else this.#compensation += value - next + this.#sum;
    this.#sum = next;
  }

  get value(): number {
    return this.#sum + this.#compensation;
  }
}
