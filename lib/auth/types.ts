import type { Locale } from "../i18n/locales";
/** Roles: a viewer browses and shares snapshots; an admin also manages hosts, credentials, keys and users. */
export const ROLES = ["viewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** A user as the API returns it: never the password hash. */
export interface UserDto {
  id: number;
  name: string;
  role: Role;
  /** The language chosen in the header; null follows the browser. */
  language: Locale | null;
  createdAt: number;
  updatedAt: number;
}

/** Who is making a request: a signed-in user, or a user named by a trusted reverse proxy. */
export interface Principal {
  userId: number | null;
  name: string;
  role: Role;
  via: "session" | "proxy";
  /** The language the user chose, when known; otherwise the browser's (or a cookie's) decides. */
  language?: Locale | null;
}

export interface AuditEntryDto {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
}
