import { type AugmentationData, parseAugmentationData } from "../../src/scenarios/noise/augmentation-data.js";

type Json = Record<string, unknown>;

function suffixed(record: Json, copy: number, rewrite: (value: Json, suffix: string) => Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(record))
    out[`${key}_x${copy}`] = rewrite(value as Json, `_x${copy}`);
  return out;
}

/**
 * The bundled augmentation data with every conversation, email and product copied `factor` times under new ids.
 * The bundled pool holds a few hundred noise events at most, so at a high rate over a long horizon the data, not
 * the rate, would decide how much noise there is; the copies let the rate decide.
 */
export function scaledAugmentationData(base: AugmentationData, factor: number): AugmentationData {
  const apps = base.apps.map((app) => {
    const state = app.app_state as Json;
    const next: Json = { ...state };
    if (state.conversations) {
      const all: Json = {};
      for (let c = 0; c < factor; c++)
        Object.assign(
          all,
          suffixed(state.conversations as Json, c, (v, s) => ({
            ...v,
            conversation_id: `${v.conversation_id}${s}`,
          })),
        );
      next.conversations = all;
    }
    if (state.products) {
      const all: Json = {};
      for (let c = 0; c < factor; c++)
        Object.assign(
          all,
          suffixed(state.products as Json, c, (v, s) => ({
            ...v,
            product_id: `${v.product_id}${s}`,
            variants: suffixed(v.variants as Json, c, (w) => ({ ...w, item_id: `${w.item_id}_x${c}` })),
          })),
        );
      next.products = all;
    }
    if (state.folders) {
      const folders: Json = {};
      for (const [name, folder] of Object.entries(state.folders as Json)) {
        const emails = (folder as { emails: Json[] }).emails;
        const copies: Json[] = [];
        for (let c = 0; c < factor; c++)
          for (const e of emails) copies.push({ ...e, email_id: `${e.email_id}_x${c}` });
        folders[name] = { ...(folder as Json), emails: copies };
      }
      next.folders = folders;
    }
    return { ...app, app_state: next };
  });
  return parseAugmentationData({ ...base, apps }, "<scaled augmentation data>");
}
