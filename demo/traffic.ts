import { creditModel, logit, type Applicant } from './creditModel';

/**
 * The demo's simulated world: loan applicants and whether they default.
 *
 * Applicants come in batches of `BATCH` (one hour of traffic). Numbers are stratified draws:
 * row `i` of a batch draws from its own slice of the distribution, so every batch covers the
 * distribution evenly and an undrifted hour matches the training baseline closely. With plain
 * random draws, ~200 rows an hour give the detectors false alarms now and then; the demo must
 * flag exactly the features it drifts. Categories come in fixed turns for the same reason.
 *
 * Drift (`drifted: true`): incomes fall by one standard deviation (a partner campaign reaching
 * younger, poorer applicants) and 30 % of the applications come through a channel the model
 * never saw, `mobile_app`. Everything else keeps its distribution.
 */
export const BATCH = 240;

const TERMS = [12, 24, 36, 48, 60];
const CHANNELS = ['branch', 'web', 'broker'];
/** Six salaried, two self-employed, two retired in ten. */
const EMPLOYMENT = ['salaried', 'salaried', 'salaried', 'salaried', 'salaried', 'salaried', 'self_employed', 'self_employed', 'retired', 'retired'];

export const DRIFTED_FEATURES = ['income', 'channel'] as const;
export const NEW_CATEGORY = 'mobile_app';

/** The same seeded generator as the benchmarks' data (mulberry32), so every run of the demo sends the same data. */
export { seededRandom } from '../bench/support';

/**
 * Applicant `i` of a batch. `i % 10` picks the canary's share (see `isCanaryRow`) and every
 * category depends on `floor(i / 10)` only, so the 90 % that production serves has the same
 * mix of categories as the whole batch.
 */
export function applicant(random: () => number, i: number, drifted: boolean): Applicant {
  const slot = i % BATCH;
  // A standard logistic draw (sd about 1) from stratum (slot * step) mod BATCH; steps are
  // prime to BATCH, so each feature visits every stratum once per batch, in its own order.
  const draw = (step: number) => {
    const u = (((slot * step) % BATCH) + 0.05 + 0.9 * random()) / BATCH;
    return 0.55 * Math.log(u / (1 - u));
  };
  const turn = Math.floor(slot / 10);
  const age = Math.min(80, Math.max(19, Math.round(41 + 11 * draw(97))));
  const income = Math.max(8, (drifted ? 36 : 52) + 15 * draw(173));
  const loanAmount = Math.max(1, 15 + 6 * draw(211));
  return {
    age,
    income: Math.round(income * 10) / 10,
    loan_amount: Math.round(loanAmount * 10) / 10,
    term_months: TERMS[turn % TERMS.length] as number,
    employment: EMPLOYMENT[(turn * 7) % EMPLOYMENT.length] as string,
    channel: drifted && slot % 10 < 3 ? NEW_CATEGORY : (CHANNELS[turn % CHANNELS.length] as string),
  };
}

/** Whether row `i` of a batch is the canary's while a canary takes 10 % of the traffic. */
export function isCanaryRow(i: number): boolean {
  return i % 10 === 0;
}

/**
 * The truth the models try to learn: version 2's weights, plus a higher risk for applicants of
 * the new channel, which neither version has seen.
 */
const WORLD = (() => {
  const v2 = creditModel.versions['2'];
  if (v2 === undefined) throw new Error('model.json needs version 2');
  return { intercept: v2.intercept, weights: { ...v2.weights, [`channel=${NEW_CATEGORY}`]: 0.9 } };
})();

/** Whether the applicant defaults (1) or repays (0): a draw from the world's probability. */
export function outcome(random: () => number, a: Applicant): 0 | 1 {
  const p = 1 / (1 + Math.exp(-logit(creditModel, WORLD, a)));
  return random() < p ? 1 : 0;
}
