import "server-only";
import os from "node:os";

/** A key path as the user wrote it, with a leading `~` made the twscope server's home directory. */
export function expandHome(p: string | undefined): string | undefined {
  if (!p) return p;
  return p === "~" || p.startsWith("~/") ? os.homedir() + p.slice(1) : p;
}
