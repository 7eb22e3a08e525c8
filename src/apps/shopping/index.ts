export { StatefulShoppingApp } from "./app.js";
export * from "./model.js";
export {
  CartView,
  OrderDetailView,
  OrderListView,
  ProductDetail,
  ShoppingHome,
  VariantDetail,
} from "./screens.js";
