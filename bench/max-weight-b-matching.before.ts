/*
 * The cohort solver as it was before issue 17's reduction phase (successive shortest augmenting
 * paths from each Seeking family in turn, no warm start), kept only so `npm run bench -- cohort`
 * can time it beside the current `maxWeightBMatching` in the same run. Not used by the app.
 */
import type { BipartiteGraph, BMatchingResult } from '@app/domain';

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

export function maxWeightBMatchingBefore(graph: BipartiteGraph): BMatchingResult {
  const { leftCount: n, rightCount: m, capacity, edgeStart, edgeTo, edgeWeight } = graph;
  const nodeCount = n + m; // left nodes 0..n-1, right nodes n..n+m-1; the sink is virtual
  const assignment = new Int32Array(n).fill(-1);
  const assignedWeight = new Float64Array(n);
  const load = new Int32Array(m);
  // Left nodes assigned to each right node: a linked list through nextOnRight.
  const firstOnRight = new Int32Array(m).fill(-1);
  const nextOnRight = new Int32Array(n).fill(-1);
  // Potentials; the sink's potential stays 0. Reduced cost of u->v: cost + pot[u] - pot[v].
  const pot = new Float64Array(nodeCount);
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

  for (let row = 0; row < n; row++) {
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
    while (right !== -1) {
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
