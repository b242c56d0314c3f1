import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import type { Principal } from "@/lib/auth/types";
import { parseRouteId } from "@/lib/route-id";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { authorize, type Access } from "../auth/guard";
import { getContext, type AppContext } from "../context";
import { errors, thing, type Thing } from "../errors";
import { localeOf } from "../i18n/locale";
import { zodParseOptions } from "../i18n/zod-messages";
import { errorResponse } from "./error-response";

const MAX_BODY_BYTES = 1024 * 1024;

/** The language `handle()` settled on for a request (the caller's setting, cookie or Accept-Language), for its validation messages. */
const LANGUAGE_OF = new WeakMap<Request, Locale>();

type Caller<A extends Access> = A extends "public" ? Principal | null : Principal;

/** What a route handler gets: the request, the service context, the checked caller and Next's route context. */
interface RouteCall<P, R> {
  req: Request;
  ctx: AppContext;
  who: P;
  route: R;
}

type Handler<P, R> = (call: RouteCall<P, R>) => Promise<unknown> | unknown;

/**
 * Wraps a route handler: the caller is checked against `access` first (session or trusted proxy,
 * role, same-origin for writes), then JSON out and every error mapped to an HTTP status in one place.
 */
export function handle<A extends Access, R = unknown>(access: A, fn: Handler<Caller<A>, R>) {
  return async (req: Request, route: R): Promise<Response> => {
    let who: Principal | null = null;
    try {
      const ctx = await getContext();
      who = await authorize(ctx, req, access);
      LANGUAGE_OF.set(req, localeOf(req, who));
      const result = await fn({ req, ctx, who: who as Caller<A>, route });
      if (result instanceof Response) return result;
      return result === undefined ? new NextResponse(null, { status: 204 }) : NextResponse.json(result);
    } catch (err) {
      return errorResponse(err, {}, localeOf(req, who));
    }
  };
}

/** Reads and validates a JSON body; a body that is too large, not JSON, or not of the schema is a 4xx. */
export async function readJson<T extends z.ZodType>(req: Request, schema: T, maxBytes = MAX_BODY_BYTES): Promise<z.infer<T>> {
  const text = await readText(req, maxBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw errors.invalidJson();
  }
  return schema.parse(body, zodParseOptions(LANGUAGE_OF.get(req) ?? DEFAULT_LOCALE));
}

/** The body as text, refused with 413 past `maxBytes`. */
export async function readText(req: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw errors.bodyTooLarge(maxBytes);
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) throw errors.bodyTooLarge(maxBytes);
  return text;
}

/** The body as bytes, refused with 413 past `maxBytes` (counted while reading, whatever content-length says). */
export async function readBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw errors.bodyTooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body?.getReader();
  for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) {
    total += part.value.length;
    if (total > maxBytes) {
      await reader!.cancel();
      throw errors.bodyTooLarge(maxBytes);
    }
    chunks.push(part.value);
  }
  return Buffer.concat(chunks);
}

export type IdContext = { params: Promise<{ id: string }> };

/** The `[id]` segment of a route as a positive integer; anything else is that thing not found. */
export async function idParam(route: IdContext, what: Thing = "host"): Promise<number> {
  const { id } = await route.params;
  const n = parseRouteId(id);
  if (n === null) throw errors.notFound(thing(what, id));
  return n;
}
