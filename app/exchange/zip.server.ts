import { Buffer } from "node:buffer";

import yauzl from "yauzl";
import yazl from "yazl";

import { ExchangeFileError } from "./exchange-error";

/**
 * Zip containers for XLSX, DOCX and REQIFZ. Writing with yazl and reading with yauzl (one
 * author, both maintained, both on Node's own zlib: compression runs in libuv's thread pool,
 * so a big export or import does not stall other requests). Reading is guarded against zip
 * bombs twice: the declared sizes must be plausible before anything is inflated, and yauzl
 * checks while inflating that no entry grows past its declared size.
 */

export type ZipEntryInput = { name: string; data: string | Buffer };

/** A fixed timestamp: the same content gives the same bytes (tests compare exports). */
const ZIP_MTIME = new Date(Date.UTC(2020, 0, 1));

export function writeZip(entries: readonly ZipEntryInput[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const entry of entries) {
      const data = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : entry.data;
      zip.addBuffer(data, entry.name, { mtime: ZIP_MTIME, compress: true });
    }
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.end();
  });
}

export type ZipLimits = {
  /** Most entries a container may hold. */
  maxEntries: number;
  /** Most bytes all wanted entries may unpack to together. */
  maxTotalBytes: number;
  /** Highest unpacked/packed ratio of any one entry: text compresses 5–20×, bombs 1000×. */
  maxRatio: number;
};

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2_000, maxTotalBytes: 300 * 1024 * 1024, maxRatio: 200 };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function looksLikeZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, index) => bytes[index] === byte);
}

function openZip(bytes: Uint8Array): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true },
      (error, zip) => (error || !zip ? reject(new ExchangeFileError("brokenZip", {}, error?.message)) : resolve(zip)),
    );
  });
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(new ExchangeFileError("brokenZip", {}, error?.message));
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      // yauzl fails the stream when an entry inflates past its declared size: a lying bomb.
      stream.on("error", (streamError: Error) =>
        reject(
          /too many bytes|size/i.test(streamError.message)
            ? new ExchangeFileError("zipBomb", {}, streamError.message)
            : new ExchangeFileError("brokenZip", {}, streamError.message),
        ),
      );
      stream.on("end", () => resolve(Buffer.concat(chunks)));
    });
  });
}

/**
 * Unpacks the entries `wanted` picks (all when omitted). Refuses what is not a zip (wrongType),
 * what cannot be read (brokenZip) and what would unpack implausibly (zipBomb).
 */
export async function readZip(
  bytes: Uint8Array,
  { wanted = () => true, limits = DEFAULT_ZIP_LIMITS }: { wanted?: (name: string) => boolean; limits?: ZipLimits } = {},
): Promise<Map<string, Buffer>> {
  if (!looksLikeZip(bytes)) throw new ExchangeFileError("wrongType");
  const zip = await openZip(bytes);
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new ExchangeFileError("zipBomb", {}, `${zip.entryCount} entries`);
  }
  const files = new Map<string, Buffer>();
  let declaredTotal = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("error", (error: Error) => reject(new ExchangeFileError("brokenZip", {}, error.message)));
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith("/") || !wanted(entry.fileName)) {
          zip.readEntry();
          return;
        }
        declaredTotal += entry.uncompressedSize;
        const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
        if (declaredTotal > limits.maxTotalBytes || (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxRatio)) {
          reject(new ExchangeFileError("zipBomb", {}, `${entry.fileName}: ${entry.uncompressedSize} bytes`));
          return;
        }
        readEntry(zip, entry).then((data) => {
          files.set(entry.fileName, data);
          zip.readEntry();
        }, reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return files;
}
