import { formatDateTime, type TimeOptions } from "../format/time";

/** Detail fields that hold a moment in epoch milliseconds (`expiresAt`, `createdAt`, …). */
const isTimestampField = (key: string, value: unknown): value is number =>
  /At$/.test(key) && typeof value === "number" && Number.isFinite(value);

/** An audit entry's details as one line (keys are field names, kept as they are), "id: 12 · expiresAt: 2026-12-08 14:05:09 UTC", moments written as dates. */
export function describeAuditDetails(
  details: Record<string, unknown> | null,
  { zone, locale }: Pick<TimeOptions, "zone" | "locale"> = {},
): string {
  if (!details) return "";
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${isTimestampField(k, v) ? formatDateTime(v, { zone, locale }) : Array.isArray(v) ? v.join(", ") : String(v)}`)
    .join(" · ");
}
