import fc from 'fast-check';
import { AGE_BANDS, ageBand, ageBandForAge, daysFrom, startMonth, weeksBetween } from './coarsening';

describe('ageBandForAge', () => {
  it.each([
    [0, '0-4'],
    [4, '0-4'],
    [5, '5-9'],
    [9, '5-9'],
    [10, '10-14'],
    [14, '10-14'],
    [15, '15-17'],
    [17, '15-17'],
    [18, '18-24'],
    [24, '18-24'],
    [25, '25-34'],
    [34, '25-34'],
    [35, '35-44'],
    [45, '45-54'],
    [55, '55-64'],
    [64, '55-64'],
    [65, '65+'],
    [103, '65+'],
  ])('age %i is in band %s', (age, band) => {
    expect(ageBandForAge(age)).toBe(band);
  });

  it('lists the bands youngest first', () => {
    expect(AGE_BANDS).toEqual([
      '0-4',
      '5-9',
      '10-14',
      '15-17',
      '18-24',
      '25-34',
      '35-44',
      '45-54',
      '55-64',
      '65+',
    ]);
  });

  it.each([-1, 2.5, Number.NaN])('rejects age %p', (age) => {
    expect(() => ageBandForAge(age)).toThrow(RangeError);
  });
});

describe('ageBand', () => {
  it.each([
    // Before July the birthday (taken as 1 July) has not yet come.
    [2007, '2025-06-30T23:59:59Z', '15-17'],
    [2007, '2025-07-01T00:00:00Z', '18-24'],
    [2010, '2025-01-15T00:00:00Z', '10-14'],
    [2010, '2025-12-31T00:00:00Z', '15-17'],
    [1960, '2025-09-01T00:00:00Z', '65+'],
    [1961, '2025-03-01T00:00:00Z', '55-64'],
    // Born in the reference year, before its July: age 0, not −1.
    [2025, '2025-02-01T00:00:00Z', '0-4'],
  ])('born %i, at %s: %s', (birthYear, at, band) => {
    expect(ageBand(birthYear, new Date(at))).toBe(band);
  });

  it('takes a calendar date, or an instant read in a time zone', () => {
    expect(ageBand(2007, '2025-06-30')).toBe('15-17');
    expect(ageBand(2007, '2025-07-01')).toBe('18-24');
    // 15:00 UTC on 30 June is already 1 July in Sydney.
    expect(ageBand(2007, new Date('2025-06-30T15:00:00Z'))).toBe('15-17');
    expect(ageBand(2007, new Date('2025-06-30T15:00:00Z'), 'Australia/Sydney')).toBe('18-24');
  });

  it('is null for an unknown birth year or one after the reference year', () => {
    expect(ageBand(null, new Date('2025-01-01T00:00:00Z'))).toBeNull();
    expect(ageBand(2026, new Date('2025-12-31T00:00:00Z'))).toBeNull();
  });

  it('rejects a fractional birth year and an invalid date', () => {
    expect(() => ageBand(1990.5, new Date('2025-01-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => ageBand(1990, new Date('nonsense'))).toThrow(new RangeError('invalid date'));
  });
});

describe('startMonth', () => {
  it.each([
    [new Date('2025-03-01T00:00:00Z'), undefined, '2025-03'],
    [new Date('2025-02-28T23:59:59Z'), undefined, '2025-02'],
    // 14:00 UTC on 28 February is already 1 March in Adelaide.
    [new Date('2025-02-28T14:00:00Z'), 'Australia/Adelaide', '2025-03'],
    ['2024-12-31', undefined, '2024-12'],
    ['2024-12-31', 'Australia/Sydney', '2024-12'],
  ])('%p in %p is %s', (date, timeZone, month) => {
    expect(startMonth(date, timeZone)).toBe(month);
  });

  it('passes null through', () => {
    expect(startMonth(null)).toBeNull();
  });

  it.each(['2025-02-30', '2025-2-1', '01/02/2025', ''])('rejects %p', (value) => {
    expect(() => startMonth(value)).toThrow(RangeError);
  });
});

describe('daysFrom', () => {
  it.each([
    ['2025-03-01', '2025-03-01', undefined, 0],
    ['2025-03-01', '2025-03-02', undefined, 1],
    ['2025-03-01', '2025-02-28', undefined, -1],
    ['2024-02-28', '2024-03-01', undefined, 2], // leap year
    ['2025-01-01', '2026-01-01', undefined, 365],
    // Calendar days, not 24-hour spans: late evening to early next morning is one day.
    [new Date('2025-03-01T23:00:00Z'), new Date('2025-03-02T01:00:00Z'), undefined, 1],
    [new Date('2025-03-01T00:00:00Z'), new Date('2025-03-01T23:59:59Z'), undefined, 0],
    // Across the end of daylight saving in Sydney (6 April 2025), still whole days.
    [new Date('2025-04-01T00:00:00Z'), new Date('2025-04-10T00:00:00Z'), 'Australia/Sydney', 9],
    // In Adelaide both instants fall on 1 March.
    [new Date('2025-02-28T14:00:00Z'), new Date('2025-03-01T12:00:00Z'), 'Australia/Adelaide', 0],
    ['2025-03-01', new Date('2025-03-08T10:00:00Z'), undefined, 7],
  ])('from %p to %p in %p is %i days', (start, date, timeZone, days) => {
    expect(daysFrom(start, date, timeZone)).toBe(days);
  });

  it('is null when either date is missing', () => {
    expect(daysFrom(null, '2025-01-01')).toBeNull();
    expect(daysFrom('2025-01-01', null)).toBeNull();
  });

  it('rejects an unknown time zone', () => {
    expect(() => daysFrom(new Date(0), new Date(0), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('weeksBetween', () => {
  it.each([
    ['2025-03-01', '2025-03-01', 0],
    ['2025-03-01', '2025-03-15', 2],
    ['2025-03-01', '2025-03-11', 10 / 7],
    ['2025-01-06', '2025-05-26', 20],
  ])('from %s to %s is %d weeks', (start, end, weeks) => {
    expect(weeksBetween(start, end)).toBe(weeks);
  });

  it('is null when either date is missing', () => {
    expect(weeksBetween(null, '2025-01-01')).toBeNull();
    expect(weeksBetween('2025-01-01', null)).toBeNull();
  });
});

describe('UTC calendar dates', () => {
  it('read the same on the fast path as through the time-zone database', () => {
    const viaIntl = (date: Date): string => {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: 'Etc/UTC',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        calendar: 'gregory',
        numberingSystem: 'latn',
      }).formatToParts(date);
      const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
      return `${String(part('year')).padStart(4, '0')}-${String(part('month')).padStart(2, '0')}`;
    };
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2200-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (date) => {
          expect(startMonth(date)).toBe(viaIntl(date));
          expect(startMonth(date, 'Etc/UTC')).toBe(startMonth(date));
          expect(daysFrom(date, date)).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
