import type { LogRecordItem } from './types';

/**
 * Says where in the OTLP request the value at an item path came from, so validation errors
 * point at what the sender wrote (STYLE.md, "Errors that help"). Takes the path a
 * validator reports, relative to the item (`features.age`) or prefixed with the item's `path`,
 * and answers e.g. `resourceLogs[0].scopeLogs[1].logRecords[4].attributes["ml.features"].age`.
 * A path whose first segment is not an item field is appended to the record's path.
 *
 * @example sourcePath(entry, 'resourceLogs[0].scopeLogs[0].logRecords[2].model') // 'resourceLogs[0].resource.attributes["ml.model.name"]'
 */
export function sourcePath(entry: LogRecordItem<object>, itemPath: string): string {
  let relative = itemPath;
  if (itemPath === entry.path) relative = '';
  else if (itemPath.startsWith(`${entry.path}.`)) relative = itemPath.slice(entry.path.length + 1);
  else if (itemPath.startsWith(`${entry.path}[`)) relative = itemPath.slice(entry.path.length);
  if (relative === '') return entry.path;
  const field = /^[A-Za-z_$][\w$]*/.exec(relative)?.[0];
  const fieldPaths: Record<string, string> = entry.fieldPaths;
  const fieldPath = field === undefined ? undefined : fieldPaths[field];
  if (field === undefined || fieldPath === undefined) return relative.startsWith('[') ? `${entry.path}${relative}` : `${entry.path}.${relative}`;
  return `${fieldPath}${relative.slice(field.length)}`;
}
