/** What a build of src/ was made from (see build-stamp.mjs). */
export interface SourceStamp {
  files: number;
  newestMs: number;
}
export function sourceStamp(dir: string): SourceStamp;
export function buildIsCurrent(srcDir: string, stampFile: string): boolean;
