import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadWebAssets, WEB_DIST } from "../../src/view/server.js";

describe("the committed front end", () => {
  it("is built from the current web/src (npm run build:web after editing it)", () => {
    const check = spawnSync("node", [join(import.meta.dirname, "../../scripts/web-build.mjs"), "--check"], {
      encoding: "utf8",
    });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("has its three files, loads no module script and fetches nothing from the network", () => {
    const assets = loadWebAssets();
    expect(Object.keys(assets).sort()).toEqual(["app.css", "app.js", "index.html"]);
    const html = assets["index.html"] as string;
    expect(html).not.toContain('type="module"');
    expect(readFileSync(join(WEB_DIST, "app.js"), "utf8")).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(() => loadWebAssets("/nonexistent")).toThrow(/infrastructure: the viewer's front end is missing/);
  });
});
