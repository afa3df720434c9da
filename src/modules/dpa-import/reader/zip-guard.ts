// A Word file is a zip archive. Before mammoth sees one, every entry is inflated here as a stream with a
// running byte count: the whole archive (nested archives included) within maxInflatedBytes, each large
// entry within maxCompressionRatio, no entry inflating to more than it declares, at most maxZipEntries
// entries and maxZipDepth levels of archives. Inflated bytes are counted, not kept (except a nested
// archive's, which is read in turn).
import yauzl from "yauzl";
import { DocumentReadError } from "../extract/parse";
import { tooComplex, type DocumentLimits } from "./limits";

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

interface Budget {
  inflated: number;
  entries: number;
}

const unreadable = () =>
  new DocumentReadError("UNREADABLE_DOCX", "The Word document could not be read: it is not an intact zip archive.");

/** A zip archive that is no Word file: what it is, and where a zip of documents goes. */
export const NOT_A_WORD_ZIP =
  "The file is a zip archive, not a Word document (it holds no word/document.xml). One document is read here: " +
  "send a zip of documents to POST /imports/agreements, which imports each document in it. Nothing was stored.";

export const notAWordZip = () => new DocumentReadError("UNREADABLE_DOCX", NOT_A_WORD_ZIP);

/** Whether an intact archive (checkZip passed) holds an entry of this name; reads the directory only. */
export async function zipHasEntry(bytes: Uint8Array, name: string): Promise<boolean> {
  const zip = await openZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  try {
    return await new Promise<boolean>((resolve) => {
      zip.on("error", () => resolve(false));
      zip.on("end", () => resolve(false));
      zip.on("entry", (entry: yauzl.Entry) => (entry.fileName === name ? resolve(true) : zip.readEntry()));
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

export async function checkZip(bytes: Uint8Array, limits: DocumentLimits): Promise<void> {
  await checkArchive(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), limits, 1, {
    inflated: 0,
    entries: 0,
  });
}

function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(
      buffer,
      { lazyEntries: true, validateEntrySizes: false, strictFileNames: false, decodeStrings: true },
      (err, zip) => (err || !zip ? reject(unreadable()) : resolve(zip)),
    ),
  );
}

async function checkArchive(buffer: Buffer, limits: DocumentLimits, depth: number, budget: Budget): Promise<void> {
  if (depth > limits.maxZipDepth) throw tooComplex("zipDepth", limits);
  const zip = await openZip(buffer);
  try {
    if (budget.entries + zip.entryCount > limits.maxZipEntries) throw tooComplex("zipEntries", limits);
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      zip.on("error", () => fail(unreadable()));
      zip.on("end", () => {
        if (!failed) resolve();
      });
      zip.on("entry", (entry: yauzl.Entry) => {
        budget.entries += 1;
        if (budget.entries > limits.maxZipEntries) return fail(tooComplex("zipEntries", limits));
        if (/\/$/.test(entry.fileName)) return zip.readEntry();
        // A declared size over the budget is refused before a byte is inflated.
        if (budget.inflated + entry.uncompressedSize > limits.maxInflatedBytes)
          return fail(tooComplex("inflatedSize", limits));
        checkEntry(zip, entry, limits, depth, budget).then(() => zip.readEntry(), fail);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

function checkEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  limits: DocumentLimits,
  depth: number,
  budget: Budget,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(unreadable());
      let size = 0;
      let nested: Buffer[] | null = null;
      let settled = false;
      const stop = (e: Error) => {
        if (settled) return;
        settled = true;
        stream.destroy();
        reject(e);
      };
      stream.on("data", (chunk: Buffer) => {
        if (settled) return;
        if (size === 0 && chunk.subarray(0, 4).equals(ZIP_MAGIC)) nested = [];
        size += chunk.length;
        budget.inflated += chunk.length;
        if (budget.inflated > limits.maxInflatedBytes) return stop(tooComplex("inflatedSize", limits));
        // An entry that inflates to more than its header says is a crafted archive.
        if (size > entry.uncompressedSize)
          return stop(tooComplex("inflatedSize", limits, "; a part unpacks to more than its header declares"));
        if (size > limits.ratioFloorBytes && size / Math.max(1, entry.compressedSize) > limits.maxCompressionRatio)
          return stop(tooComplex("compressionRatio", limits));
        nested?.push(chunk);
      });
      stream.on("error", () => stop(unreadable()));
      stream.on("end", () => {
        if (settled) return;
        settled = true;
        if (!nested) return resolve();
        checkArchive(Buffer.concat(nested), limits, depth + 1, budget).then(resolve, (e) =>
          // A part that merely starts like a zip but is none is no archive to worry about.
          reject(e instanceof DocumentReadError ? null : e),
        );
      });
    });
  }).catch((e) => {
    if (e !== null) throw e;
  });
}
