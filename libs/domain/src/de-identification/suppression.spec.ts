import fc from 'fast-check';
import {
  NOT_PUBLISHED,
  PublishedCount,
  PublishedCountTable,
  suppressCountList,
  suppressCountTable,
} from './suppression';

const np = NOT_PUBLISHED;

function table(counts: number[][]) {
  return {
    rowLabels: counts.map((_, i) => `row ${i}`),
    columnLabels: (counts[0] ?? []).map((_, j) => `column ${j}`),
    counts,
  };
}

/** The published table as an extended grid: cells with row totals, then the totals row. */
function grid(published: PublishedCountTable): PublishedCount[][] {
  return [
    ...published.cells.map((row, i) => [...row, published.rowTotals[i]]),
    [...published.columnTotals, published.grandTotal],
  ];
}

/** The true values in the same extended grid. */
function trueGrid(counts: number[][], columns: number): number[][] {
  const rows = counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const totals = Array.from({ length: columns + 1 }, (_, j) => rows.reduce((a, row) => a + row[j], 0));
  return [...rows, totals];
}

/** Every additive line of the extended grid: each row and each column, the totals last. */
function lines(rows: number, columns: number): [number, number][][] {
  const horizontal = Array.from({ length: rows + 1 }, (_, i) =>
    Array.from({ length: columns + 1 }, (__, j): [number, number] => [i, j]),
  );
  const vertical = Array.from({ length: columns + 1 }, (_, j) =>
    Array.from({ length: rows + 1 }, (__, i): [number, number] => [i, j]),
  );
  return [...horizontal, ...vertical];
}

const PRIME = 1_000_003;
const mod = (value: number): number => ((value % PRIME) + PRIME) % PRIME;
function inverse(value: number): number {
  let [result, base, exponent] = [1n, BigInt(value), BigInt(PRIME - 2)];
  while (exponent > 0n) {
    if (exponent & 1n) result = (result * base) % BigInt(PRIME);
    base = (base * base) % BigInt(PRIME);
    exponent >>= 1n;
  }
  return Number(result);
}
function rank(matrix: number[][]): number {
  const m = matrix.map((row) => row.map(mod));
  let r = 0;
  for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c += 1) {
    const pivot = m.findIndex((row, i) => i >= r && row[c] !== 0);
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot], m[r]];
    const inv = inverse(m[r][c]);
    m[r] = m[r].map((v) => Number((BigInt(v) * BigInt(inv)) % BigInt(PRIME)));
    for (let i = 0; i < m.length; i += 1) {
      if (i !== r && m[i][c] !== 0) {
        const factor = m[i][c];
        m[i] = m[i].map((v, k) => mod(v - Number((BigInt(factor) * BigInt(m[r][k])) % BigInt(PRIME))));
      }
    }
    r += 1;
  }
  return r;
}

/**
 * The n.p. entries that the whole system of line equations determines exactly (ignoring bounds):
 * an unknown is determined when its unit vector lies in the row space of the coefficient matrix.
 * The matrix is totally unimodular, so rank modulo a prime equals rank over the rationals.
 */
function determinedByAllLines(published: PublishedCount[][]): [number, number][] {
  const rows = published.length - 1;
  const columns = published[0].length - 1;
  const unknowns: [number, number][] = [];
  published.forEach((row, i) => row.forEach((value, j) => value === np && unknowns.push([i, j])));
  const matrix = lines(rows, columns).map((line) =>
    unknowns.map(([i, j]) => {
      const position = line.findIndex(([a, b]) => a === i && b === j);
      if (position < 0) return 0;
      return position === line.length - 1 ? -1 : 1;
    }),
  );
  const base = rank(matrix);
  return unknowns.filter((_, k) => rank([...matrix, unknowns.map((__, l) => (l === k ? 1 : 0))]) === base);
}

/**
 * The hidden zeros of an extended grid that the cycle rule's fallback does not account for. A hidden
 * zero is accounted for when, in the graph whose vertices are the lines and whose edges are the hidden
 * non-zero entries, some edge is a bridge whose two sides the zero joins and no other non-zero entry
 * joins: the bridge could be closed only through a zero. (Every line-rule complement and every other
 * cycle-rule complement is non-zero.)
 */
function unaccountedHiddenZeros(published: PublishedCount[][], truth: number[][]): [number, number][] {
  const rowCount = published.length;
  const rowVertex = (i: number): number => i;
  const columnVertex = (j: number): number => rowCount + j;
  const entries = published.flatMap((row, i) => row.map((_, j): [number, number] => [i, j]));
  const edges = entries.filter(([i, j]) => published[i][j] === np && truth[i][j] > 0);
  const side = (from: number, without: [number, number]): Set<number> => {
    const seen = new Set([from]);
    for (let grew = true; grew;) {
      grew = false;
      for (const edge of edges) {
        if (edge === without) continue;
        const [a, b] = [rowVertex(edge[0]), columnVertex(edge[1])];
        if (seen.has(a) !== seen.has(b)) {
          seen.add(a);
          seen.add(b);
          grew = true;
        }
      }
    }
    return seen;
  };
  const joins = (sideA: Set<number>, sideB: Set<number>, [i, j]: [number, number]): boolean =>
    (sideA.has(rowVertex(i)) && sideB.has(columnVertex(j))) ||
    (sideB.has(rowVertex(i)) && sideA.has(columnVertex(j)));
  const accounted = (zero: [number, number]): boolean =>
    edges.some((bridge) => {
      const sideA = side(rowVertex(bridge[0]), bridge);
      if (sideA.has(columnVertex(bridge[1]))) return false;
      const sideB = side(columnVertex(bridge[1]), bridge);
      return (
        joins(sideA, sideB, zero) &&
        entries.every(
          (entry) => entry === bridge || !joins(sideA, sideB, entry) || truth[entry[0]][entry[1]] === 0,
        )
      );
    });
  return entries.filter(([i, j]) => published[i][j] === np && truth[i][j] === 0 && !accounted([i, j]));
}

describe('suppressCountTable', () => {
  it('shows a table with no small counts as it is', () => {
    expect(
      suppressCountTable(
        table([
          [5, 0],
          [7, 12],
        ]),
      ),
    ).toEqual({
      rowLabels: ['row 0', 'row 1'],
      columnLabels: ['column 0', 'column 1'],
      cells: [
        [5, 0],
        [7, 12],
      ],
      rowTotals: [5, 19],
      columnTotals: [12, 12],
      grandTotal: 24,
    });
  });

  it('hides a small cell and the smallest cells that would otherwise give it away', () => {
    const published = suppressCountTable(
      table([
        [3, 10, 8],
        [12, 9, 7],
        [20, 6, 15],
      ]),
    );
    expect(published.cells).toEqual([
      [np, 10, np],
      [np, 9, np],
      [20, 6, 15],
    ]);
    expect(published.rowTotals).toEqual([21, 28, 41]);
    expect(published.columnTotals).toEqual([35, 25, 30]);
    expect(published.grandTotal).toBe(90);
  });

  it('hides a small row total too, and protects it in the totals column', () => {
    const published = suppressCountTable(
      table([
        [2, 0],
        [10, 6],
        [7, 9],
      ]),
    );
    expect(grid(published)).toEqual([
      [np, 0, np],
      [np, np, np],
      [np, np, 16],
      [19, 15, 34],
    ]);
  });

  it('closes a chain of n.p. that the line equations together would undo', () => {
    // Two blocks of small counts joined by one small cell: every line holds two n.p., yet rows 0–1
    // minus columns 0–1 give cell (1, 2). The smallest cell joining the blocks, (3, 1), is hidden too.
    const counts = [
      [2, 3, 20, 20],
      [1, 4, 2, 20],
      [20, 20, 3, 1],
      [20, 11, 4, 2],
    ];
    const published = suppressCountTable(table(counts));
    expect(published.cells).toEqual([
      [np, np, 20, 20],
      [np, np, np, 20],
      [20, 20, np, np],
      [20, np, np, np],
    ]);
    expect(published.rowTotals).toEqual([45, 27, 44, 37]);
    expect(published.columnTotals).toEqual([43, 38, 29, 43]);
    expect(published.grandTotal).toBe(153);
    expect(determinedByAllLines(grid(published))).toEqual([]);
  });

  it('hides a small grand total and the column totals that would reveal it', () => {
    expect(grid(suppressCountTable(table([[1, 2]])))).toEqual([
      [np, np, np],
      [np, np, np],
    ]);
  });

  it('shows zeros and handles an empty table', () => {
    expect(grid(suppressCountTable(table([[0, 0]])))).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(suppressCountTable({ rowLabels: [], columnLabels: ['a'], counts: [] })).toEqual({
      rowLabels: [],
      columnLabels: ['a'],
      cells: [],
      rowTotals: [],
      columnTotals: [0],
      grandTotal: 0,
    });
  });

  it('uses the threshold it is given', () => {
    expect(suppressCountTable(table([[3, 9]]), 3).cells).toEqual([[3, 9]]);
    expect(suppressCountTable(table([[3, 9]]), 10).cells).toEqual([[np, np]]);
  });

  it.each([
    ['a negative count', table([[-1]]), 5, 'counts must be non-negative integers, got -1'],
    ['a fractional count', table([[1.5]]), 5, 'counts must be non-negative integers, got 1.5'],
    [
      'a ragged row',
      { rowLabels: ['a', 'b'], columnLabels: ['x'], counts: [[1], [1, 2]] },
      5,
      'expected 1 counts in row 1, got 2',
    ],
    [
      'a missing row',
      { rowLabels: ['a', 'b'], columnLabels: ['x'], counts: [[1]] },
      5,
      'expected 2 rows of counts, got 1',
    ],
    ['a zero threshold', table([[1]]), 0, 'suppression threshold must be an integer of at least 1, got 0'],
  ])('rejects %s', (_case, input, threshold, message) => {
    expect(() => suppressCountTable(input, threshold)).toThrow(new RangeError(message));
  });

  const countsArbitrary = fc
    .record({ rows: fc.integer({ min: 0, max: 6 }), columns: fc.integer({ min: 1, max: 6 }) })
    .chain(({ rows, columns }) =>
      fc
        .array(
          fc.array(
            fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 40 })),
            {
              minLength: columns,
              maxLength: columns,
            },
          ),
          { minLength: rows, maxLength: rows },
        )
        .map((counts) => ({ counts, columns })),
    );
  const thresholdArbitrary = fc.integer({ min: 1, max: 8 });

  it('never shows a count from 1 to threshold − 1, and shows every other value exactly', () => {
    fc.assert(
      fc.property(countsArbitrary, thresholdArbitrary, ({ counts, columns }, threshold) => {
        const published = grid(suppressCountTable(table(counts), threshold));
        const truth = trueGrid(counts, columns);
        published.forEach((row, i) =>
          row.forEach((value, j) => {
            if (value !== np) {
              expect(value).toBe(truth[i][j]);
              expect(value === 0 || value >= threshold).toBe(true);
            }
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('never leaves an n.p. alone in a row, a column, the totals row or the totals column', () => {
    fc.assert(
      fc.property(countsArbitrary, thresholdArbitrary, ({ counts, columns }, threshold) => {
        const published = grid(suppressCountTable(table(counts), threshold));
        for (const line of lines(counts.length, columns)) {
          const hidden = line.filter(([i, j]) => published[i][j] === np).length;
          expect(hidden).not.toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no n.p. that the line equations together determine', () => {
    fc.assert(
      fc.property(countsArbitrary, thresholdArbitrary, ({ counts }, threshold) => {
        expect(determinedByAllLines(grid(suppressCountTable(table(counts), threshold)))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('hides a zero only to close a chain that no non-zero entry can close (regression, seed 313636079)', () => {
    // Threshold 2: the 1s are hidden. Rows 1–2 × columns 0–1 and rows 0, 4 × columns 3–4 are two
    // cycles of n.p., joined only by cell (0, 1), which the equations would give away
    // (rows 1–2 minus columns 0–1 leave it alone). Every entry joining the two blocks directly is
    // zero, so the first of them, (0, 0), is hidden: with it (0, 1) can be 0 or 1.
    const counts = [
      [0, 1, 0, 1, 1],
      [1, 1, 0, 0, 0],
      [1, 1, 0, 0, 0],
      [0, 2, 0, 0, 2],
      [0, 0, 0, 1, 1],
      [0, 2, 0, 0, 0],
    ];
    const published = grid(suppressCountTable(table(counts), 2));
    expect(published).toEqual([
      [np, np, 0, np, np, 3],
      [np, np, 0, 0, 0, 2],
      [np, np, 0, 0, 0, 2],
      [0, 2, 0, 0, 2, 4],
      [0, 0, 0, np, np, 2],
      [0, 2, 0, 0, 0, 2],
      [2, 7, 0, 2, 4, 15],
    ]);
    expect(determinedByAllLines(published)).toEqual([]);
    expect(unaccountedHiddenZeros(published, trueGrid(counts, 5))).toEqual([]);
  });

  it('hides a zero only to close a chain that no non-zero entry can close, and is deterministic', () => {
    fc.assert(
      fc.property(countsArbitrary, thresholdArbitrary, ({ counts, columns }, threshold) => {
        const first = suppressCountTable(table(counts), threshold);
        expect(suppressCountTable(table(counts), threshold)).toEqual(first);
        expect(unaccountedHiddenZeros(grid(first), trueGrid(counts, columns))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('suppressCountList', () => {
  const list = (counts: number[]) => ({ labels: counts.map((_, i) => `item ${i}`), counts });

  it.each([
    [[10, 7, 0], [10, 7, 0], 17],
    // One small count: the smallest other non-zero count goes with it.
    [[3, 10, 6, 0], [np, 10, np, 0], 19],
    // Two small counts protect each other.
    [[3, 2, 10], [np, np, 10], 15],
    // The only other non-zero entry is the total, which is then hidden too.
    [[4, 0, 0], [np, 0, 0], np],
    [[1, 1], [np, np], np],
    [[], [], 0],
  ])('%p is shown as %p with total %p', (counts, cells, total) => {
    expect(suppressCountList(list(counts))).toEqual({ labels: list(counts).labels, cells, total });
  });

  it('rejects mismatched labels', () => {
    expect(() => suppressCountList({ labels: ['a'], counts: [1, 2] })).toThrow(
      new RangeError('expected 1 counts, got 2'),
    );
  });

  it('never shows a small count, shows the rest exactly and never leaves a lone n.p.', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 40 })), {
          maxLength: 10,
        }),
        fc.integer({ min: 1, max: 8 }),
        (counts, threshold) => {
          const published = suppressCountList(list(counts), threshold);
          const shown = [...published.cells, published.total];
          const truth = [...counts, counts.reduce((a, b) => a + b, 0)];
          shown.forEach((value, k) => {
            if (value !== np) {
              expect(value).toBe(truth[k]);
              expect(value === 0 || value >= threshold).toBe(true);
            }
          });
          expect(shown.filter((value) => value === np).length).not.toBe(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
