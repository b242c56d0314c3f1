import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";

const BOX = "mt-1 block w-full rounded border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function Field({ label, hint, ...input }: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="block text-sm">
      <span className="font-medium">{label}</span>
      <input {...input} className={BOX} />
      {hint && <span className="text-xs text-zinc-500">{hint}</span>}
    </label>
  );
}

export function FieldTextarea({
  label,
  hint,
  ...textarea
}: { label: string; hint?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <label className="block text-sm">
      <span className="font-medium">{label}</span>
      <textarea {...textarea} className={`${BOX} text-xs`} />
      {hint && <span className="text-xs text-zinc-500">{hint}</span>}
    </label>
  );
}
