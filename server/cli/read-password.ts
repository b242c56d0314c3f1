import "server-only";
import readline from "node:readline";
import type { Translate } from "@/lib/i18n/message";

/**
 * A password for the CLI: from TWSCOPE_PASSWORD when set (scripts), else typed at a terminal without
 * echo (asked twice), else the first line of standard input (`echo … | twscope user add`).
 */
export async function readPassword(prompt: string, t: Translate): Promise<string> {
  const fromEnv = process.env.TWSCOPE_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) return firstLine();
  const first = await askHidden(`${prompt}: `);
  const again = await askHidden(`${t("cli.user.again")}: `);
  if (first !== again) throw new Error(t("cli.user.passwordsDiffer"));
  return first;
}

async function firstLine(): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return "";
}

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const write = rl as unknown as { _writeToOutput: (s: string) => void };
    let asked = false;
    write._writeToOutput = (s: string) => {
      if (!asked) {
        process.stderr.write(s);
        asked = true;
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write("\n");
      resolve(answer);
    });
  });
}
