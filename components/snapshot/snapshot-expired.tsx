import { useTranslations } from "next-intl";
import { Timestamp } from "../ui/timestamp";

/** What an expired link shows (answered with 410 by the proxy); nothing of the frozen data. */
export function SnapshotExpired({ expiresAt }: { expiresAt: number }) {
  const t = useTranslations("snapshot.expired");
  return (
    <section
      className="mx-auto max-w-xl rounded border border-zinc-200 bg-white p-6 text-center dark:border-zinc-800 dark:bg-zinc-900"
      data-testid="snapshot-expired"
    >
      <h1 className="text-xl font-semibold">{t.rich("title", { at: () => <Timestamp at={expiresAt} /> })}</h1>
      <p className="mt-2 text-sm text-zinc-500">{t("ask")}</p>
    </section>
  );
}
