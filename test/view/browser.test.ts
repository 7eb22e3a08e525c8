import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnnotationStore } from "../../src/annotation/annotation-store.js";
import { RunStore } from "../../src/store/run-store.js";
import { exportSite } from "../../src/view/export-site.js";
import { createViewApp, type RunningViewServer, startViewServer } from "../../src/view/server.js";
import { browserUnavailable, launchBrowser, SCREENSHOTS } from "../support/browser.js";
import { viewFixtureStore } from "../support/view-fixture.js";

const skip = browserUnavailable();

describe.skipIf(skip !== null)("pare view in Chromium", () => {
  let fixture: Awaited<ReturnType<typeof viewFixtureStore>>;
  let store: RunStore;
  let server: RunningViewServer;
  let browser: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    fixture = await viewFixtureStore();
    store = await RunStore.open(fixture.store);
    const app = createViewApp({ store, allowedHosts: ["127.0.0.1", "localhost"] });
    server = await startViewServer(app, "127.0.0.1", 0);
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it("runs list → run → scenario timeline → an expanded model call", async () => {
    await page.goto(server.url);
    await page.waitForSelector(`#runs tr[data-run="${fixture.runA}"]`);
    expect(await page.locator("#runs tbody tr").count()).toBe(2);
    // the search filter narrows the list
    await page.fill('input[name="q"]', "random");
    await expect.poll(() => page.locator("#runs tbody tr").count()).toBe(1);
    await page.fill('input[name="q"]', "");
    await page.selectOption('select[name="status"]', "finished");
    await expect.poll(() => page.locator("#runs tbody tr").count()).toBe(2);
    await shot("runs");

    await page.click(`a[href="#/run/${fixture.runA}"]`);
    await page.waitForSelector("#scenario-table tbody tr");
    expect(await page.locator("#scenario-table tbody tr").count()).toBe(3);
    expect(await page.textContent(".figures")).toContain("100%success rate");
    expect(await page.locator("figure.plot svg").count()).toBe(4);
    await shot("run");

    await page.click('#scenario-table a:has-text("apartment_compare_note")');
    await page.waitForSelector("#timeline li");
    expect(await page.textContent("h1")).toContain("success");
    expect(await page.textContent(".checklist")).toContain("checks of the validator passed");
    const call = page.locator("#timeline details.model-call").first();
    await call.locator("summary").click();
    await expect.poll(() => call.evaluate((el) => (el as unknown as { open: boolean }).open)).toBe(true);
    const text = await call.textContent();
    expect(text).toContain("Parsed action");
    expect(text).toContain("Raw output");
    expect(text).toContain("Thought");
    expect(await page.locator("details.app-state").count()).toBeGreaterThan(0);
    await shot("scenario");
  });

  it("compares the two runs", async () => {
    await page.goto(server.url);
    await page.waitForSelector("#runs tbody tr");
    await page.check(`input[aria-label="select ${fixture.runA}"]`);
    await page.check(`input[aria-label="select ${fixture.runB}"]`);
    await page.click("#compare-selected");
    await page.waitForSelector("#compare-table tbody tr");
    expect(await page.locator("#compare-table tbody tr").count()).toBe(3);
    expect(await page.textContent("#mcnemar")).toContain("p = 0.250");
    expect(await page.textContent("#paired")).toContain("95% interval");
    await shot("compare");
    // a scenario's trace link opens that run's trace
    await page.locator("#compare-table a", { hasText: "trace B" }).first().click();
    await page.waitForSelector("#timeline li");
    expect(page.url()).toContain(`#/run/${fixture.runB}/s/`);
  });

  it("charts the selected runs as images drawn by the server", async () => {
    await page.goto(server.url);
    await page.waitForSelector("#runs tbody tr");
    expect(await page.isDisabled("#chart-selected")).toBe(true);
    await page.check(`input[aria-label="select ${fixture.runA}"]`);
    await page.check(`input[aria-label="select ${fixture.runB}"]`);
    await page.click("#chart-selected");
    await page.waitForSelector('#charts figure[data-chart="compare"] img');
    const size = await page
      .locator('#charts figure[data-chart="compare"] img')
      .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    expect(size).toBeGreaterThan(100);
    expect(await page.textContent("#chart-notes")).toContain("no robustness chart");
    expect(await page.textContent("h1")).toContain("Charts of 2 runs");
    await shot("charts");
  });

  it("annotates the tutorial (with feedback) and two samples, using the keyboard", async () => {
    await page.goto(`${server.url}#/annotate`);
    await page.click('a[href="#/annotate/study"]');
    await page.fill("#annotator", "tester-1");
    await page.click("#start");
    for (let i = 0; i < 6; i++) {
      await page.waitForSelector("#sample");
      expect(await page.textContent(".progress")).toContain(`Tutorial ${i + 1} of 6`);
      if (i === 4) {
        // "I need more info" asks for a rationale before it is sent
        await page.keyboard.press("m");
        await page.waitForSelector("#rationale-box:not([hidden])");
        await page.click("#send-more-info");
        expect(await page.textContent("#answer-error")).toContain("say what you would check");
        await page.fill("#rationale", "How many people replied, and what Lena can eat.");
        await page.keyboard.press("Enter");
      } else await page.keyboard.press(i < 2 ? "a" : "r");
      await page.waitForSelector("#feedback");
      if (i === 0) await shot("tutorial-feedback");
      expect(await page.textContent("#feedback h2")).toMatch(/expected answer/);
      await page.keyboard.press("n");
    }
    await page.waitForSelector("#tutorial-summary");
    expect(await page.textContent("#tutorial-summary")).toContain("5 of 6 answers matched");
    await page.click("#begin");
    const answered: string[] = [];
    for (const key of ["a", "r"]) {
      await page.waitForSelector("#sample");
      expect(await page.textContent(".progress")).toContain(`Sample ${answered.length + 1} of 4`);
      answered.push((await page.getAttribute("#sample", "data-sample")) as string);
      await page.keyboard.press(key);
      await page.waitForSelector(`#sample:not([data-sample=${JSON.stringify(answered.at(-1))}]), #done`);
    }
    await shot("sample");
    // one of the two was drawn from the original's are_simulation_v1 fixture trace
    expect(answered.some((id) => id.startsWith("gpt-5:dinner_invite_calendar_run_1_"))).toBe(true);
    const rows = await store.db
      .selectFrom("annotations")
      .selectAll()
      .where("annotator_id", "=", "tester-1")
      .execute();
    expect(rows.filter((r) => r.tutorial === 1)).toHaveLength(6);
    const real = rows.filter((r) => r.tutorial === 0);
    expect(real.map((r) => r.sample_id).sort()).toEqual([...answered].sort());
    expect(real.map((r) => r.decision).sort()).toEqual(["accept", "reject"]);
    expect(rows.find((r) => r.decision === "gather_context")?.rationale).toContain("Lena");
  });

  it("shows hostile text as text", async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await new AnnotationStore(store).addSamples("hostile", [
      {
        sample_id: "h1",
        scenario_id: "h",
        run_number: 1,
        proactive_model_id: "p",
        user_model_id: "u",
        trace_file: "t",
        source: "pare_trace_v1",
        user_agent_decision: "accept",
        llm_input: null,
        agent_proposal: hostile,
        final_decision: true,
        meta_task_description: hostile,
        gather_context_delta: null,
        timeline: [{ msg_type: "environment_notification", content: hostile, timestamp: null }],
        tutorial: false,
        correct_decision: null,
        explanation: null,
      },
    ]);
    await page.goto(`${server.url}#/annotate/hostile`);
    await page.fill("#annotator", "tester-2");
    await page.click("#start");
    await page.waitForSelector("#sample");
    expect(await page.textContent("#proposal")).toContain("<img src=x");
    expect(await page.locator("#sample img").count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it("renders the exported site from disk", async () => {
    const dir = join(fixture.dir, "export");
    await exportSite(store, [fixture.runA, fixture.runB], dir);
    await page.goto(pathToFileURL(join(dir, "index.html")).href);
    await page.waitForSelector("#runs tbody tr");
    expect(await page.locator("#runs tbody tr").count()).toBe(2);
    expect(await page.locator("nav a[data-live]").count()).toBe(0);
    await page.click(`a[href="#/run/${fixture.runB}"]`);
    await page.waitForSelector("#scenario-table tbody tr");
    await page.locator("#scenario-table a").first().click();
    await page.waitForSelector("#timeline li");
    await shot("export");
    expect(pageErrors).toEqual([]);
  });
});
