"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { FleetFindingDto, FleetHostDto } from "@/lib/dto";
import { applyQuery, DEFAULT_QUERY, fleetTotals, nextView, pageInfoOf, pageRows, tagsOf, type FleetQuery } from "@/lib/fleet-query";
import { DEFAULT_POLL_INTERVAL_MS } from "@/lib/host/freshness";
import type { FleetSnapshotPayload } from "@/lib/snapshot/types";
import { renderText } from "@/lib/i18n/message";
import { useTranslate } from "../i18n/translate";
import { FleetReport } from "../fleet/fleet-report";

/**
 * The fleet page from frozen data: filters, sort and pages work in memory over every row the snapshot
 * holds, ages are judged at capture, host names link nowhere.
 */
export function SnapshotFleetReport({ payload, capturedAt }: { payload: FleetSnapshotPayload; capturedAt: number }) {
  const t = useTranslations("snapshot.fleet");
  const [view, setView] = useState<FleetQuery>(DEFAULT_QUERY);
  const pollIntervalMs = payload.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const hosts: FleetHostDto[] = payload.hosts.map((row) => ({ ...row, username: "", zone: null, collector: null, noCollector: false }));
  const translate = useTranslate();
  const ordered = applyQuery(hosts, view, capturedAt, pollIntervalMs, (text) => renderText(translate, text));
  return (
    <FleetReport
      rows={pageRows(ordered, view)}
      info={pageInfoOf(view, ordered.length, hosts.length)}
      totals={fleetTotals(hosts, capturedAt, pollIntervalMs)}
      tags={tagsOf(hosts)}
      findings={withSampleAges(payload.findings, hosts)}
      pollIntervalMs={pollIntervalMs}
      view={view}
      onChange={(patch) => setView((v) => nextView(v, patch))}
      footnote={t("footnote")}
      linkHosts={false}
      capturedAt={capturedAt}
      empty={
        <p className="rounded border border-dashed border-zinc-300 p-8 text-center text-zinc-500 dark:border-zinc-700">{t("empty")}</p>
      }
    />
  );
}

/** A snapshot's findings name its rows by row id: each gets its row's sample time and source, to judge its age at capture. */
function withSampleAges(findings: FleetFindingDto[], hosts: FleetHostDto[]): FleetFindingDto[] {
  const byId = new Map(hosts.map((h) => [h.id, h]));
  return findings.map((f) => ({
    ...f,
    hosts: f.hosts.map((h) => {
      const row = byId.get(h.id);
      return row?.current ? { ...h, transport: row.transport, at: row.current.at } : h;
    }),
  }));
}
