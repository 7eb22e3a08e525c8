import {
  type AugmentationData,
  defaultAugmentationDataPath,
  loadAugmentationData,
} from "./augmentation-data.js";

const loaded = new Map<string, AugmentationData>();

/** The augmentation data at ENV_AUGMENTATION_DATA_PATH (or the bundled file), loaded once per path. */
export function augmentationData(path: string = defaultAugmentationDataPath()): AugmentationData {
  let data = loaded.get(path);
  if (!data) {
    data = loadAugmentationData(path);
    loaded.set(path, data);
  }
  return data;
}

/** Tool renames and re-descriptions of the augmentation data, keyed by method name. */
export function toolMappings(path?: string): {
  names: Record<string, string>;
  descriptions: Record<string, string>;
} {
  const data = augmentationData(path);
  return { names: data.tool_names_mapping ?? {}, descriptions: data.tool_descriptions_mapping ?? {} };
}
