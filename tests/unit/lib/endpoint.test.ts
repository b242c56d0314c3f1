import { describe, expect, it } from "vitest";
import { formatEndpoint } from "@/lib/host/endpoint";

const LABELS = { local: "local probe", bundle: "from an imported bundle" };

describe("formatEndpoint()", () => {
  it("writes an SSH host as user@address:port", () => {
    expect(formatEndpoint({ transport: "ssh", address: "10.0.0.5", port: 2222, username: "twscope" }, LABELS)).toBe(
      "twscope@10.0.0.5:2222",
    );
  });

  it("leaves the user out when there is none, as in a snapshot", () => {
    expect(formatEndpoint({ transport: "ssh", address: "host-A", port: 22, username: "" }, LABELS)).toBe("host-A:22");
    expect(formatEndpoint({ transport: "ssh", address: "host-A", port: 22 }, LABELS)).toBe("host-A:22");
  });

  it("gives the caller's label for a host without SSH", () => {
    expect(formatEndpoint({ transport: "local", address: "127.0.0.1", port: 22, username: "root" }, LABELS)).toBe("local probe");
    expect(formatEndpoint({ transport: "bundle", address: "", port: 0 }, LABELS)).toBe("from an imported bundle");
  });
});
