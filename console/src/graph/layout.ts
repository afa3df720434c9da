// Lays out a processor's sub-processor tree (Processor.subprocessorTree: depth first, one entry per chain,
// with the path of processor ids from the root and a cycle flag) as an indented tree: one row per node,
// one column per level, elbow edges from a parent down to its children, and a back edge from each cycle
// node to the node on its path it loops back to. Pure: no DOM, unit-tested in test/unit/console-graph.test.ts.

export interface TreeEntry {
  depth: number;
  cycle: boolean;
  /** Processor ids from the root down to this node (the root first). */
  path: string[];
  processor: { id: string; name: string };
  engagement: { id: string } | null;
}

export interface LaidNode {
  /** Unique per chain: the path joined. */
  key: string;
  id: string;
  name: string;
  depth: number;
  row: number;
  x: number;
  y: number;
  cycle: boolean;
  parentKey: string | null;
  engagementId: string | null;
  /** For a cycle node: the node higher on its path that it is (the loop is not followed further). */
  cycleTargetKey: string | null;
}

export interface LaidEdge {
  from: string;
  to: string;
  kind: "tree" | "cycle";
  d: string;
}

export interface Layout {
  nodes: LaidNode[];
  edges: LaidEdge[];
  width: number;
  height: number;
}

export const DIMENSIONS = { col: 56, row: 62, nodeW: 236, nodeH: 48, pad: 8 };

const keyOf = (path: string[]) => path.join(">");

export function layoutTree(
  root: { id: string; name: string },
  entries: TreeEntry[],
  dims: typeof DIMENSIONS = DIMENSIONS,
): Layout {
  const rootNode: LaidNode = {
    key: root.id,
    id: root.id,
    name: root.name,
    depth: 0,
    row: 0,
    x: dims.pad,
    y: dims.pad,
    cycle: false,
    parentKey: null,
    engagementId: null,
    cycleTargetKey: null,
  };
  // Children by parent key, in the order the API gives (depth first, siblings by name).
  const children = new Map<string, TreeEntry[]>();
  for (const e of entries) {
    if (e.path.length < 2 || e.path[0] !== root.id) continue;
    const parent = keyOf(e.path.slice(0, -1));
    (children.get(parent) ?? children.set(parent, []).get(parent)!).push(e);
  }
  const nodes: LaidNode[] = [rootNode];
  const edges: LaidEdge[] = [];
  const byKey = new Map<string, LaidNode>([[root.id, rootNode]]);
  // Walk depth first from the root, so every node's row is below its parent's and its subtree is contiguous.
  const visit = (parent: LaidNode) => {
    for (const e of children.get(parent.key) ?? []) {
      const key = keyOf(e.path);
      if (byKey.has(key)) continue;
      const row = nodes.length;
      const depth = e.path.length - 1;
      const first = e.path.indexOf(e.processor.id);
      const node: LaidNode = {
        key,
        id: e.processor.id,
        name: e.processor.name,
        depth,
        row,
        x: dims.pad + depth * dims.col,
        y: dims.pad + row * dims.row,
        cycle: e.cycle,
        parentKey: parent.key,
        engagementId: e.engagement?.id ?? null,
        cycleTargetKey: e.cycle && first >= 0 && first < e.path.length - 1 ? keyOf(e.path.slice(0, first + 1)) : null,
      };
      nodes.push(node);
      byKey.set(key, node);
      const px = parent.x + 14;
      edges.push({
        from: parent.key,
        to: key,
        kind: "tree",
        d: `M ${px} ${parent.y + dims.nodeH} V ${node.y + dims.nodeH / 2} H ${node.x}`,
      });
      if (!e.cycle) visit(node);
    }
  };
  visit(rootNode);
  // Back edges of the loops: from the cycle node's right side round to its first occurrence on the path.
  for (const n of nodes) {
    const target = n.cycleTargetKey ? byKey.get(n.cycleTargetKey) : undefined;
    if (!target) continue;
    const x1 = n.x + dims.nodeW;
    const y1 = n.y + dims.nodeH / 2;
    const x2 = target.x + dims.nodeW;
    const y2 = target.y + dims.nodeH / 2;
    const bulge = Math.max(x1, x2) + 36 + 6 * (n.row - target.row);
    edges.push({
      from: n.key,
      to: target.key,
      kind: "cycle",
      d: `M ${x1} ${y1} C ${bulge} ${y1}, ${bulge} ${y2}, ${x2 + 4} ${y2}`,
    });
  }
  const maxDepth = Math.max(...nodes.map((n) => n.depth));
  const maxBulge = Math.max(
    0,
    ...nodes
      .filter((n) => n.cycleTargetKey && byKey.has(n.cycleTargetKey))
      .map((n) => 36 + 6 * (n.row - byKey.get(n.cycleTargetKey!)!.row)),
  );
  return {
    nodes,
    edges,
    width: dims.pad * 2 + maxDepth * dims.col + dims.nodeW + maxBulge + 8,
    height: dims.pad * 2 + (nodes.length - 1) * dims.row + dims.nodeH,
  };
}
