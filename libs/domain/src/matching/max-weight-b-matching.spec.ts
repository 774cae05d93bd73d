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
});
