import Link from "next/link";
import { TextCode } from "../ui/text-code";

const TEXT = {
  used: {
    title: "This setup link has already been used",
    body: "twscope has its admin account now, and the one-time link stopped working when it was created. Sign in with that account; an admin adds further users on the Users page (or with `twscope user add` on the server).",
  },
  wrong: {
    title: "This setup link is not valid",
    body: "It does not match any link twscope printed. Copy the whole link from the server's log (any start's link works until the first admin exists).",
  },
} as const;

/** Shown instead of the setup form when the link was spent or is stale, so it does not silently become sign-in. */
export function SetupLinkSpent({ reason }: { reason: keyof typeof TEXT }) {
  const { title, body } = TEXT[reason];
  return (
    <section className="mx-auto max-w-md space-y-3 pt-8" data-setup-link={reason}>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        <TextCode text={body} />
      </p>
      {reason === "used" && (
        <Link href="/signin" className="inline-block rounded bg-zinc-900 px-4 py-2 text-white dark:bg-zinc-100 dark:text-zinc-900">
          Sign in
        </Link>
      )}
    </section>
  );
}
