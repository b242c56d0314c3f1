import type { SocketOwner, SocketOwners, SocketProcess } from "../types";

const SUMMARY = /^(port|peer) (\S+)(?: uid (\d+))? (?:listeners|sockets) (\d+) processes (\d+|\?)$/;
const PROCESS = /^process (port|peer) (\S+) (\d+) (\d+|\?) (.*)$/;

/**
 * The `@@owners` section: `hidden N` (`hidden ?` when there was no socket to look up), `at EPOCH`
 * (when the processes were looked into), then for each group `port P uid U listeners N processes M`
 * or `peer ADDRESS:PORT [uid U] sockets N processes M` (`processes ?`: not looked up), each followed by up to three
 * `process port|peer KEY PID UID COMMAND` lines, and `user UID NAME` lines. Undefined when the
 * bundle has no such section (older probes) or it holds no `hidden` line (sockets read with ss).
 */
export function parseOwners(lines: string[] | undefined, asRoot = false): SocketOwners | undefined {
  const hidden = lines?.map((l) => /^hidden (\d+|\?)$/.exec(l.trim())).find(Boolean);
  if (!lines || !hidden) return undefined;
  const at = lines.map((l) => /^at (\d+)$/.exec(l.trim())).find(Boolean);
  const out: SocketOwners = {
    hiddenProcesses: hidden[1] === "?" ? null : Number(hidden[1]),
    asRoot,
    lookedAt: at ? Number(at[1]) * 1000 : null,
    byPort: {},
    byPeer: {},
    users: {},
  };
  const groupOf = (kind: string, key: string): SocketOwner | undefined => (kind === "port" ? out.byPort[Number(key)] : out.byPeer[key]);
  for (const raw of lines) {
    const line = raw.trim();
    const summary = SUMMARY.exec(line);
    if (summary) {
      const [, kind, key, uid, sockets, processes] = summary;
      const owner: SocketOwner = {
        uid: uid === undefined ? null : Number(uid),
        sockets: Number(sockets),
        processes: processes === "?" ? null : Number(processes),
        shown: [],
      };
      if (kind === "port" && /^\d+$/.test(key!) && Number(key) <= 65535) out.byPort[Number(key)] = owner;
      else if (kind === "peer") out.byPeer[key!] = owner;
      continue;
    }
    const process = PROCESS.exec(line);
    if (process) {
      const [, kind, key, pid, uid, command] = process;
      const shown: SocketProcess = { pid: Number(pid), uid: uid === "?" ? null : Number(uid), command: command! };
      groupOf(kind!, key!)?.shown.push(shown);
      continue;
    }
    const user = /^user (\d+) (\S+)$/.exec(line);
    if (user) out.users[Number(user[1])] = user[2]!;
  }
  return out;
}
