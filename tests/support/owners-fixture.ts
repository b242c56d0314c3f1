import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { procTables, type TableSocket } from "./socket-tables";

const HOST_6X = fileURLToPath(new URL("../fixtures/probe/host-6x", import.meta.url));

// A host with nginx (two processes sharing its listener on :80, one of them root's), a python3 client
// holding a connection to 10.0.0.9:8080, and TIME_WAIT on :80, :8443 (a listener of www-data's that
// no visible process holds), toward 10.0.0.9:8080 and toward 10.0.0.10:5432 (nothing connected now).
export const OWNERS = {
  sockets: [
    { state: "LISTEN", local: { address: "0.0.0.0", port: 80 }, uid: 0, inode: 5001 },
    { state: "LISTEN", local: { address: "0.0.0.0", port: 8443 }, uid: 33, inode: 5002 },
    { state: "ESTAB", local: { address: "10.0.0.1", port: 41000 }, peer: { address: "10.0.0.9", port: 8080 }, uid: 1000, inode: 7001 },
    { state: "SYN-SENT", local: { address: "10.0.0.1", port: 41001 }, peer: { address: "10.0.0.9", port: 8080 }, uid: 1000, inode: 7002 },
    ...Array.from({ length: 5 }, (_, i) => tw({ address: "10.0.0.1", port: 80 }, { address: "10.0.0.50", port: 50000 + i })),
    ...Array.from({ length: 2 }, (_, i) => tw({ address: "10.0.0.1", port: 8443 }, { address: "10.0.0.50", port: 51000 + i })),
    ...Array.from({ length: 6 }, (_, i) => tw({ address: "10.0.0.1", port: 42000 + i }, { address: "10.0.0.9", port: 8080 })),
    ...Array.from({ length: 3 }, (_, i) => tw({ address: "10.0.0.1", port: 43000 + i }, { address: "10.0.0.10", port: 5432 })),
  ] satisfies TableSocket[],
  processes: [
    { pid: 812, comm: "nginx", uid: 0, sockets: [5001] },
    { pid: 813, comm: "nginx", uid: 33, sockets: [5001] },
    { pid: 2211, comm: "python3", uid: 1000, sockets: [7001, 7002] },
    { pid: 3000, comm: "sshd", uid: 0, sockets: [9999] },
  ],
  expected: [
    "hidden 0",
    "port 80 uid 0 listeners 1 processes 2",
    "process port 80 812 0 nginx",
    "process port 80 813 33 nginx",
    "port 8443 uid 33 listeners 1 processes 0",
    "peer 10.0.0.9:8080 uid 1000 sockets 2 processes 1",
    "process peer 10.0.0.9:8080 2211 1000 python3",
    "peer 10.0.0.10:5432 sockets 0 processes ?",
    "user 0 root",
    "user 33 www-data",
    "user 1000 app",
  ],
};
function tw(local: TableSocket["local"], peer: TableSocket["local"]): TableSocket {
  return { state: "TIME-WAIT", local, peer };
}
/** The /proc tree and passwd file of OWNERS under `out` (`out/proc`, `out/etc/passwd`), on a copy of the host-6x capture. */
export function makeOwnersInput(out: string) {
  fs.cpSync(path.join(HOST_6X, "proc"), path.join(out, "proc"), { recursive: true });
  const tables = procTables(OWNERS.sockets);
  fs.writeFileSync(path.join(out, "proc/net/tcp"), tables.tcp);
  fs.writeFileSync(path.join(out, "proc/net/tcp6"), tables.tcp6);
  for (const p of OWNERS.processes) {
    const dir = path.join(out, "proc", String(p.pid));
    fs.mkdirSync(path.join(dir, "fd"), { recursive: true });
    fs.writeFileSync(path.join(dir, "comm"), `${p.comm}\n`);
    fs.writeFileSync(path.join(dir, "status"), `Name:\t${p.comm}\nPid:\t${p.pid}\nUid:\t${p.uid}\t${p.uid}\t${p.uid}\t${p.uid}\n`);
    fs.symlinkSync("/dev/null", path.join(dir, "fd", "0"));
    p.sockets.forEach((inode, i) => fs.symlinkSync(`socket:[${inode}]`, path.join(dir, "fd", String(3 + i))));
  }
  fs.mkdirSync(path.join(out, "etc"), { recursive: true });
  fs.writeFileSync(
    path.join(out, "etc/passwd"),
    "root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\napp:x:1000:1000::/home/app:/bin/sh\nother:x:1001:1001::/:/bin/sh\n",
  );
}
