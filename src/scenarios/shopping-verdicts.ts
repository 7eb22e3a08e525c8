import { StatefulShoppingApp } from "../apps/shopping/app.js";
import type { Order } from "../apps/shopping/model.js";
import type { Environment } from "../core/environment.js";
import { agentCalls } from "./scenario-verdict.js";

/**
 * Orders the assistant placed (its successful checkouts), as they stand at the end of the run:
 * validators check what was bought, not only that checkout was called.
 */
export function assistantOrders(env: Environment, options: { includeCancelled?: boolean } = {}): Order[] {
  const shop = env.getAppByClass(StatefulShoppingApp);
  if (!shop) return [];
  const ids = new Set(
    agentCalls(env.eventLog, { className: "StatefulShoppingApp", function: "checkout" }).map((e) =>
      String(e.metadata.returnValue),
    ),
  );
  return shop.orders.filter(
    (o) => ids.has(o.order_id) && (options.includeCancelled || o.order_status !== "cancelled"),
  );
}

/** Does some order of the assistant hold exactly this item in this quantity, and nothing else? */
export function orderedExactly(env: Environment, itemId: string, quantity: number): boolean {
  return assistantOrders(env).some(
    (o) =>
      o.order_items.length === 1 &&
      o.order_items[0]?.item_id === itemId &&
      o.order_items[0]?.quantity === quantity,
  );
}
