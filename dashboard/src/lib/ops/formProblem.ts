import { ApiError, type ErrorDetail } from '../api';

/**
 * A refused request as a form shows it: the server's message at the top, each `details` entry
 * next to the field it names, and the entries no field of the form claims listed with the
 * message so that nothing the server said is lost.
 */
export interface FormProblem {
  message: string;
  /** HTTP status, 0 for a network failure or an error thrown in the page. */
  status: number;
  byField: Record<string, string[]>;
  unplaced: ErrorDetail[];
}

/** Any error as one readable sentence (API errors keep the server's wording). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.status === 403 ? `${error.message} (this needs an admin key)` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The field of `fields` that a detail path belongs to: the longest one equal to the path or
 * a prefix of it at a `.` or `[` boundary (`config.recipients[1]` belongs to
 * `config.recipients`).
 *
 * @example fieldOf('matchers[0].value', ['matchers', 'matchers[0].value']) // 'matchers[0].value'
 */
export function fieldOf(path: string, fields: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const field of fields) {
    const claims = path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);
    if (claims && (best === undefined || field.length > best.length)) best = field;
  }
  return best;
}

export function formProblem(error: unknown, fields: readonly string[]): FormProblem | null {
  if (error === null || error === undefined) return null;
  const details = error instanceof ApiError ? error.details : [];
  const byField: Record<string, string[]> = {};
  const unplaced: ErrorDetail[] = [];
  for (const detail of details) {
    const field = fieldOf(detail.path, fields);
    if (field === undefined) unplaced.push(detail);
    else (byField[field] ??= []).push(detail.path === field ? detail.message : `${detail.path.slice(field.length).replace(/^\./, '')}: ${detail.message}`);
  }
  return { message: errorMessage(error), status: error instanceof ApiError ? error.status : 0, byField, unplaced };
}
