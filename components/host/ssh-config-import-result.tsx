import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ImportResultDto } from "@/lib/dto";
import { renderText } from "@/lib/i18n/message";
import { useTranslate } from "../i18n/translate";

/** What an OpenSSH config import did: hosts added, skipped, warned about, and config lines it did not apply. */
export function SshConfigImportResult({ result }: { result: ImportResultDto }) {
  const t = useTranslations("hostForms.sshConfig");
  const words = useTranslate();
  const { created, skipped, ignored, warnings } = result;
  return (
    <div className="space-y-2 text-sm" role="status">
      <p>{t("summary", { created: created.length, skipped: skipped.length, ignored: ignored.length })}</p>
      {created.length > 1 && (
        <p>
          {t.rich("confirmTogether", {
            link: (chunks) => (
              <Link className="underline" href="/hosts/keys">
                {chunks}
              </Link>
            ),
          })}
        </p>
      )}
      <ul className="list-disc pl-5">
        {created.map((h) => (
          <li key={h.id}>
            {t.rich("created", {
              name: h.name,
              jumps: h.jumpChain.length > 0 ? "yes" : "no",
              through: h.jumpChain.map((j) => j.name).join(t("listSeparator")),
              link: (chunks) => (
                <Link className="underline" href={`/hosts/${h.id}`}>
                  {chunks}
                </Link>
              ),
            })}
          </li>
        ))}
        {skipped.map((s) => (
          <li key={s.name}>{t("skipped", { name: s.name, reason: renderText(words, s.reason) })}</li>
        ))}
      </ul>
      {warnings.length > 0 && (
        <div>
          <h2 className="font-medium">{t("toFix")}</h2>
          <ul className="list-disc pl-5 text-amber-800 dark:text-amber-300">
            {warnings.map((w) => (
              <li key={w.name}>{t("warning", { name: w.name, message: renderText(words, w.message) })}</li>
            ))}
          </ul>
        </div>
      )}
      {ignored.length > 0 && (
        <div>
          <h2 className="font-medium">{t("notApplied")}</h2>
          <ul className="space-y-0.5" aria-label={t("notAppliedLabel")}>
            {ignored.map((i) => (
              <li key={i.line}>
                <span className="font-mono text-xs text-zinc-500">{t("line", { line: i.line })}</span>{" "}
                <code className="font-mono text-xs break-all">{i.text}</code>
                {t("ignoredReason", { reason: renderText(words, i.reason) })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
