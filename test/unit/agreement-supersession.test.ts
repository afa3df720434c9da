import { supersessionLoopProblem } from "../../src/modules/agreements/agreement.rules";

const v = (id: string, supersedesId: string | null = null) => ({ id, supersedesId, title: id.toUpperCase() });

describe("supersessionLoopProblem", () => {
  test("names a loop of two: A supersedes B, which supersedes A", () => {
    expect(supersessionLoopProblem(v("a"), "b", [v("a"), v("b", "a")])).toContain('"A" → "B" → "A"');
  });

  test("names a loop through several versions", () => {
    const versions = [v("a"), v("b", "a"), v("c", "b")];
    expect(supersessionLoopProblem(v("a"), "c", versions)).toContain('"A" → "C" → "B" → "A"');
  });

  test("a chain that does not lead back is no loop; nor is a new agreement without id", () => {
    expect(supersessionLoopProblem(v("c"), "a", [v("a"), v("b", "a"), v("c", "b")])).toBeNull();
    expect(supersessionLoopProblem({ id: undefined as unknown as string, title: "new" }, "a", [v("a")])).toBeNull();
  });

  test("a loop already on file that does not pass through the agreement ends the walk", () => {
    expect(supersessionLoopProblem(v("a"), "b", [v("a"), v("b", "c"), v("c", "b")])).toBeNull();
  });
});
