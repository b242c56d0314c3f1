import { useTranslations } from "next-intl";
import Link from "next/link";
import { TextCode } from "../ui/text-code";

/** Shown instead of the setup form when the link was spent or is stale, so it does not silently become sign-in. */
export function SetupLinkSpent({ reason }: { reason: "used" | "wrong" }) {
  const t = useTranslations("auth.setup");
  return (
    <section className="mx-auto max-w-md space-y-3 pt-8" data-setup-link={reason}>
      <h1 className="text-2xl font-semibold">{t(`${reason}.title`)}</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        <TextCode text={t(`${reason}.body`)} />
      </p>
      {reason === "used" && (
        <Link href="/signin" className="inline-block rounded bg-zinc-900 px-4 py-2 text-white dark:bg-zinc-100 dark:text-zinc-900">
          {t("signIn")}
        </Link>
      )}
    </section>
  );
}
