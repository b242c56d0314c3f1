"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import type { Principal } from "@/lib/auth/types";
import { CurrentUserProvider } from "./auth/current-user-provider";
import { RenderTime } from "./ui/use-now";

/** `renderedAt`: the server's clock when it rendered the page, so what depends on the time hydrates as rendered. */
export function Providers({ user, renderedAt, children }: { user: Principal | null; renderedAt: number; children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 2_000, retry: 1 } } }));
  // Marks the moment the server-rendered page became interactive (browser tests wait for it).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <RenderTime.Provider value={renderedAt}>
      <QueryClientProvider client={client}>
        <CurrentUserProvider user={user}>{children}</CurrentUserProvider>
      </QueryClientProvider>
    </RenderTime.Provider>
  );
}
