import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // ssh2 loads optional native code at run time; keep it (and its helper) out of the server bundle.
  serverExternalPackages: ["ssh2", "cpu-features"],
  poweredByHeader: false,
};

export default nextConfig;
