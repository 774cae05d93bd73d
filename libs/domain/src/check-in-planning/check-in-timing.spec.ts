import { LinkUpStatus } from '../link-up-stages';
import { DEFAULT_CHECK_IN_CADENCE_SETTINGS } from './check-in-cadence-settings';
import { CheckInStatus, mayRemindAboutCheckIn, overdueAt, pendingStatusAt } from './check-in-timing';

const DUE = new Date('2026-03-02T10:00:00.000Z');
const HOUR = 3_600_000;
const at = (hours: number): Date => new Date(DUE.getTime() + hours * HOUR);

describe('overdueAt', () => {
  it.each([
    [DEFAULT_CHECK_IN_CADENCE_SETTINGS.gracePeriodMs, '2026-03-05T10:00:00.000Z'],
    [0, '2026-03-02T10:00:00.000Z'],
    [1500, '2026-03-02T10:00:01.500Z'],
  ])('grace %d ms → %s', (gracePeriodMs, expected) => {
    expect(overdueAt(DUE, { gracePeriodMs }).toISOString()).toBe(expected);
  });
});

describe('pendingStatusAt (grace 3 days)', () => {
  it.each([
    [-1, 'scheduled'],
    [0, 'due'],
    [71, 'due'],
    [72, 'missed'],
    [500, 'missed'],
  ])('%d hours after the due time → %s', (hours, status) => {
    expect(pendingStatusAt(DUE, at(hours), DEFAULT_CHECK_IN_CADENCE_SETTINGS)).toBe(status);
  });
});

describe('mayRemindAboutCheckIn', () => {
  it.each([
    ['active', 'scheduled', true],
    ['active', 'due', true],
    ['active', 'completed', false],
    ['active', 'missed', false],
    ['active', 'cancelled', false],
    ['paused', 'due', false],
    ['completed', 'due', false],
    ['ended_early', 'scheduled', false],
  ] as [LinkUpStatus, CheckInStatus, boolean][])(
    'link-up %s, check-in %s → %s',
    (linkUp, checkIn, expected) => {
      expect(mayRemindAboutCheckIn(linkUp, checkIn)).toBe(expected);
    },
  );
});
