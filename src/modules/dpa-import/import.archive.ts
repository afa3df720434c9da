// A ZIP of DPA documents (a folder, zipped) opened with limits that stop a ZIP bomb before it inflates:
// the central directory is read first (entry count, each entry's declared sizes and compression ratio,
// their sum) and the archive is refused as a whole when it goes over a limit; then each entry is inflated
// with yauzl, which counts the bytes and fails an entry that inflates past its declared size, so a header
// that lies about sizes gains nothing. Nested archives are not opened; folders, macOS resource forks and
// hidden files are skipped. No database: bytes in, documents (or per-entry refusals) out.
import path from "node:path";
import yauzl from "yauzl";

export interface ArchiveLimits {
  /** Documents in the archive (folders and skipped files not counted). */
  maxEntries: number;
  /** Raw central-directory records, folders included: a bound on the work done before any check. */
  maxRecords: number;
  /** One document, inflated. */
  maxEntryBytes: number;
  /** All documents together, inflated. */
  maxTotalBytes: number;
  /** Inflated size over compressed size, for entries larger than `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export type ArchiveRefusalCode = "ARCHIVE_LIMIT" | "UNREADABLE_ARCHIVE";

/** The whole archive is refused: nothing in it is read. */
export class ArchiveRefused extends Error {
  constructor(
    readonly code: ArchiveRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = "ArchiveRefused";
  }
}

export type ArchiveEntry =
  | { name: string; bytes: Buffer }
  | { name: string; refused: { code: "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE"; message: string } };

interface CentralRecord {
  entry: yauzl.Entry;
  name: string;
}

const SKIPPED = (name: string) =>
  name.endsWith("/") || name.startsWith("__MACOSX/") || path.posix.basename(name).startsWith(".");

function open(zip: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(
      zip,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true },
      (err, file) => (err || !file ? reject(err ?? new Error("no archive")) : resolve(file)),
    ),
  );
}

/** Every central-directory record, without inflating anything. */
function records(file: yauzl.ZipFile): Promise<CentralRecord[]> {
  return new Promise((resolve, reject) => {
    const out: CentralRecord[] = [];
    file.on("entry", (entry: yauzl.Entry) => {
      out.push({ entry, name: entry.fileName });
      file.readEntry();
    });
    file.on("end", () => resolve(out));
    file.on("error", reject);
    file.readEntry();
  });
}

function inflate(file: yauzl.ZipFile, entry: yauzl.Entry, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    file.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error("no stream"));
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        // yauzl fails an entry that inflates past its declared size; this is the limit's own guard.
        if (size > maxBytes) {
          stream.destroy();
          reject(new ArchiveRefused("ARCHIVE_LIMIT", `${entry.fileName} inflates past ${maxBytes} bytes.`));
          return;
        }
        chunks.push(chunk);
      });
      stream.on("end", () => resolve(Buffer.concat(chunks, size)));
      stream.on("error", reject);
    });
  });
}

/** The archive's documents, each inflated within the limits, or the archive refused as a whole. */
export async function readArchive(zip: Buffer, limits: ArchiveLimits): Promise<ArchiveEntry[]> {
  let file: yauzl.ZipFile;
  try {
    file = await open(zip);
  } catch (e) {
    throw new ArchiveRefused("UNREADABLE_ARCHIVE", `The ZIP archive could not be read: ${(e as Error).message}`);
  }
  try {
    if (file.entryCount > limits.maxRecords)
      throw new ArchiveRefused(
        "ARCHIVE_LIMIT",
        `The archive has ${file.entryCount} entries; at most ${limits.maxEntries} documents are read from one archive.`,
      );
    let all: CentralRecord[];
    try {
      all = await records(file);
    } catch (e) {
      throw new ArchiveRefused("UNREADABLE_ARCHIVE", `The ZIP archive could not be read: ${(e as Error).message}`);
    }
    const documents = all.filter((r) => !SKIPPED(r.name));
    if (documents.length > limits.maxEntries)
      throw new ArchiveRefused(
        "ARCHIVE_LIMIT",
        `The archive holds ${documents.length} documents; at most ${limits.maxEntries} are read from one archive.`,
      );
    if (documents.some((r) => r.entry.isEncrypted()))
      throw new ArchiveRefused("UNREADABLE_ARCHIVE", "The archive is encrypted; upload the documents unencrypted.");
    const total = documents.reduce((n, r) => n + r.entry.uncompressedSize, 0);
    if (total > limits.maxTotalBytes)
      throw new ArchiveRefused(
        "ARCHIVE_LIMIT",
        `The archive's documents inflate to ${total} bytes; at most ${limits.maxTotalBytes} are read from one ` +
          `archive.`,
      );
    const bomb = documents.find(
      (r) =>
        r.entry.uncompressedSize > limits.ratioFloorBytes &&
        r.entry.uncompressedSize > limits.maxRatio * Math.max(1, r.entry.compressedSize),
    );
    if (bomb)
      throw new ArchiveRefused(
        "ARCHIVE_LIMIT",
        `${bomb.name} inflates ${Math.round(bomb.entry.uncompressedSize / Math.max(1, bomb.entry.compressedSize))}` +
          ` times its compressed size; at most ${limits.maxRatio} times is read (a ZIP bomb is refused whole).`,
      );
    const out: ArchiveEntry[] = [];
    for (const r of documents) {
      const name = r.name.slice(0, 255);
      if (r.entry.uncompressedSize > limits.maxEntryBytes) {
        out.push({
          name,
          refused: {
            code: "PAYLOAD_TOO_LARGE",
            message:
              `The document is too large: ${r.entry.uncompressedSize} bytes; ` +
              `the limit is ${limits.maxEntryBytes}.`,
          },
        });
        continue;
      }
      if (/\.(zip|7z|rar|tar|gz|tgz)$/i.test(r.name)) {
        out.push({
          name,
          refused: { code: "UNSUPPORTED_MEDIA_TYPE", message: "An archive inside the archive is not opened." },
        });
        continue;
      }
      try {
        out.push({ name, bytes: await inflate(file, r.entry, limits.maxEntryBytes) });
      } catch (e) {
        if (e instanceof ArchiveRefused) throw e;
        // An entry whose data does not match its header (a forged size, a bad checksum): the archive is not trusted.
        throw new ArchiveRefused("UNREADABLE_ARCHIVE", `${name} could not be read: ${(e as Error).message}`);
      }
    }
    return out;
  } finally {
    file.close();
  }
}
