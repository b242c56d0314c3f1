"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import type { Principal } from "@/lib/auth-types";
import { CurrentUserProvider } from "./auth/current-user";

export function Providers({ user, children }: { user: Principal | null; children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 2_000, retry: 1 } } }));
  // Marks the moment the server-rendered page became interactive (browser tests wait for it).
  useEffect(() => { document.documentElement.dataset.hydrated = "true"; }, []);
  return <QueryClientProvider client={client}><CurrentUserProvider user={user}>{children}</CurrentUserProvider></QueryClientProvider>;
}
