import { FIT_BANDS, fitBandOf, goalAttainmentChange } from './calibration';

describe('fitBandOf', () => {
  it.each([
    [0, 'under_50'],
    [0.494, 'under_50'],
    [0.495, '50_to_69'],
    [0.694, '50_to_69'],
    [0.695, '70_to_84'],
    [0.84, '70_to_84'],
    [0.845, '85_and_over'],
    [1, '85_and_over'],
  ])('puts a fit of %p in %p (by the whole percentage shown)', (fit, band) => {
    expect(fitBandOf(fit)).toBe(band);
  });

  it('covers every whole percentage exactly once', () => {
    for (let percent = 0; percent <= 100; percent += 1) {
      expect(FIT_BANDS.filter((b) => percent >= b.minPercent && percent <= b.maxPercent)).toHaveLength(1);
    }
  });

  it.each([-0.01, 1.01, Number.NaN])('refuses %p', (fit) => {
    expect(() => fitBandOf(fit)).toThrow(RangeError);
  });
});

describe('goalAttainmentChange', () => {
  it('is the mean over goals rated twice or more of last minus first', () => {
    expect(goalAttainmentChange([[-1, 0, 2], [0, 1], [1]])).toBe((3 + 1) / 2);
  });

  it('is null when no goal was rated twice', () => {
    expect(goalAttainmentChange([])).toBeNull();
    expect(goalAttainmentChange([[1], []])).toBeNull();
  });

  it('can be negative', () => {
    expect(goalAttainmentChange([[1, -1]])).toBe(-2);
  });
});
