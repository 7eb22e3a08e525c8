import { defineConfig } from "vite";

// The viewer's front end: one classic script (IIFE) and one stylesheet, so the same files work when served by
// `pare view` and when opened from disk (`pare view --export DIR`; browsers refuse module scripts from file://).
export default defineConfig({
  root: import.meta.dirname,
  publicDir: "public",
  logLevel: "warn",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    minify: true,
    lib: {
      entry: "src/main.ts",
      name: "PareView",
      formats: ["iife"],
      fileName: () => "app.js",
      cssFileName: "app",
    },
  },
});
