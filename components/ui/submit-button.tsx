import type { ReactNode } from "react";

const LOOK = "rounded bg-zinc-900 px-4 py-2 text-white disabled:opacity-40 dark:bg-zinc-100 dark:text-zinc-900";

interface Props {
  /** The request is on its way: the button is disabled and says `pendingLabel` instead of its own words. */
  pending: boolean;
  pendingLabel: string;
  /** Disabled for another reason too (the form is not complete yet). */
  disabled?: boolean;
  /** As wide as the form (the sign-in and setup pages). */
  wide?: boolean;
  children: ReactNode;
}

/** A form's main button. */
export function SubmitButton({ pending, pendingLabel, disabled = false, wide = false, children }: Props) {
  return (
    <button type="submit" disabled={pending || disabled} className={wide ? `w-full ${LOOK}` : LOOK}>
      {pending ? pendingLabel : children}
    </button>
  );
}
