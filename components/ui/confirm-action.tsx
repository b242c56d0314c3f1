"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";

interface Props {
  /** The first button's text, and its accessible name (e.g. "Revoke snapshot 4 (web-1)"). */
  label: ReactNode;
  ariaLabel?: string;
  /** What will happen, asked before doing it: "Revoke this snapshot? Its link stops working at once." */
  question: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  onConfirm: () => void;
  buttonClassName: string;
}

/**
 * A destructive or trust-granting action that asks first, inline (no window.confirm): the button
 * turns into the question with Confirm and Cancel; Cancel, or Escape, goes back to the button.
 */
export function ConfirmAction({ label, ariaLabel, question, confirmLabel, busyLabel, busy, onConfirm, buttonClassName }: Props) {
  const t = useTranslations("common");
  const [asking, setAsking] = useState(false);
  if (!asking && !busy) {
    return (
      <button type="button" aria-label={ariaLabel} className={buttonClassName} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span
      role="group"
      aria-label={typeof label === "string" ? t("confirmWhat", { what: ariaLabel ?? label }) : t("confirm")}
      className="inline-flex flex-wrap items-center justify-end gap-2 text-left text-xs"
      onKeyDown={(e) => {
        if (e.key === "Escape" && !busy) setAsking(false);
      }}
    >
      <span className="basis-full text-zinc-700 sm:basis-auto dark:text-zinc-300" role="alert">
        {question}
      </span>
      <button
        type="button"
        className={buttonClassName}
        disabled={busy}
        onClick={() => {
          onConfirm();
          setAsking(false);
        }}
      >
        {busy ? busyLabel : confirmLabel}
      </button>
      {!busy && (
        <button
          type="button"
          autoFocus
          onClick={() => setAsking(false)}
          className="rounded border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {t("cancel")}
        </button>
      )}
    </span>
  );
}
