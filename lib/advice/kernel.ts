export interface KernelVersion {
  major: number;
  minor: number;
  release: string;
}

/** "3.10.0-1160.el7.x86_64" → 3.10; null for text that is not a kernel release. */
export function parseKernel(release: string | null): KernelVersion | null {
  const m = /^(\d+)\.(\d+)/.exec(release ?? "");
  return m ? { major: Number(m[1]), minor: Number(m[2]), release: release! } : null;
}

/** Whether `k` is at least version "major.minor". */
export function kernelAtLeast(k: KernelVersion, version: string): boolean {
  const [major, minor] = version.split(".").map(Number) as [number, number];
  return k.major > major || (k.major === major && k.minor >= minor);
}
