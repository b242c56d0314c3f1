/**
 * The most jump hosts between twscope and a host (ProxyJump `a,b,c,d`): each hop is a login kept open
 * and a channel inside the one before it, so a longer chain is more likely a mistake than a network.
 */
export const MAX_JUMP_HOPS = 4;
