import type { ContainerRef } from "../types";

const HEX_ID = /[0-9a-f]{64}/;

/**
 * The container a cgroup path names, as the runtimes write them: Kubernetes
 * (`/kubepods.slice/…-pod<uid>.slice/cri-containerd-<id>.scope`, `/kubepods/besteffort/pod<uid>/<id>`),
 * Docker (`/system.slice/docker-<id>.scope`, `/docker/<id>`), containerd, Podman (`libpod-<id>`), LXC.
 */
export function containerOf(cgroup: string | null): ContainerRef | null {
  if (!cgroup) return null;
  const id = HEX_ID.exec(cgroup)?.[0];
  const pod = /pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})/.exec(cgroup)?.[1]?.replaceAll("_", "-");
  if (/kubepods/.test(cgroup)) return { runtime: "kubernetes", ...(id ? { id } : {}), ...(pod ? { pod } : {}) };
  if (id && /docker/.test(cgroup)) return { runtime: "docker", id };
  if (id && /libpod/.test(cgroup)) return { runtime: "podman", id };
  if (id && /containerd/.test(cgroup)) return { runtime: "containerd", id };
  const lxc = /(?:^|\/)(?:lxc\.payload\.|lxc\/)([^/]+)/.exec(cgroup)?.[1];
  if (lxc) return { runtime: "lxc", id: lxc };
  return null;
}

/** A namespace's name: its own hostname (a pod's is its name), else its container, else the command of its process. */
export function namespaceName(n: { hostname: string | null; container: ContainerRef | null; command: string | null; pid: number }): string {
  if (n.hostname) return n.hostname;
  const c = n.container;
  if (c?.runtime === "kubernetes") return c.pod ? `pod ${c.pod.slice(0, 8)}` : `kubernetes ${c.id?.slice(0, 12) ?? "container"}`;
  if (c) return `${c.runtime} ${c.runtime === "lxc" ? c.id : c.id?.slice(0, 12)}`;
  return `${n.command ?? "process"} (pid ${n.pid})`;
}
