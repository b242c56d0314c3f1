import { useTranslations } from "next-intl";
import type { SocketOwners } from "@/lib/types";
import { useFormat } from "../i18n/use-format";
import { hiddenAsRootText } from "./owner-text";

/** How the process column was found, and what it could not see. */
export function OwnersNote({ owners, sampleAt }: { owners: SocketOwners | null | undefined; sampleAt: number }) {
  const t = useTranslations("host.owners");
  const format = useFormat();
  const after = (second: string) => t("sentences", { first: t("how"), second });
  const text = !owners
    ? t("notLookedUp")
    : owners.hiddenProcesses === null
      ? after(t("nothingToLookUp"))
      : owners.hiddenProcesses > 0 && owners.asRoot
        ? after(t("ranAsRoot", { hidden: hiddenAsRootText(t, owners.hiddenProcesses) }))
        : owners.hiddenProcesses > 0
          ? after(t("someHidden", { count: owners.hiddenProcesses, hint: t("privilegeHint") }))
          : after(t("allSeen"));
  // A serving probe looks into the processes at most once a minute (host clock against the collector's).
  const age = owners?.lookedAt ? sampleAt - owners.lookedAt : 0;
  return (
    <p className="text-xs text-zinc-500 md:col-span-2">
      {age >= 5000 ? t("sentences", { first: text, second: t("lookedBefore", { age: format.duration(age) }) }) : text}
    </p>
  );
}
