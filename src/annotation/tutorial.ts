import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { PROJECT_ROOT } from "../registry/splits.js";
import { AnnotationSample } from "./decision-point.js";

/** The bundled tutorial: six examples written for pare-ts, two per answer, each with the answer and why. */
export const BUNDLED_TUTORIAL = join(PROJECT_ROOT, "data", "annotation", "tutorial.json");

const TutorialFile = z.object({
  version: z.literal("pare_tutorial_v1"),
  samples: z.array(AnnotationSample).min(1, "a tutorial needs at least one example"),
});

/** Reads a tutorial file; every example must be marked tutorial and carry its correct answer and explanation. */
export function loadTutorial(path: string = BUNDLED_TUTORIAL): AnnotationSample[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(
      `${path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`,
    );
  }
  const parsed = TutorialFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${path}: ${issue ? `${issue.path.join(".") || "top level"}: ${issue.message}` : "invalid"}`,
    );
  }
  parsed.data.samples.forEach((s, i) => {
    if (!s.tutorial || s.correct_decision === null || !s.explanation)
      throw new Error(
        `${path}: samples.${i}: a tutorial example needs tutorial: true, correct_decision and explanation`,
      );
  });
  return parsed.data.samples;
}
