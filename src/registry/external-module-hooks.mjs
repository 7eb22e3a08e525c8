// Module hooks for scenario directories outside the project (registered by discovery.ts, plain JavaScript
// because hooks run on Node's loader thread). In those directories:
// - a module is ESM even without a package.json saying "type": "module" (scenarios are written as ESM, and
//   loading them as CommonJS fails with "Cannot require() ES Module … in a cycle");
// - `pare-ts` (and `pare-ts/…`) is the running pare-ts, so a scenario registers into the registry that runs it.
import { pathToFileURL } from "node:url";

const roots = [];
let indexUrl = "";

function addRoots(dirs) {
  for (const dir of dirs) {
    const href = pathToFileURL(dir.endsWith("/") ? dir : `${dir}/`).href;
    if (!roots.includes(href)) roots.push(href);
  }
}

export function initialize(data) {
  addRoots(data?.roots ?? []);
  indexUrl = data?.indexUrl ?? "";
}

const inRoots = (url) => typeof url === "string" && roots.some((root) => url.startsWith(root));
const SCRIPT = /\.(ts|mts|js|mjs)$/;

export async function resolve(specifier, context, nextResolve) {
  if (indexUrl && (specifier === "pare-ts" || specifier.startsWith("pare-ts/")) && inRoots(context.parentURL))
    return { url: indexUrl, format: "module", shortCircuit: true };
  const resolved = await nextResolve(specifier, context);
  if (
    inRoots(resolved.url) &&
    SCRIPT.test(new URL(resolved.url).pathname) &&
    !resolved.url.includes("/node_modules/")
  )
    return { ...resolved, format: "module" };
  return resolved;
}
