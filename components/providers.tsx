"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 2_000, retry: 1 } } }));
  // Marks the moment the server-rendered page became interactive (browser tests wait for it).
  useEffect(() => { document.documentElement.dataset.hydrated = "true"; }, []);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
