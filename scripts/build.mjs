#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm ci` builds): compiles src/ to dist/ with tsc, then writes
// dist/build-stamp.json, which bin/pare.mjs compares with src/ to tell a current build from a stale one.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { sourceStamp } from "../bin/build-stamp.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Taken before compiling: a source edited while tsc runs leaves the build stale, never falsely current.
const stamp = sourceStamp(join(root, "src"));
rmSync(join(root, "dist"), { recursive: true, force: true });
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const run = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
if (run.status !== 0) {
  // No stamp: bin/pare.mjs keeps running the TypeScript sources through tsx.
  console.error("build failed: dist/ has no build stamp, so `pare` runs the sources through tsx");
  process.exit(run.status ?? 1);
}
// Plain JavaScript modules beside the sources (module hooks, .mjs) are not compiled: copied as they are.
for (const entry of readdirSync(join(root, "src"), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.(mjs|cjs|js|json)$/.test(entry.name)) continue;
  const from = join(entry.parentPath ?? entry.path, entry.name);
  const to = join(root, "dist", relative(join(root, "src"), from));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}
writeFileSync(join(root, "dist", "build-stamp.json"), `${JSON.stringify(stamp)}\n`);
