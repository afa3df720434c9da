// Uploads a register file to POST /imports/register as a client would (multipart, one file field).
import type { TestApp } from "./app";

/** The upload's status and its JSON answer (null when the body is empty). */
export async function uploadRegister(
  app: TestApp,
  key: string,
  bytes: Buffer,
  name: string,
  type = "application/octet-stream",
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append("file", new Blob([bytes], { type }), name);
  const res = await fetch(`${app.server.url.replace(/\/graphql$/, "")}/imports/register`, {
    method: "POST",
    body: form,
    headers: { authorization: `Bearer ${key}` },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
