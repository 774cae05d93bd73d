import {
  earliestDateOf,
  isCalendarDate,
  isDateBefore,
  isEarlierInstant,
  isFutureDate,
  isFutureInstant,
  isVisibleTo,
  latestPastOrPresentDate,
  type JourneyViewer,
} from './journey-rules';

const NOW = new Date('2026-03-02T12:00:00.000Z');

describe('journey rules', () => {
  it.each([
    ['2026-03-01', false],
    ['2026-03-02', false],
    // Already 3 March east of UTC+12:
    ['2026-03-03', false],
    ['2026-03-04', true],
    ['2027-01-01', true],
  ])('the date %s is in the future: %s', (date, future) => {
    expect(isFutureDate(date, NOW)).toBe(future);
  });

  it('takes today as the date in the easternmost time zone', () => {
    expect(latestPastOrPresentDate(new Date('2026-03-02T09:59:59.000Z'))).toBe('2026-03-02');
    expect(latestPastOrPresentDate(new Date('2026-03-02T10:00:00.000Z'))).toBe('2026-03-03');
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-3-1', false],
    ['yesterday', false],
  ])('%s is a calendar date: %s', (date, valid) => {
    expect(isCalendarDate(date)).toBe(valid);
  });

  it.each([
    [0, false],
    [4 * 60 * 1000, false],
    [6 * 60 * 1000, true],
    [-86_400_000, false],
  ])('an instant %d ms from now is in the future: %s', (offset, future) => {
    expect(isFutureInstant(new Date(NOW.getTime() + offset), NOW)).toBe(future);
  });

  it.each([
    // 2026-03-02T12:00Z is still 2 March at UTC−12, so 2 March is the start date everywhere.
    ['2026-03-01', NOW, true],
    ['1900-01-01', NOW, true],
    ['2026-03-02', NOW, false],
    ['2026-03-03', NOW, false],
    // 2026-03-02T05:00Z is 1 March at UTC−12: a family there recording 1 March is not refused.
    ['2026-03-01', new Date('2026-03-02T05:00:00.000Z'), false],
    ['2026-02-28', new Date('2026-03-02T05:00:00.000Z'), true],
  ])('the date %s is before %s everywhere: %s', (date, at, before) => {
    expect(isDateBefore(date, at)).toBe(before);
  });

  it('takes an instant’s earliest date in the westernmost time zone', () => {
    expect(earliestDateOf(new Date('2026-03-02T11:59:59.000Z'))).toBe('2026-03-01');
    expect(earliestDateOf(new Date('2026-03-02T12:00:00.000Z'))).toBe('2026-03-02');
  });

  it.each([
    [0, false],
    [-4 * 60 * 1000, false],
    [-6 * 60 * 1000, true],
    [86_400_000, false],
  ])('an instant %d ms from the floor is earlier than it: %s', (offset, earlier) => {
    expect(isEarlierInstant(new Date(NOW.getTime() + offset), NOW)).toBe(earlier);
  });

  const OWN = 'family-own';
  const PARTNER = 'family-partner';
  const family = (partnerShares: boolean): JourneyViewer => ({
    kind: 'family',
    familyId: OWN,
    partnerShares,
  });
  const staff: JourneyViewer = { kind: 'staff' };
  it.each([
    ['staff, partner record, coach only', staff, PARTNER, true, true],
    ['own record', family(false), OWN, false, true],
    ['own coach-only record', family(true), OWN, true, false],
    ['partner record, consent granted', family(true), PARTNER, false, true],
    ['partner record, consent not granted', family(false), PARTNER, false, false],
    ['partner coach-only record, consent granted', family(true), PARTNER, true, false],
  ])('%s → visible %s', (_name, viewer, familyId, coachOnly, visible) => {
    expect(isVisibleTo(viewer, { familyId, coachOnly })).toBe(visible);
  });
});
