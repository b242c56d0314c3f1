"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";

/** How many of its own URL writes a page remembers while the router has not yet followed them. */
const MAX_PENDING = 32;

interface UrlSearchState {
  /** The query string the page shows: the one asked for last. */
  search: string;
  /** The router's query string when the page last looked. */
  seen: string;
  /** Query strings this page wrote that the router has not followed yet, oldest first. */
  pending: string[];
}

/**
 * A page's view kept in its URL's query string (`a=1&b=2`, no `?`), changing at once when asked.
 *
 * Next's router follows a history write in a transition: `useSearchParams` gives the new URL only
 * once React has rendered the page for it, which on a busy machine can come after the user's next
 * click, and a change built on the view before undoes the one just made (pick a severity, then a tag:
 * the severity was lost). So the view asked for last is state of its own: the router's
 * echoes of the page's own writes are passed over, and any other change of the URL (Back, Forward,
 * a link to another view of the same page) is followed.
 *
 * `how`: "push" makes a history entry that Back returns from; "replace" (the default) does not,
 * so typing or flipping filters does not fill the history.
 */
export function useUrlSearch(): [URLSearchParams, (next: URLSearchParams, how?: "push" | "replace") => void] {
  const pathname = usePathname();
  const routed = useSearchParams().toString();
  const [state, setState] = useState<UrlSearchState>({ search: routed, seen: routed, pending: [] });
  let current = state;
  if (routed !== state.seen) {
    const echo = state.pending.indexOf(routed);
    // An echo also settles the writes before it, which the router may have skipped over.
    current =
      echo >= 0 ? { ...state, seen: routed, pending: state.pending.slice(echo + 1) } : { search: routed, seen: routed, pending: [] };
    setState(current);
  }
  // Back and Forward show the entry's view at once, before the router has rendered it.
  useEffect(() => {
    const onPopState = () => {
      const search = new URLSearchParams(window.location.search).toString();
      setState((s) => ({ ...s, search, pending: [] }));
    };
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);

  const write = (next: URLSearchParams, how: "push" | "replace" = "replace") => {
    const search = next.toString();
    if (search === current.search) return;
    setState((s) => ({ ...s, search, pending: [...s.pending, search].slice(-MAX_PENDING) }));
    const href = search ? `${pathname}?${search}` : pathname;
    // The browser's history API, which Next's router follows without navigating (no scroll, no reload).
    if (how === "push") window.history.pushState(null, "", href);
    else window.history.replaceState(null, "", href);
  };
  return [new URLSearchParams(current.search), write];
}
