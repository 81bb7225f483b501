import type { BaselineStatus, ResolvedBaseline } from '../../store/baselines';
import type { ModelVersionRecord } from '../../store/registry';

const NO_BASELINE: BaselineStatus = { status: 'none', baselineId: null, fromVersion: null, rowCount: null, uploadedAt: null };

/** A version as the API shows it: project and model are implied by the path. */
export function presentVersion(record: ModelVersionRecord, baseline: BaselineStatus = NO_BASELINE) {
  const { project: _project, model: _model, ...shown } = record;
  return { ...shown, baseline };
}

/** A baseline as the API shows it, for the version that was asked about. */
export function presentBaseline(version: string, baseline: ResolvedBaseline) {
  return {
    version,
    baselineId: baseline.baselineId,
    source: baseline.source,
    fromVersion: baseline.fromVersion,
    format: baseline.format,
    rowCount: baseline.rowCount,
    uploadedAt: baseline.uploadedAt,
    uploadedBy: baseline.uploadedBy,
    profile: baseline.profile,
  };
}
