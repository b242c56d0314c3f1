import { useLocale } from "next-intl";
import { useMemo } from "react";
import { formatterFor, type Formatter } from "@/lib/format/formatter";

/** Numbers, moments and lengths of time in the reader's language (see lib/format/formatter.ts). */
export function useFormat(): Formatter {
  const locale = useLocale();
  return useMemo(() => formatterFor(locale), [locale]);
}
