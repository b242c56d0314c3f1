import { useTranslations } from "next-intl";
import { effectiveConfig } from "@/lib/advice/context";
import { parseKernel } from "@/lib/advice/kernel";
import { defaultOf, riskOf } from "@/lib/advice/sysctl-facts";
import { renderText } from "@/lib/i18n/message";
import type { ConfiguredSysctl } from "@/lib/types";
import { useTranslate } from "../i18n/translate";

interface Props {
  sysctls: Record<string, string>;
  missing: string[];
  kernel: string | null;
  configured: ConfiguredSysctl[];
}

/** Each TIME_WAIT-related setting: its value, this kernel's default, which file sets it, and a flag if risky. */
export function SysctlsTable({ sysctls, missing, kernel, configured }: Props) {
  const t = useTranslations("host.sysctls");
  const translate = useTranslate();
  const k = parseKernel(kernel);
  const files = effectiveConfig(configured);
  return (
    <section className="overflow-x-auto rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="font-medium">{t("title")}</h2>
      <p className="mb-2 text-xs text-zinc-500">{kernel == null ? t("kernelUnknown") : t("kernel", { kernel })}</p>
      <table className="w-full text-sm">
        <thead className="text-left text-xs text-zinc-500">
          <tr>
            <th className="py-1">{t("setting")}</th>
            <th className="py-1 text-right">{t("value")}</th>
            <th className="py-1 text-right">{t("default")}</th>
            <th className="py-1 pl-3">{t("configuredIn")}</th>
            <th className="py-1 pl-3">{t("note")}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(sysctls).map(([name, value]) => {
            const found = riskOf(name, value, sysctls);
            const risk = found && renderText(translate, found);
            const file = files.get(name);
            return (
              <tr
                key={name}
                className={`border-t border-zinc-100 dark:border-zinc-800 ${risk ? "bg-amber-50 dark:bg-amber-950/40" : ""}`}
                data-sysctl={name}
              >
                <td className="py-1 font-mono text-xs">{name}</td>
                <td className="py-1 text-right font-mono">{value}</td>
                <td className="py-1 text-right font-mono text-xs text-zinc-500">{renderText(translate, defaultOf(name, k))}</td>
                <td className="py-1 pl-3 font-mono text-xs text-zinc-500">{file ? `${file.file} (${file.value})` : t("runtimeOnly")}</td>
                <td className="py-1 pl-3 text-xs">
                  {risk && <span className="font-semibold text-amber-800 dark:text-amber-300">{t("risky", { risk })}</span>}
                </td>
              </tr>
            );
          })}
          {missing.map((name) => (
            <tr key={name} className="border-t border-zinc-100 text-zinc-400 dark:border-zinc-800">
              <td className="py-1 font-mono text-xs">{name}</td>
              <td className="py-1 text-right text-xs" colSpan={4}>
                {t("notOnKernel")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
