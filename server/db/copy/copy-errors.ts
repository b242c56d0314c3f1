import "server-only";
import { msg, renderText, type Message, type MessageValues, type Translate } from "@/lib/i18n/message";
import { translatorFor } from "../../i18n/translator";
import type { CopyReport } from "./copy-report";

/** Why a copy stopped, as `cli.db.refused.*`: said in the command's language, `message` in English. */
abstract class CopyError extends Error {
  constructor(
    readonly text: Message,
    options?: ErrorOptions,
  ) {
    super(renderText(translatorFor("en"), text), options);
  }

  /** The reason in the language of `t`. */
  said(t: Translate): string {
    return renderText(t, this.text);
  }
}

export const copyReason = (key: string, values?: MessageValues): Message => msg(`cli.db.refused.${key}`, values);

/** The copy did not start: the source or target is not fit for it (the message says why and how to proceed). */
export class CopyRefused extends CopyError {}

/** A table's rows could not be copied; the transaction was rolled back. */
export class CopyFailed extends CopyError {}

/** The copy ran, but the target's counts differ from the source's; its transaction was rolled back. */
export class CountsDiffer extends CopyError {
  constructor(readonly report: CopyReport) {
    const differing = report.tables.filter((t) => t.source !== t.target).map((t) => t.table);
    super(copyReason("countsDiffer", { tables: differing.join(", ") }));
  }
}
