#!/usr/bin/env node
// Builds the viewer's front end (web/src → web/dist, committed) and records a hash of its sources in
// web/dist/source-hash.txt; `--check` only verifies that the committed build matches the sources.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(fileURLToPath(import.meta.url), "../..");
const web = join(root, "web");

export function sourceHash() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(join(web, "src"));
  walk(join(web, "public"));
  files.push(join(web, "vite.config.ts"));
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    hash.update(relative(web, file).replaceAll("\\", "/"));
    hash.update("\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

const stamp = join(web, "dist", "source-hash.txt");
if (process.argv.includes("--check")) {
  let recorded = "";
  try {
    recorded = readFileSync(stamp, "utf8").trim();
  } catch {}
  if (recorded !== sourceHash()) {
    console.error("web/dist is out of date with web/src: run npm run build:web and commit web/dist");
    process.exit(1);
  }
  console.log("web/dist matches web/src");
} else {
  const run = spawnSync("npx", ["vite", "build", "-c", join(web, "vite.config.ts")], {
    stdio: "inherit",
    cwd: root,
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
  writeFileSync(stamp, `${sourceHash()}\n`);
  console.log(`web/dist built (${relative(root, stamp)})`);
}
