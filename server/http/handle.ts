import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import type { Principal } from "@/lib/auth/types";
import { authorize, type Access } from "../auth/guard";
import { AppError } from "../errors";

const MAX_BODY_BYTES = 1024 * 1024;

type Handler<C, P> = (req: Request, ctx: C, who: P) => Promise<unknown> | unknown;
type Caller<A extends Access> = A extends "public" ? Principal | null : Principal;

/**
 * Wraps a route handler: the caller is checked against `access` first (session or trusted proxy,
 * role, same-origin for writes), then JSON out and every error mapped to an HTTP status in one place.
 */
export function handle<C, A extends Access>(access: A, fn: Handler<C, Caller<A>>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    try {
      const who = authorize(req, access) as Caller<A>;
      const result = await fn(req, ctx, who);
      if (result instanceof Response) return result;
      return result === undefined ? new NextResponse(null, { status: 204 }) : NextResponse.json(result);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    const retryAfter = (err.details as { retryAfter?: number } | undefined)?.retryAfter;
    const headers = retryAfter ? { "retry-after": String(retryAfter) } : undefined;
    return NextResponse.json({ error: { code: err.code, message: err.message, details: err.details } }, { status: err.httpStatus, headers });
  }
  if (err instanceof z.ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return NextResponse.json({ error: { code: "invalid_input", message: "the request is not valid", details: issues } }, { status: 400 });
  }
  console.error("twscope: unexpected error in a route handler:", err instanceof Error ? err.message : String(err));
  return NextResponse.json({ error: { code: "internal", message: "internal error" } }, { status: 500 });
}

/** Reads and validates a JSON body; a body that is too large, not JSON, or not of the schema is a 4xx. */
export async function readJson<T extends z.ZodType>(req: Request, schema: T, maxBytes = MAX_BODY_BYTES): Promise<z.infer<T>> {
  const text = await readText(req, maxBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError(400, "invalid_json", "the body is not valid JSON");
  }
  return schema.parse(body);
}

/** The body as text, refused with 413 past `maxBytes`. */
export async function readText(req: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new AppError(413, "too_large", `the body is over ${maxBytes} bytes`);
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) throw new AppError(413, "too_large", `the body is over ${maxBytes} bytes`);
  return text;
}

/** The body as bytes, refused with 413 past `maxBytes` (counted while reading, whatever content-length says). */
export async function readBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new AppError(413, "too_large", `the body is over ${maxBytes} bytes`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body?.getReader();
  for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) {
    total += part.value.length;
    if (total > maxBytes) {
      await reader!.cancel();
      throw new AppError(413, "too_large", `the body is over ${maxBytes} bytes`);
    }
    chunks.push(part.value);
  }
  return Buffer.concat(chunks);
}

export async function idParam(ctx: { params: Promise<{ id: string }> }, what = "host"): Promise<number> {
  const { id } = await ctx.params;
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) throw new AppError(404, "not_found", `${what} ${id} not found`);
  return n;
}

export type IdContext = { params: Promise<{ id: string }> };
