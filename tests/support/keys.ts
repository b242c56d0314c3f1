import { utils } from "ssh2";

/**
 * An encrypted ed25519 private key that ssh2 reads back. About 1 in 200 of the keys ssh2 itself generates
 * (OpenSSH format, aes256-ctr) it then calls malformed; a test must not fail on such a one.
 */
export function encryptedKeyPair(passphrase: string): { private: string; public: string } {
  for (;;) {
    const pair = utils.generateKeyPairSync("ed25519", { passphrase, cipher: "aes256-ctr", rounds: 4 });
    if (!(utils.parseKey(pair.private, passphrase) instanceof Error)) return pair;
  }
}
