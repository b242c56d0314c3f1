import { useTranslations } from "next-intl";
import { REMEDIES } from "@/lib/advice/remedies";
import { filterRemedies, STANCES, type RemedyFilter } from "@/lib/advice/remedy-catalogue";
import { RemedyArticle } from "./remedy-article";
import { RemedyContents } from "./remedy-contents";
import { RemedyFilters } from "./remedy-filters";

/** Every remedy with its risk, effects, commands and sources: the page findings link into. */
export function RemedyCatalogue({ filter }: { filter: RemedyFilter }) {
  const t = useTranslations("remedies");
  const shown = filterRemedies(REMEDIES, filter);
  return (
    <section className="min-w-0 space-y-4">
      <h1 className="text-2xl font-semibold">{t("heading")}</h1>
      <p className="max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">{t("intro")}</p>
      <RemedyFilters filter={filter} shown={shown.length} total={REMEDIES.length} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <aside className="min-w-0 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto">
          <RemedyContents remedies={shown} />
        </aside>
        <div className="min-w-0 space-y-6">
          {shown.length === 0 && <p className="text-sm text-zinc-500">{t("noMatch")}</p>}
          {STANCES.map((stance) => {
            const list = shown.filter((r) => r.stance === stance);
            return list.length === 0 ? null : (
              <div key={stance} className="space-y-4">
                <h2 className="text-lg font-semibold">{t(`stance.${stance}`)}</h2>
                {list.map((r) => (
                  <RemedyArticle key={r.id} remedy={r} />
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
