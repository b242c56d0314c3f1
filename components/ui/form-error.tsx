/** The field-by-field reasons a server gave for refusing input (`details` of an invalid_input error). */
function issuesOf(error: Error): { path: string; message: string }[] {
  const details = (error as Error & { details?: unknown }).details;
  if (!Array.isArray(details)) return [];
  return details.filter((d): d is { path: string; message: string } => typeof d?.message === "string");
}

/** Under a form: why its last request failed, as an alert, with the server's reason per field; nothing while there is no error. */
export function FormError({ error }: { error: Error | null | undefined }) {
  if (!error) return null;
  const issues = issuesOf(error);
  return (
    <div className="text-sm text-red-600" role="alert">
      <p>{error.message}</p>
      {issues.length > 0 && (
        <ul className="list-disc pl-5">
          {issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              {i.path && <code className="mr-1">{i.path}</code>}
              {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
