import { DEFAULT_DE_IDENTIFICATION_SETTINGS, assertSuppressionThreshold } from './settings';

/**
 * Small-cell suppression for aggregate reports (DESIGN §4.5).
 *
 * Primary suppression: a count from 1 to threshold − 1 is shown as `n.p.`. A zero is shown: it says
 * only that nobody is in the cell, which the usual statistical-agency practice treats as safe, and
 * hiding zeros would hide most of a sparse table for no gain.
 *
 * Secondary (complementary) suppression, so no `n.p.` can be worked out from what is shown. A table
 * with its row totals, column totals and grand total is a set of additive lines: every row (the
 * totals row included: column totals add up to the grand total) and every column (the totals column
 * included). Two rules are applied until both hold:
 *
 * 1. Line rule: no line has exactly one `n.p.` — its value would be the line's total minus the
 *    rest. The first offending line (rows top to bottom, then columns left to right) gets one more
 *    `n.p.`: a non-zero entry with the smallest count; among equal counts one whose crossing line
 *    also has a lone `n.p.` (one suppression settles both), then the first in row-major order. A
 *    total is taken only when it is the smallest candidate, which happens when no other non-zero
 *    entry is left in the line; the totals line is then protected by the same rule.
 * 2. Cycle rule: lines are the vertices and `n.p.` entries the edges of a bipartite graph. The
 *    linear system of all lines together pins down an `n.p.` exactly when its edge lies on no cycle
 *    (a bridge): e.g. two separate 2×2 blocks of `n.p.` joined by one `n.p.` — every line has two,
 *    yet sum(rows of block A) − sum(columns of block A) gives the joining cell. For a bridge, the
 *    smallest non-zero entry joining its two sides is suppressed as well, closing a cycle through it.
 *
 * Each complement is chosen non-zero whenever a non-zero entry can do its job: a suppressed zero
 * limits how far the other values can move, so with non-negativity it narrows the bounds on a cell.
 * The line rule never needs a zero (a line with one non-zero `n.p.` has a non-zero total, or a
 * non-zero cell if the `n.p.` is the total); the cycle rule falls back to a zero only if every entry
 * joining the two sides directly is zero (e.g. two blocks of small counts in otherwise empty rows and
 * columns). It does not look for a detour of two or more non-zero entries through lines outside the
 * chain instead: that hides more counts, and the zero already makes the bridge unrecoverable from the
 * equations.
 *
 * Not guarded against: bounds an attacker can derive from non-negativity alone (e.g. two `n.p.`
 * whose shown line total is 3 are both at most 3), and knowledge from outside the table or from
 * other tables of the same report (publish overlapping tables with the same suppression pattern).
 */

/** How a withheld count is shown. */
export const NOT_PUBLISHED = 'n.p.' as const;
export type NotPublished = typeof NOT_PUBLISHED;
export type PublishedCount = number | NotPublished;

export interface CountTable {
  readonly rowLabels: readonly string[];
  readonly columnLabels: readonly string[];
  /** counts[row][column]: non-negative integers, one row per row label, one entry per column label. */
  readonly counts: readonly (readonly number[])[];
}

export interface PublishedCountTable {
  readonly rowLabels: readonly string[];
  readonly columnLabels: readonly string[];
  readonly cells: readonly (readonly PublishedCount[])[];
  readonly rowTotals: readonly PublishedCount[];
  readonly columnTotals: readonly PublishedCount[];
  readonly grandTotal: PublishedCount;
}

export interface CountList {
  readonly labels: readonly string[];
  readonly counts: readonly number[];
}

export interface PublishedCountList {
  readonly labels: readonly string[];
  readonly cells: readonly PublishedCount[];
  readonly total: PublishedCount;
}

/** A one-way table (counts and their total) with primary and secondary suppression. */
export function suppressCountList(
  list: CountList,
  threshold: number = DEFAULT_DE_IDENTIFICATION_SETTINGS.suppressionThreshold,
): PublishedCountList {
  assertSuppressionThreshold(threshold);
  if (list.labels.length !== list.counts.length) {
    throw new RangeError(`expected ${list.labels.length} counts, got ${list.counts.length}`);
  }
  list.counts.forEach(assertCount);
  const values = [...list.counts, sum(list.counts)];
  const suppressed = values.map((value) => isPrimary(value, threshold));
  const line = values.map((_, index) => index);
  enforceLineRule(values, suppressed, [line], () => false);
  const shown = values.map((value, index) => publish(value, suppressed[index]));
  return { labels: [...list.labels], cells: shown.slice(0, -1), total: shown[shown.length - 1] };
}

/** A two-way table with row, column and grand totals, with primary and secondary suppression. */
export function suppressCountTable(
  table: CountTable,
  threshold: number = DEFAULT_DE_IDENTIFICATION_SETTINGS.suppressionThreshold,
): PublishedCountTable {
  assertSuppressionThreshold(threshold);
  const rows = table.rowLabels.length;
  const columns = table.columnLabels.length;
  if (table.counts.length !== rows)
    throw new RangeError(`expected ${rows} rows of counts, got ${table.counts.length}`);
  table.counts.forEach((row, index) => {
    if (row.length !== columns) {
      throw new RangeError(`expected ${columns} counts in row ${index}, got ${row.length}`);
    }
    row.forEach(assertCount);
  });

  // The extended grid: (rows + 1) × (columns + 1), totals in the last row and column, row-major.
  const width = columns + 1;
  const extendedRows = [...table.counts.map((row) => [...row, sum(row)])];
  const columnTotals = Array.from({ length: width }, (_, j) => sum(extendedRows.map((row) => row[j])));
  const values = [...extendedRows, columnTotals].flat();
  const suppressed = values.map((value) => isPrimary(value, threshold));

  const rowLines = Array.from({ length: rows + 1 }, (_, i) =>
    Array.from({ length: width }, (__, j) => i * width + j),
  );
  const columnLines = Array.from({ length: width }, (_, j) =>
    Array.from({ length: rows + 1 }, (__, i) => i * width + j),
  );
  const lines = [...rowLines, ...columnLines];
  // Vertices of the line graph: rows 0..rows, then columns as rows + 1 + j.
  const rowVertex = (entry: number): number => Math.floor(entry / width);
  const columnVertex = (entry: number): number => rows + 1 + (entry % width);
  const lineCount = (vertex: number): number => lines[vertex].filter((entry) => suppressed[entry]).length;
  const crossingNeedsComplement = (entry: number, line: readonly number[]): boolean => {
    const crossing = line === lines[rowVertex(entry)] ? columnVertex(entry) : rowVertex(entry);
    return lineCount(crossing) === 1;
  };

  for (;;) {
    enforceLineRule(values, suppressed, lines, crossingNeedsComplement);
    const bridge = findBridge(suppressed, lines.length, rowVertex, columnVertex);
    if (bridge === null) break;
    const { sideA, sideB } = bridge;
    const candidates = values
      .map((_, entry) => entry)
      .filter((entry) => !suppressed[entry])
      .filter((entry) => {
        const [r, c] = [rowVertex(entry), columnVertex(entry)];
        return (sideA.has(r) && sideB.has(c)) || (sideB.has(r) && sideA.has(c));
      });
    // Non-empty: B's rows crossed with A's columns hold no n.p. (else the edge was no bridge).
    suppressed[pickComplement(values, candidates, () => false)] = true;
  }

  const shown = values.map((value, index) => publish(value, suppressed[index]));
  const at = (i: number, j: number): PublishedCount => shown[i * width + j];
  return {
    rowLabels: [...table.rowLabels],
    columnLabels: [...table.columnLabels],
    cells: Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (__, j) => at(i, j))),
    rowTotals: Array.from({ length: rows }, (_, i) => at(i, columns)),
    columnTotals: Array.from({ length: columns }, (_, j) => at(rows, j)),
    grandTotal: at(rows, columns),
  };
}

/** Adds complements until no line holds exactly one suppressed entry. Mutates `suppressed`. */
function enforceLineRule(
  values: readonly number[],
  suppressed: boolean[],
  lines: readonly (readonly number[])[],
  crossingNeedsComplement: (entry: number, line: readonly number[]) => boolean,
): void {
  for (;;) {
    const line = lines.find((entries) => entries.filter((entry) => suppressed[entry]).length === 1);
    if (line === undefined) return;
    const candidates = line.filter((entry) => !suppressed[entry]);
    suppressed[pickComplement(values, candidates, (entry) => crossingNeedsComplement(entry, line))] = true;
  }
}

/** Non-zero before zero, smallest count, then preferred, then lowest index. */
function pickComplement(
  values: readonly number[],
  candidates: readonly number[],
  preferred: (entry: number) => boolean,
): number {
  const key = (entry: number): [number, number, number, number] => [
    values[entry] === 0 ? 1 : 0,
    values[entry],
    preferred(entry) ? 0 : 1,
    entry,
  ];
  const ranked = candidates.map((entry) => ({ entry, key: key(entry) }));
  ranked.sort((a, b) => {
    for (let k = 0; k < a.key.length; k += 1) if (a.key[k] !== b.key[k]) return a.key[k] - b.key[k];
    return 0;
  });
  if (ranked.length === 0) throw new Error('suppression: no complementary candidate (unreachable)');
  return ranked[0].entry;
}

/**
 * The first suppressed entry (row-major) whose edge is a bridge of the suppression graph, with the
 * two vertex sets it separates; null when every suppressed entry lies on a cycle. Tables in reports
 * are small, so each edge is tested by a plain search without it.
 */
function findBridge(
  suppressed: readonly boolean[],
  vertexCount: number,
  rowVertex: (entry: number) => number,
  columnVertex: (entry: number) => number,
): { sideA: Set<number>; sideB: Set<number> } | null {
  const edges = suppressed.flatMap((isSuppressed, entry) => (isSuppressed ? [entry] : []));
  const adjacency: { entry: number; to: number }[][] = Array.from({ length: vertexCount }, () => []);
  for (const entry of edges) {
    adjacency[rowVertex(entry)].push({ entry, to: columnVertex(entry) });
    adjacency[columnVertex(entry)].push({ entry, to: rowVertex(entry) });
  }
  const reachable = (from: number, without: number): Set<number> => {
    const seen = new Set([from]);
    const stack = [from];
    for (let vertex = stack.pop(); vertex !== undefined; vertex = stack.pop()) {
      for (const { entry, to } of adjacency[vertex]) {
        if (entry !== without && !seen.has(to)) {
          seen.add(to);
          stack.push(to);
        }
      }
    }
    return seen;
  };
  for (const entry of edges) {
    const sideA = reachable(rowVertex(entry), entry);
    if (!sideA.has(columnVertex(entry))) return { sideA, sideB: reachable(columnVertex(entry), entry) };
  }
  return null;
}

function isPrimary(value: number, threshold: number): boolean {
  return value >= 1 && value < threshold;
}

function publish(value: number, isSuppressed: boolean): PublishedCount {
  return isSuppressed ? NOT_PUBLISHED : value;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function assertCount(value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`counts must be non-negative integers, got ${value}`);
  }
}
