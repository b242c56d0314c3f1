import { useTranslations } from "next-intl";
import type { Risk } from "@/lib/advice/types";
import { TextCode } from "../ui/text-code";

/** "Why low risk: …": the reason after the risk word, which the reason itself never repeats. */
export function RemedyRiskReason({ risk, reason }: { risk: Risk; reason: string }) {
  const t = useTranslations("remedies");
  return t.rich("whyRisk", {
    risk: t(`risk.${risk}`),
    strong: (label) => <strong>{label}</strong>,
    reason: () => <TextCode text={reason} />,
  });
}
