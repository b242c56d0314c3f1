/** Under a form: why its last request failed, as an alert; nothing while there is no error. */
export function FormError({ error }: { error: Error | null | undefined }) {
  if (!error) return null;
  return (
    <p className="text-sm text-red-600" role="alert">
      {error.message}
    </p>
  );
}
