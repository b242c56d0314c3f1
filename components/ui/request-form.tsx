import type { ReactNode } from "react";

/** A form that sends its own request: submitting calls `onSubmit` instead of loading another page. */
export function RequestForm({ className, onSubmit, children }: { className: string; onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}
