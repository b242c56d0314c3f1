import "server-only";
import type { AppContext } from "./context";

const holder = globalThis as typeof globalThis & { __twscope?: AppContext };

/**
 * The process's context, if one was built (kept on globalThis so dev-mode reloads do not open a
 * second database). Its own module, importing nothing, so the proxy can read it cheaply.
 */
export function currentContext(): AppContext | null {
  return holder.__twscope ?? null;
}

export function setCurrentContext(ctx: AppContext | undefined): void {
  holder.__twscope = ctx;
}
