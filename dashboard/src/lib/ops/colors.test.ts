import { describe, expect, it } from 'vitest';
import { textColorOn } from './colors';

describe('textColorOn', () => {
  it.each([
    ['#E69F00', '#000000'],
    ['#56B4E9', '#000000'],
    ['#F0E442', '#000000'],
    ['#D55E00', '#000000'],
    ['#0072B2', '#ffffff'],
    ['#000000', '#ffffff'],
    ['not a colour', '#000000'],
  ])('%s takes %s text', (background, expected) => expect(textColorOn(background)).toBe(expected));
});
