import { describe, expect, it } from 'vitest';
import { predict } from './creditModel';
import { inferenceRequest } from './gateway';
import { applicantsOf } from './modelServer';

const applicant = { age: 35, income: 30, loan_amount: 20, term_months: 48, employment: 'self_employed', channel: 'mobile_app' };

describe('the model server reads OIP v2 inputs', () => {
  it('one tensor per feature, as the demo sends them through the gateway', () => {
    expect(applicantsOf(inferenceRequest(applicant))).toEqual([applicant]);
  });

  it('rows of [n] and [n, 1] tensors, a scalar given to every row', () => {
    const body = {
      inputs: [
        { name: 'age', shape: [2, 1], datatype: 'FP64', data: [[30], [60]] },
        { name: 'income', shape: [2], datatype: 'FP64', data: [20, 90] },
        { name: 'loan_amount', shape: [1], datatype: 'FP64', data: [10] },
        { name: 'term_months', shape: [2], datatype: 'FP64', data: [12, 60] },
        { name: 'employment', shape: [2], datatype: 'BYTES', data: ['salaried', 'retired'] },
        { name: 'channel', shape: [1], datatype: 'BYTES', data: ['web'] },
      ],
    };
    expect(applicantsOf(body)).toEqual([
      { age: 30, income: 20, loan_amount: 10, term_months: 12, employment: 'salaried', channel: 'web' },
      { age: 60, income: 90, loan_amount: 10, term_months: 60, employment: 'retired', channel: 'web' },
    ]);
  });

  it('names what is wrong', () => {
    expect(() => applicantsOf({})).toThrow('inputs: expected an array of tensors');
    expect(() => applicantsOf({ inputs: [{ name: 'age', data: [1] }] })).toThrow('no tensor named "income"');
    const text = inferenceRequest({ ...applicant, income: 'a lot' });
    expect(() => applicantsOf(text)).toThrow('inputs.income[0]: expected a number, got "a lot"');
  });
});

describe('the logistic regression', () => {
  it('gives a new category no weight, and lower incomes a higher risk', () => {
    expect(predict('2', applicant).probability).toBeCloseTo(predict('2', { ...applicant, channel: 'branch' }).probability, 12);
    expect(predict('2', { ...applicant, income: 20 }).probability).toBeGreaterThan(predict('2', { ...applicant, income: 80 }).probability);
  });
});
