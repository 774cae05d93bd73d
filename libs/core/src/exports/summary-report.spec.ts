import { LINK_UP_STAGES, NOT_PUBLISHED, type PublishedCount, type PublishedCountTable } from '@app/domain';
import fc from 'fast-check';
import {
  assembleSummaryReport,
  CHECK_IN_COLUMNS,
  GOAL_ATTAINMENT_COLUMNS,
  LINK_UP_OUTCOME_COLUMNS,
  SEEKING_FAMILY_REPORT_COLUMNS,
  type SiteCount,
} from './summary-report';
import { SEEKING_FAMILY_STATUSES, SHARING_FAMILY_STATUSES } from '../families';

const PRIME = 1_000_003;
const mod = (v: number): number => ((v % PRIME) + PRIME) % PRIME;
const power = (base: number, exponent: number): number => {
  let [result, b, e] = [1n, BigInt(mod(base)), BigInt(exponent)];
  while (e > 0n) {
    if (e & 1n) result = (result * b) % BigInt(PRIME);
    b = (b * b) % BigInt(PRIME);
    e >>= 1n;
  }
  return Number(result);
};
/** Rank modulo a prime (the line equations are totally unimodular: the same rank as over Q). */
function rank(matrix: number[][]): number {
  const m = matrix.map((row) => row.map(mod));
  let r = 0;
  for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c += 1) {
    const pivot = m.findIndex((row, i) => i >= r && row[c] !== 0);
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot], m[r]];
    const inv = power(m[r][c], PRIME - 2);
    m[r] = m[r].map((v) => Number((BigInt(v) * BigInt(inv)) % BigInt(PRIME)));
    for (let i = 0; i < m.length; i += 1) {
      if (i === r || m[i][c] === 0) continue;
      const f = m[i][c];
      m[i] = m[i].map((v, k) => mod(v - Number((BigInt(f) * BigInt(m[r][k])) % BigInt(PRIME))));
    }
    r += 1;
  }
  return r;
}

/**
 * The n.p. entries of a published table that its row and column totals pin down exactly: an
 * unknown is determined when its unit vector lies in the row space of the line equations.
 */
function recoverable(table: PublishedCountTable): string[] {
  const grid = [
    ...table.cells.map((row, i) => [...row, table.rowTotals[i]]),
    [...table.columnTotals, table.grandTotal],
  ];
  const unknowns: [number, number][] = [];
  grid.forEach((row, i) => row.forEach((v, j) => v === NOT_PUBLISHED && unknowns.push([i, j])));
  if (unknowns.length === 0) return [];
  const rows = grid.length;
  const columns = grid[0].length;
  const lines: [number, number][][] = [
    ...Array.from({ length: rows }, (_, i) =>
      Array.from({ length: columns }, (__, j): [number, number] => [i, j]),
    ),
    ...Array.from({ length: columns }, (_, j) =>
      Array.from({ length: rows }, (__, i): [number, number] => [i, j]),
    ),
  ];
  // In each line the last entry is the total: cells − total = 0.
  const equations = lines.map((line) =>
    unknowns.map(([ui, uj]) => {
      const at = line.findIndex(([i, j]) => i === ui && j === uj);
      if (at < 0) return 0;
      return at === line.length - 1 ? -1 : 1;
    }),
  );
  const base = rank(equations);
  return unknowns
    .filter((_, k) => rank([...equations, unknowns.map((__, l) => (l === k ? 1 : 0))]) === base)
    .map(([i, j]) => `${i},${j}`);
}

const siteCounts = (siteIds: string[], keys: readonly string[]) =>
  fc.array(
    fc.record({
      siteId: fc.constantFrom(...siteIds),
      key: fc.constantFrom(...keys),
      count: fc.nat({ max: 9 }),
    }),
    { maxLength: 24 },
  );

const summaryData = fc.integer({ min: 1, max: 4 }).chain((siteCount) => {
  const sites = Array.from({ length: siteCount }, (_, i) => ({ id: `site-${i}`, name: `Site ${i}` }));
  const ids = sites.map((s) => s.id);
  const themes = ['routines', 'school', 'health'];
  return fc.record({
    sites: fc.constant(sites),
    seekingFamiliesByStatus: siteCounts(ids, SEEKING_FAMILY_STATUSES),
    sharingFamiliesByStatus: siteCounts(ids, SHARING_FAMILY_STATUSES),
    linkUpsByStageAndOutcome: siteCounts(ids, LINK_UP_OUTCOME_COLUMNS),
    checkInsHeldVersusDue: siteCounts(ids, CHECK_IN_COLUMNS),
    stageWeeks: fc.array(
      fc.record({
        siteId: fc.constantFrom(...ids),
        stage: fc.constantFrom(...LINK_UP_STAGES),
        weeks: fc.integer({ min: 0, max: 300 }).map((w) => w / 10),
      }),
      { maxLength: 30 },
    ),
    goalThemes: fc.constant(themes),
    goalsByThemeAndAttainment: siteCounts(themes, GOAL_ATTAINMENT_COLUMNS),
  });
});

function trueTotal(counts: readonly SiteCount[]): number {
  return counts.reduce((sum, c) => sum + c.count, 0);
}

describe('assembleSummaryReport', () => {
  it('never shows a count from 1 to threshold − 1, and no n.p. can be worked out from the totals', () => {
    fc.assert(
      fc.property(summaryData, fc.integer({ min: 2, max: 8 }), (data, threshold) => {
        const report = assembleSummaryReport(data, threshold);
        for (const table of Object.values(report.tables)) {
          const shown = [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.grandTotal];
          for (const value of shown) {
            if (typeof value === 'number') expect(value === 0 || value >= threshold).toBe(true);
          }
          expect(recoverable(table)).toEqual([]);
        }
        const grand = report.tables.linkUpsByStageAndOutcome.grandTotal;
        if (typeof grand === 'number') expect(grand).toBe(trueTotal(data.linkUpsByStageAndOutcome));
      }),
      { numRuns: 150 },
    );
  });

  it('withholds medians of fewer than threshold link-ups and rounds the others to a tenth', () => {
    fc.assert(
      fc.property(summaryData, fc.integer({ min: 1, max: 6 }), (data, threshold) => {
        const { medianWeeksPerStage } = assembleSummaryReport(data, threshold);
        const rowIds = [...data.sites.map((s) => s.id), null];
        rowIds.forEach((siteId, i) =>
          LINK_UP_STAGES.forEach((stage, j) => {
            const n = data.stageWeeks.filter(
              (w) => w.stage === stage && (siteId === null || w.siteId === siteId),
            ).length;
            const cell = medianWeeksPerStage.cells[i][j];
            const aSiteWithheld = medianWeeksPerStage.cells
              .slice(0, data.sites.length)
              .some((row) => row[j] === NOT_PUBLISHED);
            if (n === 0) expect(cell).toBeNull();
            else if (siteId === null && aSiteWithheld) expect(cell).toBe(NOT_PUBLISHED);
            else if (n < threshold) expect(cell).toBe(NOT_PUBLISHED);
            else expect(typeof cell === 'number' && Math.round(cell * 10) === cell * 10).toBe(true);
          }),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('lays out a known case: small cells withheld, with a complement in each line', () => {
    const report = assembleSummaryReport(
      {
        sites: [
          { id: 'a', name: 'A' },
          { id: 'b', name: 'B' },
        ],
        seekingFamiliesByStatus: [],
        sharingFamiliesByStatus: [],
        linkUpsByStageAndOutcome: [
          { siteId: 'a', key: 'relationship_building', count: 12 },
          { siteId: 'a', key: 'completed', count: 2 },
          { siteId: 'b', key: 'relationship_building', count: 9 },
          { siteId: 'b', key: 'completed', count: 8 },
        ],
        checkInsHeldVersusDue: [],
        stageWeeks: [],
        goalThemes: [],
        goalsByThemeAndAttainment: [],
      },
      5,
    );
    const table = report.tables.linkUpsByStageAndOutcome;
    const completed = table.columnLabels.indexOf('completed');
    expect(table.cells[0][completed]).toBe(NOT_PUBLISHED);
    // The row's complement is its smallest other non-zero entry (12), not the total.
    expect(table.cells[0][table.columnLabels.indexOf('relationship_building')]).toBe(NOT_PUBLISHED);
    expect(table.rowTotals[0]).toBe(14);
    expect(table.grandTotal).toBe(31);
    expect(recoverable(table)).toEqual([]);
  });

  it('reports one site as exactly its rows of the all-sites report, so no set of reports reveals a withheld cell', () => {
    fc.assert(
      fc.property(summaryData, fc.integer({ min: 2, max: 8 }), (data, threshold) => {
        const full = assembleSummaryReport(data, threshold);
        const tableNames = Object.keys(full.tables) as (keyof typeof full.tables)[];
        // What a user can learn: the all-sites report and every one-site report, entry by entry
        // (row, column; the last row and column are the totals).
        const learnt = new Map<string, PublishedCount>();
        const learn = (key: string, value: PublishedCount): void => {
          if (value === NOT_PUBLISHED) return;
          const before = learnt.get(key);
          if (before !== undefined) expect(value).toBe(before);
          learnt.set(key, value);
        };
        const extended = (table: PublishedCountTable): PublishedCount[][] => [
          ...table.cells.map((row, i) => [...row, table.rowTotals[i]]),
          [...table.columnTotals, table.grandTotal],
        ];
        for (const name of tableNames)
          extended(full.tables[name]).forEach((row, i) =>
            row.forEach((v, j) => learn(`${name}:${i}:${j}`, v)),
          );
        data.sites.forEach((site, i) => {
          const one = assembleSummaryReport(data, threshold, site.id);
          for (const name of tableNames) {
            const table = one.tables[name];
            if (name === 'goalsByThemeAndAttainment' || name === 'feedbackRatings') {
              // No site rows: the same all-sites table in every report.
              expect(table).toEqual(full.tables[name]);
              continue;
            }
            const whole = full.tables[name];
            expect(table.rowLabels).toEqual([site.name]);
            expect(table.cells).toEqual([whole.cells[i]]);
            expect(table.rowTotals).toEqual([whole.rowTotals[i]]);
            expect(table.columnTotals).toEqual(whole.cells[i]);
            expect(table.grandTotal).toBe(whole.rowTotals[i]);
            // Everything it shows sits at its place in the all-sites table.
            const width = whole.columnLabels.length;
            table.cells[0].forEach((v, j) => learn(`${name}:${i}:${j}`, v));
            learn(`${name}:${i}:${width}`, table.grandTotal);
          }
          expect(one.medianWeeksPerStage.cells).toEqual([full.medianWeeksPerStage.cells[i]]);
        });
        // The union of all reports is no more than the all-sites tables show...
        for (const name of tableNames) {
          extended(full.tables[name]).forEach((row, i) =>
            row.forEach((v, j) => {
              const key = `${name}:${i}:${j}`;
              expect(learnt.get(key)).toBe(v === NOT_PUBLISHED ? undefined : v);
            }),
          );
          // ...and from those no withheld cell can be worked out.
          expect(recoverable(full.tables[name])).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('withholds the all-sites median of a stage when a site’s is withheld', () => {
    const weeks = (siteId: string, n: number) =>
      Array.from({ length: n }, (_, k) => ({ siteId, stage: 'doing_with' as const, weeks: 2 + k }));
    const report = assembleSummaryReport(
      {
        sites: [
          { id: 'a', name: 'A' },
          { id: 'b', name: 'B' },
        ],
        seekingFamiliesByStatus: [],
        sharingFamiliesByStatus: [],
        linkUpsByStageAndOutcome: [],
        checkInsHeldVersusDue: [],
        stageWeeks: [...weeks('a', 2), ...weeks('b', 6)],
        goalThemes: [],
        goalsByThemeAndAttainment: [],
      },
      5,
    );
    const j = LINK_UP_STAGES.indexOf('doing_with');
    expect(report.medianWeeksPerStage.cells.map((row) => row[j])).toEqual([
      NOT_PUBLISHED,
      4.5,
      NOT_PUBLISHED,
    ]);
  });

  it('counts linked and completed Seeking families once, as link-ups, not again among families by status', () => {
    expect(SEEKING_FAMILY_REPORT_COLUMNS).not.toContain('linked');
    expect(SEEKING_FAMILY_REPORT_COLUMNS).not.toContain('completed');
    const report = assembleSummaryReport(
      {
        sites: [{ id: 'a', name: 'A' }],
        seekingFamiliesByStatus: [
          { siteId: 'a', key: 'linked', count: 7 },
          { siteId: 'a', key: 'completed', count: 3 },
          { siteId: 'a', key: 'choosing', count: 6 },
        ],
        sharingFamiliesByStatus: [],
        linkUpsByStageAndOutcome: [{ siteId: 'a', key: 'relationship_building', count: 7 }],
        checkInsHeldVersusDue: [],
        stageWeeks: [],
        goalThemes: [],
        goalsByThemeAndAttainment: [],
      },
      5,
    );
    const seeking = report.tables.seekingFamiliesByStatus;
    expect(seeking.columnLabels).toEqual(SEEKING_FAMILY_REPORT_COLUMNS);
    expect(seeking.grandTotal).toBe(6);
  });
});
