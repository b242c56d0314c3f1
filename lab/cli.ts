import { parseArgs } from "node:util";
import { down, status, up } from "./lab";

const USAGE = `usage: npm run lab -- up [--hosts N] [--behind-bastion N] [--duration 30m] [--no-scenarios]
       npm run lab -- status
       npm run lab -- down`;

function seconds(text: string): number {
  const m = /^(\d+)(s|m|h)?$/.exec(text);
  if (!m) throw new Error(`--duration takes 90s, 30m or 2h, not ${text}`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600 }[(m[2] ?? "s") as "s" | "m" | "h"];
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      hosts: { type: "string", default: "0" },
      "behind-bastion": { type: "string", default: "0" },
      duration: { type: "string", default: "30m" },
      "no-scenarios": { type: "boolean" },
    },
  });
  const command = positionals[0];
  if (command === "up") {
    const plainHosts = Number(values.hosts);
    if (!Number.isInteger(plainHosts) || plainHosts < 0 || plainHosts > 1000) throw new Error("--hosts takes 0 to 1000");
    const behindBastion = Number(values["behind-bastion"]);
    if (!Number.isInteger(behindBastion) || behindBastion < 0 || behindBastion > 200) throw new Error("--behind-bastion takes 0 to 200");
    const options = { plainHosts, behindBastion, durationSeconds: seconds(values.duration!), scenarios: !values["no-scenarios"] };
    const state = await up(options, console.log);
    console.log(
      `lab up: ${state.hosts.length} hosts registered in twscope; traffic stops by itself at ${new Date(state.endsAt).toLocaleTimeString()}`,
    );
    for (const h of state.hosts.filter((x) => x.kind === "scenario" || x.kind === "bastion"))
      console.log(`  ${h.name.padEnd(26)} ${h.address}`);
    const behind = state.hosts.filter((x) => x.kind === "behind");
    if (behind.length > 0) console.log(`  ${behind.length} hosts behind the bastion, ${behind[0]!.address} …, reached only through it`);
  } else if (command === "down") {
    const removed = await down();
    console.log(`lab down: removed ${removed.namespaces} namespaces and ${removed.hosts} twscope hosts`);
  } else if (command === "status") {
    const { state, hosts } = await status();
    if (!state) return console.log("no lab is up");
    console.log(
      `lab up since ${new Date(state.startedAt).toLocaleTimeString()}, traffic until ${new Date(state.endsAt).toLocaleTimeString()}`,
    );
    for (const h of hosts)
      console.log(
        `${h.name.padEnd(26)} ${h.address.padEnd(14)} sshd ${h.sshd ? "up  " : "DOWN"} tw ${String(h.timeWait).padStart(6)}  ${h.traffic}`,
      );
  } else {
    console.error(USAGE);
    process.exitCode = 2;
  }
}

main().catch((err: Error) => {
  console.error(`lab: ${err.message}`);
  process.exitCode = 1;
});
