import { ZodError } from "zod";
import { CliError, EXIT_CODES } from "./cli-error.js";

const PATH_PROBLEMS: Record<string, string> = {
  ENOTDIR: "a part of the path is a file, not a directory",
  EISDIR: "it is a directory",
  ENOENT: "no such file or directory",
  EEXIST: "it already exists",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENAMETOOLONG: "name too long",
  ELOOP: "too many symbolic links",
};
const MACHINE_PROBLEMS: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EIO: "input/output error",
  EMFILE: "too many open files",
};

/**
 * Any error as the one line `pare` prints (without `--debug`) and the exit code it means. Errors that name a
 * file or field say which; a problem with a path the user gave is a configuration error (2); a failure of the
 * machine (disk full) or of pare-ts itself is 1 and says how to see the stack.
 */
export function describeError(error: unknown): { line: string; exitCode: number } {
  if (error instanceof CliError) return { line: error.message, exitCode: error.exitCode };
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const where = issue?.path.length ? issue.path.map(String).join(".") : "(root)";
    return {
      line: `invalid ${where}: ${issue?.message ?? "invalid value"}`,
      exitCode: EXIT_CODES.configuration,
    };
  }
  const e = error as (NodeJS.ErrnoException & { dest?: string }) | null;
  if (e && typeof e === "object" && typeof e.code === "string") {
    const target = e.path ? ` ${e.path}${e.dest ? ` → ${e.dest}` : ""}` : "";
    const action = e.syscall ? `cannot ${e.syscall}` : "cannot use";
    if (e.code === "EEXIST" && e.syscall === "mkdir")
      return {
        line: `${action}${target}: a file is where a directory should be`,
        exitCode: EXIT_CODES.configuration,
      };
    if (e.code in PATH_PROBLEMS)
      return { line: `${action}${target}: ${PATH_PROBLEMS[e.code]}`, exitCode: EXIT_CODES.configuration };
    if (e.code in MACHINE_PROBLEMS)
      return { line: `${action}${target}: ${MACHINE_PROBLEMS[e.code]}`, exitCode: EXIT_CODES.runErrors };
  }
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error && error.name !== "Error" ? `${error.name}: ` : "";
  const firstLine = message.split("\n")[0] ?? message;
  return {
    line: `${name}${firstLine} (an internal error of pare-ts; --debug shows the stack)`,
    exitCode: EXIT_CODES.runErrors,
  };
}
