#!/usr/bin/env node
// Launches the TypeScript CLI through tsx so `npx pare` works without a build step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
