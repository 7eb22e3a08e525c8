#!/usr/bin/env node
// The `pare` launcher. Runs the compiled JavaScript in dist/ when it is a current build of src/ (see
// `npm run build`, run by `npm ci` through `prepare`); otherwise, or with PARE_RUNTIME=tsx, the TypeScript
// sources through tsx, so `npx pare` works without a build step and never runs stale code.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildIsCurrent } from "./build-stamp.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Scenario directories outside the bundled ones (`--scenarios-dir`, PARE_SCENARIOS_DIR): their modules import
 * the framework's TypeScript sources, so the runner must be those same sources (one set of classes), not dist/.
 */
function externalScenarioDirs(argv) {
  const values = [];
  if (process.env.PARE_SCENARIOS_DIR) values.push(process.env.PARE_SCENARIOS_DIR);
  argv.forEach((arg, i) => {
    if (arg === "--scenarios-dir" && argv[i + 1] !== undefined) values.push(argv[i + 1]);
    else if (arg.startsWith("--scenarios-dir=")) values.push(arg.slice("--scenarios-dir=".length));
  });
  return values
    .flatMap((v) => v.split(","))
    .map((d) => d.trim())
    .filter(Boolean)
    .some((d) => !/^[A-Za-z0-9_-]+$/.test(d) || !existsSync(join(root, "src", "scenarios", d)));
}

const runtime = process.env.PARE_RUNTIME || (externalScenarioDirs(process.argv.slice(2)) ? "tsx" : "auto");
const compiled = join(root, "dist", "cli", "main.js");
const useDist =
  runtime === "dist" ||
  (runtime !== "tsx" &&
    existsSync(compiled) &&
    buildIsCurrent(join(root, "src"), join(root, "dist", "build-stamp.json")));

if (runtime === "dist" && !existsSync(compiled)) {
  process.stderr.write("error: PARE_RUNTIME=dist but dist/ has no build; run `npm run build`\n");
  process.exit(2);
}
if (useDist) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
