import fc from 'fast-check';
import { maxWeightBMatching, type BipartiteGraph } from './max-weight-b-matching';

interface Instance {
  left: number;
  capacity: number[];
  edges: { from: number; to: number; weight: number }[];
}

function toGraph({ left, capacity, edges }: Instance): BipartiteGraph {
  const sorted = [...edges].sort((a, b) => a.from - b.from);
  const edgeStart = new Int32Array(left + 1);
  for (const edge of sorted) edgeStart[edge.from + 1]++;
  for (let i = 0; i < left; i++) edgeStart[i + 1] += edgeStart[i];
  return {
    leftCount: left,
    rightCount: capacity.length,
    capacity,
    edgeStart,
    edgeTo: sorted.map((edge) => edge.to),
    edgeWeight: sorted.map((edge) => edge.weight),
  };
}

/** Exhaustive optimum: each left node takes one of its edges or none. */
function bruteForce({ left, capacity, edges }: Instance): number {
  const byLeft = Array.from({ length: left }, (_, i) => edges.filter((edge) => edge.from === i));
  const load = capacity.map(() => 0);
  let best = 0;
  const visit = (i: number, total: number): void => {
    if (i === left) {
      best = Math.max(best, total);
      return;
    }
    visit(i + 1, total);
    for (const edge of byLeft[i]) {
      if (load[edge.to] >= capacity[edge.to]) continue;
      load[edge.to]++;
      visit(i + 1, total + edge.weight);
      load[edge.to]--;
    }
  };
  visit(0, 0);
  return best;
}

/**
 * Exact optimum by an independent method: a dense Hungarian algorithm (min-cost assignment, rows ≤
 * columns) over the left nodes × (one column per place of each right node + one "unassigned"
 * column per left node).
 */
function hungarian({ left, capacity, edges }: Instance): number {
  const BIG = 1e12;
  const slots: number[] = capacity.flatMap((places, right) => Array.from({ length: places }, () => right));
  const cols = slots.length + left;
  const best = new Map<string, number>();
  for (const edge of edges) {
    if (edge.weight > 0)
      best.set(`${edge.from}-${edge.to}`, Math.max(best.get(`${edge.from}-${edge.to}`) ?? 0, edge.weight));
  }
  const cost = (i: number, c: number): number =>
    c >= slots.length ? 0 : -(best.get(`${i}-${slots[c]}`) ?? -BIG);
  // e-maxx, 1-indexed: u row potentials, v column potentials, p[col] = row matched to col.
  const u = new Array<number>(left + 1).fill(0);
  const v = new Array<number>(cols + 1).fill(0);
  const p = new Array<number>(cols + 1).fill(0);
  const way = new Array<number>(cols + 1).fill(0);
  for (let i = 1; i <= left; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(cols + 1).fill(Infinity);
    const used = new Array<boolean>(cols + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= cols; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  let total = 0;
  for (let j = 1; j <= cols; j++) if (p[j] !== 0) total -= cost(p[j] - 1, j - 1);
  return total;
}

/** The assignment is feasible (existing positive edges, capacities) and its total is the result's. */
function checkFeasible(inst: Instance, result: { assignment: Int32Array; totalWeight: number }): number {
  const load = inst.capacity.map(() => 0);
  let total = 0;
  result.assignment.forEach((right, i) => {
    if (right === -1) return;
    const edge = inst.edges.find((e) => e.from === i && e.to === right);
    expect(edge).toBeDefined();
    expect(edge?.weight).toBeGreaterThan(0);
    total += edge?.weight ?? 0;
    load[right]++;
  });
  load.forEach((used, right) => expect(used).toBeLessThanOrEqual(inst.capacity[right]));
  expect(result.totalWeight).toBe(total);
  return total;
}

/**
 * Larger instances, crowded (few places, many ties) or sparse, with isolated nodes and capacity 0,
 * and more edges per left node than phase 1 keeps between scans.
 */
const mediumInstance = fc
  .record({
    left: fc.integer({ min: 0, max: 30 }),
    right: fc.integer({ min: 1, max: 20 }),
    density: fc.constantFrom(0.1, 0.5, 1),
    weights: fc.constantFrom({ min: 1, max: 3 }, { min: -2, max: 4 }, { min: -1000, max: 1_000_000 }),
  })
  .chain(({ left, right, density, weights }) =>
    fc.record({
      left: fc.constant(left),
      capacity: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: right, maxLength: right }),
      edges: fc
        .array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer(weights)), {
          minLength: left * right,
          maxLength: left * right,
        })
        .map((cells) =>
          cells.flatMap(([keep, weight], k) =>
            keep < density ? [{ from: Math.floor(k / right), to: k % right, weight }] : [],
          ),
        ),
    }),
  );

const instance = fc
  .record({ left: fc.integer({ min: 0, max: 6 }), right: fc.integer({ min: 1, max: 4 }) })
  .chain(({ left, right }) =>
    fc.record({
      left: fc.constant(left),
      capacity: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: right, maxLength: right }),
      edges: fc
        .uniqueArray(
          fc.record({
            from: fc.integer({ min: 0, max: Math.max(0, left - 1) }),
            to: fc.integer({ min: 0, max: right - 1 }),
            weight: fc.integer({ min: -5, max: 20 }),
          }),
          { selector: (edge) => `${edge.from}-${edge.to}`, maxLength: left * right },
        )
        .map((edges) => (left === 0 ? [] : edges)),
    }),
  );

describe('maxWeightBMatching', () => {
  it('matches a brute-force optimum and respects capacities (property)', () => {
    fc.assert(
      fc.property(instance, (inst) => {
        const result = maxWeightBMatching(toGraph(inst));
        const load = inst.capacity.map(() => 0);
        let total = 0;
        result.assignment.forEach((right, i) => {
          if (right === -1) return;
          const edge = inst.edges.find((e) => e.from === i && e.to === right);
          expect(edge).toBeDefined();
          expect(edge?.weight).toBeGreaterThan(0);
          total += edge?.weight ?? 0;
          load[right]++;
        });
        load.forEach((used, right) => expect(used).toBeLessThanOrEqual(inst.capacity[right]));
        expect(result.totalWeight).toBe(total);
        expect(total).toBe(bruteForce(inst));
      }),
      { numRuns: 300 },
    );
  });

  it('matches an independent Hungarian optimum on larger crowded and sparse graphs, with either phase alone or both (property)', () => {
    fc.assert(
      fc.property(
        mediumInstance,
        fc.constantFrom(0, 1, 3, undefined),
        fc.constantFrom(2, 3, undefined),
        (inst, reductionScansPerRow, reductionCandidates) => {
          const graph = toGraph(inst);
          const options = { reductionScansPerRow, reductionCandidates };
          const result = maxWeightBMatching(graph, options);
          expect(checkFeasible(inst, result)).toBe(hungarian(inst));
          // Deterministic: the same graph gives the same assignment.
          expect([...maxWeightBMatching(graph, options).assignment]).toEqual([...result.assignment]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('matches a brute-force optimum with many ties and capacities above 1 (property)', () => {
    const tied = fc
      .record({ left: fc.integer({ min: 1, max: 7 }), right: fc.integer({ min: 1, max: 3 }) })
      .chain(({ left, right }) =>
        fc.record({
          left: fc.constant(left),
          capacity: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: right, maxLength: right }),
          edges: fc.uniqueArray(
            fc.record({
              from: fc.integer({ min: 0, max: left - 1 }),
              to: fc.integer({ min: 0, max: right - 1 }),
              weight: fc.integer({ min: 0, max: 2 }),
            }),
            { selector: (edge) => `${edge.from}-${edge.to}`, maxLength: left * right },
          ),
        }),
      );
    fc.assert(
      fc.property(tied, (inst) => {
        expect(checkFeasible(inst, maxWeightBMatching(toGraph(inst)))).toBe(bruteForce(inst));
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    {
      name: 'takes the better total over the greedy first pick',
      inst: {
        left: 2,
        capacity: [1, 1],
        edges: [
          { from: 0, to: 0, weight: 10 },
          { from: 0, to: 1, weight: 9 },
          { from: 1, to: 0, weight: 8 },
        ],
      },
      assignment: [1, 0],
      total: 17,
    },
    {
      name: 'fills a capacity of 2',
      inst: {
        left: 3,
        capacity: [2],
        edges: [
          { from: 0, to: 0, weight: 1 },
          { from: 1, to: 0, weight: 3 },
          { from: 2, to: 0, weight: 2 },
        ],
      },
      assignment: [-1, 0, 0],
      total: 5,
    },
    {
      name: 'leaves a node out rather than use a non-positive edge',
      inst: { left: 1, capacity: [1], edges: [{ from: 0, to: 0, weight: 0 }] },
      assignment: [-1],
      total: 0,
    },
  ])('$name', ({ inst, assignment, total }) => {
    const result = maxWeightBMatching(toGraph(inst));
    expect([...result.assignment]).toEqual(assignment);
    expect(result.totalWeight).toBe(total);
  });

  it('refuses a weight that is not a safe integer instead of solving it approximately (or not ending)', () => {
    for (const weight of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      const graph = toGraph({
        left: 2,
        capacity: [1],
        edges: [
          { from: 0, to: 0, weight: 3 },
          { from: 1, to: 0, weight },
        ],
      });
      expect(() => maxWeightBMatching(graph)).toThrow(RangeError);
    }
  });
});
