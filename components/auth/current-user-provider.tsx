"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { Principal } from "@/lib/auth/types";

const CurrentUser = createContext<Principal | null>(null);

/** The signed-in user as the server saw it for this page, so controls can follow the role. */
export function CurrentUserProvider({ user, children }: { user: Principal | null; children: ReactNode }) {
  return <CurrentUser.Provider value={user}>{children}</CurrentUser.Provider>;
}

/** Whether to offer admin controls; the server checks the role again on every request. */
export function useIsAdmin(): boolean {
  return useContext(CurrentUser)?.role === "admin";
}
