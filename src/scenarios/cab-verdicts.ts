import { StatefulCabApp } from "../apps/cab/app.js";
import type { Ride } from "../apps/cab/model.js";
import { parseDateTime } from "../core/clock.js";
import type { Environment } from "../core/environment.js";
import { agentCalls } from "./scenario-verdict.js";

/** A ride of the history as it stands at the end of the run. */
export function rideById(env: Environment, rideId: string): Ride | undefined {
  return env.getAppByClass(StatefulCabApp)?.rideHistory.find((r) => r.ride_id === rideId);
}

/** Rides the assistant booked (its successful `order_ride` calls), as they stand at the end of the run. */
export function assistantRides(env: Environment): Ride[] {
  const ids = new Set(
    agentCalls(env.eventLog, { className: "StatefulCabApp", function: "order_ride" }).map(
      (e) => (e.metadata.returnValue as { ride_id?: string } | null)?.ride_id,
    ),
  );
  return env.getAppByClass(StatefulCabApp)?.rideHistory.filter((r) => ids.has(r.ride_id)) ?? [];
}

/** Does the ride start within [earliest, latest] ('YYYY-MM-DD HH:MM:SS')? */
export function rideStartsBetween(ride: Ride, earliest: string, latest: string): boolean {
  const lo = parseDateTime(earliest);
  const hi = parseDateTime(latest);
  if (lo === null || hi === null) throw new Error(`rideStartsBetween: bad bounds ${earliest} / ${latest}`);
  return ride.time_stamp >= lo && ride.time_stamp <= hi;
}
