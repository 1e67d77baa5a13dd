import { Buffer } from "node:buffer";
import zlib from "node:zlib";

import yauzl from "yauzl";

import { ExchangeFileError } from "./exchange-error";

/**
 * Zip containers for XLSX, DOCX and REQIFZ.
 *
 * Writing is our own: a zip of a few in-memory parts is a local header and the deflated bytes
 * per part, then the central directory (APPNOTE 6.3.10, sections 4.3.7, 4.3.12 and 4.3.16).
 * yazl, which wrote them before, computes each part's CRC-32 in JavaScript (buffer-crc32: 12 ms
 * per 6 MB here, against under 1 ms for Node's native `zlib.crc32`) and deflates in 16 KB
 * thread-pool round trips, which the export benchmark's 1.2× budget cannot afford. Here each part
 * is deflated in a few large steps on libuv's thread pool, so a big export does not stall other
 * requests either.
 *
 * Reading is yauzl's (maintained, on Node's zlib), guarded against zip bombs twice: the declared
 * sizes must be plausible before anything is inflated, and yauzl checks while inflating that no
 * entry grows past its declared size.
 */

export type ZipEntryInput = { name: string; data: string | Buffer };

/**
 * A fixed timestamp, 2020-01-01 00:00 in MS-DOS form: the same content gives the same bytes
 * (tests compare exports).
 */
const DOS_TIME = 0;
const DOS_DATE = ((2020 - 1980) << 9) | (1 << 5) | 1;
const VERSION_NEEDED = 20; // 2.0: deflate
const VERSION_MADE_BY = (3 << 8) | 20; // Unix, 2.0: lets unzip keep the file modes below
const FILE_MODE = 0o100644 << 16;
const METHOD_DEFLATE = 8;
const FLAG_UTF8_NAME = 1 << 11;
/** Without Zip64, sizes, offsets and counts have 32 and 16 bits. */
const MAX_ZIP32_BYTES = 0xffff_ffff;
const MAX_ZIP32_ENTRIES = 0xffff;

type PreparedEntry = { name: Buffer; flags: number; crc: number; size: number; compressed: Buffer };

function deflateRaw(data: Buffer): Promise<Buffer> {
  // One output chunk as large as the input (up to 4 MB): deflating a 9 MB sheet takes a handful of
  // thread-pool round trips instead of hundreds.
  const chunkSize = Math.min(Math.max(data.length, zlib.constants.Z_MIN_CHUNK), 4 * 1024 * 1024);
  return new Promise((resolve, reject) =>
    zlib.deflateRaw(data, { chunkSize }, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

async function prepareEntry(entry: ZipEntryInput): Promise<PreparedEntry> {
  const data = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : entry.data;
  const name = Buffer.from(entry.name, "utf8");
  const flags = name.length === entry.name.length ? 0 : FLAG_UTF8_NAME;
  return { name, flags, crc: zlib.crc32(data), size: data.length, compressed: await deflateRaw(data) };
}

/** A zip of `entries`, every part deflated, in the given order. */
export async function writeZip(entries: readonly ZipEntryInput[]): Promise<Buffer> {
  if (entries.length > MAX_ZIP32_ENTRIES) throw new RangeError("A zip without Zip64 holds at most 65,535 entries");
  const prepared = await Promise.all(entries.map(prepareEntry));
  const parts: Buffer[] = [];
  const centralDirectory: Buffer[] = [];
  let offset = 0;
  for (const entry of prepared) {
    if (entry.size > MAX_ZIP32_BYTES || offset > MAX_ZIP32_BYTES) {
      throw new RangeError("A zip without Zip64 holds at most 4 GB");
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(entry.flags, 6);
    local.writeUInt16LE(METHOD_DEFLATE, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(entry.compressed.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(entry.name.length, 26);
    local.writeUInt16LE(0, 28); // no extra field
    parts.push(local, entry.name, entry.compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(VERSION_MADE_BY, 4);
    central.writeUInt16LE(VERSION_NEEDED, 6);
    central.writeUInt16LE(entry.flags, 8);
    central.writeUInt16LE(METHOD_DEFLATE, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(entry.crc, 16);
    central.writeUInt32LE(entry.compressed.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(entry.name.length, 28);
    // Extra field, comment, disk number and internal attributes stay 0.
    central.writeUInt32LE(FILE_MODE >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centralDirectory.push(central, entry.name);

    offset += local.length + entry.name.length + entry.compressed.length;
  }
  const directorySize = centralDirectory.reduce((total, part) => total + part.length, 0);
  if (offset > MAX_ZIP32_BYTES) throw new RangeError("A zip without Zip64 holds at most 4 GB");
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(prepared.length, 8);
  end.writeUInt16LE(prepared.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...centralDirectory, end]);
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
