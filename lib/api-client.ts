import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { ChannelDetailDto } from "./alerts/delivery";
import type { AlertRuleDto, OpenAlertsDto, SilenceDto } from "./alerts/dto";
import type { BreakdownSeriesDto, FleetDto, HostDetailDto, HostNamesDto, SeriesDto } from "./dto";
import { paramsFromQuery, type FleetQuery } from "./fleet-query";
import type { HostKeysDto } from "./host/host-keys-dto";

/** An API error with the server's message, for display. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => null)) as { error?: { message?: string; details?: unknown } } | null;
  if (res.status === 401 && url !== "/api/session") toSignIn();
  if (!res.ok) throw new ApiError(res.status, body?.error?.message ?? `HTTP ${res.status}`, body?.error?.details);
  return body as T;
}

/** A session that ended (expired, signed out elsewhere) sends the browser to sign in and come back. */
function toSignIn(): void {
  if (typeof window === "undefined" || window.location.pathname.startsWith("/s/")) return;
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname !== "/signin") window.location.assign(`/signin?next=${encodeURIComponent(here)}`);
}

export const postJson = <T>(url: string, body: unknown, method = "POST") => fetchJson<T>(url, { method, body: JSON.stringify(body) });

const LIVE_MS = 5_000;

/**
 * One page of the fleet view, kept live. While another page, filter or sort loads, the previous
 * answer stays on screen (`isPlaceholderData` says so) instead of an empty table.
 */
export const fleetQuery = (view: FleetQuery) => {
  const qs = paramsFromQuery(view).toString();
  return queryOptions({
    queryKey: ["hosts", qs],
    queryFn: () => fetchJson<FleetDto>(qs ? `/api/hosts?${qs}` : "/api/hosts"),
    refetchInterval: LIVE_MS,
    placeholderData: keepPreviousData,
  });
};

/** The hosts waiting for a first trusted key and those whose key changed; every 2 s while keys are being fetched. */
export const hostKeysQuery = (fetching: boolean) =>
  queryOptions({
    queryKey: ["host-keys"],
    queryFn: () => fetchJson<HostKeysDto>("/api/hosts/keys"),
    refetchInterval: fetching ? 2_000 : 15_000,
  });

/** Every host's id, name and tags, for pickers (alert rules, silences, history) that offer the whole fleet. */
export const hostNamesQuery = () =>
  queryOptions({ queryKey: ["host-names"], queryFn: () => fetchJson<HostNamesDto>("/api/hosts/names"), refetchInterval: 15_000 });

export const hostQuery = (id: number) =>
  queryOptions({ queryKey: ["host", id], queryFn: () => fetchJson<HostDetailDto>(`/api/hosts/${id}`), refetchInterval: LIVE_MS });

export const seriesQuery = (id: number, range: string) =>
  queryOptions({
    queryKey: ["series", id, range],
    queryFn: () => fetchJson<SeriesDto>(`/api/hosts/${id}/series?range=${encodeURIComponent(range)}`),
    refetchInterval: LIVE_MS,
  });

export const breakdownSeriesQuery = (id: number, range: string, kind: "port" | "peer") =>
  queryOptions({
    queryKey: ["breakdown-series", id, range, kind],
    queryFn: () => fetchJson<BreakdownSeriesDto>(`/api/hosts/${id}/breakdown-series?range=${encodeURIComponent(range)}&kind=${kind}`),
    refetchInterval: LIVE_MS,
  });

/** Pending and firing alerts, of the fleet or one host (the header, the fleet, the host and the Alerts page share it). */
export const openAlertsQuery = (hostId?: number | null) =>
  queryOptions({
    queryKey: ["alerts", "open", hostId ?? "all"],
    queryFn: () => fetchJson<OpenAlertsDto>(hostId ? `/api/alerts?host=${hostId}` : "/api/alerts"),
    refetchInterval: LIVE_MS,
  });

export const alertRulesQuery = () =>
  queryOptions({
    queryKey: ["alerts", "rules"],
    queryFn: () => fetchJson<{ rules: AlertRuleDto[] }>("/api/alerts/rules"),
    refetchInterval: LIVE_MS,
  });

export const silencesQuery = () =>
  queryOptions({
    queryKey: ["alerts", "silences"],
    queryFn: () => fetchJson<{ current: SilenceDto[]; past: SilenceDto[] }>("/api/alerts/silences"),
    refetchInterval: 15_000,
  });

/** Notification channels (admins only), with their queue and last error. */
export const alertChannelsQuery = () =>
  queryOptions({
    queryKey: ["alerts", "channels"],
    queryFn: () => fetchJson<{ channels: ChannelDetailDto[] }>("/api/alerts/channels"),
    refetchInterval: 15_000,
  });

/** A channel's delivery log: under the channels' key, so refreshing them refreshes it. */
export const alertChannelDeliveriesKey = (channelId: number) => ["alerts", "channels", channelId, "deliveries"];
