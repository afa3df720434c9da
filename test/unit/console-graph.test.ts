// The console's layout of a sub-processor tree (console/src/graph/layout.ts): one row per node in depth-first
// order, one column per level, an elbow edge from each parent, and a back edge from each cycle node to the
// node on its path it repeats. Inputs shaped as Processor.subprocessorTree answers them.
import { layoutTree, DIMENSIONS, type TreeEntry } from "../../console/src/graph/layout";

const entry = (path: string[], cycle = false): TreeEntry => ({
  depth: path.length - 1,
  cycle,
  path,
  processor: { id: path[path.length - 1], name: path[path.length - 1].toUpperCase() },
  engagement: { id: `e-${path.slice(-2).join("-")}` },
});

test("a chain (FirstAgenda → Ubivox → LeaseWeb): three rows, two tree edges, one column per level", () => {
  const layout = layoutTree({ id: "fa", name: "FirstAgenda" }, [
    entry(["fa", "ubivox"]),
    entry(["fa", "ubivox", "leaseweb"]),
  ]);
  expect(layout.nodes.map((n) => [n.name, n.depth, n.row])).toEqual([
    ["FirstAgenda", 0, 0],
    ["UBIVOX", 1, 1],
    ["LEASEWEB", 2, 2],
  ]);
  expect(layout.edges.map((e) => [e.from, e.to, e.kind])).toEqual([
    ["fa", "fa>ubivox", "tree"],
    ["fa>ubivox", "fa>ubivox>leaseweb", "tree"],
  ]);
  const [root, ubivox, leaseweb] = layout.nodes;
  expect(ubivox.x - root.x).toBe(DIMENSIONS.col);
  expect(leaseweb.y - ubivox.y).toBe(DIMENSIONS.row);
  expect(ubivox.engagementId).toBe("e-fa-ubivox");
  expect(root.engagementId).toBeNull();
  // Everything is inside the drawing.
  for (const n of layout.nodes) {
    expect(n.x + DIMENSIONS.nodeW).toBeLessThanOrEqual(layout.width);
    expect(n.y + DIMENSIONS.nodeH).toBeLessThanOrEqual(layout.height);
  }
});

test("siblings keep the API's order and a subtree stays under its parent", () => {
  const layout = layoutTree({ id: "r", name: "R" }, [
    entry(["r", "a"]),
    entry(["r", "a", "a1"]),
    entry(["r", "b"]),
    entry(["r", "b", "b1"]),
    entry(["r", "b", "b1", "b2"]),
  ]);
  expect(layout.nodes.map((n) => n.key)).toEqual(["r", "r>a", "r>a>a1", "r>b", "r>b>b1", "r>b>b1>b2"]);
  expect(layout.nodes.map((n) => n.row)).toEqual([0, 1, 2, 3, 4, 5]);
});

test("a processor reached along two chains is drawn once per chain", () => {
  const layout = layoutTree({ id: "r", name: "R" }, [
    entry(["r", "a"]),
    entry(["r", "a", "aws"]),
    entry(["r", "b"]),
    entry(["r", "b", "aws"]),
  ]);
  expect(layout.nodes.filter((n) => n.id === "aws").map((n) => n.parentKey)).toEqual(["r>a", "r>b"]);
});

test("a loop is shown, not followed: the cycle node gets a back edge to where the chain started repeating", () => {
  // r → a → b → a (cycle) ; the API marks the repeated a with cycle: true and does not go below it.
  const layout = layoutTree({ id: "r", name: "R" }, [
    entry(["r", "a"]),
    entry(["r", "a", "b"]),
    entry(["r", "a", "b", "a"], true),
  ]);
  const cycle = layout.nodes.find((n) => n.cycle)!;
  expect(cycle.key).toBe("r>a>b>a");
  expect(cycle.cycleTargetKey).toBe("r>a");
  const back = layout.edges.filter((e) => e.kind === "cycle");
  expect(back).toEqual([expect.objectContaining({ from: "r>a>b>a", to: "r>a" })]);
  // The back edge bulges to the right of the boxes, and the drawing is wide enough for it.
  const bulge = Number(/C (\d+(\.\d+)?)/.exec(back[0].d)![1]);
  expect(bulge).toBeGreaterThan(cycle.x + DIMENSIONS.nodeW);
  expect(layout.width).toBeGreaterThanOrEqual(bulge);
  // A loop back to the root itself.
  const toRoot = layoutTree({ id: "r", name: "R" }, [entry(["r", "a"]), entry(["r", "a", "r"], true)]);
  expect(toRoot.nodes.find((n) => n.cycle)!.cycleTargetKey).toBe("r");
});

test("entries that do not hang under the root are left out, and an empty tree is the root alone", () => {
  const layout = layoutTree({ id: "r", name: "R" }, [entry(["x", "y"]), entry(["r", "missing-parent", "z"])]);
  expect(layout.nodes.map((n) => n.key)).toEqual(["r"]);
  expect(layout.edges).toEqual([]);
  expect(layout.height).toBe(DIMENSIONS.pad * 2 + DIMENSIONS.nodeH);
});

test("a deep chain of 50 levels and a wide one of 300 siblings lay out in rows without overlap", () => {
  const deep: TreeEntry[] = [];
  const path = ["r"];
  for (let i = 0; i < 50; i++) {
    deep.push(entry([...path, `n${i}`]));
    path.push(`n${i}`);
  }
  const d = layoutTree({ id: "r", name: "R" }, deep);
  expect(d.nodes).toHaveLength(51);
  expect(new Set(d.nodes.map((n) => n.y)).size).toBe(51);
  const wide = layoutTree(
    { id: "r", name: "R" },
    Array.from({ length: 300 }, (_, i) => entry(["r", `s${i}`])),
  );
  expect(wide.nodes).toHaveLength(301);
  expect(wide.width).toBe(DIMENSIONS.pad * 2 + DIMENSIONS.col + DIMENSIONS.nodeW + 8);
});
