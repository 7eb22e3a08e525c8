import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import { SCREEN_CLASSES } from "../../src/apps/catalog.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import { StatefulShoppingApp } from "../../src/apps/shopping/index.js";
import { withAppConstruction } from "../../src/core/app.js";
import { parseDateTime } from "../../src/core/clock.js";
import { Environment } from "../../src/core/environment.js";
import { InvalidStateError, NotFoundError, ToolError } from "../../src/core/errors.js";
import { withCaptureMode } from "../../src/core/event-context.js";
import type { Event } from "../../src/core/events.js";
import {
  thrownBy as caught,
  expectUnchanged,
  currentScreen as screen,
  undescribedParams,
  callUserTool as user,
} from "../support/phone.js";

const START = parseDateTime("2025-11-18 10:00:00") as number;

interface Seeded {
  shop: StatefulShoppingApp;
  headphones: string;
  black: string;
  white: string;
  groceries: string;
  bundle: string;
  mug: string;
  mugItem: string;
}

function seed(shop: StatefulShoppingApp): Seeded {
  const headphones = shop.add_product({ name: "Wireless Headphones" });
  const black = shop.add_item_to_product({
    product_id: headphones,
    price: 79.99,
    options: { color: "black" },
  });
  const white = shop.add_item_to_product({ product_id: headphones, price: 84, options: { color: "white" } });
  const { product_id: groceries, item_ids } = shop.add_product_with_variants({
    name: "Fresh Groceries Bundle",
    variants: [{ price: 45.99, options: { items: "milk, bread, eggs" } }],
  });
  const mug = shop.add_product({ name: "Coffee Mug" });
  const mugItem = shop.add_item_to_product({ product_id: mug, price: 12.5, available: false });
  return { shop, headphones, black, white, groceries, bundle: item_ids[0] as string, mug, mugItem };
}

function setup() {
  const env = new Environment({ startTime: START });
  const seeded = withAppConstruction({ clock: env.clock, seed: 0 }, () => seed(new StatefulShoppingApp()));
  env.registerApps([new HomeScreenSystemApp(), new PAREAgentUserInterface(), seeded.shop]);
  env.start();
  return { env, ...seeded };
}

const userToolNames = (env: Environment) =>
  env
    .getUserTools()
    .filter((t) => t.name.startsWith("Shopping__"))
    .map((t) => t.methodName);

function openShop() {
  const ctx = setup();
  user(ctx.env, "System__open_app", { app_name: "Shopping" });
  return ctx;
}

describe("catalogue", () => {
  it("lists products sorted by name, with paging metadata", () => {
    const { shop, headphones, groceries, mug } = setup();
    expect(shop.list_all_products()).toEqual({
      products: [
        { product_id: mug, name: "Coffee Mug" },
        { product_id: groceries, name: "Fresh Groceries Bundle" },
        { product_id: headphones, name: "Wireless Headphones" },
      ],
      metadata: { range: [0, 3], total: 3 },
    });
    expect(shop.list_all_products({ offset: 1, limit: 1 })).toEqual({
      products: [{ product_id: groceries, name: "Fresh Groceries Bundle" }],
      metadata: { range: [1, 2], total: 3 },
    });
    expect(shop.list_all_products({ offset: 5 }).products).toEqual([]);
  });

  it("gets product details with variants, and searches names case-insensitively", () => {
    const { shop, headphones, black, white } = setup();
    expect(shop.get_product_details({ product_id: headphones })).toEqual({
      product_id: headphones,
      name: "Wireless Headphones",
      variants: [
        { item_id: black, price: 79.99, available: true, options: { color: "black" } },
        { item_id: white, price: 84, available: true, options: { color: "white" } },
      ],
    });
    expect(shop.search_product({ product_name: "HEAD" }).map((p) => p.product_id)).toEqual([headphones]);
    expect(shop.search_product({ product_name: "e", offset: 1, limit: 1 })).toHaveLength(1);
    expect(shop.search_product({ product_name: "sofa" })).toEqual([]);
    expect(() => shop.get_product_details({ product_id: "nope" })).toThrow(NotFoundError);
  });

  it("returns copies, never live state", () => {
    const { shop, headphones } = setup();
    const product = shop.get_product_details({ product_id: headphones });
    (product.variants[0] as { price: number }).price = 1;
    expect(shop.get_product_details({ product_id: headphones }).variants[0]?.price).toBe(79.99);
  });

  it("updates items (integer prices accepted) and rejects empty or unknown updates", () => {
    const { shop, black } = setup();
    expect(shop.update_item({ item_id: black, new_price: 60 })).toBe(black);
    expect(shop.getItem(black).price).toBe(60);
    shop.update_item({ item_id: black, new_availability: false });
    expect(shop.getItem(black).available).toBe(false);
    expectUnchanged(shop, () => shop.update_item({ item_id: black }), ToolError, /new_price/);
    expectUnchanged(shop, () => shop.update_item({ item_id: "nope", new_price: 3 }), NotFoundError);
    expectUnchanged(shop, () => shop.update_item({ item_id: black, new_price: -1 }), /new_price/);
  });

  it("rejects bad catalogue input without changing anything", () => {
    const { shop, headphones, black } = setup();
    expectUnchanged(shop, () => shop.add_item_to_product({ product_id: "nope", price: 3 }), NotFoundError);
    expectUnchanged(
      shop,
      () => shop.add_item_to_product({ product_id: headphones, price: "3" as never }),
      /price/,
    );
    expectUnchanged(shop, () => shop.add_product({ name: "" }), /name/);
    expectUnchanged(
      shop,
      () => shop.add_product_with_variants({ name: "X", variants: [{ item_id: black, price: 1 }] }),
      /already exists/,
    );
    expectUnchanged(
      shop,
      () => shop.add_product_with_variants({ name: "X", product_id: headphones }),
      /already exists/,
    );
    expectUnchanged(
      shop,
      () =>
        shop.add_product_with_variants({
          name: "X",
          variants: [
            { item_id: "a", price: 1 },
            { item_id: "a", price: 2 },
          ],
        }),
      /share/,
    );
  });

  it("seeds products with explicit ids", () => {
    const { shop } = setup();
    const out = shop.add_product_with_variants({
      name: "Desk Lamp",
      product_id: "lamp",
      variants: [
        { item_id: "lamp-white", price: 30, options: { color: "white" } },
        { price: 32, available: false },
      ],
    });
    expect(out.product_id).toBe("lamp");
    expect(out.item_ids[0]).toBe("lamp-white");
    expect(out.item_ids[1]).toMatch(/^[0-9a-f]{32}$/);
    expect(shop.getItem("lamp-white")).toMatchObject({ product_id: "lamp", name: "Desk Lamp", price: 30 });
  });
});

describe("cart and checkout", () => {
  it("adds, accumulates and removes cart lines", () => {
    const { shop, black, bundle } = setup();
    expect(shop.add_to_cart({ item_id: black })).toBe(black);
    shop.add_to_cart({ item_id: black, quantity: 2 });
    shop.add_to_cart({ item_id: bundle });
    expect(shop.list_cart()).toEqual({
      items: [
        expect.objectContaining({
          item_id: black,
          quantity: 3,
          price: 79.99,
          product_name: "Wireless Headphones",
        }),
        expect.objectContaining({ item_id: bundle, quantity: 1, price: 45.99 }),
      ],
      item_count: 4,
      subtotal: 285.96,
    });
    expect(shop.remove_from_cart({ item_id: black, quantity: 2 })).toBe(black);
    expect(shop.list_cart().items[0]?.quantity).toBe(1);
    shop.remove_from_cart({ item_id: black });
    expect(shop.list_cart().items.map((l) => l.item_id)).toEqual([bundle]);
  });

  it("refuses impossible cart changes and leaves the cart as it was", () => {
    const { shop, black, mugItem } = setup();
    shop.add_to_cart({ item_id: black });
    expectUnchanged(shop, () => shop.add_to_cart({ item_id: mugItem }), InvalidStateError, /not available/);
    expectUnchanged(shop, () => shop.add_to_cart({ item_id: "nope" }), NotFoundError);
    expectUnchanged(shop, () => shop.add_to_cart({ item_id: black, quantity: 0 }), /quantity/);
    expectUnchanged(shop, () => shop.add_to_cart({ item_id: black, quantity: 1.5 }), /quantity/);
    expectUnchanged(shop, () => shop.remove_from_cart({ item_id: black, quantity: 2 }), InvalidStateError);
    expectUnchanged(
      shop,
      () => shop.remove_from_cart({ item_id: mugItem }),
      NotFoundError,
      /not in the cart/,
    );
  });

  it("checks out the cart into a processed order dated now, with its total", () => {
    const { shop, env, black, bundle } = setup();
    shop.add_to_cart({ item_id: black, quantity: 2 });
    shop.add_to_cart({ item_id: bundle });
    env.advanceBy(60);
    const orderId = shop.checkout();
    expect(orderId).toMatch(/^[0-9a-f]{32}$/);
    expect(shop.list_cart().items).toEqual([]);
    expect(shop.get_order_details({ order_id: orderId })).toMatchObject({
      order_id: orderId,
      order_status: "processed",
      order_date: "2025-11-18 10:01:00",
      order_total: 205.97,
      discount_code: null,
    });
    expect(shop.get_order_details({ order_id: orderId }).order_items).toHaveLength(2);
  });

  it("applies a discount code valid for every item, and refuses one that is not", () => {
    const { shop, black, white, bundle } = setup();
    shop.add_discount_code({ item_id: black, discount_code: { SAVE10: 10, HALF: 50 } });
    shop.add_discount_code({ item_id: white, discount_code: { SAVE10: 10 } });
    shop.add_to_cart({ item_id: black });
    shop.add_to_cart({ item_id: white });
    const order = shop.checkout({ discount_code: "SAVE10" });
    expect(shop.getOrder(order)).toMatchObject({ order_total: 147.59, discount_code: "SAVE10" });

    shop.add_to_cart({ item_id: black });
    shop.add_to_cart({ item_id: bundle });
    expectUnchanged(shop, () => shop.checkout({ discount_code: "SAVE10" }), ToolError, /not valid for item/);
    expectUnchanged(shop, () => shop.checkout({ discount_code: "BOGUS" }), /discount_code|not valid/);
    shop.remove_from_cart({ item_id: bundle });
    expect(shop.getOrder(shop.checkout({ discount_code: "HALF" })).order_total).toBe(40);
  });

  it("matches discount codes case-insensitively and records the shop's spelling", () => {
    const { shop, black } = setup();
    shop.add_discount_code({ item_id: black, discount_code: { TRAIL20: 20 } });
    expect(shop.get_discount_code_info({ discount_code: "trail20" })).toEqual({ [black]: 20 });
    shop.add_to_cart({ item_id: black });
    const order = shop.checkout({ discount_code: " trail20 " });
    expect(shop.getOrder(order).discount_code).toBe("TRAIL20");
  });

  it("refuses to check out an empty cart", () => {
    const { shop } = setup();
    expectUnchanged(shop, () => shop.checkout(), InvalidStateError, /empty/);
  });
});

describe("discount codes", () => {
  it("maps codes to percentages per item", () => {
    const { shop, black, white } = setup();
    expect(shop.add_discount_code({ item_id: black, discount_code: { SAVE10: 10 } })).toMatch(/SAVE10/);
    shop.add_discount_code({ item_id: black, discount_code: { VIP: 25 } });
    shop.add_discount_code({ item_id: white, discount_code: { SAVE10: 15 } });
    expect(shop.get_discount_code_info({ discount_code: "SAVE10" })).toEqual({ [black]: 10, [white]: 15 });
    expect(shop.get_discount_code_info({ discount_code: "NONE" })).toEqual({});
    expect(shop.get_all_discount_codes()).toEqual({ SAVE10: [black, white], VIP: [black] });
  });

  it("rejects unknown items, empty code sets and out-of-range percentages", () => {
    const { shop, black } = setup();
    expectUnchanged(
      shop,
      () => shop.add_discount_code({ item_id: "nope", discount_code: { A: 5 } }),
      NotFoundError,
    );
    expectUnchanged(
      shop,
      () => shop.add_discount_code({ item_id: black, discount_code: {} }),
      /at least one/,
    );
    expectUnchanged(
      shop,
      () => shop.add_discount_code({ item_id: black, discount_code: { A: 0 } }),
      /discount_code/,
    );
    expectUnchanged(
      shop,
      () => shop.add_discount_code({ item_id: black, discount_code: { A: 150 } }),
      /discount_code/,
    );
  });
});

describe("orders", () => {
  it("seeds orders with explicit dates, ids, statuses and totals", () => {
    const { shop, black, bundle, white } = setup();
    expect(
      shop.add_order({
        order_id: "ord_grocery_123",
        order_status: "shipped",
        order_date: "2025-11-18 08:00:00",
        item_id: bundle,
      }),
    ).toBe("ord_grocery_123");
    expect(shop.get_order_details({ order_id: "ord_grocery_123" })).toEqual({
      order_id: "ord_grocery_123",
      order_status: "shipped",
      order_date: "2025-11-18 08:00:00",
      order_total: 45.99,
      discount_code: null,
      order_items: [
        {
          item_id: bundle,
          product_id: expect.any(String),
          product_name: "Fresh Groceries Bundle",
          price: 45.99,
          quantity: 1,
          options: { items: "milk, bread, eggs" },
        },
      ],
    });
    const multi = shop.add_order_multiple_items({
      order_status: "delivered",
      order_date: START - 3 * 86400,
      order_total: 150,
      items: { [black]: 1, [white]: 2 },
    });
    expect(shop.get_order_details({ order_id: multi })).toMatchObject({
      order_date: "2025-11-15 10:00:00",
      order_total: 150,
    });
    expect(shop.get_order_details({ order_id: multi }).order_items.map((l) => l.quantity)).toEqual([1, 2]);
    expect(shop.list_orders().map((o) => o.order_id)).toEqual(["ord_grocery_123", multi]);
  });

  it("rejects invalid seeds without adding anything", () => {
    const { shop, bundle } = setup();
    shop.add_order({ order_id: "o1", order_status: "processed", order_date: START, item_id: bundle });
    const base = { order_status: "processed" as const, item_id: bundle };
    expectUnchanged(
      shop,
      () => shop.add_order({ ...base, order_date: "2025-02-30 10:00:00" }),
      ToolError,
      /order_date/,
    );
    expectUnchanged(shop, () => shop.add_order({ ...base, order_date: "yesterday" }), /order_date/);
    const error = caught(() => shop.add_order({ ...base, order_date: "not a date" }));
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).code).toBe("invalid_arguments");
    expect((error as ToolError).field).toBe("order_date");
    expectUnchanged(
      shop,
      () => shop.add_order({ ...base, order_date: START, item_id: "nope" }),
      NotFoundError,
    );
    expectUnchanged(
      shop,
      () => shop.add_order({ ...base, order_date: START, order_id: "o1" }),
      /already exists/,
    );
    expectUnchanged(
      shop,
      () => shop.add_order({ ...base, order_date: START, order_status: "lost" as never }),
      /order_status/,
    );
    expectUnchanged(
      shop,
      () =>
        shop.add_order_multiple_items({
          order_status: "processed",
          order_date: START,
          items: { [bundle]: 1, nope: 1 },
        }),
      /nope/,
    );
    expectUnchanged(
      shop,
      () => shop.add_order_multiple_items({ order_status: "processed", order_date: START, items: {} }),
      /at least one/,
    );
  });

  it("lists orders newest first and fails on unknown ids", () => {
    const { shop, bundle } = setup();
    shop.add_order({ order_id: "old", order_status: "delivered", order_date: START - 100, item_id: bundle });
    shop.add_order({ order_id: "new", order_status: "processed", order_date: START - 10, item_id: bundle });
    expect(shop.list_orders().map((o) => o.order_id)).toEqual(["new", "old"]);
    expect(() => shop.get_order_details({ order_id: "nope" })).toThrow(NotFoundError);
  });

  it("updates order status and cancels undelivered orders only", () => {
    const { shop, bundle } = setup();
    for (const [id, status] of [
      ["p", "processed"],
      ["s", "shipped"],
      ["d", "delivered"],
      ["c", "cancelled"],
    ] as const)
      shop.add_order({ order_id: id, order_status: status, order_date: START, item_id: bundle });
    expect(shop.cancel_order({ order_id: "p" })).toBe("p");
    expect(shop.cancel_order({ order_id: "s" })).toBe("s");
    expect(shop.getOrder("s").order_status).toBe("cancelled");
    expectUnchanged(shop, () => shop.cancel_order({ order_id: "d" }), InvalidStateError, /delivered/);
    expectUnchanged(shop, () => shop.cancel_order({ order_id: "c" }), InvalidStateError);
    expectUnchanged(shop, () => shop.cancel_order({ order_id: "nope" }), NotFoundError);
    shop.update_order_status({ order_id: "d", status: "processed" });
    expect(shop.getOrder("d").order_status).toBe("processed");
    shop.update_order_status({ order_id: "d" });
    expect(shop.getOrder("d").order_status).toBe("shipped");
    expectUnchanged(
      shop,
      () => shop.update_order_status({ order_id: "d", status: "lost" as never }),
      /status/,
    );
    expectUnchanged(
      shop,
      () => shop.update_order_status({ order_id: "nope", status: "shipped" }),
      NotFoundError,
    );
  });
});

describe("tool registry", () => {
  const shop = new StatefulShoppingApp();
  const marks = (kind: "agent" | "env" | "data") =>
    Object.fromEntries(shop.getTools(kind).map((t) => [t.methodName, t.operation]));

  it("offers the original's agent tools, each marked truthfully", () => {
    expect(marks("agent")).toEqual({
      list_all_products: "read",
      get_product_details: "read",
      search_product: "read",
      add_to_cart: "write",
      remove_from_cart: "write",
      list_cart: "read",
      checkout: "write",
      get_discount_code_info: "read",
      get_all_discount_codes: "read",
      list_orders: "read",
      get_order_details: "read",
      cancel_order: "write",
    });
    expect(shop.getAgentTools()[0]?.name).toBe("Shopping__list_all_products");
  });

  it("offers environment and data tools", () => {
    expect(marks("env")).toEqual({
      add_product: "write",
      add_item_to_product: "write",
      update_item: "write",
      add_discount_code: "write",
      update_order_status: "write",
      cancel_order: "write",
    });
    expect(Object.keys(marks("data")).sort()).toEqual(
      [
        "add_discount_code",
        "add_item_to_product",
        "add_order",
        "add_order_multiple_items",
        "add_product",
        "add_product_with_variants",
        "update_item",
        "update_order_status",
      ].sort(),
    );
  });

  it("describes every parameter, screens' included", () => {
    expect(undescribedParams(shop, SCREEN_CLASSES.StatefulShoppingApp ?? [])).toEqual([]);
  });
});

describe("state", () => {
  it("round-trips through getState / loadState", () => {
    const { shop, black, bundle } = setup();
    shop.add_discount_code({ item_id: black, discount_code: { SAVE10: 10 } });
    shop.add_to_cart({ item_id: black });
    shop.checkout({ discount_code: "SAVE10" });
    shop.add_to_cart({ item_id: bundle, quantity: 2 });
    shop.add_order({ order_id: "o1", order_status: "delivered", order_date: START - 50, item_id: bundle });
    const state = shop.getState();
    const fresh = new StatefulShoppingApp();
    fresh.loadState(state);
    expect(fresh.getState()).toEqual(state);
    expect(fresh.list_orders()).toEqual(shop.list_orders());
    expect(fresh.list_cart()).toEqual(shop.list_cart());
    fresh.add_to_cart({ item_id: black });
    expect(shop.list_cart().items).toHaveLength(1);
  });

  it("refuses an invalid state, naming the field", () => {
    const { shop } = setup();
    const state = shop.getState();
    const broken = { ...state, products: [...state.products, state.products[0]] };
    expect(() => new StatefulShoppingApp().loadState(broken)).toThrow(/products/);
    expect(() => new StatefulShoppingApp().loadState({ ...state, orders: [{ order_id: "x" }] })).toThrow(
      /orders\.0/,
    );
    expect(() =>
      new StatefulShoppingApp().loadState({ ...state, discount_codes: { ghost: { A: 5 } } }),
    ).toThrow(/discount_codes/);
  });

  it("resets to an empty shop", () => {
    const { shop } = setup();
    shop.reset();
    expect(shop.getState()).toEqual({ products: [], cart: [], orders: [], discount_codes: {} });
  });
});

describe("notifications", () => {
  const schedule = (env: Environment, make: () => unknown, delay: number) => {
    const event = (withCaptureMode(make) as Event).delayed(delay);
    env.schedule([event]);
  };

  it("tells the user briefly and the assistant fully about environment changes", () => {
    const { env, shop, black, bundle } = setup();
    shop.add_order({ order_id: "ord_1", order_status: "processed", order_date: START, item_id: bundle });
    schedule(env, () => shop.update_order_status({ order_id: "ord_1", status: "shipped" }), 5);
    schedule(
      env,
      () => shop.add_discount_code({ item_id: black, discount_code: { SAVE10: 10, VIP: 20 } }),
      6,
    );
    schedule(env, () => shop.update_item({ item_id: black, new_price: 70 }), 7);
    schedule(env, () => shop.add_product({ name: "Phone Case" }), 8);
    schedule(env, () => shop.cancel_order({ order_id: "ord_1" }), 9);
    env.advanceBy(10);
    const userTexts = env.notifications.takeFor("user", env.now()).map((m) => m.text);
    const agentTexts = env.notifications.takeFor("agent", env.now()).map((m) => m.text);
    expect(userTexts).toEqual([
      "Order ord_1 is now shipped",
      `Shop: new discount available for item ${black}`,
      `Shop: item ${black} changed (price now 70)`,
      "Shop: new product available, Phone Case",
      "Order ord_1 was cancelled",
    ]);
    expect(agentTexts[0]).toBe("Order update: order ord_1\nStatus: shipped");
    expect(agentTexts[1]).toContain("- SAVE10: 10% off\n- VIP: 20% off");
    expect(agentTexts[3]).toMatch(/Name: Phone Case\nProduct id: [0-9a-f]{32}/);
    expect(shop.getOrder("ord_1").order_status).toBe("cancelled");
  });

  it("renders the new-item template with options", () => {
    const { env, shop, headphones } = setup();
    schedule(
      env,
      () => shop.add_item_to_product({ product_id: headphones, price: 90, options: { color: "red" } }),
      1,
    );
    env.advanceBy(1);
    expect(env.notifications.takeFor("user", env.now()).map((m) => m.text)).toEqual([
      `Shop: new option for product ${headphones} at 90`,
    ]);
    expect(env.notifications.takeFor("agent", env.now())[0]?.text).toMatch(
      /Price: 90\nAvailable: yes\nOptions: color: red$/,
    );
  });
});

describe("screens", () => {
  it("starts at ShoppingHome with its tools", () => {
    const { env } = openShop();
    expect(screen(env)).toBe("ShoppingHome");
    expect(userToolNames(env)).toEqual(["list_orders", "list_products", "view_cart", "view_product"]);
    expect(user(env, "Shopping__list_products", { limit: 2 })).toMatchObject({
      metadata: { range: [0, 2], total: 3 },
    });
    expect(screen(env)).toBe("ShoppingHome");
  });

  it("browses product → variant → cart → order, and goes back step by step", () => {
    const { env, shop, headphones, black } = openShop();
    expect(user(env, "Shopping__view_product", { product_id: headphones })).toMatchObject({
      name: "Wireless Headphones",
    });
    expect(screen(env)).toBe("ProductDetail");
    expect(userToolNames(env)).toEqual(["view_variant", "go_back"]);
    expect(user(env, "Shopping__view_variant", { item_id: black })).toMatchObject({
      item_id: black,
      price: 79.99,
    });
    expect(screen(env)).toBe("VariantDetail");
    expect(user(env, "Shopping__add_to_cart", { quantity: 2 })).toMatchObject({
      item_count: 2,
      subtotal: 159.98,
    });
    expect(screen(env)).toBe("CartView");
    expect(userToolNames(env)).toEqual(["checkout", "remove_item", "go_back"]);
    const order = user(env, "Shopping__checkout") as { order_id: string; order_total: number };
    expect(order.order_total).toBe(159.98);
    expect(screen(env)).toBe("OrderDetailView");
    expect(shop.list_cart().items).toEqual([]);
    expect(user(env, "Shopping__view_order")).toMatchObject({
      order_id: order.order_id,
      order_status: "processed",
    });
    expect(screen(env)).toBe("OrderDetailView");
    for (const expected of ["CartView", "VariantDetail", "ProductDetail", "ShoppingHome"]) {
      expect(user(env, "Shopping__go_back")).toBe(`Navigated back to the screen ${expected}.`);
      expect(screen(env)).toBe(expected);
    }
    expect(userToolNames(env)).not.toContain("go_back");
  });

  it("opens the cart from home and removes items there", () => {
    const { env, shop, black, bundle } = openShop();
    shop.add_to_cart({ item_id: black });
    shop.add_to_cart({ item_id: bundle });
    expect(user(env, "Shopping__view_cart")).toMatchObject({ item_count: 2 });
    expect(screen(env)).toBe("CartView");
    expect(user(env, "Shopping__remove_item", { item_id: black })).toMatchObject({ item_count: 1 });
    expect(screen(env)).toBe("CartView");
    expect(() => user(env, "Shopping__remove_item", { item_id: black })).toThrow(NotFoundError);
    expect(screen(env)).toBe("CartView");
  });

  it("opens orders from the order list", () => {
    const { env, shop, bundle } = openShop();
    shop.add_order({ order_id: "ord_9", order_status: "shipped", order_date: START - 60, item_id: bundle });
    expect(user(env, "Shopping__list_orders")).toEqual([expect.objectContaining({ order_id: "ord_9" })]);
    expect(screen(env)).toBe("OrderListView");
    expect(user(env, "Shopping__view_order", { order_id: "ord_9" })).toMatchObject({
      order_status: "shipped",
    });
    expect(screen(env)).toBe("OrderDetailView");
    expect(user(env, "Shopping__go_back")).toMatch(/OrderListView/);
  });

  it("stays put when an id does not exist or an action fails", () => {
    const { env, shop, headphones, bundle, mug, mugItem } = openShop();
    expect(() => user(env, "Shopping__view_product", { product_id: "nope" })).toThrow(NotFoundError);
    expect(screen(env)).toBe("ShoppingHome");
    user(env, "Shopping__view_product", { product_id: headphones });
    expect(() => user(env, "Shopping__view_variant", { item_id: bundle })).toThrow(/not a variant/);
    expect(screen(env)).toBe("ProductDetail");
    user(env, "Shopping__go_back");
    user(env, "Shopping__view_product", { product_id: mug });
    user(env, "Shopping__view_variant", { item_id: mugItem });
    const before = shop.getState();
    expect(() => user(env, "Shopping__add_to_cart")).toThrow(InvalidStateError);
    expect(screen(env)).toBe("VariantDetail");
    expect(shop.getState()).toEqual(before);
    user(env, "Shopping__go_back");
    user(env, "Shopping__go_back");
    user(env, "Shopping__list_orders");
    expect(() => user(env, "Shopping__view_order", { order_id: "nope" })).toThrow(NotFoundError);
    expect(screen(env)).toBe("OrderListView");
  });

  it("keeps the user in the cart when checkout fails", () => {
    const { env, shop, black } = openShop();
    shop.add_to_cart({ item_id: black });
    user(env, "Shopping__view_cart");
    const before = shop.getState();
    expect(() => user(env, "Shopping__checkout", { discount_code: "BOGUS" })).toThrow(/not valid/);
    expect(screen(env)).toBe("CartView");
    expect(shop.getState()).toEqual(before);
  });

  it("logs a screen action and its backend call as USER events", () => {
    const { env, headphones, black } = openShop();
    user(env, "Shopping__view_product", { product_id: headphones });
    user(env, "Shopping__view_variant", { item_id: black });
    user(env, "Shopping__add_to_cart", { quantity: 1 });
    user(env, "Shopping__checkout", {});
    const log = env.eventLog
      .listView()
      .filter((e) => e.action?.app === "Shopping")
      .map((e) => [e.eventType, e.action?.function, e.action?.operation, e.metadata.parentEventId !== null]);
    expect(log).toEqual([
      ["USER", "get_product_details", "read", true],
      ["USER", "view_product", "read", false],
      ["USER", "view_variant", "read", false],
      ["USER", "add_to_cart", "write", true],
      ["USER", "add_to_cart", "write", false],
      ["USER", "checkout", "write", true],
      ["USER", "checkout", "write", false],
    ]);
    const actions = env.notifications.takeFor("agent", env.now()).map((m) => m.text);
    expect(actions).toContain("Shopping__add_to_cart(quantity=1)");
    expect(actions.some((t) => t.includes("get_product_details"))).toBe(false);
  });

  it("keeps the screen when switching apps, and resets it when the app is reopened", () => {
    const { env, headphones } = openShop();
    user(env, "Shopping__view_product", { product_id: headphones });
    user(env, "System__go_home");
    user(env, "System__switch_app", { app_name: "Shopping" });
    expect(screen(env)).toBe("ProductDetail");
    user(env, "System__go_home");
    user(env, "System__open_app", { app_name: "Shopping" });
    expect(screen(env)).toBe("ShoppingHome");
  });
});

describe("determinism", () => {
  it("gives the same ids for the same seed", () => {
    const ids = () => {
      const shop = new StatefulShoppingApp();
      shop.setSeed(42);
      return seed(shop);
    };
    const a = ids();
    const b = ids();
    expect({ ...a, shop: null }).toEqual({ ...b, shop: null });
  });
});
