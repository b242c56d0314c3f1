/**
 * The `authorized_keys` line of a key restricted to the installed probe, as the README tells a
 * host owner to write it; the lab and the tests write theirs with it.
 */

/** Where a host keeps the probe for a key that may run nothing else (root-owned, mode 0755). */
const INSTALLED_PROBE_PATH = "/usr/local/libexec/twscope/twscope-probe";

/**
 * The longest a probe may run under a restricted key: a serving probe ends itself after an hour
 * (`MAX_SECONDS`), and the key's `timeout` is the ceiling if it cannot.
 */
const RESTRICTED_RUN_CEILING_SECONDS = 3700;

/**
 * The `authorized_keys` line that lets `publicKey` run the installed probe and nothing else:
 * `restrict` turns off pty, forwarding, agent, X11 and `~/.ssh/rc`; sshd runs `command` whatever
 * the client asks for, under `timeout` so no probe outlives its session's hour. A single run that
 * hangs is killed sooner, by the poller's deadline.
 */
export function restrictedKeyLine(
  publicKey: string,
  probePath = INSTALLED_PROBE_PATH,
  {
    timeoutSeconds = RESTRICTED_RUN_CEILING_SECONDS,
    viaSudo = false,
    permitOpen = [],
  }: {
    timeoutSeconds?: number;
    /** Run the probe through its sudo rule (`probeSudoRule`), as root. */
    viaSudo?: boolean;
    /** For a jump host: the `host:port`s the key may open channels to (`port-forwarding` with a `permitopen` each). */
    permitOpen?: string[];
  } = {},
): string {
  plainPath(probePath);
  if (!permitOpen.every((t) => /^[\w.:-]+:\d+$/.test(t))) throw new Error(`permitopen takes host:port, not ${permitOpen.join(" ")}`);
  const forwarding = permitOpen.length > 0 ? `port-forwarding,${permitOpen.map((t) => `permitopen="${t}"`).join(",")},` : "";
  return `restrict,${forwarding}command="timeout -k 2 ${timeoutSeconds} ${viaSudo ? "sudo -n " : ""}${probePath}" ${publicKey.trim()}`;
}

/**
 * The sudoers file that lets `account` run the installed probe, and nothing else, as root (with the
 * key line's `viaSudo`): root sees every process's open files, so the probe names the processes
 * behind the sockets. `SSH_ORIGINAL_COMMAND` is kept so the probe still hears `--serve`; it
 * reads nothing else from it.
 */
export function probeSudoRule(account: string, probePath = INSTALLED_PROBE_PATH): string {
  plainPath(probePath);
  if (!/^[a-z_][a-z0-9_-]*$/.test(account)) throw new Error(`the account must be a plain user name, not ${account}`);
  return [`Defaults!${probePath} env_keep += "SSH_ORIGINAL_COMMAND"`, `${account} ALL=(root) NOPASSWD: ${probePath}`, ""].join("\n");
}

function plainPath(probePath: string): void {
  if (!/^\/[\w./-]+$/.test(probePath)) throw new Error(`the probe path must be a plain absolute path, not ${probePath}`);
}
