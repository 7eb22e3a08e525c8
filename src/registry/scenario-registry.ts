import type { PAREScenario } from "../scenarios/pare-scenario.js";

export type ScenarioClass = (new () => PAREScenario) & { scenarioId: string | undefined };

/** Edit distance, for "did you mean" suggestions on unknown ids. */
function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = tmp;
    }
  }
  return row[b.length] as number;
}

/** The candidates closest to `id` (substring matches first, then by edit distance), for "did you mean". */
export function closeMatches(id: string, candidates: Iterable<string>, limit = 3): string[] {
  if (id === "") return [];
  const scored = [...new Set(candidates)]
    .map((known) => ({ known, d: known.includes(id) || id.includes(known) ? 0 : levenshtein(id, known) }))
    .filter((x) => x.d <= Math.max(3, Math.floor(id.length / 3)))
    .sort((a, b) => a.d - b.d || (a.known < b.known ? -1 : 1));
  return scored.slice(0, limit).map((x) => x.known);
}

export class UnknownScenarioError extends Error {
  override readonly name = "UnknownScenarioError";
  constructor(
    readonly scenarioId: string,
    readonly suggestions: string[],
  ) {
    super(
      `No scenario registered with id '${scenarioId}'.${suggestions.length ? ` Did you mean: ${suggestions.join(", ")}?` : ""}`,
    );
  }
}

export class DuplicateScenarioError extends Error {
  override readonly name = "DuplicateScenarioError";
}

/** Registered scenario classes by id, in registration order. */
export class ScenarioRegistry {
  private readonly classes = new Map<string, ScenarioClass>();
  private readonly sources = new Map<string, string>();

  /** `sourceFile`: the module declaring the class (found by `@registerScenario`), for its content hash. */
  register(id: string, cls: ScenarioClass, sourceFile: string | null = null): void {
    const existing = this.classes.get(id);
    if (existing && existing !== cls) {
      throw new DuplicateScenarioError(
        `Scenario id '${id}' is registered twice: by ${existing.name} and by ${cls.name}`,
      );
    }
    cls.scenarioId = id;
    this.classes.set(id, cls);
    if (sourceFile) this.sources.set(id, sourceFile);
    else this.sources.delete(id);
  }

  /** The module that declares the scenario, when known (null for classes registered by hand without one). */
  sourceFile(id: string): string | null {
    return this.sources.get(id) ?? null;
  }

  has(id: string): boolean {
    return this.classes.has(id);
  }

  get(id: string): ScenarioClass {
    const cls = this.classes.get(id);
    if (!cls) throw new UnknownScenarioError(id, this.closeMatches(id));
    return cls;
  }

  /** A fresh, uninitialised instance. */
  create(id: string): PAREScenario {
    const Cls = this.get(id);
    return new Cls();
  }

  ids(): string[] {
    return [...this.classes.keys()];
  }

  all(): Map<string, ScenarioClass> {
    return new Map(this.classes);
  }

  closeMatches(id: string, limit = 3): string[] {
    return closeMatches(id, this.ids(), limit);
  }

  unregister(id: string): void {
    this.classes.delete(id);
    this.sources.delete(id);
  }

  clear(): void {
    this.classes.clear();
    this.sources.clear();
  }
}

const KEY = Symbol.for("pare-ts.scenario-registry");

/**
 * The process-wide registry. It lives on globalThis so that scenario modules importing the framework
 * through another path (package name vs relative) still register into the same map.
 */
export function scenarioRegistry(): ScenarioRegistry {
  const holder = globalThis as unknown as Record<symbol, ScenarioRegistry | undefined>;
  holder[KEY] ??= new ScenarioRegistry();
  return holder[KEY];
}
