import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { LAB_PROBE } from "@/lab/probe";
import { LAB_USER, type LabHost } from "@/lab/state";
import { cpuMsOfTimes, machineCpuMs } from "./cpu-time";
import { timed } from "./stats";

const execFileP = promisify(execFile);

/** What an ops team points its own tools at: the lab's hosts, monitoring key and host keys. */
export interface FanOutTargets {
  dir: string;
  hosts: LabHost[];
  key: string;
  knownHosts: string;
  parallel: number;
}

/** Writes a known_hosts of the lab's host keys, so every tool checks keys strictly, as twscope does. */
export function prepareTargets(workDir: string, labDir: string, hosts: LabHost[], parallel: number): FanOutTargets {
  const dir = path.join(workDir, "fan-out");
  fs.mkdirSync(dir, { recursive: true });
  const knownHosts = path.join(dir, "known_hosts");
  fs.writeFileSync(
    knownHosts,
    hosts
      .map((h) => {
        const [type, key] = fs.readFileSync(path.join(labDir, "hosts", h.name, "host_key.pub"), "utf8").split(" ");
        return `${h.address} ${type} ${key}\n`;
      })
      .join(""),
  );
  return { dir, hosts, key: path.join(labDir, "monitor_key"), knownHosts, parallel };
}

interface FanOutRun {
  ms: number;
  /** CPU of the tool and every process it waited for (ssh clients included), from the shell's `times`. */
  cpuMs: number;
  /** CPU of the whole machine during the run, lab hosts included. */
  machineCpuMs: number;
  ok: number;
}

const sshOptions = (t: FanOutTargets) =>
  `-o IdentitiesOnly=yes -o BatchMode=yes -o UserKnownHostsFile=${t.knownHosts} -o StrictHostKeyChecking=yes -o LogLevel=ERROR`;

/** Runs `script` under `sh`, timed, with the CPU of everything it waited for. */
async function runTimed(script: string, env: NodeJS.ProcessEnv = process.env): Promise<Omit<FanOutRun, "ok"> & { stdout: string }> {
  const machine = machineCpuMs();
  const { ms, result } = await timed(() =>
    execFileP("sh", ["-c", `${script}\ntimes >&2`], { env, maxBuffer: 256 * 1024 * 1024 }).catch(
      (err: { stdout?: string; stderr?: string }) => ({ stdout: err.stdout ?? "", stderr: err.stderr ?? "" }),
    ),
  );
  return { ms, cpuMs: cpuMsOfTimes(result.stderr), machineCpuMs: machineCpuMs() - machine, stdout: result.stdout };
}

/**
 * `ansible all -m raw -a <probe> -f N` over an inventory of the lab. Ansible's own defaults stay
 * (ControlMaster=auto, ControlPersist=60s): with a fresh `controlDir` each run opens every
 * connection; a second run on the same `controlDir` within 60 s reuses them. Only `-tt` goes
 * (ansible_ssh_use_tty=False): a restricted key refuses a pty, and raw then fails with rc 141.
 */
async function runAnsible(t: FanOutTargets, controlDir: string): Promise<FanOutRun> {
  const inventory = path.join(t.dir, "inventory.ini");
  fs.writeFileSync(
    inventory,
    [
      "[lab]",
      ...t.hosts.map((h) => `${h.name} ansible_host=${h.address}`),
      "",
      "[lab:vars]",
      `ansible_user=${LAB_USER}`,
      `ansible_ssh_private_key_file=${t.key}`,
      "ansible_ssh_use_tty=False",
      `ansible_ssh_common_args='${sshOptions(t)}'`,
      "",
    ].join("\n"),
  );
  fs.mkdirSync(controlDir, { recursive: true });
  const env = {
    ...process.env,
    ANSIBLE_HOME: path.join(t.dir, "ansible-home"),
    ANSIBLE_LOCAL_TEMP: path.join(t.dir, "ansible-tmp"),
    ANSIBLE_SSH_CONTROL_PATH_DIR: controlDir,
    ANSIBLE_NOCOLOR: "1",
  };
  const run = await runTimed(`cd ${t.dir} && ansible all -i ${inventory} -m raw -a ${LAB_PROBE} -f ${t.parallel}`, env);
  return {
    ms: run.ms,
    cpuMs: run.cpuMs,
    machineCpuMs: run.machineCpuMs,
    ok: (run.stdout.match(/ \| CHANGED \| rc=0 >>\n@@twscope-probe /g) ?? []).length,
  };
}

/** Ends the ControlPersist masters Ansible left in `controlDir` (`ssh -O exit`), so none outlives the run. */
async function closeControlMasters(controlDir: string): Promise<void> {
  const sockets = fs.existsSync(controlDir) ? fs.readdirSync(controlDir) : [];
  await Promise.all(
    sockets.map((s) => execFileP("ssh", ["-O", "exit", "-o", `ControlPath=${path.join(controlDir, s)}`, "lab"]).catch(() => {})),
  );
}

/** The plainest fan-out: one `ssh` process per host, `parallel` at a time through `xargs -P`. */
async function runSshLoop(t: FanOutTargets, outDir: string): Promise<FanOutRun> {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const addresses = path.join(t.dir, "addresses");
  fs.writeFileSync(addresses, t.hosts.map((h) => `${h.address}\n`).join(""));
  const run = await runTimed(
    `xargs -P ${t.parallel} -I {} sh -c 'ssh -F /dev/null -i ${t.key} ${sshOptions(t)} ${LAB_USER}@{} ${LAB_PROBE} > ${outDir}/{}' < ${addresses}`,
  );
  const ok = fs.readdirSync(outDir).filter((f) => fs.readFileSync(path.join(outDir, f), "utf8").startsWith("@@twscope-probe ")).length;
  return { ms: run.ms, cpuMs: run.cpuMs, machineCpuMs: run.machineCpuMs, ok };
}

export interface FanOutResults {
  ansibleFresh: FanOutRun[];
  ansiblePersist: FanOutRun[];
  sshLoop: FanOutRun[];
}

/**
 * `rounds` rounds of Ansible with fresh connections and of the ssh loop; after the first Ansible
 * run, `persistRounds` more while its masters persist (each Ansible run takes a minute or so here).
 */
export async function measureFanOut(t: FanOutTargets, rounds: number, persistRounds: number): Promise<FanOutResults> {
  const results: FanOutResults = { ansibleFresh: [], ansiblePersist: [], sshLoop: [] };
  for (let i = 0; i < rounds; i++) {
    const controlDir = path.join(t.dir, `cp-${i}`);
    try {
      results.ansibleFresh.push(await runAnsible(t, controlDir));
      for (let j = 0; i === 0 && j < persistRounds; j++) results.ansiblePersist.push(await runAnsible(t, controlDir));
    } finally {
      await closeControlMasters(controlDir);
    }
    results.sshLoop.push(await runSshLoop(t, path.join(t.dir, "ssh-out")));
  }
  return results;
}
