"use client";

import { fetchJson } from "@/lib/api-client";

export function SignOutButtonView() {
  const signOut = async () => {
    await fetchJson("/api/session", { method: "DELETE" }).catch(() => undefined);
    window.location.assign("/signin");
  };
  return (
    <button type="button" onClick={signOut} className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white">
      Sign out
    </button>
  );
}
