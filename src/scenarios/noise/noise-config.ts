import { z } from "zod";

/**
 * Tool-failure noise. The two augmentation flags exist for config compatibility: PARE's augmentation data carries no
 * name/description mappings, so they change nothing today (spec §8.7). They default to false here (PARE: true)
 * because "off" is what actually happens.
 */
export const ToolAugmentationConfig = z.strictObject({
  toolFailureProbability: z.number().min(0).max(1).default(0),
  applyToolNameAugmentation: z.boolean().default(false),
  applyToolDescriptionAugmentation: z.boolean().default(false),
});
export type ToolAugmentationConfig = z.infer<typeof ToolAugmentationConfig>;

/**
 * PARE's intended weights; ARE's defaults are keyed by class names PARE does not use (spec §9.2). Files
 * noise (files arriving) needs a Files entry in the data, which the original's file does not have.
 */
export function defaultWeightPerAppClass(): Record<string, number> {
  return { StatefulEmailApp: 1, StatefulMessagingApp: 1, StatefulShoppingApp: 1, StatefulFilesApp: 1 };
}

/** Environmental event expansion (spec §9.2). */
export const EnvEventsConfig = z.strictObject({
  numEnvEventsPerMinute: z.number().int().nonnegative().default(10),
  envEventsSeed: z.number().int().default(0),
  nMessageEventsPerConversation: z.number().int().nonnegative().default(4),
  nItemEventsPerProduct: z.number().int().nonnegative().default(2),
  weightPerAppClass: z.record(z.string(), z.number().nonnegative()).default(defaultWeightPerAppClass),
});
export type EnvEventsConfig = z.infer<typeof EnvEventsConfig>;
