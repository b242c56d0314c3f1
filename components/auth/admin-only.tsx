/** Shown instead of an admin page to a signed-in viewer. */
export function AdminOnly({ what }: { what: string }) {
  return (
    <div className="max-w-xl space-y-2" role="alert">
      <h1 className="text-2xl font-semibold">Admins only</h1>
      <p className="text-zinc-600 dark:text-zinc-300">
        {what} needs the admin role. Ask an admin of this twscope to change your role on the Users page.
      </p>
    </div>
  );
}
