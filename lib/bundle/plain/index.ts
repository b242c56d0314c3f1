export { aggregateSockets, type SocketAggregate } from "./aggregate-sockets";
export { parseAnyBundle, type AnyBundle } from "../parse-any-bundle";
export { parsePlainBundle, type PlainBundle } from "./parse-plain-bundle";
export type { SocketRow } from "./parse-socket-table";
