import { spawn, type ChildProcess } from "node:child_process";
import { waitForOutput } from "./processes";

export interface CollectorProcess {
  child: ChildProcess;
  output: () => string;
  /** SIGTERM: it stops cleanly and hands its hosts over. */
  stop: () => Promise<void>;
  /** SIGKILL: it dies without a word, as a crashed machine would. */
  kill: () => void;
}

/**
 * `twscope collector` as its own process (the CLI's entry point run directly, so a signal reaches the collector
 * itself and not a wrapper); resolves once it has joined and says what it polls.
 */
export async function startCollectorProcess(env: Record<string, string>, args: string[] = []): Promise<CollectorProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "server/cli/main.ts", "collector", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  await waitForOutput(child, /twscope: collector .* polling every/, 60_000);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}
