export { DEFAULT_CANCEL_MESSAGE, StatefulCabApp, USER_CANCEL_MESSAGE } from "./app.js";
export * from "./model.js";
export { CabHome, CabQuotationDetail, CabRideDetail, CabServiceOptions } from "./screens.js";
