/**
 * Exact maximum-weight bipartite b-matching: left nodes (Seeking families) take at most one right
 * node; right node j (a Sharing family) takes at most capacity[j] left nodes; only the given edges
 * exist. Weights must be integers (exact arithmetic); non-positive edges are never worth using.
 *
 * Algorithm: a min-cost flow in which each left node has a private "stay unassigned" arc of cost 0
 * (so every left node is placed), solved in two phases that share one set of node potentials
 * (prices) and keep the same invariant: every residual arc has a non-negative reduced cost, so the
 * flow is a min-cost flow for the left nodes placed so far and the final one is optimal.
 *
 * 1. Reduction (Jonker-Volgenant's augmenting row reduction, adapted to capacities): each free left
 *    node takes its most profitable right node (profit = weight - price). If that node is full, it
 *    evicts the occupant with the least slack (profit here minus its best elsewhere) and the node's
 *    price rises by as much as the newcomer's lead over its second choice allows without making any
 *    remaining occupant prefer another node; the evicted node bids next. Prices only rise, so each
 *    left node keeps its few best edges from its last full scan and bids from them while they still
 *    beat every other edge's profit at that scan (then it scans again). When no price can rise the
 *    newcomer still takes the place a limited number of times (REDUCTION_ZERO_RISES_PER_ROW per left
 *    node), then leaves it to phase 2, as it does whatever is still free when the budgets
 *    (REDUCTION_SCANS_PER_ROW full scans, REDUCTION_BIDS_PER_SCAN bids per scan) run out. No heap:
 *    on the bench cohort this places all but 5 of 2,000 Seeking families with ~6,600 full scans.
 * 2. Successive shortest augmenting paths (the Hungarian method in its sparse, min-cost-flow form)
 *    for the left nodes still free: one Dijkstra each on the residual graph with reduced costs,
 *    stopped as soon as the cheapest way to finish is settled (only the settled nodes' potentials
 *    move).
 *
 * Deterministic: the same graph gives the same assignment. Cost: phase 1 at most
 * REDUCTION_SCANS_PER_ROW · L full scans of a left node's edges and REDUCTION_BIDS_PER_SCAN times as
 * many bids of REDUCTION_CANDIDATES edges each; phase 2 O(L · (E + V) log V) worst case for
 * L left nodes, E edges, V = L + R nodes, in practice far less because each search stops early and
 * few left nodes are left to it. Memory: O(E + V).
 */
export interface BipartiteGraph {
  readonly leftCount: number;
  readonly rightCount: number;
  /** Per right node, how many left nodes it can take (>= 0). */
  readonly capacity: ArrayLike<number>;
  /** CSR: the edges of left node i are edgeStart[i] .. edgeStart[i + 1] - 1. */
  readonly edgeStart: ArrayLike<number>;
  readonly edgeTo: ArrayLike<number>;
  /** Integer weights. */
  readonly edgeWeight: ArrayLike<number>;
}

export interface BMatchingResult {
  /** Right node of each left node, or -1. */
  readonly assignment: Int32Array;
  /** Sum of the weights of the chosen edges. */
  readonly totalWeight: number;
}

/** A binary min-heap of (key, node) with lazy deletion. */
class NodeHeap {
  private keys = new Float64Array(1024);
  private nodes = new Int32Array(1024);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    let at = this.size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.keys[at] = this.keys[parent];
      this.nodes[at] = this.nodes[parent];
      at = parent;
    }
    this.keys[at] = key;
    this.nodes[at] = node;
  }

  /** Removes the minimum; read topKey/topNode before calling. */
  pop(): void {
    const last = --this.size;
    if (last === 0) return;
    const key = this.keys[last];
    const node = this.nodes[last];
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= last) break;
      if (child + 1 < last && this.keys[child + 1] < this.keys[child]) child++;
      if (this.keys[child] >= key) break;
      this.keys[at] = this.keys[child];
      this.nodes[at] = this.nodes[child];
      at = child;
    }
    this.keys[at] = key;
    this.nodes[at] = node;
  }

  get topKey(): number {
    return this.keys[0];
  }

  get topNode(): number {
    return this.nodes[0];
  }
}

/** Scans of a left node's edges the reduction may spend, per left node (then phase 2 finishes). */
export const REDUCTION_SCANS_PER_ROW = 24;
/** Bids (each reads a left node's cached best edges) the reduction may make per full scan of budget. */
export const REDUCTION_BIDS_PER_SCAN = 8;
/** Evictions without a price rise the reduction may make, per left node. */
export const REDUCTION_ZERO_RISES_PER_ROW = 2;
/** How many of its most profitable edges each left node keeps between full scans (at least 2). */
export const REDUCTION_CANDIDATES = 8;

export interface BMatchingOptions {
  /** Phase 1's budget, in scans of a left node's edges per left node (0: phase 2 alone). */
  readonly reductionScansPerRow?: number;
  /** Edges each left node keeps between full scans in phase 1 (at least 2; tests use few). */
  readonly reductionCandidates?: number;
}

export function maxWeightBMatching(graph: BipartiteGraph, options: BMatchingOptions = {}): BMatchingResult {
  const { leftCount: n, rightCount: m, capacity, edgeStart, edgeTo, edgeWeight } = graph;
  // Exact only on integer weights (its price rises compare sums): anything else is refused, never
  // solved approximately (a fraction, NaN or Infinity could also keep its loops from ending).
  for (let k = 0; k < edgeWeight.length; k++) {
    if (!Number.isSafeInteger(edgeWeight[k]))
      throw new RangeError(`maxWeightBMatching: edge ${k} has weight ${edgeWeight[k]}, not a safe integer`);
  }
  const nodeCount = n + m; // left nodes 0..n-1, right nodes n..n+m-1; the sink is virtual
  const assignment = new Int32Array(n).fill(-1);
  const assignedWeight = new Float64Array(n);
  const load = new Int32Array(m);
  // Left nodes assigned to each right node: a linked list through nextOnRight.
  const firstOnRight = new Int32Array(m).fill(-1);
  const nextOnRight = new Int32Array(n).fill(-1);
  // Potentials; the sink's potential stays 0. Reduced cost of u->v: cost + pot[u] - pot[v]. A right
  // node's price is -pot; a right node with no place is priced out (its arcs can never be used).
  const pot = new Float64Array(nodeCount);
  for (let j = 0; j < m; j++) if (!(capacity[j] > 0)) pot[n + j] = -Infinity;
  const dist = new Float64Array(nodeCount).fill(Infinity);
  const settled = new Uint8Array(nodeCount);
  const reachedFrom = new Int32Array(m); // right node -> left node it was reached from
  const reachedWeight = new Float64Array(m);
  const touched = new Int32Array(nodeCount);
  const settledList = new Int32Array(nodeCount);
  const heap = new NodeHeap();

  const unlink = (left: number, right: number): void => {
    let previous = -1;
    let at = firstOnRight[right];
    while (at !== left) {
      // A broken invariant fails loudly rather than walking off the list for ever.
      if (at === -1) throw new Error(`maxWeightBMatching: left node ${left} is not on right node ${right}`);
      previous = at;
      at = nextOnRight[at];
    }
    if (previous === -1) firstOnRight[right] = nextOnRight[left];
    else nextOnRight[previous] = nextOnRight[left];
    nextOnRight[left] = -1;
  };
  const link = (left: number, right: number, weight: number): void => {
    assignment[left] = right;
    assignedWeight[left] = weight;
    nextOnRight[left] = firstOnRight[right];
    firstOnRight[right] = left;
  };

  // Phase 1: the reduction. placed[i] = 1 once left node i is assigned or stays unassigned for good.
  const placed = new Uint8Array(n);
  // Per assigned left node, a lower bound on its profit where it is minus its best profit elsewhere
  // (prices only rise, so its profit elsewhere only falls and the bound stays valid).
  const slack = new Float64Array(n);
  // Per left node, its CANDIDATES most profitable positive edges as of its last full scan, and a
  // ceiling: every other edge's profit was at most that then, and profits only fall since. A bid
  // reads the cached edges only; their best and second best are the true ones while the second is
  // still at or above the ceiling (staying unassigned, 0, counts too); else the node is scanned again.
  const CANDIDATES = Math.max(2, options.reductionCandidates ?? REDUCTION_CANDIDATES);
  // The cached edges' right nodes and weights (copied: reading them through the edge index would
  // miss the cache on the large edge arrays at every bid).
  const cachedRight = new Int32Array(n * CANDIDATES);
  const cachedWeight = new Float64Array(n * CANDIDATES);
  const cachedCount = new Int32Array(n);
  const ceiling = new Float64Array(n);
  const topProfit = new Float64Array(CANDIDATES);
  let budget = (options.reductionScansPerRow ?? REDUCTION_SCANS_PER_ROW) * n;
  let bids = REDUCTION_BIDS_PER_SCAN * budget;
  let zeroRises = REDUCTION_ZERO_RISES_PER_ROW * n;
  /** A full scan of left node i's edges: refills its cache (spends one of the budget). */
  const scan = (i: number): void => {
    budget--;
    const base = i * CANDIDATES;
    let count = 0;
    let rest = -Infinity;
    for (let e = edgeStart[i], end = edgeStart[i + 1]; e < end; e++) {
      const w = edgeWeight[e];
      if (w <= 0) continue;
      const right = edgeTo[e];
      const profit = w + pot[n + right];
      let at: number;
      if (count < CANDIDATES) at = count++;
      else if (profit > topProfit[CANDIDATES - 1]) {
        at = CANDIDATES - 1;
        if (topProfit[at] > rest) rest = topProfit[at];
      } else {
        if (profit > rest) rest = profit;
        continue;
      }
      // Descending profit; equal profits keep the edges' order.
      while (at > 0 && topProfit[at - 1] < profit) {
        topProfit[at] = topProfit[at - 1];
        cachedRight[base + at] = cachedRight[base + at - 1];
        cachedWeight[base + at] = cachedWeight[base + at - 1];
        at--;
      }
      topProfit[at] = profit;
      cachedRight[base + at] = right;
      cachedWeight[base + at] = w;
    }
    cachedCount[i] = count;
    ceiling[i] = rest;
  };
  /** The true slack of assigned left node i at today's prices. */
  const freshSlack = (i: number): number => {
    const current = assignment[i];
    let best = 0; // staying unassigned
    for (let attempt = 0; attempt < 2; attempt++) {
      if (attempt === 1) scan(i);
      best = 0;
      for (let k = i * CANDIDATES, end = k + cachedCount[i]; k < end; k++) {
        const right = cachedRight[k];
        if (right === current) continue;
        const profit = cachedWeight[k] + pot[n + right];
        if (profit > best) best = profit;
      }
      if (best >= ceiling[i]) return assignedWeight[i] + pot[n + current] - best;
    }
    for (let e = edgeStart[i], end = edgeStart[i + 1]; e < end; e++) {
      const right = edgeTo[e]; // only with repeated edges to one right node
      if (right === current) continue;
      const profit = edgeWeight[e] + pot[n + right];
      if (profit > best) best = profit;
    }
    return assignedWeight[i] + pot[n + current] - best;
  };
  for (let i = 0; i < n; i++) ceiling[i] = Infinity; // not scanned yet
  const queue = new Int32Array(n);
  let queued = n; // a ring buffer: each left node is in it at most once
  let head = 0;
  for (let i = 0; i < n; i++) queue[i] = i;
  while (queued > 0 && budget > 0 && bids > 0) {
    const row = queue[head];
    head = head + 1 === n ? 0 : head + 1;
    queued--;
    bids--;
    // Best and second-best profit, staying unassigned counting as 0; ties go to a node with room.
    let best = 0;
    let second = 0;
    let bestRight = -1;
    let bestWeight = 0;
    for (let attempt = 0; attempt < 2; attempt++) {
      if (attempt === 1) scan(row);
      best = 0;
      second = 0;
      bestRight = -1;
      bestWeight = 0;
      for (let k = row * CANDIDATES, end = k + cachedCount[row]; k < end; k++) {
        const w = cachedWeight[k];
        const right = cachedRight[k];
        const profit = w + pot[n + right];
        if (
          profit > best ||
          (profit === best &&
            bestRight !== -1 &&
            load[right] < capacity[right] &&
            load[bestRight] >= capacity[bestRight])
        ) {
          second = best;
          best = profit;
          bestRight = right;
          bestWeight = w;
        } else if (profit > second) second = profit;
      }
      if (second >= ceiling[row]) break;
    }
    if (bestRight === -1) {
      placed[row] = 1; // nothing profitable now, and prices only rise: stays unassigned (pot 0)
      continue;
    }
    if (load[bestRight] < capacity[bestRight]) {
      load[bestRight]++;
      link(row, bestRight, bestWeight);
      placed[row] = 1;
      slack[row] = best - second;
      continue;
    }
    // Full: the occupant with the least slack leaves; the price rises by the newcomer's lead over
    // its second choice, at most the least slack of the occupants who stay (recomputed when short).
    const lead = best - second;
    let out = firstOnRight[bestRight];
    for (let at = nextOnRight[out]; at !== -1; at = nextOnRight[at]) if (slack[at] < slack[out]) out = at;
    let rise = lead;
    for (let at = firstOnRight[bestRight]; at !== -1; at = nextOnRight[at]) {
      if (at === out) continue;
      if (slack[at] < rise && budget > 0) slack[at] = freshSlack(at);
      if (slack[at] < rise) rise = slack[at];
    }
    if (rise <= 0) {
      // No price can rise: the newcomer and an occupant are indifferent. Swapping them is still
      // exact and often lets the evicted one move to its equal alternative, but may go round in
      // circles, so only so many; after that phase 2 places this row.
      if (zeroRises <= 0) continue;
      zeroRises--;
    }
    pot[n + bestRight] -= rise;
    for (let at = firstOnRight[bestRight]; at !== -1; at = nextOnRight[at]) slack[at] -= rise;
    unlink(out, bestRight);
    assignment[out] = -1;
    assignedWeight[out] = 0;
    placed[out] = 0;
    link(row, bestRight, bestWeight);
    placed[row] = 1;
    slack[row] = lead - rise;
    queue[(head + queued) % n] = out;
    queued++;
  }
  // An assigned left node's potential is its profit where it is (its best, by the slack bound).
  for (let i = 0; i < n; i++) if (assignment[i] !== -1) pot[i] = assignedWeight[i] + pot[n + assignment[i]];

  // Phase 2: successive shortest augmenting paths for the left nodes still free, in order.
  for (let row = 0; row < n; row++) {
    if (placed[row] === 1) continue;
    const from = edgeStart[row];
    const to = edgeStart[row + 1];
    // A potential that keeps every arc out of the new row non-negative (incl. its stay-unassigned arc).
    let rowPot = 0;
    for (let e = from; e < to; e++) {
      const w = edgeWeight[e];
      if (w > 0) rowPot = Math.max(rowPot, w + pot[n + edgeTo[e]]);
    }
    if (rowPot === 0) continue; // no profitable edge: stays unassigned, nothing changes
    pot[row] = rowPot;

    let touchedCount = 0;
    let settledCount = 0;
    heap.clear();
    dist[row] = 0;
    touched[touchedCount++] = row;
    heap.push(0, row);
    let sinkDist = Infinity;
    let sinkVia = -1; // node whose exit reached the sink

    while (heap.size > 0) {
      const d = heap.topKey;
      const node = heap.topNode;
      heap.pop();
      if (d >= sinkDist) break; // the sink is settled
      if (settled[node] === 1 || d > dist[node]) continue;
      settled[node] = 1;
      settledList[settledCount++] = node;
      if (node < n) {
        // Left node: leave via its stay-unassigned arc, or move to another right node.
        const exit = d + pot[node];
        if (exit < sinkDist) {
          sinkDist = exit;
          sinkVia = node;
        }
        const current = assignment[node];
        const potNode = pot[node];
        for (let e = edgeStart[node], end = edgeStart[node + 1]; e < end; e++) {
          const w = edgeWeight[e];
          const right = edgeTo[e];
          if (w <= 0 || right === current) continue;
          const v = n + right;
          const nd = d - w + potNode - pot[v];
          if (nd < dist[v]) {
            if (dist[v] === Infinity) touched[touchedCount++] = v;
            dist[v] = nd;
            reachedFrom[right] = node;
            reachedWeight[right] = w;
            heap.push(nd, v);
          }
        }
      } else {
        const right = node - n;
        if (load[right] < capacity[right]) {
          const exit = d + pot[node];
          if (exit < sinkDist) {
            sinkDist = exit;
            sinkVia = node;
          }
        }
        for (let left = firstOnRight[right]; left !== -1; left = nextOnRight[left]) {
          const nd = d + assignedWeight[left] + pot[node] - pot[left];
          if (nd < dist[left]) {
            if (dist[left] === Infinity) touched[touchedCount++] = left;
            dist[left] = nd;
            heap.push(nd, left);
          }
        }
      }
      if (heap.size === 0 || heap.topKey >= sinkDist) break;
    }

    // Augment along the path that ends at sinkVia.
    let right: number;
    if (sinkVia < n) {
      const left = sinkVia;
      if (left === row)
        right = -1; // the new row stays unassigned
      else {
        right = assignment[left];
        unlink(left, right);
        assignment[left] = -1;
        assignedWeight[left] = 0;
      }
    } else {
      right = sinkVia - n;
      load[right]++;
    }
    for (let steps = 0; right !== -1; steps++) {
      // An augmenting path visits each left node once at most: more is a broken invariant, not a path.
      if (steps > n) throw new Error('maxWeightBMatching: the augmenting path does not end');
      const left = reachedFrom[right];
      const previous = assignment[left];
      if (previous !== -1) unlink(left, previous);
      link(left, right, reachedWeight[right]);
      right = left === row ? -1 : previous;
    }

    // Settled nodes move their potentials; reduced costs stay non-negative everywhere.
    for (let i = 0; i < settledCount; i++) {
      const node = settledList[i];
      pot[node] += dist[node] - sinkDist;
      settled[node] = 0;
    }
    for (let i = 0; i < touchedCount; i++) dist[touched[i]] = Infinity;
  }

  let totalWeight = 0;
  for (let i = 0; i < n; i++) if (assignment[i] !== -1) totalWeight += assignedWeight[i];
  return { assignment, totalWeight };
}
