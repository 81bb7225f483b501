import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { fieldOf, formProblem } from './formProblem';

describe('fieldOf', () => {
  const fields = ['config', 'config.recipients', 'matchers', 'matchers[0].value', 'name'];
  it.each([
    ['an exact field', 'name', 'name'],
    ['an item of a list field', 'config.recipients[1]', 'config.recipients'],
    ['the longest claiming field', 'matchers[0].value', 'matchers[0].value'],
    ['a parent when no child field exists', 'config.url', 'config'],
    ['nothing for a mere name prefix', 'names', undefined],
    ['nothing for an unknown path', 'secret', undefined],
  ])('%s', (_, path, expected) => expect(fieldOf(path, fields)).toBe(expected));
});

describe('formProblem', () => {
  it('places each detail next to its field and keeps the rest with the message', () => {
    const error = new ApiError(400, 'invalid_request', 'invalid json: 2 problems', [
      { path: 'config.recipients[0]', message: 'expected an email address' },
      { path: 'name', message: 'too short' },
      { path: '(body)', message: 'odd' },
    ]);
    expect(formProblem(error, ['name', 'config.recipients'])).toEqual({
      message: 'invalid json: 2 problems',
      status: 400,
      byField: { 'config.recipients': ['[0]: expected an email address'], name: ['too short'] },
      unplaced: [{ path: '(body)', message: 'odd' }],
    });
  });

  it('says a refused admin action needs an admin key', () => {
    expect(formProblem(new ApiError(403, 'forbidden', 'this key lacks the admin scope'), [])?.message).toBe('this key lacks the admin scope (this needs an admin key)');
  });

  it('is null without an error and status 0 for an error thrown in the page', () => {
    expect(formProblem(null, [])).toBeNull();
    expect(formProblem(new Error('alias: expected a name'), [])).toMatchObject({ status: 0, message: 'alias: expected a name' });
  });
});
