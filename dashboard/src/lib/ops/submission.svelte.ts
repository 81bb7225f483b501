import { formProblem, type FormProblem } from './formProblem';

/**
 * A form's or a button's request in flight: busy while it runs, and the server's refusal
 * afterwards, placed next to the form's fields by `problem()`.
 */
export class Submission {
  #busy = $state(false);
  #error = $state.raw<unknown>(null);

  get busy(): boolean {
    return this.#busy;
  }

  get error(): unknown {
    return this.#error;
  }

  /** The last error split into a message, per-field details and the details no field claims. */
  problem(fields: readonly string[] = []): FormProblem | null {
    return formProblem(this.#error, fields);
  }

  clear(): void {
    this.#error = null;
  }

  /** Runs `action`; true when it succeeded, false (with `error` set) when it threw. */
  async run(action: () => Promise<unknown>): Promise<boolean> {
    this.#busy = true;
    this.#error = null;
    try {
      await action();
      return true;
    } catch (error) {
      this.#error = error;
      return false;
    } finally {
      this.#busy = false;
    }
  }
}
