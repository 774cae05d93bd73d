import { resolveExportFilters } from './export-filters';

const fieldOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return (error as { details?: { fields: { field: string }[] } }).details?.fields[0]?.field;
  }
  return undefined;
};

describe('resolveExportFilters', () => {
  it('takes months and days, both ends inclusive, in UTC', () => {
    expect(resolveExportFilters({ from: '2025-01', to: '2025-03' })).toMatchObject({
      from: '2025-01',
      to: '2025-03',
      startsAtOrAfter: new Date('2025-01-01T00:00:00Z'),
      startsBefore: new Date('2025-04-01T00:00:00Z'),
    });
    expect(resolveExportFilters({ from: '2024-02-29', to: '2024-02-29' })).toMatchObject({
      startsAtOrAfter: new Date('2024-02-29T00:00:00Z'),
      startsBefore: new Date('2024-03-01T00:00:00Z'),
    });
    expect(resolveExportFilters({ to: '2025-12' }).startsBefore).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(resolveExportFilters({})).toEqual({
      siteId: null,
      from: null,
      to: null,
      startsAtOrAfter: null,
      startsBefore: null,
    });
  });

  it.each([
    [{ from: '2025-13' }, 'from'],
    [{ from: '2025-00' }, 'from'],
    [{ from: '2025-02-29' }, 'from'],
    [{ from: '1850-01' }, 'from'],
    [{ to: '2025-1' }, 'to'],
    [{ to: 'soon' }, 'to'],
    [{ from: '2025-05', to: '2025-04' }, 'to'],
    [{ from: '2025-05-02', to: '2025-05-01' }, 'to'],
  ])('refuses %p naming %s', (input, field) => {
    expect(fieldOf(() => resolveExportFilters(input))).toBe(field);
  });

  it('accepts a one-day period and a period given as a month and a day inside it', () => {
    expect(() => resolveExportFilters({ from: '2025-05-01', to: '2025-05-01' })).not.toThrow();
    expect(() => resolveExportFilters({ from: '2025-05', to: '2025-05-01' })).not.toThrow();
  });
});
