import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";

/** FNV-1a over UTF-8 bytes: a 32-bit hash that is identical in every process (unlike Python's salted hash()). */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  const bytes = Buffer.from(text, "utf8");
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function md5Hex(text: string): string {
  return createHash("md5").update(text).digest("hex");
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Hash of a value's canonical JSON; used for cache keys and content hashes. */
export function hashValue(value: unknown, algorithm: "md5" | "sha256" = "sha256"): string {
  const json = canonicalJson(value);
  return algorithm === "md5" ? md5Hex(json) : sha256Hex(json);
}
