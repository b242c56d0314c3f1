import type { SshSettings } from "../types";

type SshSettingsInput = Omit<SshSettings, "keyPath" | "passphraseEnv"> & { keyPath?: string | null; passphraseEnv?: string | null };

/** A host's SSH settings alone, from anything that holds them (a host record, a form's input); a path not given is null. */
export function sshSettingsOf(s: SshSettingsInput): SshSettings {
  return {
    address: s.address,
    port: s.port,
    username: s.username,
    authMethod: s.authMethod,
    keyPath: s.keyPath ?? null,
    passphraseEnv: s.passphraseEnv ?? null,
  };
}
