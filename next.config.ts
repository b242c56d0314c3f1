import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const nextConfig: NextConfig = {
  // ssh2 loads optional native code at run time; keep it (and its helper) out of the server bundle.
  serverExternalPackages: ["ssh2", "cpu-features"],
  poweredByHeader: false,
};

// The language of each request and its catalogues (lib/i18n/messages/) are decided in server/i18n/request.ts.
export default createNextIntlPlugin("./server/i18n/request.ts")(nextConfig);
