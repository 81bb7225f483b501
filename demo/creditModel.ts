import { readFileSync } from 'node:fs';

/**
 * The demo's model: a logistic regression of the probability that a loan applicant defaults,
 * with its weights in `demo/model.json` (two versions). Numeric features are standardised with
 * the training set's mean and standard deviation; each categorical value has its own weight
 * (`employment=retired`), and a value the training set never had (a new category) weighs 0.
 */
export type Applicant = Record<string, number | string>;

export interface FeatureSpec {
  name: string;
  type: 'numeric' | 'categorical';
}

export interface VersionWeights {
  trainedOn: string;
  gitCommit: string;
  params: Record<string, string | number>;
  intercept: number;
  weights: Record<string, number>;
}

export interface CreditModel {
  name: string;
  description: string;
  task: 'binary_classification';
  features: FeatureSpec[];
  standardization: Record<string, { mean: number; std: number }>;
  versions: Record<string, VersionWeights>;
}

export const creditModel = JSON.parse(readFileSync(new URL('./model.json', import.meta.url), 'utf8')) as CreditModel;

/** The versions the demo serves, in release order. */
export const VERSIONS = Object.keys(creditModel.versions);

/** The classification threshold on the probability of default. */
export const THRESHOLD = 0.5;

/** The logit of default for one applicant under `weights`. */
export function logit(model: Pick<CreditModel, 'features' | 'standardization'>, weights: Pick<VersionWeights, 'intercept' | 'weights'>, applicant: Applicant): number {
  let z = weights.intercept;
  for (const feature of model.features) {
    const value = applicant[feature.name];
    if (feature.type === 'numeric') {
      const scale = model.standardization[feature.name] ?? { mean: 0, std: 1 };
      z += (weights.weights[feature.name] ?? 0) * ((Number(value) - scale.mean) / scale.std);
    } else {
      z += weights.weights[`${feature.name}=${String(value)}`] ?? 0;
    }
  }
  return z;
}

/** Probability of default, in [0, 1]. */
export function defaultProbability(version: string, applicant: Applicant): number {
  const weights = creditModel.versions[version];
  if (weights === undefined) throw new Error(`model.json has no version ${JSON.stringify(version)}; it has ${VERSIONS.join(', ')}`);
  return 1 / (1 + Math.exp(-logit(creditModel, weights, applicant)));
}

/** The class a version predicts (1: will default) with its probability. */
export function predict(version: string, applicant: Applicant): { label: 0 | 1; probability: number } {
  const probability = defaultProbability(version, applicant);
  return { label: probability >= THRESHOLD ? 1 : 0, probability };
}
