import { z } from "zod";
import type { AppOptions } from "../../core/app.js";
import { InvalidStateError, NotFoundError, ToolError } from "../../core/errors.js";
import type { JsonValue } from "../../core/json.js";
import type { NotificationTemplates } from "../../core/notifications.js";
import { agentTool, dataTool, envTool, parsed, type ToolSpec } from "../../core/tool-decorators.js";
import type { Screen } from "../screen.js";
import { StatefulApp } from "../stateful-app.js";
import {
  CANCELLABLE_STATUSES,
  type CartContents,
  type CartItem,
  copyCartItem,
  copyProduct,
  DateArg,
  type DiscountCodes,
  dateArgToSeconds,
  type Item,
  ItemOptions,
  type ItemView,
  Money,
  type Order,
  OrderStatus,
  type OrderView,
  orderView,
  Percent,
  type Product,
  type ProductSummary,
  roundMoney,
  ShoppingState,
} from "./model.js";
import { ShoppingHome } from "./screens.js";

// --- parameters ----------------------------------------------------------------------------------

const Offset = z.number().int().min(0).default(0).describe("Zero-based index of the first result to return");
const Limit = z.number().int().min(1).default(10).describe("Maximum number of results to return");
const ProductId = z.string().min(1).describe("Id of the product");
const ItemId = z.string().min(1).describe("Id of the item (a product variant)");
const OrderId = z.string().min(1).describe("Id of the order");

const ListProductsParams = z.object({ offset: Offset, limit: Limit });
const ProductParams = z.object({ product_id: ProductId });
const SearchParams = z.object({
  product_name: z.string().min(1).describe("Text to look for in product names (case-insensitive)"),
  offset: Offset,
  limit: Limit,
});
const CartChangeParams = z.object({
  item_id: ItemId,
  quantity: z.number().int().min(1).default(1).describe("Number of units (at least 1)"),
});
const CheckoutParams = z.object({
  discount_code: z
    .string()
    .nullable()
    .optional()
    .describe("Discount code to apply; it must be valid for every item in the cart. Omit for no discount"),
});
const DiscountInfoParams = z.object({
  discount_code: z.string().min(1).describe("The discount code to look up"),
});
const OrderParams = z.object({ order_id: OrderId });

const AddProductParams = z.object({ name: z.string().min(1).describe("Name of the new product") });
const AddItemParams = z.object({
  product_id: ProductId,
  price: Money.describe("Price of one unit of the item"),
  options: ItemOptions.default({}).describe(
    'Characteristics of the variant, e.g. {"color": "red", "size": "L"}',
  ),
  available: z.boolean().default(true).describe("Whether the item can be bought"),
});
const UpdateItemParams = z.object({
  item_id: ItemId,
  new_price: Money.nullable().optional().describe("New unit price; omit to keep the current one"),
  new_availability: z
    .boolean()
    .nullable()
    .optional()
    .describe("New availability; omit to keep the current one"),
});
const AddDiscountParams = z.object({
  item_id: ItemId,
  discount_code: z
    .record(z.string().min(1), Percent)
    .describe('Codes to add for the item, mapped to their percentage off, e.g. {"SAVE10": 10}'),
});
const UpdateOrderStatusParams = z.object({
  order_id: OrderId,
  status: OrderStatus.default("shipped").describe("New status: processed, shipped, delivered or cancelled"),
});

const VariantSeed = z.object({
  item_id: z.string().min(1).optional().describe("Explicit id for the item; generated when omitted"),
  price: Money.describe("Price of one unit"),
  options: ItemOptions.default({}).describe("Characteristics of the variant"),
  available: z.boolean().default(true).describe("Whether the item can be bought"),
});
const AddProductWithVariantsParams = z.object({
  name: z.string().min(1).describe("Name of the product"),
  product_id: z.string().min(1).optional().describe("Explicit id for the product; generated when omitted"),
  variants: z.array(VariantSeed).default([]).describe("The product's variants"),
});
const OrderSeedBase = {
  order_id: z.string().min(1).optional().describe("Explicit id for the order; generated when omitted"),
  order_status: OrderStatus.describe("Status of the order: processed, shipped, delivered or cancelled"),
  order_date: DateArg.describe("When the order was placed: 'YYYY-MM-DD HH:MM:SS' (UTC) or POSIX seconds"),
  order_total: Money.optional().describe("Amount paid; defaults to the sum of price × quantity"),
};
const AddOrderParams = z.object({
  ...OrderSeedBase,
  item_id: ItemId,
  quantity: z.number().int().min(1).default(1).describe("Number of units ordered"),
});
const AddOrderMultipleParams = z.object({
  ...OrderSeedBase,
  items: z.record(z.string().min(1), z.number().int().min(1)).describe("Items ordered: item id → quantity"),
});

// --- tool specs shared by several markers ---------------------------------------------------------

const ADD_PRODUCT: ToolSpec = {
  description:
    "Add a product (with no variants yet) to the catalogue; add purchasable variants with add_item_to_product. Returns the product id.",
  params: AddProductParams,
  op: "write",
  returns: "str",
};
const ADD_ITEM: ToolSpec = {
  description: "Add a purchasable variant (item) to a product. Returns the new item id.",
  params: AddItemParams,
  op: "write",
  returns: "str",
};
const UPDATE_ITEM: ToolSpec = {
  description: "Change the price and/or the availability of an item. Returns the item id.",
  params: UpdateItemParams,
  op: "write",
  returns: "str",
};
const ADD_DISCOUNT: ToolSpec = {
  description: "Make one or more discount codes valid for an item, each with its percentage off.",
  params: AddDiscountParams,
  op: "write",
  returns: "str",
};
const UPDATE_ORDER_STATUS: ToolSpec = {
  description: "Set the status of an order (processed, shipped, delivered or cancelled).",
  params: UpdateOrderStatusParams,
  op: "write",
  returns: "str",
};
const CANCEL_ORDER: ToolSpec = {
  description:
    "Cancel an order that has not been delivered yet (status processed or shipped). Returns the order id.",
  params: OrderParams,
  op: "write",
  returns: "str",
};

const fmtOptions = (options: JsonValue | undefined): string =>
  options && typeof options === "object" && !Array.isArray(options) && Object.keys(options).length
    ? Object.entries(options)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(", ")
    : "";

/** A discount code as the shop knows it, matched case-insensitively (people type codes as they like). */
function findCode(codes: Record<string, number> | undefined, code: string): [string, number] | undefined {
  if (!codes) return undefined;
  const wanted = code.trim().toLowerCase();
  const hit = Object.entries(codes).find(([known]) => known.toLowerCase() === wanted);
  return hit ? [hit[0], hit[1]] : undefined;
}

/**
 * The shop: a catalogue of products with variants, the user's cart, orders and per-item discount
 * codes. The user browses products and variants, fills the cart and checks out; the world adds
 * products, changes prices and stock, publishes discount codes and moves orders along.
 */
export class StatefulShoppingApp extends StatefulApp<ShoppingState> {
  static notificationTemplates: NotificationTemplates = {
    add_product: {
      user: (a) => `Shop: new product available, ${String(a.name)}`,
      agent: (a, r) =>
        `Shop catalogue update: a new product was added.\nName: ${String(a.name)}\nProduct id: ${String(r)}`,
    },
    add_item_to_product: {
      user: (a) => `Shop: new option for product ${String(a.product_id)} at ${String(a.price)}`,
      agent: (a, r) => {
        const options = fmtOptions(a.options);
        return [
          `Shop catalogue update: a new item was added to product ${String(a.product_id)}.`,
          `Item id: ${String(r)}`,
          `Price: ${String(a.price)}`,
          `Available: ${a.available === false ? "no" : "yes"}`,
          ...(options ? [`Options: ${options}`] : []),
        ].join("\n");
      },
    },
    update_item: {
      user: (a) => {
        const parts = [
          ...(a.new_price !== undefined && a.new_price !== null ? [`price now ${String(a.new_price)}`] : []),
          ...(a.new_availability !== undefined && a.new_availability !== null
            ? [a.new_availability ? "back in stock" : "out of stock"]
            : []),
        ];
        return `Shop: item ${String(a.item_id)} changed${parts.length ? ` (${parts.join(", ")})` : ""}`;
      },
      agent: (a) =>
        [
          `Shop catalogue update: item ${String(a.item_id)} changed.`,
          ...(a.new_price !== undefined && a.new_price !== null ? [`New price: ${String(a.new_price)}`] : []),
          ...(a.new_availability !== undefined && a.new_availability !== null
            ? [`Available: ${a.new_availability ? "yes" : "no"}`]
            : []),
        ].join("\n"),
    },
    add_discount_code: {
      user: (a) => `Shop: new discount available for item ${String(a.item_id)}`,
      agent: (a) => {
        const codes =
          a.discount_code && typeof a.discount_code === "object" ? Object.entries(a.discount_code) : [];
        return [
          `Shop discount update: new code(s) for item ${String(a.item_id)}.`,
          ...codes.map(([code, pct]) => `- ${code}: ${String(pct)}% off`),
        ].join("\n");
      },
    },
    update_order_status: {
      user: (a) => `Order ${String(a.order_id)} is now ${String(a.status ?? "shipped")}`,
      agent: (a) => `Order update: order ${String(a.order_id)}\nStatus: ${String(a.status ?? "shipped")}`,
    },
    cancel_order: {
      user: (a) => `Order ${String(a.order_id)} was cancelled`,
      agent: (a) => `Order update: order ${String(a.order_id)} was cancelled`,
    },
  };

  readonly stateSchema = ShoppingState;
  products: Product[] = [];
  cart: CartItem[] = [];
  orders: Order[] = [];
  discountCodes: DiscountCodes = {};

  constructor(options: AppOptions = {}) {
    super({ name: options.name ?? "Shopping" });
  }

  protected createRootScreen(): Screen {
    return new ShoppingHome();
  }

  protected dumpState(): ShoppingState {
    return {
      products: this.products,
      cart: this.cart,
      orders: this.orders,
      discount_codes: this.discountCodes,
    };
  }

  protected restoreState(state: ShoppingState): void {
    this.products = state.products.map(copyProduct);
    this.cart = state.cart.map(copyCartItem);
    this.orders = state.orders.map((o) => ({ ...o, order_items: o.order_items.map(copyCartItem) }));
    this.discountCodes = Object.fromEntries(
      Object.entries(state.discount_codes).map(([item, codes]) => [item, { ...codes }]),
    );
  }

  protected emptyState(): ShoppingState {
    return { products: [], cart: [], orders: [], discount_codes: {} };
  }

  // --- lookups (plain methods: screens use them without logging anything) -------------------------

  getProduct(productId: string): Product {
    const product = this.products.find((p) => p.product_id === productId);
    if (!product) throw new NotFoundError(`Product ${productId} does not exist`);
    return product;
  }

  private findItem(itemId: string): { product: Product; item: Item } | undefined {
    for (const product of this.products) {
      const item = product.variants.find((v) => v.item_id === itemId);
      if (item) return { product, item };
    }
    return undefined;
  }

  private requireItem(itemId: string): { product: Product; item: Item } {
    const found = this.findItem(itemId);
    if (!found) throw new NotFoundError(`Item ${itemId} does not exist`);
    return found;
  }

  /** A variant with its product's id and name. */
  getItem(itemId: string): ItemView {
    const { product, item } = this.requireItem(itemId);
    return { product_id: product.product_id, name: product.name, ...item, options: { ...item.options } };
  }

  getOrder(orderId: string): Order {
    const order = this.orders.find((o) => o.order_id === orderId);
    if (!order) throw new NotFoundError(`Order ${orderId} does not exist`);
    return order;
  }

  /** The cart as shown to the user and the assistant. */
  cartView(): CartContents {
    return {
      items: this.cart.map(copyCartItem),
      item_count: this.cart.reduce((n, line) => n + line.quantity, 0),
      subtotal: roundMoney(this.cart.reduce((sum, line) => sum + line.price * line.quantity, 0)),
    };
  }

  private assertNewId(kind: string, id: string, taken: boolean): void {
    if (taken)
      throw new ToolError("invalid_arguments", `${kind} id ${id} already exists`, `${kind.toLowerCase()}_id`);
  }

  // --- agent tools ---------------------------------------------------------------------------------

  @agentTool({
    description:
      "List the products of the catalogue, sorted by name, one page at a time. Returns each product's id and name, with the range returned and the total number of products.",
    params: ListProductsParams,
    returns: "{products: list[{product_id, name}], metadata: {range, total}}",
  })
  list_all_products(args: z.input<typeof ListProductsParams> = {}): {
    products: ProductSummary[];
    metadata: { range: [number, number]; total: number };
  } {
    const { offset, limit } = parsed(ListProductsParams, args);
    const sorted = [...this.products].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const page = sorted
      .slice(offset, offset + limit)
      .map((p) => ({ product_id: p.product_id, name: p.name }));
    return {
      products: page,
      metadata: { range: [offset, Math.min(offset + limit, sorted.length)], total: sorted.length },
    };
  }

  @agentTool({
    description: "Get a product with all its variants (item id, price, availability, options).",
    params: ProductParams,
    returns: "Product",
  })
  get_product_details(args: z.input<typeof ProductParams>): Product {
    return copyProduct(this.getProduct(parsed(ProductParams, args).product_id));
  }

  @agentTool({
    description:
      "Find products whose name contains the given text (case-insensitive). Returns the matching products with their variants, one page at a time.",
    params: SearchParams,
    returns: "list[Product]",
  })
  search_product(args: z.input<typeof SearchParams>): Product[] {
    const { product_name, offset, limit } = parsed(SearchParams, args);
    const needle = product_name.toLowerCase();
    return this.products
      .filter((p) => p.name.toLowerCase().includes(needle))
      .slice(offset, offset + limit)
      .map(copyProduct);
  }

  @agentTool({
    description: "Put units of an available item in the cart. Returns the item id.",
    params: CartChangeParams,
    op: "write",
    returns: "str",
  })
  add_to_cart(args: z.input<typeof CartChangeParams>): string {
    const { item_id, quantity } = parsed(CartChangeParams, args);
    const { product, item } = this.requireItem(item_id);
    if (!item.available) throw new InvalidStateError(`Item ${item_id} is not available`);
    const line = this.cart.find((l) => l.item_id === item_id);
    if (line) line.quantity += quantity;
    else
      this.cart.push({
        item_id,
        product_id: product.product_id,
        product_name: product.name,
        price: item.price,
        quantity,
        options: { ...item.options },
      });
    return item_id;
  }

  @agentTool({
    description: "Take units of an item out of the cart (the line disappears at zero). Returns the item id.",
    params: CartChangeParams,
    op: "write",
    returns: "str",
  })
  remove_from_cart(args: z.input<typeof CartChangeParams>): string {
    const { item_id, quantity } = parsed(CartChangeParams, args);
    const index = this.cart.findIndex((l) => l.item_id === item_id);
    const line = this.cart[index];
    if (!line) throw new NotFoundError(`Item ${item_id} is not in the cart`);
    if (quantity > line.quantity)
      throw new InvalidStateError(
        `Cannot remove ${quantity} units of item ${item_id}: the cart holds ${line.quantity}`,
      );
    line.quantity -= quantity;
    if (line.quantity === 0) this.cart.splice(index, 1);
    return item_id;
  }

  @agentTool({
    description:
      "Show the cart: its lines (item, product, unit price, quantity), the number of units and the subtotal.",
    returns: "{items: list[CartItem], item_count, subtotal}",
  })
  list_cart(): CartContents {
    return this.cartView();
  }

  @agentTool({
    description:
      "Buy everything in the cart: creates an order (status processed, dated now) and empties the cart. A discount code, if given, must be valid for every item in the cart, otherwise nothing is bought. Returns the new order id.",
    params: CheckoutParams,
    op: "write",
    returns: "str",
  })
  checkout(args: z.input<typeof CheckoutParams> = {}): string {
    const given = parsed(CheckoutParams, args).discount_code?.trim() || null;
    if (this.cart.length === 0) throw new InvalidStateError("The cart is empty");
    let total = 0;
    let code: string | null = given;
    for (const line of this.cart) {
      let pct = 0;
      if (given !== null) {
        const match = findCode(this.discountCodes[line.item_id], given);
        const found = match?.[1];
        if (match) code = match[0];
        if (found === undefined)
          throw new ToolError(
            "invalid_arguments",
            `Discount code ${code} is not valid for item ${line.item_id} (${line.product_name})`,
            "discount_code",
          );
        pct = found;
      }
      total += line.price * line.quantity * (1 - pct / 100);
    }
    const order: Order = {
      order_id: this.newId(),
      order_status: "processed",
      order_date: this.clock.now(),
      order_total: roundMoney(total),
      discount_code: code,
      order_items: this.cart.map(copyCartItem),
    };
    this.orders.push(order);
    this.cart = [];
    return order.order_id;
  }

  @agentTool({
    description: "Which items a discount code applies to: item id → percentage off.",
    params: DiscountInfoParams,
    returns: "dict[str, float]",
  })
  get_discount_code_info(args: z.input<typeof DiscountInfoParams>): Record<string, number> {
    const { discount_code } = parsed(DiscountInfoParams, args);
    const out: Record<string, number> = {};
    for (const [itemId, codes] of Object.entries(this.discountCodes)) {
      const match = findCode(codes, discount_code);
      if (match) out[itemId] = match[1];
    }
    return out;
  }

  @agentTool({
    description: "Every discount code on offer, with the ids of the items each one applies to.",
    returns: "dict[str, list[str]]",
  })
  get_all_discount_codes(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [itemId, codes] of Object.entries(this.discountCodes))
      for (const code of Object.keys(codes)) out[code] = [...(out[code] ?? []), itemId];
    return out;
  }

  @agentTool({
    description: "List all orders, newest first, with their status, date, total and items.",
    returns: "list[Order]",
  })
  list_orders(): OrderView[] {
    return this.orders
      .map((order, index) => ({ order, index }))
      .sort((a, b) => b.order.order_date - a.order.order_date || a.index - b.index)
      .map(({ order }) => orderView(order));
  }

  @agentTool({
    description: "Get one order: status, date, total, discount code and items.",
    params: OrderParams,
    returns: "Order",
  })
  get_order_details(args: z.input<typeof OrderParams>): OrderView {
    return orderView(this.getOrder(parsed(OrderParams, args).order_id));
  }

  @agentTool(CANCEL_ORDER)
  @envTool(CANCEL_ORDER)
  cancel_order(args: z.input<typeof OrderParams>): string {
    const order = this.getOrder(parsed(OrderParams, args).order_id);
    if (!CANCELLABLE_STATUSES.includes(order.order_status))
      throw new InvalidStateError(
        `Order ${order.order_id} cannot be cancelled: its status is ${order.order_status}`,
      );
    order.order_status = "cancelled";
    return order.order_id;
  }

  // --- environment tools ---------------------------------------------------------------------------

  @envTool(ADD_PRODUCT)
  @dataTool(ADD_PRODUCT)
  add_product(args: z.input<typeof AddProductParams>): string {
    const product_id = this.newId();
    this.products.push({ product_id, name: parsed(AddProductParams, args).name, variants: [] });
    return product_id;
  }

  @envTool(ADD_ITEM)
  @dataTool(ADD_ITEM)
  add_item_to_product(args: z.input<typeof AddItemParams>): string {
    const { product_id, price, options, available } = parsed(AddItemParams, args);
    const product = this.getProduct(product_id);
    const item_id = this.newId();
    product.variants.push({ item_id, price, available, options: { ...options } });
    return item_id;
  }

  @envTool(UPDATE_ITEM)
  @dataTool(UPDATE_ITEM)
  update_item(args: z.input<typeof UpdateItemParams>): string {
    const { item_id, new_price, new_availability } = parsed(UpdateItemParams, args);
    if (
      (new_price === undefined || new_price === null) &&
      (new_availability === undefined || new_availability === null)
    )
      throw new ToolError("invalid_arguments", "Give new_price and/or new_availability", "new_price");
    const { item } = this.requireItem(item_id);
    if (new_price !== undefined && new_price !== null) item.price = new_price;
    if (new_availability !== undefined && new_availability !== null) item.available = new_availability;
    return item_id;
  }

  @envTool(ADD_DISCOUNT)
  @dataTool(ADD_DISCOUNT)
  add_discount_code(args: z.input<typeof AddDiscountParams>): string {
    const { item_id, discount_code } = parsed(AddDiscountParams, args);
    const codes = Object.keys(discount_code);
    if (codes.length === 0)
      throw new ToolError("invalid_arguments", "Give at least one discount code", "discount_code");
    this.requireItem(item_id);
    this.discountCodes[item_id] = { ...this.discountCodes[item_id], ...discount_code };
    return `Discount code(s) ${codes.join(", ")} added for item ${item_id}`;
  }

  @envTool(UPDATE_ORDER_STATUS)
  @dataTool(UPDATE_ORDER_STATUS)
  update_order_status(args: z.input<typeof UpdateOrderStatusParams>): string {
    const { order_id, status } = parsed(UpdateOrderStatusParams, args);
    this.getOrder(order_id).order_status = status;
    return `Order ${order_id} status set to ${status}`;
  }

  // --- data tools (scenario seeding) ---------------------------------------------------------------

  @dataTool({
    description:
      "Seed a product with its variants in one call; ids may be given explicitly. Returns the product id and the item ids, in the order given.",
    params: AddProductWithVariantsParams,
    op: "write",
    returns: "{product_id, item_ids}",
  })
  add_product_with_variants(args: z.input<typeof AddProductWithVariantsParams>): {
    product_id: string;
    item_ids: string[];
  } {
    const { name, product_id, variants } = parsed(AddProductWithVariantsParams, args);
    if (product_id !== undefined)
      this.assertNewId(
        "Product",
        product_id,
        this.products.some((p) => p.product_id === product_id),
      );
    const explicit = variants.flatMap((v) => (v.item_id === undefined ? [] : [v.item_id]));
    for (const id of explicit) this.assertNewId("Item", id, this.findItem(id) !== undefined);
    if (new Set(explicit).size !== explicit.length)
      throw new ToolError("invalid_arguments", "Two variants share an item id", "variants");
    const product: Product = { product_id: product_id ?? this.newId(), name, variants: [] };
    for (const v of variants)
      product.variants.push({
        item_id: v.item_id ?? this.newId(),
        price: v.price,
        available: v.available,
        options: { ...v.options },
      });
    this.products.push(product);
    return { product_id: product.product_id, item_ids: product.variants.map((v) => v.item_id) };
  }

  @dataTool({
    description:
      "Seed a past order of one item, with an explicit date and status. The total defaults to price × quantity. Returns the order id.",
    params: AddOrderParams,
    op: "write",
    returns: "str",
  })
  add_order(args: z.input<typeof AddOrderParams>): string {
    const a = parsed(AddOrderParams, args);
    return this.seedOrder(a, { [a.item_id]: a.quantity });
  }

  @dataTool({
    description:
      "Seed a past order of several items (item id → quantity), with an explicit date and status. The total defaults to the sum of price × quantity. Returns the order id.",
    params: AddOrderMultipleParams,
    op: "write",
    returns: "str",
  })
  add_order_multiple_items(args: z.input<typeof AddOrderMultipleParams>): string {
    const a = parsed(AddOrderMultipleParams, args);
    return this.seedOrder(a, a.items);
  }

  private seedOrder(
    a: {
      order_id?: string | undefined;
      order_status: Order["order_status"];
      order_date: string | number;
      order_total?: number | undefined;
    },
    items: Record<string, number>,
  ): string {
    const entries = Object.entries(items);
    if (entries.length === 0)
      throw new ToolError("invalid_arguments", "An order needs at least one item", "items");
    if (a.order_id !== undefined)
      this.assertNewId(
        "Order",
        a.order_id,
        this.orders.some((o) => o.order_id === a.order_id),
      );
    const order_date = dateArgToSeconds(a.order_date, "order_date");
    const lines: CartItem[] = entries.map(([itemId, quantity]) => {
      const { product, item } = this.requireItem(itemId);
      return {
        item_id: itemId,
        product_id: product.product_id,
        product_name: product.name,
        price: item.price,
        quantity,
        options: { ...item.options },
      };
    });
    const order: Order = {
      order_id: a.order_id ?? this.newId(),
      order_status: a.order_status,
      order_date,
      order_total: a.order_total ?? roundMoney(lines.reduce((s, l) => s + l.price * l.quantity, 0)),
      discount_code: null,
      order_items: lines,
    };
    this.orders.push(order);
    return order.order_id;
  }
}
