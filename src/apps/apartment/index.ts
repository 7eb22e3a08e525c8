export { StatefulApartmentApp } from "./app.js";
export * from "./model.js";
export { ApartmentDetail, ApartmentFavorites, ApartmentHome, ApartmentSearch } from "./screens.js";
