import Link from "next/link";
import { useTranslations } from "next-intl";
import { Fragment } from "react";
import type { HostDto } from "@/lib/dto";

/** "through bastion" (or "through outer, inner"), each jump host linked to its page; nothing for a host reached directly. */
export function HostJumpChain({ chain }: { chain: HostDto["jumpChain"] }) {
  const t = useTranslations("host");
  if (chain.length === 0) return null;
  return (
    <span className="text-xs text-zinc-500" data-field="jump-chain">
      {t.rich("jumpChain", {
        hosts: () =>
          chain.map((j, i) => (
            <Fragment key={j.id}>
              {i > 0 && t("listSeparator")}
              <Link href={`/hosts/${j.id}`} className="underline">
                {j.name}
              </Link>
            </Fragment>
          )),
      })}
    </span>
  );
}
