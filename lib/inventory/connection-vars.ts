import type { InventoryVars } from "./inventory-tree";
import { msg, type StoredText } from "../i18n/message";
import { reasonOf } from "./inventory-problem";
import { splitWords } from "./shell-words";

/** Where and as whom twscope reaches a host, from its Ansible connection variables. */
export interface InventoryConnection {
  address: string;
  port: number | null;
  user: string | null;
  keyFile: string | null;
  /** Jump hosts as ssh's `-J` takes them (`user@bastion:port,…`). */
  jump: string | null;
}

/** A variable the inventory sets that twscope does not apply, with why. Never the value: it may be a secret. */
export interface NotApplied {
  variable: string;
  /** Said in the reader's language by whoever shows it (the API and the CLI render it as text). */
  reason: StoredText;
}

export type ConnectionRead = { connection: InventoryConnection; notApplied: NotApplied[] } | { skip: StoredText };

const SSH_CONNECTIONS = new Set(["ssh", "smart", "paramiko", "paramiko_ssh", "ansible.builtin.ssh", "ansible.builtin.paramiko_ssh"]);
const SECRETS = [
  "ansible_password",
  "ansible_ssh_pass",
  "ansible_ssh_password",
  "ansible_become_pass",
  "ansible_become_password",
  "ansible_ssh_private_key_passphrase",
];
const SECRET_REASON = msg("inventory.reasons.secret");
const BECOME_REASON = msg("inventory.reasons.become");
const TEMPLATE_REASON = msg("inventory.reasons.template");

/**
 * Maps a host's merged variables to twscope's connection fields: `ansible_host`, `ansible_port`,
 * `ansible_user` and `ansible_ssh_private_key_file` (and their older `ansible_ssh_*` names), and a
 * jump host given with `-J` or `-o ProxyJump=` in `ansible_ssh_common_args` / `ansible_ssh_extra_args`.
 * Passwords, privilege escalation, ProxyCommand and host-key options are listed as not applied;
 * a host Ansible reaches other than over SSH (`ansible_connection=local`, `docker`, `winrm`…) is skipped.
 */
export function connectionOf(name: string, vars: InventoryVars): ConnectionRead {
  const notApplied: NotApplied[] = [];
  const text = (...keys: string[]): string | null => {
    for (const key of keys) {
      const v = vars[key];
      if (v === undefined || v === null || v === "") continue;
      const s = typeof v === "string" ? v : typeof v === "number" ? String(v) : null;
      if (s === null) notApplied.push({ variable: key, reason: msg("inventory.reasons.notSingleValue") });
      else if (s.includes("{{") || s.includes("{%")) notApplied.push({ variable: key, reason: TEMPLATE_REASON });
      else return s;
      return null;
    }
    return null;
  };
  const kind = text("ansible_connection");
  if (kind !== null && !SSH_CONNECTIONS.has(kind)) return { skip: msg("inventory.reasons.notSsh", { kind }) };

  const address = text("ansible_host", "ansible_ssh_host") ?? name;
  const portText = text("ansible_port", "ansible_ssh_port");
  let port: number | null = null;
  if (portText !== null) {
    port = /^\d+$/.test(portText) && Number(portText) >= 1 && Number(portText) <= 65535 ? Number(portText) : null;
    if (port === null) notApplied.push({ variable: "ansible_port", reason: msg("inventory.reasons.notPort", { port: portText }) });
  }
  const user = text("ansible_user", "ansible_ssh_user");
  const keyFile = text("ansible_ssh_private_key_file", "ansible_private_key_file");
  for (const key of SECRETS) if (vars[key] != null) notApplied.push({ variable: key, reason: SECRET_REASON });
  for (const key of Object.keys(vars)) {
    if (key.startsWith("ansible_become") && !SECRETS.includes(key)) notApplied.push({ variable: key, reason: BECOME_REASON });
  }
  let jump: string | null = null;
  for (const key of ["ansible_ssh_common_args", "ansible_ssh_extra_args"]) {
    const args = text(key);
    if (args === null) continue;
    const read = readSshArgs(key, args, notApplied);
    jump = read ?? jump;
  }
  return {
    connection: {
      address,
      port,
      user,
      keyFile,
      jump,
    },
    notApplied,
  };
}

/** The jump hosts that ssh arguments give, listing every other option as not applied. */
function readSshArgs(variable: string, args: string, notApplied: NotApplied[]): string | null {
  let words: string[];
  try {
    words = splitWords(args);
  } catch (err) {
    notApplied.push({ variable, reason: reasonOf(err) });
    return null;
  }
  let jump: string | null = null;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const attached = /^-(J|o)(.+)$/.exec(word);
    const flag = attached ? attached[1] : word === "-J" || word === "-o" ? word.slice(1) : null;
    const value = attached ? attached[2]! : flag ? words[++i] : undefined;
    if (flag && value === undefined) {
      notApplied.push({ variable, reason: msg("inventory.reasons.noValue", { word }) });
    } else if (flag === "J") {
      jump = value!;
    } else if (flag === "o") {
      const option = /^\s*(\w+)\s*(?:=|\s)\s*(.*)$/.exec(value!);
      const optionName = option?.[1]?.toLowerCase();
      if (optionName === "proxyjump") jump = option![2]!;
      else if (optionName === "proxycommand") notApplied.push({ variable, reason: msg("inventory.reasons.proxyCommand") });
      else if (optionName === "stricthostkeychecking" || optionName === "userknownhostsfile")
        notApplied.push({ variable, reason: msg("inventory.reasons.hostKeyOption", { option: option![1]! }) });
      else notApplied.push({ variable, reason: msg("inventory.reasons.sshOption", { option: option?.[1] ?? value! }) });
    } else {
      notApplied.push({ variable, reason: msg("inventory.reasons.sshArgument", { word }) });
    }
  }
  return jump;
}
