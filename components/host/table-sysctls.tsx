export function TableSysctls({ sysctls, missing, kernel }: { sysctls: Record<string, string>; missing: string[]; kernel: string | null }) {
  return (
    <section className="rounded border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="font-medium">TIME_WAIT-related settings</h2>
      <p className="mb-2 text-xs text-zinc-500">kernel {kernel ?? "unknown"}</p>
      <table className="w-full text-sm">
        <tbody>
          {Object.entries(sysctls).map(([name, value]) => (
            <tr key={name} className="border-t border-zinc-100 dark:border-zinc-800">
              <td className="py-1 font-mono text-xs">{name}</td><td className="py-1 text-right font-mono">{value}</td>
            </tr>
          ))}
          {missing.map((name) => (
            <tr key={name} className="border-t border-zinc-100 text-zinc-400 dark:border-zinc-800">
              <td className="py-1 font-mono text-xs">{name}</td><td className="py-1 text-right text-xs">not on this kernel</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
