import { z } from "zod";
import { NotFoundError } from "../../core/errors.js";
import { parsed, userTool } from "../../core/tool-decorators.js";
import { Screen } from "../screen.js";
import type { StatefulShoppingApp } from "./app.js";
import { type CartContents, type ItemView, type OrderView, orderView, type Product } from "./model.js";

const ListParams = z.object({
  offset: z.number().int().min(0).default(0).describe("Zero-based index of the first product to show"),
  limit: z.number().int().min(1).default(10).describe("Maximum number of products to show"),
});
const ProductParams = z.object({ product_id: z.string().min(1).describe("Id of the product to open") });
const VariantParams = z.object({ item_id: z.string().min(1).describe("Id of the variant (item) to open") });
const QuantityParams = z.object({
  quantity: z.number().int().min(1).default(1).describe("Number of units to add"),
});
const RemoveParams = z.object({
  item_id: z.string().min(1).describe("Id of the item to take out of the cart"),
  quantity: z.number().int().min(1).default(1).describe("Number of units to remove"),
});
const CheckoutParams = z.object({
  discount_code: z
    .string()
    .nullable()
    .optional()
    .describe("Discount code to apply (must be valid for every item in the cart); omit for none"),
});
const OrderParams = z.object({ order_id: z.string().min(1).describe("Id of the order to open") });

/** The shop's main screen: the catalogue, the cart and past orders. */
export class ShoppingHome extends Screen<StatefulShoppingApp> {
  @userTool({
    description: "Browse the catalogue: product names and ids, sorted by name.",
    params: ListParams,
  })
  list_products(args: z.input<typeof ListParams> = {}): ReturnType<StatefulShoppingApp["list_all_products"]> {
    return this.app.list_all_products(parsed(ListParams, args));
  }

  @userTool({ description: "Open a product to see its variants.", params: ProductParams })
  view_product(args: z.input<typeof ProductParams>): Product {
    const { product_id } = parsed(ProductParams, args);
    const product = this.app.get_product_details({ product_id });
    this.app.pushScreen(new ProductDetail(product_id));
    return product;
  }

  @userTool({ description: "Open the cart." })
  view_cart(): CartContents {
    const cart = this.app.list_cart();
    this.app.pushScreen(new CartView());
    return cart;
  }

  @userTool({ description: "Open the list of your orders." })
  list_orders(): OrderView[] {
    const orders = this.app.list_orders();
    this.app.pushScreen(new OrderListView());
    return orders;
  }
}

/** One product and its variants. */
export class ProductDetail extends Screen<StatefulShoppingApp> {
  constructor(readonly productId: string) {
    super();
  }

  override onEnter(): void {
    this.app.getProduct(this.productId);
  }

  @userTool({ description: "Open one variant of this product.", params: VariantParams })
  view_variant(args: z.input<typeof VariantParams>): ItemView {
    const { item_id } = parsed(VariantParams, args);
    const product = this.app.getProduct(this.productId);
    if (!product.variants.some((v) => v.item_id === item_id))
      throw new NotFoundError(`Item ${item_id} is not a variant of product ${this.productId}`);
    this.app.pushScreen(new VariantDetail(item_id));
    return this.app.getItem(item_id);
  }
}

/** One variant: price, availability, options; it can go in the cart. */
export class VariantDetail extends Screen<StatefulShoppingApp> {
  constructor(readonly itemId: string) {
    super();
  }

  override onEnter(): void {
    this.app.getItem(this.itemId);
  }

  @userTool({
    description: "Put this variant in the cart and open the cart.",
    params: QuantityParams,
    op: "write",
  })
  add_to_cart(args: z.input<typeof QuantityParams> = {}): CartContents {
    const { quantity } = parsed(QuantityParams, args);
    this.app.add_to_cart({ item_id: this.itemId, quantity });
    this.app.pushScreen(new CartView());
    return this.app.cartView();
  }
}

/** The cart: lines can be removed, and the cart bought. */
export class CartView extends Screen<StatefulShoppingApp> {
  @userTool({ description: "Take units of an item out of the cart.", params: RemoveParams, op: "write" })
  remove_item(args: z.input<typeof RemoveParams>): CartContents {
    this.app.remove_from_cart(parsed(RemoveParams, args));
    return this.app.cartView();
  }

  @userTool({
    description: "Buy everything in the cart, optionally with a discount code, and open the new order.",
    params: CheckoutParams,
    op: "write",
  })
  checkout(args: z.input<typeof CheckoutParams> = {}): OrderView {
    const orderId = this.app.checkout(parsed(CheckoutParams, args));
    this.app.pushScreen(new OrderDetailView(orderId));
    return orderView(this.app.getOrder(orderId));
  }
}

/** Past orders. */
export class OrderListView extends Screen<StatefulShoppingApp> {
  @userTool({ description: "Open one of your orders.", params: OrderParams })
  view_order(args: z.input<typeof OrderParams>): OrderView {
    const { order_id } = parsed(OrderParams, args);
    const order = this.app.get_order_details({ order_id });
    this.app.pushScreen(new OrderDetailView(order_id));
    return order;
  }
}

/** One order. */
export class OrderDetailView extends Screen<StatefulShoppingApp> {
  constructor(readonly orderId: string) {
    super();
  }

  override onEnter(): void {
    this.app.getOrder(this.orderId);
  }

  @userTool({ description: "Show this order's details: status, date, total and items." })
  view_order(): OrderView {
    return this.app.get_order_details({ order_id: this.orderId });
  }
}
