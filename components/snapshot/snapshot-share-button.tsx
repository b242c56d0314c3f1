"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import type { ShareRequest } from "@/lib/snapshot/client";
import { SnapshotShareFormView } from "./snapshot-share-form-view";

/** "Share snapshot" and its dialog; closing it discards the form, so a link is shown only once. */
export function SnapshotShareButton({ request, subject }: { request: ShareRequest; subject: string }) {
  const t = useTranslations("snapshot.share");
  const dialog = useRef<HTMLDialogElement>(null);
  const [closings, setClosings] = useState(0);
  return (
    <>
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="rounded border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        {t("button")}
      </button>
      <dialog
        ref={dialog}
        aria-label={t("dialog", { subject })}
        onClose={() => setClosings((n) => n + 1)}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded border border-zinc-200 bg-white p-4 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <SnapshotShareFormView key={closings} request={request} subject={subject} onDone={() => dialog.current?.close()} />
      </dialog>
    </>
  );
}
