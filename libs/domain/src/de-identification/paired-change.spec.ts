import { pairedChange, tQuantile975 } from './paired-change';

describe('pairedChange', () => {
  it('gives n, the mean change and its 95 % t interval', () => {
    const diffs = [-4, -6, -2, -8, -5];
    const mean = -5;
    const sd = Math.sqrt(diffs.reduce((s, d) => s + (d - mean) ** 2, 0) / 4);
    const half = 2.776 * (sd / Math.sqrt(5));
    expect(pairedChange(diffs, 5)).toEqual({
      n: 5,
      meanChange: -5,
      ciLow: Math.round((mean - half) * 100) / 100,
      ciHigh: Math.round((mean + half) * 100) / 100,
    });
  });

  it('publishes nothing for 1 to threshold − 1 pairs, or when told to suppress', () => {
    expect(pairedChange([1, 2], 5)).toEqual({ n: 'n.p.', meanChange: null, ciLow: null, ciHigh: null });
    expect(pairedChange([1, 2, 3, 4, 5], 5, true).n).toBe('n.p.');
    expect(pairedChange([], 5)).toEqual({ n: 0, meanChange: null, ciLow: null, ciHigh: null });
  });

  it('reads t from the table, conservatively beyond 30 degrees of freedom', () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(30)).toBe(2.042);
    expect(tQuantile975(45)).toBe(2.021);
    expect(tQuantile975(5000)).toBe(1.96);
    expect(() => tQuantile975(0)).toThrow(RangeError);
  });
});
