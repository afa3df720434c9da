// An export's slot is free before its error is answered: a client that reads the answer and asks again must never
// meet its own finished export (429 TOO_MANY_EXPORTS seen in CI under load after a 400 for a bad parameter, when
// the slot was freed only after the answer). The answer is where withContext answers: the check runs there.
import type { Request, Response } from "express";
import { EventEmitter } from "node:events";
import { ExportGate, runExport } from "../../src/http/exports";
import { HttpError } from "../../src/common/errors";
import type { RequestContext } from "../../src/context";

test("a failing export gives its slot back before its error is answered", async () => {
  const gate = new ExportGate({ maxRows: 10, maxBytes: 1_000, perOrganization: 1, total: 1 });
  const runningWhenAnswered: number[] = [];
  const ctx = {
    actor: { organizationId: "org" },
    transaction: { extendDeadline: () => undefined },
  } as unknown as RequestContext;
  const deps = {
    exports: gate,
    withContext: async (_req: Request, _res: Response, _p: unknown, work: (c: RequestContext) => Promise<void>) => {
      try {
        await work(ctx);
      } catch (err) {
        // Here the real withContext sends the error: the slot must be free by now.
        expect(err).toBeInstanceOf(HttpError);
        runningWhenAnswered.push(gate.size);
      }
    },
  };
  const res = Object.assign(new EventEmitter(), { headersSent: true }) as unknown as Response;
  await runExport(
    deps as never,
    {} as Request,
    res,
    () => "",
    async () => {
      throw new HttpError("INVALID", "asOf must be a date (YYYY-MM-DD)");
    },
  );
  expect(runningWhenAnswered).toEqual([0]);
  expect(gate.size).toBe(0);
});
