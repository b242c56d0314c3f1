import type { Remedy } from "../types";
import { SOURCES } from "./sources";

/** Remedies that change how applications or the fleet use connections: steps, no shell commands. */
export const DESIGN_REMEDIES: readonly Remedy[] = [
  {
    id: "client-active-close",
    kind: "design",
    stance: "do",
    risk: "low",
    kernels: {},
    commands: null,
    sources: [SOURCES.coolshell, SOURCES.soLingerAnswer, SOURCES.serverFramework],
  },
  {
    id: "http-keep-alive",
    kind: "design",
    stance: "do",
    risk: "low",
    kernels: {},
    commands: null,
    sources: [SOURCES.coolshell, SOURCES.httpPersistent, SOURCES.csdnOverview],
  },
  {
    id: "connection-pooling",
    kind: "design",
    stance: "do",
    risk: "medium",
    kernels: {},
    commands: null,
    sources: [SOURCES.csdnOverview],
  },
  {
    id: "bind-address-no-port",
    kind: "design",
    stance: "do",
    risk: "medium",
    kernels: { since: "4.2" },
    commands: null,
    sources: [SOURCES.bindAddressNoPort, SOURCES.localPortRangeOption, SOURCES.ipSysctl],
  },
  {
    id: "scale-out",
    kind: "design",
    stance: "do",
    risk: "low",
    kernels: {},
    commands: null,
    sources: [SOURCES.cnblogs],
  },
];
