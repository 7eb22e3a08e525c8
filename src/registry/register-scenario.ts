import type { PAREScenario } from "../scenarios/pare-scenario.js";
import { callerFile } from "../util/module-source-hash.js";
import { type ScenarioClass, scenarioRegistry } from "./scenario-registry.js";

/** Class decorator: `@registerScenario("my_id") class MyScenario extends PAREScenario {…}`. */
export function registerScenario(id: string) {
  if (!/^[A-Za-z0-9_.-]+$/.test(id))
    throw new TypeError(`invalid scenario id '${id}': use letters, digits, _ . -`);
  return <C extends new () => PAREScenario>(cls: C, context: ClassDecoratorContext<C>): C => {
    if (context.kind !== "class") throw new TypeError("@registerScenario applies to classes");
    // The module that declares the class: its sources (and what it imports) key the result cache.
    scenarioRegistry().register(id, cls as unknown as ScenarioClass, callerFile(import.meta.url));
    return cls;
  };
}
