import { describe, expect, it } from 'vitest';
import { histogramBins } from './histogram';

describe('histogramBins', () => {
  it('labels numeric bins as the detector cuts them, (-inf, e1] ... (em, +inf), with shares', () => {
    const bins = histogramBins({ feature: 'age', kind: 'numeric', edges: [20, 40], baselineCounts: [25, 50, 25], currentCounts: [0, 1, 3], windows: 1 });
    expect(bins.map((b) => b.label)).toEqual(['≤ 20', '(20, 40]', '> 40']);
    expect(bins.map((b) => b.baselineShare)).toEqual([0.25, 0.5, 0.25]);
    expect(bins.map((b) => b.currentShare)).toEqual([0, 0.25, 0.75]);
  });

  it('names categorical bins by category and gives an empty distribution no share', () => {
    const bins = histogramBins({ feature: 'plan', kind: 'categorical', categories: ['free', 'pro'], baselineCounts: [3, 1], currentCounts: [0, 0], windows: 0 });
    expect(bins.map((b) => [b.label, b.baselineShare, b.currentShare])).toEqual([
      ['free', 0.75, 0],
      ['pro', 0.25, 0],
    ]);
  });
});
