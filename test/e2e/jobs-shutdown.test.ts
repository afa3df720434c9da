// Stopping the server while daily jobs run: pg-boss marks a job done without awaiting it, after the
// handler returns, so a job that finished while the job worker stopped once queried an ended pool. The
// unhandled rejection failed whichever test the process ran next (seen in a full run: evidence.test.ts).
import { QUEUES } from "../../src/modules/jobs/queues";
import { startTestApp } from "../helpers/app";

jest.setTimeout(120_000);

test("stopping while daily jobs run leaves no unhandled rejection behind", async () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on("unhandledRejection", onRejection);
  try {
    for (let round = 0; round < 6; round += 1) {
      const app = await startTestApp();
      for (let i = 0; i < 4; i += 1) await app.newOrganization(`Shutdown ${round}.${i} A/S`);
      const jobs = app.server.jobs!;
      // The sweep queues one daily job per organization; stop while they are being worked.
      await jobs.run(QUEUES.dailySweep);
      await new Promise((r) => setTimeout(r, 15 * round));
      await app.stop();
      // What pg-boss sends after the stop would fail within a poll or two.
      await new Promise((r) => setTimeout(r, 2_500));
    }
    expect(rejections.map(String)).toEqual([]);
  } finally {
    process.off("unhandledRejection", onRejection);
  }
});
