/**
 * The catalogue of the bundled benchmark: apps, kind, theme and event counts per scenario, the stratified
 * `ablation` and `noise` splits, and the markdown of docs/benchmark.md with its coverage counts.
 */
import { ConditionCheckEvent, Event } from "../core/events.js";
import { isNavigableApp } from "../core/navigation.js";
import { Rng } from "../core/random.js";
import { discoverScenarios } from "../registry/discovery.js";
import { scenarioRegistry } from "../registry/scenario-registry.js";

export const KINDS = [
  "gap-detection",
  "conflict-resolution",
  "follow-up",
  "information-extraction",
  "timing-sensitive",
];

/** A scenario's `theme`: what it is about. The first eight are the original benchmark's themes. */
export const THEMES: Record<string, string> = {
  "files-attachments": "file and attachment workflows",
  "multi-party": "multi-party synthesis or negotiation",
  "cost-sharing": "cost sharing, expense reports and billing disputes",
  "ride-monitoring": "ride delay and status monitoring, lost items, diversion",
  "cab-quotes": "cab quotation price comparison",
  "note-cleanup": "note reorganisation, merging, bulk cleanup and redaction",
  "after-sales": "after-sales: warranty, exchange window, recall, support email",
  reschedule: "recurring-event and urgent-reschedule conflicts",
  scheduling: "meetings and events into the calendar",
  "errands-shopping": "orders, gifts and groceries",
  "home-search": "apartment hunting and moving",
  "contacts-comms": "contacts and the right recipient",
  travel: "rides and trips",
  capture: "information saved into notes and reminders",
};

export const DOMAIN_APPS = [
  "Apartment",
  "Cab",
  "Calendar",
  "Contacts",
  "Email",
  "Files",
  "Messaging",
  "Notes",
  "Reminder",
  "Shopping",
];

/** Apps the environmental-noise generator adds events to (emails, messages, products). */
const NOISE_RECEIVING_CLASSES = ["StatefulEmailApp", "StatefulMessagingApp", "StatefulShoppingApp"];

/** Seeds of the split selections; changing one reshuffles that split. */
export const ABLATION_SEED = "pare-ts-ablation-1";
export const NOISE_SEED = "pare-ts-noise-1";

export interface CatalogueRow {
  id: string;
  apps: string[];
  kind: string;
  theme: string;
  description: string;
  /** Oracle events: the length of the reference solution. */
  oracle: number;
  /** Environment events (scheduled app calls that are not oracle events). */
  env: number;
  /** Condition checks: the world reacting to what was done. */
  conditions: number;
  expectsProposal: boolean;
  /** Apps whose environment events start the scenario. */
  triggerClasses: string[];
}

const displayName = (className: string) => className.replace(/^Stateful|App$/g, "");

export async function catalogue(): Promise<CatalogueRow[]> {
  const report = await discoverScenarios("benchmark");
  if (report.failures.length) throw new Error(report.failures.map((f) => `${f.path}: ${f.error}`).join("\n"));
  return scenarioRegistry()
    .ids()
    .sort()
    .map((id) => {
      const s = scenarioRegistry().create(id);
      s.initialize();
      const kind = s.tags.find((t) => KINDS.includes(t));
      if (!kind) throw new Error(`${id} has no kind tag (one of ${KINDS.join(", ")})`);
      if (!(s.theme in THEMES))
        throw new Error(`${id} has theme '${s.theme}'; set one of ${Object.keys(THEMES).join(", ")}`);
      const envEvents = s.events.filter((e): e is Event => e instanceof Event && !e.isOracle);
      return {
        id,
        apps: s.apps.filter((a) => isNavigableApp(a)).map((a) => displayName(a.className)),
        kind,
        theme: s.theme,
        description: s.description,
        oracle: s.events.filter((e) => e instanceof Event && e.isOracle).length,
        env: envEvents.length,
        conditions: s.events.filter((e) => e instanceof ConditionCheckEvent).length,
        expectsProposal: s.expectsProposal,
        triggerClasses: [...new Set(envEvents.map((e) => e.action.className))].sort(),
      };
    });
}

/**
 * Picks about `fraction` of `rows`, stratified by kind and balanced over apps: the rows are shuffled with a
 * seeded generator; each kind gets ceil(fraction × its size) places; each place goes to the candidate of that
 * kind whose apps are, on average, furthest below their own quota (ceil(fraction × the app's count)) relative
 * to it, earlier in the shuffle on ties. Deterministic for a given seed and catalogue.
 */
export function stratifiedSelection(rows: CatalogueRow[], fraction: number, seed: string): string[] {
  const order = new Rng(seed).shuffle(rows);
  const quota = new Map<string, number>();
  for (const r of rows) for (const a of r.apps) quota.set(a, (quota.get(a) ?? 0) + 1);
  for (const [a, n] of quota) quota.set(a, Math.ceil(n * fraction));
  const picked = new Map<string, number>();
  const out: string[] = [];
  for (const kind of KINDS) {
    const candidates = order.filter((r) => r.kind === kind);
    const places = Math.ceil(candidates.length * fraction);
    for (let i = 0; i < places; i++) {
      let best = -1;
      let bestScore = Number.NEGATIVE_INFINITY;
      candidates.forEach((r, j) => {
        const score =
          r.apps.reduce((s, a) => s + 1 - (picked.get(a) ?? 0) / (quota.get(a) ?? 1), 0) /
          Math.max(1, r.apps.length);
        if (score > bestScore) {
          bestScore = score;
          best = j;
        }
      });
      const [choice] = candidates.splice(best, 1);
      if (!choice) break;
      out.push(choice.id);
      for (const a of choice.apps) picked.set(a, (picked.get(a) ?? 0) + 1);
    }
  }
  return out.sort();
}

/** A quarter of the benchmark, stratified by kind and balanced over apps. */
export function ablation(rows: CatalogueRow[]): string[] {
  return stratifiedSelection(rows, 0.25, ABLATION_SEED);
}

/**
 * Scenarios suited to noise sweeps: a proposal is expected and the trigger arrives in an app that noise
 * also reaches (Email, Messaging, Shopping), so the trigger competes with noise; a third of those, stratified.
 */
export function noiseCandidates(rows: CatalogueRow[]): CatalogueRow[] {
  return rows.filter(
    (r) => r.expectsProposal && r.triggerClasses.some((c) => NOISE_RECEIVING_CLASSES.includes(c)),
  );
}

export function noiseSplit(rows: CatalogueRow[]): string[] {
  return stratifiedSelection(noiseCandidates(rows), 1 / 3, NOISE_SEED);
}

function lengthBucket(n: number): string {
  return n <= 4 ? "3–4" : n <= 6 ? "5–6" : n <= 9 ? "7–9" : n <= 12 ? "10–12" : "13+";
}

export function coverageLines(rows: CatalogueRow[]): string[] {
  const count = (pred: (r: CatalogueRow) => boolean) => rows.filter(pred).length;
  const perApps = new Map<number, number>();
  for (const r of rows) perApps.set(r.apps.length, (perApps.get(r.apps.length) ?? 0) + 1);
  const buckets = ["3–4", "5–6", "7–9", "10–12", "13+"];
  const apps = DOMAIN_APPS.filter((a) => rows.some((r) => r.apps.includes(a)));
  return [
    `Scenarios per app: ${apps.map((a) => `${a} ${count((r) => r.apps.includes(a))}`).join(", ")}.`,
    `Scenarios per number of domain apps: ${[...perApps.keys()]
      .sort((a, b) => a - b)
      .map((k) => `${k} app${k === 1 ? "" : "s"}: ${perApps.get(k)}`)
      .join(", ")} (4 or more: ${count((r) => r.apps.length >= 4)}).`,
    `Scenarios per kind: ${KINDS.map((k) => `${k} ${count((r) => r.kind === k)}`).join(", ")}.`,
    `Scenarios per theme: ${Object.keys(THEMES)
      .map((t) => `${t} ${count((r) => r.theme === t)}`)
      .join(", ")}.`,
    `Reference-solution length (oracle events): ${buckets
      .map((b) => `${b}: ${count((r) => lengthBucket(r.oracle) === b)}`)
      .join(
        ", ",
      )} (10 or more: ${count((r) => r.oracle >= 10)}; longest ${Math.max(0, ...rows.map((r) => r.oracle))}).`,
    `Without an environment event (the need is inferred from existing state or a due reminder): ${count((r) => r.env === 0)}. ` +
      `With condition checks (the world reacts to what was done): ${count((r) => r.conditions > 0)}. ` +
      `Where the right help is to wait or the tempting proposal is wrong (no proposal expected): ${count((r) => !r.expectsProposal)}.`,
  ];
}

export function markdown(rows: CatalogueRow[], ablationIds: string[], noiseIds: string[]): string {
  const multi = rows.filter((r) => r.apps.length >= 2).length;
  const lines = [
    "# The bundled benchmark",
    "",
    "Generated by `npx tsx scripts/generate-benchmark-files.ts` from the registered scenarios; do not edit by hand.",
    "",
    `${rows.length} scenarios; ${multi} (${Math.round((100 * multi) / Math.max(1, rows.length))}%) use two or more domain apps.`,
    "",
    ...coverageLines(rows).map((l) => `- ${l}`),
    "",
    "Themes: " +
      Object.entries(THEMES)
        .map(([t, d]) => `\`${t}\` (${d})`)
        .join("; ") +
      ".",
    "",
    "Splits (files in `data/splits/`):",
    "- `full`: all scenarios.",
    `- \`ablation\` (${ablationIds.length}, marked A): a quarter stratified by kind and balanced over apps. The ` +
      `scenarios are shuffled with seedrandom seeded \`${ABLATION_SEED}\`; each kind gets ceil(n/4) places; each ` +
      "place goes to that kind's candidate whose apps are, on average, furthest below their own quarter (relative " +
      "shortfall), the earlier in the shuffle on ties.",
    `- \`noise\` (${noiseIds.length}, marked N): for noise sweeps. Candidates expect a proposal and have their ` +
      "trigger in an app that environmental noise also reaches (Email, Messaging, Shopping); a third of them is " +
      `selected by the same method with seed \`${NOISE_SEED}\`.`,
    "",
    "Columns: env = environment events, cond = condition checks, oracle = events of the reference solution, " +
      "proposal = whether the right help is a proposal.",
    "",
    "| id | apps | kind | theme | env | cond | oracle | proposal | splits | description |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map((r) => {
      const splits = [ablationIds.includes(r.id) ? "A" : "", noiseIds.includes(r.id) ? "N" : ""].join("");
      return `| \`${r.id}\` | ${r.apps.join(" + ")} | ${r.kind} | ${r.theme} | ${r.env} | ${r.conditions} | ${r.oracle} | ${r.expectsProposal ? "yes" : "no"} | ${splits} | ${r.description} |`;
    }),
    "",
  ];
  return lines.join("\n");
}
