import type { Remedy } from "@/lib/advice/types";

export function RemedySources({ remedy }: { remedy: Remedy }) {
  return (
    <p className="text-xs">
      Sources:{" "}
      {remedy.sources.map((s, i) => (
        <span key={s.url}>
          {i > 0 && " · "}
          <a className="underline" href={s.url} rel="noreferrer">
            {s.title}
          </a>
        </span>
      ))}
    </p>
  );
}
