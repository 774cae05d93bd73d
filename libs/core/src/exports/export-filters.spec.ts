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
  it('takes months, both ends inclusive, in UTC', () => {
    expect(resolveExportFilters({ from: '2025-01', to: '2025-03' })).toMatchObject({
      from: '2025-01',
      to: '2025-03',
      startsAtOrAfter: new Date('2025-01-01T00:00:00Z'),
      startsBefore: new Date('2025-04-01T00:00:00Z'),
    });
    expect(resolveExportFilters({ from: '2024-02', to: '2024-02' })).toMatchObject({
      startsAtOrAfter: new Date('2024-02-01T00:00:00Z'),
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
    [{ from: '2025-05-02' }, 'from'],
    [{ to: '2025-05-01' }, 'to'],
    [{ from: '2025-03-03', to: '2025-03-03' }, 'from'],
    [{ from: '2025-05', to: '2025-05-31' }, 'to'],
  ])('refuses %p naming %s', (input, field) => {
    expect(fieldOf(() => resolveExportFilters(input))).toBe(field);
  });

  it('refuses every day, so no period can single out a start date, and says a month is wanted', () => {
    const problems = (run: () => unknown): string[] | undefined => {
      try {
        run();
      } catch (error) {
        return (error as { details?: { fields: { problems: string[] }[] } }).details?.fields[0]?.problems;
      }
      return undefined;
    };
    expect(problems(() => resolveExportFilters({ from: '2025-05-01', to: '2025-05-01' }))).toEqual([
      'from must be a month (YYYY-MM)',
    ]);
    expect(problems(() => resolveExportFilters({ to: '2024-02-29' }))).toEqual([
      'to must be a month (YYYY-MM)',
    ]);
  });
});
