import type { TcpState } from "../../types";

const NAMES: Record<string, TcpState> = {
  established: "ESTAB", "syn-sent": "SYN-SENT", "syn-recv": "SYN-RECV", "fin-wait-1": "FIN-WAIT-1",
  "fin-wait-2": "FIN-WAIT-2", "time-wait": "TIME-WAIT", closed: "CLOSE", "close-wait": "CLOSE-WAIT",
  "last-ack": "LAST-ACK", listening: "LISTEN", closing: "CLOSING",
};
const ALL = Object.values(NAMES);
const CONNECTED = ALL.filter((s) => s !== "LISTEN" && s !== "CLOSE");
const BUCKET: TcpState[] = ["SYN-RECV", "TIME-WAIT"];
// The groups `ss state` accepts (see ss(8)).
const GROUPS: Record<string, TcpState[]> = {
  all: ALL,
  connected: CONNECTED,
  synchronized: CONNECTED.filter((s) => s !== "SYN-SENT"),
  bucket: BUCKET,
  big: ALL.filter((s) => !BUCKET.includes(s)),
};

export type SsStateFilter =
  | {
      /** States the list holds, or null when no `state`/`exclude` filter was given. */
      states: Set<TcpState> | null;
      /** The one state selected: ss then leaves out its State column. */
      single: TcpState | null;
      /** The filter as written, when the list is partial. */
      text: string | null;
      /** An address or port expression: only matching sockets are listed, listeners included. */
      expression: boolean;
    }
  | { error: string };

/** Reads the `state X`, `exclude X` and expression operands of an ss command line. */
export function readSsStateFilter(operands: string[]): SsStateFilter {
  const selected = new Set<TcpState>();
  const excluded = new Set<TcpState>();
  const expression: string[] = [];
  let filtered = false;
  for (let i = 0; i < operands.length; i++) {
    const word = operands[i]!;
    if (word !== "state" && word !== "exclude" && word !== "except") {
      expression.push(word);
      continue;
    }
    const name = (operands[++i] ?? "").toLowerCase();
    const states = NAMES[name] ? [NAMES[name]] : GROUPS[name];
    if (!states) return { error: `unknown ss state "${name}"` };
    filtered = true;
    for (const s of states) (word === "state" ? selected : excluded).add(s);
  }
  if (!filtered && !expression.length) return { states: null, single: null, text: null, expression: false };
  const states = new Set(selected.size ? selected : ALL);
  for (const s of excluded) states.delete(s);
  const whole = states.size === ALL.length && !expression.length;
  return {
    states: filtered ? states : null,
    single: states.size === 1 ? [...states][0]! : null,
    text: whole ? null : operands.join(" "),
    expression: expression.length > 0,
  };
}
