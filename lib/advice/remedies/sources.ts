import type { Source } from "../types";

/**
 * Every reference the remedy catalogue cites. Only the articles collected by the source document
 * (shared/seed/time-wait-notes.zh.md), the pages named by the kernel-facts notes, and canonical
 * kernel / RFC documentation belong here.
 */
export const SOURCES = {
  coolshell: {
    title: "CoolShell: TCP 的那些事儿（上）",
    url: "https://coolshell.cn/articles/11564.html",
  },
  soLingerAnswer: {
    title: "Stack Overflow: When is TCP option SO_LINGER (0) required? (answer)",
    url: "https://stackoverflow.com/a/13088864",
  },
  serverFramework: {
    title: "ServerFramework: TIME_WAIT and its design implications for protocols and scalable client server systems",
    url: "http://www.serverframework.com/asynchronousevents/2011/01/time-wait-and-its-design-implications-for-protocols-and-scalable-servers.html",
  },
  csdnOverview: {
    title: "CSDN: tcp短连接TIME_WAIT问题解决方法大全（1）——高屋建瓴",
    url: "https://blog.csdn.net/yunhua_lee/article/details/8146830",
  },
  csdnSoLinger: {
    title: "CSDN: tcp短连接TIME_WAIT问题解决方法大全（2）——SO_LINGER",
    url: "https://blog.csdn.net/yunhua_lee/article/details/8146837",
  },
  cnblogs: {
    title: "cnblogs: 解决TIME_WAIT过多造成的问题",
    url: "https://www.cnblogs.com/dadonggg/p/8778318.html",
  },
  serverFault: {
    title: "Server Fault: How to forcibly close a socket in TIME_WAIT?",
    url: "https://serverfault.com/questions/329845/how-to-forcibly-close-a-socket-in-time-wait",
  },
  httpPersistent: {
    title: "Wikipedia: HTTP persistent connection",
    url: "https://en.wikipedia.org/wiki/HTTP_persistent_connection",
  },
  rfc1122: {
    title: "RFC 1122: Requirements for Internet Hosts — Communication Layers",
    url: "https://www.rfc-editor.org/rfc/rfc1122",
  },
  rfc7323: {
    title: "RFC 7323: TCP Extensions for High Performance (timestamps, PAWS)",
    url: "https://www.rfc-editor.org/rfc/rfc7323",
  },
  ipSysctl: {
    title: "Linux kernel documentation: IP Sysctl",
    url: "https://docs.kernel.org/networking/ip-sysctl.html",
  },
  conntrackSysctl: {
    title: "Linux kernel documentation: Netfilter Conntrack Sysctl",
    url: "https://docs.kernel.org/networking/nf_conntrack-sysctl.html",
  },
  removeTwRecycle: {
    title: "Linux commit 4396e46187ca: tcp: remove tcp_tw_recycle (Linux 4.12)",
    url: "https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=4396e46187ca5070219b81773c4e65088dac50cc",
  },
  bindAddressNoPort: {
    title: "Linux commit 90c337da1524: inet: add IP_BIND_ADDRESS_NO_PORT to overcome bind(0) limitations (Linux 4.2)",
    url: "https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=90c337da1524863838658078ec34241f45d8394d",
  },
  localPortRangeOption: {
    title: "Linux commit 91d0b78c5177: inet: Add IP_LOCAL_PORT_RANGE socket option (Linux 6.3)",
    url: "https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=91d0b78c5177",
  },
} as const satisfies Record<string, Source>;
