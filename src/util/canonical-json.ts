import { configure } from "safe-stable-stringify";

const stringify = configure({ deterministic: true, bigint: true, circularValue: "[Circular]" });

/** JSON with sorted keys at every depth: the only serialisation that may be hashed. */
export function canonicalJson(value: unknown): string {
  return stringify(value) ?? "null";
}
