import { z } from "zod";
import { formatDateTime, parseDateTime } from "../../core/clock.js";
import { ToolError } from "../../core/errors.js";
import { Timestamp } from "../stateful-app.js";

export const ORDER_STATUSES = ["processed", "shipped", "delivered", "cancelled"] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Statuses from which an order can still be cancelled. */
export const CANCELLABLE_STATUSES: readonly OrderStatus[] = ["processed", "shipped"];

export const Money = z.number().finite().nonnegative();
export const Percent = z.number().finite().gt(0).max(100);

/** A variant's characteristics, e.g. `{ color: "red", size: "L" }`. */
export const ItemOptions = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type ItemOptions = z.infer<typeof ItemOptions>;

/** One purchasable variant of a product. */
export const Item = z.object({
  item_id: z.string().min(1),
  price: Money,
  available: z.boolean(),
  options: ItemOptions,
});
export type Item = z.infer<typeof Item>;

export const Product = z.object({
  product_id: z.string().min(1),
  name: z.string().min(1),
  variants: z.array(Item),
});
export type Product = z.infer<typeof Product>;

/**
 * A line of the cart or of an order: a snapshot of the variant when it was added (the price the
 * user saw), with the product's name so an order stays readable after the catalogue changes.
 */
export const CartItem = z.object({
  item_id: z.string().min(1),
  product_id: z.string().min(1),
  product_name: z.string(),
  price: Money,
  quantity: z.number().int().positive(),
  options: ItemOptions,
});
export type CartItem = z.infer<typeof CartItem>;

export const Order = z.object({
  order_id: z.string().min(1),
  order_status: OrderStatus,
  /** Scenario-clock seconds. */
  order_date: Timestamp,
  order_total: Money,
  /** Discount code applied at checkout, if any. */
  discount_code: z.string().nullable(),
  order_items: z.array(CartItem),
});
export type Order = z.infer<typeof Order>;

/** item_id → (code → percentage off that item). */
export const DiscountCodes = z.record(z.string(), z.record(z.string(), Percent));
export type DiscountCodes = z.infer<typeof DiscountCodes>;

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const out = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) out.add(id);
    seen.add(id);
  }
  return [...out];
}

export const ShoppingState = z
  .object({
    products: z.array(Product),
    cart: z.array(CartItem),
    orders: z.array(Order),
    discount_codes: DiscountCodes,
  })
  .superRefine((state, ctx) => {
    const productDup = duplicates(state.products.map((p) => p.product_id));
    if (productDup.length)
      ctx.addIssue({
        code: "custom",
        path: ["products"],
        message: `duplicate product ids ${productDup.join(", ")}`,
      });
    const itemIds = state.products.flatMap((p) => p.variants.map((v) => v.item_id));
    const itemDup = duplicates(itemIds);
    if (itemDup.length)
      ctx.addIssue({
        code: "custom",
        path: ["products"],
        message: `duplicate item ids ${itemDup.join(", ")}`,
      });
    const orderDup = duplicates(state.orders.map((o) => o.order_id));
    if (orderDup.length)
      ctx.addIssue({
        code: "custom",
        path: ["orders"],
        message: `duplicate order ids ${orderDup.join(", ")}`,
      });
    const cartDup = duplicates(state.cart.map((c) => c.item_id));
    if (cartDup.length)
      ctx.addIssue({
        code: "custom",
        path: ["cart"],
        message: `item ${cartDup.join(", ")} appears twice in the cart`,
      });
    const known = new Set(itemIds);
    for (const itemId of Object.keys(state.discount_codes))
      if (!known.has(itemId))
        ctx.addIssue({ code: "custom", path: ["discount_codes", itemId], message: `unknown item ${itemId}` });
  });
export type ShoppingState = z.infer<typeof ShoppingState>;

// --- views: what tools return (copies; dates rendered on the scenario clock) ----------------------

export interface ProductSummary {
  product_id: string;
  name: string;
}

export interface ItemView extends Item {
  product_id: string;
  name: string;
}

export interface OrderView extends Omit<Order, "order_date"> {
  order_date: string;
}

export interface CartContents {
  items: CartItem[];
  item_count: number;
  subtotal: number;
}

export function copyItem(item: Item): Item {
  return { ...item, options: { ...item.options } };
}

export function copyProduct(product: Product): Product {
  return { ...product, variants: product.variants.map(copyItem) };
}

export function copyCartItem(line: CartItem): CartItem {
  return { ...line, options: { ...line.options } };
}

export function orderView(order: Order): OrderView {
  return {
    ...order,
    order_date: formatDateTime(order.order_date),
    order_items: order.order_items.map(copyCartItem),
  };
}

/**
 * Cents precision, so totals like 3 × 45.99 do not print binary noise. The product is first cut to 12
 * significant digits so that a decimal half cent (39.995 stored as 39.99499…) rounds up.
 */
export function roundMoney(value: number): number {
  return Math.round(Number((value * 100).toPrecision(12))) / 100;
}

/** A date argument: `YYYY-MM-DD HH:MM:SS` (UTC) or POSIX seconds on the scenario clock. */
export const DateArg = z.union([z.string(), z.number().finite()]);

export function dateArgToSeconds(value: string | number, field: string): number {
  if (typeof value === "number") return value;
  const seconds = parseDateTime(value);
  if (seconds === null)
    throw new ToolError(
      "invalid_arguments",
      `Invalid ${field} '${value}': expected YYYY-MM-DD HH:MM:SS (UTC) or POSIX seconds`,
      field,
    );
  return seconds;
}
