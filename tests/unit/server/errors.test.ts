import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, ERROR_STATUS, errors } from "@/server/errors";
import { errorResponse } from "@/server/http/error-response";

const samples: AppError[] = [
  errors.badRequest("x"),
  errors.invalidJson(),
  errors.noPassword(),
  errors.unauthenticated(),
  errors.noMetricsToken(),
  errors.badCredentials(),
  errors.forbidden(),
  errors.crossSite("Origin: x"),
  errors.setupClosed(),
  errors.wrongPassword(),
  errors.notFound("host 1"),
  errors.noSuchSnapshot(),
  errors.conflict("x"),
  errors.lastAdmin(),
  errors.expired("x"),
  errors.tooLarge("x"),
  errors.bodyTooLarge(10),
  errors.rateLimited("too many", 7),
  errors.tooManySnapshots("x"),
];

describe("the error table", () => {
  it("answers every named error with the status its code has in the table, as { error: { code, message } }", async () => {
    for (const err of samples) {
      const res = errorResponse(err);
      expect({ code: err.code, status: res.status }).toEqual({ code: err.code, status: ERROR_STATUS[err.code] });
      expect(await res.json()).toMatchObject({ error: { code: err.code, message: err.message } });
    }
  });

  it("has no code that nothing produces", () => {
    const produced = new Set<string>([...samples.map((e) => e.code), "invalid_input", "internal"]);
    expect(Object.keys(ERROR_STATUS).filter((code) => !produced.has(code))).toEqual([]);
  });

  it("sends Retry-After with a rate limit, invalid_input for a schema error and a bare 500 for anything else", async () => {
    expect(errorResponse(errors.rateLimited("too many", 7)).headers.get("retry-after")).toBe("7");
    const invalid = errorResponse(z.object({ n: z.number() }).safeParse({ n: "x" }).error);
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.code).toBe("invalid_input");
    const internal = errorResponse(new Error("SELECT * FROM secrets failed at /var/lib/twscope"));
    expect(internal.status).toBe(500);
    expect(await internal.json()).toEqual({ error: { code: "internal", message: "internal error" } });
  });

  it("is the only place errors for API callers are built: no route, page or proxy writes one by hand", () => {
    const grep = (pattern: string) => {
      try {
        return execFileSync("git", ["grep", "-n", "-E", pattern, "--", "app", "server", "proxy.ts"], { encoding: "utf8" })
          .trim()
          .split("\n");
      } catch {
        return [];
      }
    };
    const outside = (lines: string[]) => lines.filter((l) => !/^server\/(errors|http\/error-response)\.ts:/.test(l));
    expect(outside(grep("new AppError\\("))).toEqual([]);
    expect(outside(grep("error: \\{ code"))).toEqual([]);
  });
});
