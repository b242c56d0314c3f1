"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { fetchJson, postJson } from "@/lib/api-client";
import { scrapeConfigYaml } from "@/lib/metrics/scrape-config";
import type { MetricsTokenCreatedDto, MetricsTokenDto } from "@/lib/metrics/tokens";
import { Field } from "../ui/field";
import { FormError } from "../ui/form-error";
import { QueryStatus } from "../ui/query-status";
import { RequestForm } from "../ui/request-form";
import { SubmitButton } from "../ui/submit-button";
import { MetricsTokenTable } from "./metrics-token-table";
import { ScrapeConfigBlock } from "./scrape-config-block";

const tokensQuery = { queryKey: ["metrics-tokens"], queryFn: () => fetchJson<{ tokens: MetricsTokenDto[] }>("/api/metrics-tokens") };

/** Admins create the tokens Prometheus scrapes /metrics with (each shown once) and revoke them. */
export function MetricsTokensView({ publicUrl }: { publicUrl: string }) {
  const t = useTranslations("prometheus");
  const client = useQueryClient();
  const { data, error, isPending } = useQuery(tokensQuery);
  const refresh = () => void client.invalidateQueries({ queryKey: ["metrics-tokens"] });
  const [name, setName] = useState("prometheus");
  const create = useMutation({
    mutationFn: () => postJson<MetricsTokenCreatedDto>("/api/metrics-tokens", { name }),
    onSuccess: () => {
      setName("");
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => fetchJson(`/api/metrics-tokens/${id}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
  const created = create.data;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-300">
          {t.rich("intro", { url: `${publicUrl}/metrics`, code: (c) => <code className="font-mono">{c}</code> })}
        </p>
      </div>
      {created && (
        <ScrapeConfigBlock name={created.name} token={created.token} yaml={scrapeConfigYaml({ publicUrl, token: created.token })} />
      )}
      <QueryStatus isPending={isPending} error={error} loading={t("loading")} failed={t("failed")} />
      {data && (
        <MetricsTokenTable tokens={data.tokens} revokingId={revoke.isPending ? revoke.variables : undefined} onRevoke={revoke.mutate} />
      )}
      <FormError error={revoke.error} />
      <RequestForm className="max-w-md space-y-3" onSubmit={() => create.mutate()}>
        <h2 className="text-lg font-semibold">{t("create.title")}</h2>
        <Field
          label={t("create.name")}
          hint={t("create.hint")}
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <SubmitButton pending={create.isPending} pendingLabel={t("create.pending")}>
          {t("create.submit")}
        </SubmitButton>
        <FormError error={create.error} />
      </RequestForm>
    </div>
  );
}
