import { StatefulApartmentApp } from "../apps/apartment/app.js";
import type { Apartment } from "../apps/apartment/model.js";
import type { Environment } from "../core/environment.js";
import { agentCalls, argText } from "./scenario-verdict.js";

const APARTMENT = "StatefulApartmentApp";

/** Ids of the user's favourites at the end of the run, in the order saved (empty without an Apartment app). */
export function savedAtEnd(env: Environment): string[] {
  return [...(env.getAppByClass(StatefulApartmentApp)?.savedApartments ?? [])];
}

/** A listing as it stands at the end of the run; undefined once taken down (or without an Apartment app). */
export function listingAtEnd(env: Environment, apartmentId: string): Apartment | undefined {
  return env.getAppByClass(StatefulApartmentApp)?.apartments.find((a) => a.apartment_id === apartmentId);
}

/** Ids the assistant saved to favourites (its successful `save_apartment` calls), in call order. */
export function apartmentsSaved(env: Environment): string[] {
  return agentCalls(env.eventLog, { className: APARTMENT, function: "save_apartment" }).map((e) =>
    argText(e, "apartment_id"),
  );
}

/** Ids the assistant removed from favourites (its successful `remove_saved_apartment` calls). */
export function apartmentsUnsaved(env: Environment): string[] {
  return agentCalls(env.eventLog, { className: APARTMENT, function: "remove_saved_apartment" }).map((e) =>
    argText(e, "apartment_id"),
  );
}

/**
 * Did the favourites change only as intended? Every id in `added` is saved at the end, every id in `removed`
 * is not, and no other listing's saved flag differs from the start (`before`): a tidy-up that also drops or
 * adds an unrelated favourite fails.
 */
export function favouritesChangedExactly(
  env: Environment,
  before: readonly string[],
  change: { added?: readonly string[]; removed?: readonly string[] },
): boolean {
  const end = new Set(savedAtEnd(env));
  const added = new Set(change.added ?? []);
  const removed = new Set(change.removed ?? []);
  const expected = new Set([...before.filter((id) => !removed.has(id)), ...added]);
  return end.size === expected.size && [...expected].every((id) => end.has(id));
}
