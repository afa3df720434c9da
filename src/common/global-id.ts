// Relay global IDs: opaque base64url of "<TypeName>:<uuid>".
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toGlobalId(typeName: string, id: string): string {
  return Buffer.from(`${typeName}:${id}`, "utf8").toString("base64url");
}

export interface DecodedId {
  typeName: string;
  id: string;
}

/** Returns null for anything that is not a well-formed global id (never throws on user input). */
export function fromGlobalId(globalId: string): DecodedId | null {
  if (typeof globalId !== "string" || globalId.length > 200) return null;
  let decoded: string;
  try {
    decoded = Buffer.from(globalId, "base64url").toString("utf8");
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  const typeName = decoded.slice(0, colon);
  const id = decoded.slice(colon + 1);
  if (!/^[A-Za-z]+$/.test(typeName) || !UUID.test(id)) return null;
  return { typeName, id: id.toLowerCase() };
}

/** Decodes an id that must be of one type; null when malformed or of another type. */
export function decodeIdOf(typeName: string, globalId: string): string | null {
  const d = fromGlobalId(globalId);
  return d && d.typeName === typeName ? d.id : null;
}
