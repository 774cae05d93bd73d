import { addDays, calendarDateIn, ControllableClock, isKnownTimeZone } from './clock';

describe('Clock', () => {
  it('reads the calendar date in the given time zone', () => {
    // 14:30 UTC is already the next day in Adelaide (UTC+10:30 in summer) but not in Los Angeles.
    const instant = new Date(Date.UTC(2030, 0, 15, 14, 30));
    expect(calendarDateIn(instant, 'Australia/Adelaide')).toBe('2030-01-16');
    expect(calendarDateIn(instant, 'America/Los_Angeles')).toBe('2030-01-15');
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2030-12-31', 1)).toBe('2031-01-01');
    expect(addDays('2030-03-01', -1)).toBe('2030-02-28');
  });

  it('can be set and advanced, and keeps running from there', () => {
    const clock = new ControllableClock();
    const pinned = new Date(Date.UTC(2031, 5, 1, 12));
    clock.set(pinned);
    expect(Math.abs(clock.now().getTime() - pinned.getTime())).toBeLessThan(5_000);
    clock.advance({ days: 14 });
    expect(clock.today('UTC')).toBe('2031-06-15');
    expect(clock.todayPlus(3, 'UTC')).toBe('2031-06-18');
  });

  it('stands still while frozen, moves when advanced or set, and runs on from there once resumed', () => {
    /** Spins until real time has moved on a few milliseconds (no timer: the test waits on Date.now only). */
    const letRealTimePass = () => {
      const start = Date.now();
      while (Date.now() - start < 3);
    };
    const clock = new ControllableClock();
    clock.freeze();
    const frozen = clock.now().getTime();
    letRealTimePass();
    expect(clock.now().getTime()).toBe(frozen);
    clock.advance({ ms: 5_000 });
    expect(clock.now().getTime()).toBe(frozen + 5_000);
    const later = clock.todayPlus(30, 'UTC');
    clock.set(clock.daysFromNow(30));
    expect(clock.today('UTC')).toBe(later);
    const standing = clock.now().getTime();
    clock.resume();
    letRealTimePass();
    expect(clock.now().getTime()).toBeGreaterThan(standing);
    expect(clock.now().getTime() - standing).toBeLessThan(60_000);
  });

  it('knows IANA zones and refuses made-up ones', () => {
    expect(isKnownTimeZone('Australia/Adelaide')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
