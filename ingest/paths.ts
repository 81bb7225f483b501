/** A JSON path as users write it: `predictions[3].features.age`, `features["monthly spend"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/** One problem with a request, where it is and what would be right. */
export interface ErrorDetail {
  path: string;
  message: string;
}
