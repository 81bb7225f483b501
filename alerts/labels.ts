/**
 * An alert's identity: label name to value, e.g. {alertname, project, model, version, feature}.
 * Its own module, free of Node imports, so the dashboard can share what reads labels (silences).
 */
export type Labels = Readonly<Record<string, string>>;
