import { useTranslations } from "next-intl";

interface Props {
  isPending: boolean;
  error: Error | null;
  /** The status while loading: "Loading host…". */
  loading: string;
  /** The alert's words before the error's message: "Cannot load host 3". */
  failed: string;
  /** Words after the error's message: ". Retrying every few seconds." */
  retry?: string;
  /** In a chart's box rather than on a page: smaller text. */
  small?: boolean;
}

/** What a query has until its data is there: a loading status, or why it failed as an alert; nothing once there is data. */
export function QueryStatus({ isPending, error, loading, failed, retry, small = false }: Props) {
  const t = useTranslations("common");
  if (isPending)
    return (
      <p className={small ? "text-sm text-zinc-500" : "text-zinc-500"} role="status">
        {loading}
      </p>
    );
  if (error)
    return (
      <p className={small ? "text-sm text-red-600" : "text-red-600"} role="alert">
        {t("failedWith", { failed, message: error.message })}
        {retry}
      </p>
    );
  return null;
}
