// Absolute, home-relative and dot-relative paths, e.g. "/root/.ssh/id_ed25519" or "~/.ssh/key".
const PATH = /(?<![\w.\/-])(?:~|\.{1,2})?\/(?:[\w.@%+=,-]+\/?)+/g;

/**
 * An error message fit to show outside the dashboard: file paths become `<path>`, and the
 * connection settings it may quote (SSH user, key path, passphrase variable) become placeholders.
 */
export function scrubErrorMessage(
  message: string,
  settings: { username?: string | null; keyPath?: string | null; passphraseEnv?: string | null } = {},
): string {
  let out = message;
  if (settings.keyPath) out = out.split(settings.keyPath).join("<path>");
  out = out.replace(PATH, "<path>");
  if (settings.passphraseEnv) out = replaceWord(out, settings.passphraseEnv, "<env>");
  if (settings.username) out = replaceWord(out, settings.username, "<user>");
  return out;
}

function replaceWord(text: string, word: string, by: string): string {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text.replace(new RegExp(`(?<![\\w.-])${escaped}(?![\\w-])`, "g"), by);
}
