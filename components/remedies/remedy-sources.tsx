import { useTranslations } from "next-intl";
import type { Remedy } from "@/lib/advice/types";

/** The articles and kernel pages a remedy is written from, by their own titles. */
export function RemedySources({ remedy }: { remedy: Remedy }) {
  const t = useTranslations("remedies");
  const links = remedy.sources.map((s, i) => (
    <span key={s.url}>
      {i > 0 && " · "}
      <a className="underline" href={s.url} rel="noreferrer">
        {s.title}
      </a>
    </span>
  ));
  return <p className="text-xs">{t.rich("sources", { list: () => links })}</p>;
}
