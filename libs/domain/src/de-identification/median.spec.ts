import { median, reportableMedian } from './median';

describe('median', () => {
  it.each([
    [[], null],
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 10, 12, 30], 11],
    [[-1, 5], 2],
  ])('of %p is %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it.each([[[1, Number.NaN]], [[Number.POSITIVE_INFINITY]]])('rejects %p', (values) => {
    expect(() => median(values)).toThrow(new RangeError('median needs finite numbers'));
  });
});

describe('reportableMedian', () => {
  it('withholds the median of a group smaller than the threshold (default 5)', () => {
    expect(reportableMedian([])).toBeNull();
    expect(reportableMedian([12, 14, 16, 18])).toBeNull();
    expect(reportableMedian([12, 14, 16, 18, 30])).toBe(16);
  });

  it('uses the threshold it is given', () => {
    expect(reportableMedian([8, 9, 10], 3)).toBe(9);
    expect(reportableMedian([8, 9], 3)).toBeNull();
    expect(reportableMedian([8], 1)).toBe(8);
  });

  it('rejects a threshold that is not a whole number of at least 1', () => {
    expect(() => reportableMedian([1, 2, 3], 0)).toThrow(RangeError);
    expect(() => reportableMedian([1, 2, 3], 2.5)).toThrow(RangeError);
  });
});
