import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "@/server/config";
import { insertChannel } from "@/server/db/alert-channels";
import { getHost, insertHost } from "@/server/db/hosts";
import type { Db } from "@/server/db/open-database";
import { PollFailure } from "@/server/poll/poll-failure";
import { sshTargetOf } from "@/server/context";
import { SecretDecryptError } from "@/server/secrets/cipher";
import { readHostSecret, storeHostSecret } from "@/server/secrets/secret-store";
import { prepareSecretKey, secretKeyFor } from "@/server/secrets/key";
import { connectSsh } from "@/server/ssh/connect";
import { openTestDatabase } from "../../support/engines";
import { encryptedKeyPair } from "../../support/keys";

const PASSPHRASE = "correct horse battery staple 42";
const PRIVATE_KEY = encryptedKeyPair(PASSPHRASE).private;
const PASSWORD = "pw-Zq7!xT9#mL2@vR5";

/** Every 16-character slice of the secret's text, the smallest piece the tests consider a leak. */
const slicesOf = (text: string) => Array.from({ length: text.length - 15 }, (_, i) => text.slice(i, i + 16));

describe("stored secrets", () => {
  let dir: string;
  let db: Db;
  const configWith = (env: Record<string, string>) => loadConfig({ NODE_ENV: "test", TWSCOPE_DATA_DIR: path.join(dir, "data"), ...env });
  const keyFile = () => path.join(dir, "config", "twscope", "secret.key");
  const addHost = (name: string) => insertHost(db, { name, address: "127.0.0.1", port: 1, username: "u", authMethod: "stored", tags: [] });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "twscope-secrets-"));
    db = await openTestDatabase(path.join(dir, "data"), "twscope.db");
  });
  afterEach(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe("encryption", () => {
    let key: Buffer;
    beforeEach(async () => {
      key = await secretKeyFor(db, configWith({ TWSCOPE_SECRET_KEY_FILE: keyFile() }));
    });

    it("round-trips a private key with its passphrase, and a password", async () => {
      const withKey = await addHost("k");
      const withPassword = await addHost("p");
      await storeHostSecret(db, key, withKey.id, { kind: "private-key", privateKey: PRIVATE_KEY, passphrase: PASSPHRASE });
      await storeHostSecret(db, key, withPassword.id, { kind: "password", password: PASSWORD });
      expect(await readHostSecret(db, key, withKey.id)).toEqual({ kind: "private-key", privateKey: PRIVATE_KEY, passphrase: PASSPHRASE });
      expect(await readHostSecret(db, key, withPassword.id)).toEqual({ kind: "password", password: PASSWORD });
      expect(await readHostSecret(db, key, (await addHost("none")).id)).toBeNull();
      expect((await getHost(db, withKey.id))!.storedSecret).toEqual({ kind: "private-key", updatedAt: expect.any(Number) });
    });

    it("stores ciphertext that holds no piece of the key or passphrase, with a fresh nonce each time", async () => {
      const host = await addHost("k");
      const rowOf = async () => (await db.get("SELECT * FROM host_secrets WHERE host_id = ?", [host.id])) as Record<string, unknown>;
      await storeHostSecret(db, key, host.id, { kind: "private-key", privateKey: PRIVATE_KEY, passphrase: PASSPHRASE });
      const first = await rowOf();
      const stored = Object.values(first)
        .map((v) => (Buffer.isBuffer(v) ? v.toString("latin1") : String(v)))
        .join("\n");
      expect((first.nonce as Buffer).length).toBe(12);
      expect(Buffer.compare(first.ciphertext as Buffer, Buffer.from(PRIVATE_KEY))).not.toBe(0);
      for (const slice of [...slicesOf(PRIVATE_KEY), PASSPHRASE]) expect(stored).not.toContain(slice);
      await storeHostSecret(db, key, host.id, { kind: "private-key", privateKey: PRIVATE_KEY, passphrase: PASSPHRASE });
      const second = await rowOf();
      expect((second.nonce as Buffer).equals(first.nonce as Buffer)).toBe(false);
      expect((second.ciphertext as Buffer).equals(first.ciphertext as Buffer)).toBe(false);
    });

    it("refuses to decrypt a secret moved to another host id", async () => {
      const owner = await addHost("owner");
      const other = await addHost("other");
      await storeHostSecret(db, key, owner.id, { kind: "password", password: PASSWORD });
      await db.run("UPDATE host_secrets SET host_id = ? WHERE host_id = ?", [other.id, owner.id]);
      await expect(readHostSecret(db, key, other.id)).rejects.toThrow(SecretDecryptError);
    });

    it("refuses to decrypt a secret whose kind was changed", async () => {
      const host = await addHost("k");
      await storeHostSecret(db, key, host.id, { kind: "password", password: PASSWORD });
      await db.run("UPDATE host_secrets SET kind = 'private-key' WHERE host_id = ?", [host.id]);
      await expect(readHostSecret(db, key, host.id)).rejects.toThrow(SecretDecryptError);
    });

    it("refuses to decrypt with another key", async () => {
      const host = await addHost("k");
      await storeHostSecret(db, key, host.id, { kind: "password", password: PASSWORD });
      await expect(readHostSecret(db, crypto.randomBytes(32), host.id)).rejects.toThrow(/cannot be decrypted with the current secret key/);
    });

    it("fails a poll of a host whose secret does not decrypt as auth-failed, without the secret in the message", async () => {
      // Pinned: without a trusted key twscope logs in to nothing, so it would never open the secret.
      const host = await insertHost(db, {
        name: "moved",
        address: "127.0.0.1",
        port: 1,
        username: "u",
        authMethod: "stored",
        tags: [],
        hostKeyFingerprint: `SHA256:${"A".repeat(43)}`,
      });
      await storeHostSecret(db, key, (await addHost("source")).id, { kind: "password", password: PASSWORD });
      await db.run("UPDATE host_secrets SET host_id = ?", [host.id]);
      const config = configWith({ TWSCOPE_SECRET_KEY_FILE: keyFile() });
      const failure = await connectSsh(sshTargetOf((await getHost(db, host.id))!, { config, db }), { readyTimeoutMs: 1000 }).catch(
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(PollFailure);
      expect(failure).toMatchObject({
        status: "auth-failed",
        message: expect.stringMatching(/stored key or password cannot be used: .*cannot be decrypted/),
      });
      expect((failure as Error).message).not.toContain(PASSWORD);
    });
  });

  describe("the key at start-up", () => {
    it("creates a key file of 32 random bytes, mode 0600 in a 0700 directory, on a fresh install", async () => {
      await prepareSecretKey(configWith({ TWSCOPE_SECRET_KEY_FILE: keyFile() }), db);
      expect(fs.statSync(keyFile()).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(keyFile())).mode & 0o777).toBe(0o700);
      expect(Buffer.from(fs.readFileSync(keyFile(), "utf8").trim(), "base64")).toHaveLength(32);
      expect(await db.get("SELECT COUNT(*) AS n FROM settings")).toEqual({ n: 1 });
    });

    it("puts the default key file under XDG_CONFIG_HOME, outside the data directory", async () => {
      const config = configWith({ XDG_CONFIG_HOME: path.join(dir, "xdg") });
      expect(config.secretKey.file).toBe(path.join(dir, "xdg", "twscope", "secret.key"));
      await prepareSecretKey(config, db);
      expect(fs.existsSync(config.secretKey.file)).toBe(true);
    });

    it("accepts the same key on a later start", async () => {
      const config = configWith({ TWSCOPE_SECRET_KEY_FILE: keyFile() });
      await prepareSecretKey(config, db);
      const created = fs.readFileSync(keyFile(), "utf8");
      await expect(prepareSecretKey(config, db)).resolves.toBeUndefined();
      expect(fs.readFileSync(keyFile(), "utf8")).toBe(created);
    });

    it("refuses a different key with an error saying it does not match and where it was read from", async () => {
      await prepareSecretKey(configWith({ TWSCOPE_SECRET_KEY_FILE: keyFile() }), db);
      const otherFile = path.join(dir, "other.key");
      fs.writeFileSync(otherFile, crypto.randomBytes(32).toString("base64"), { mode: 0o600 });
      await expect(prepareSecretKey(configWith({ TWSCOPE_SECRET_KEY_FILE: otherFile }), db)).rejects.toThrow(
        new RegExp(
          `key file ${otherFile} does not match the key the database ${db.location.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} was created with`,
        ),
      );
      await expect(prepareSecretKey(configWith({ TWSCOPE_SECRET_KEY: crypto.randomBytes(32).toString("base64") }), db)).rejects.toThrow(
        /from TWSCOPE_SECRET_KEY does not match the key the database/,
      );
    });

    it("checks the key against a stored secret when the canary row is gone", async () => {
      const key = await secretKeyFor(db, configWith({ TWSCOPE_SECRET_KEY_FILE: keyFile() }));
      await storeHostSecret(db, key, (await addHost("k")).id, { kind: "password", password: PASSWORD });
      await db.run("DELETE FROM settings");
      await expect(prepareSecretKey(configWith({ TWSCOPE_SECRET_KEY: crypto.randomBytes(32).toString("base64") }), db)).rejects.toThrow(
        /does not match/,
      );
      await expect(prepareSecretKey(configWith({ TWSCOPE_SECRET_KEY: key.toString("base64") }), db)).resolves.toBeUndefined();
    });

    it("refuses to make a new key when the key file is missing but secrets exist", async () => {
      const key = await secretKeyFor(db, configWith({ TWSCOPE_SECRET_KEY_FILE: keyFile() }));
      await storeHostSecret(db, key, (await addHost("k")).id, { kind: "password", password: PASSWORD });
      const lost = path.join(dir, "lost", "secret.key");
      await expect(prepareSecretKey(configWith({ TWSCOPE_SECRET_KEY_FILE: lost }), db)).rejects.toThrow(
        new RegExp(`key file ${lost} is missing`),
      );
      expect(fs.existsSync(lost)).toBe(false);
    });

    it("counts alert channels, whose URLs it encrypts, as secrets: no new key while one exists", async () => {
      const key = await secretKeyFor(db, configWith({ TWSCOPE_SECRET_KEY_FILE: keyFile() }));
      const secret = { url: "http://127.0.0.1:1/hook/token" };
      await insertChannel(db, key, { name: "ops", kind: "webhook", enabled: true, options: { body: "alertmanager" }, secret });
      await db.run("DELETE FROM settings");
      const lost = path.join(dir, "lost", "secret.key");
      await expect(prepareSecretKey(configWith({ TWSCOPE_SECRET_KEY_FILE: lost }), db)).rejects.toThrow(
        new RegExp(`key file ${lost} is missing`),
      );
      expect(fs.existsSync(lost)).toBe(false);
    });

    it("refuses to make a new key when only the canary exists", async () => {
      await prepareSecretKey(configWith({ TWSCOPE_SECRET_KEY_FILE: keyFile() }), db);
      fs.rmSync(keyFile());
      await expect(prepareSecretKey(configWith({ TWSCOPE_SECRET_KEY_FILE: keyFile() }), db)).rejects.toThrow(/is missing/);
      expect(fs.existsSync(keyFile())).toBe(false);
    });

    it.each([
      ["not base64", "this is not a key!"],
      ["16 bytes", crypto.randomBytes(16).toString("base64")],
      ["33 bytes", crypto.randomBytes(33).toString("base64")],
      ["empty", ""],
    ])("refuses a TWSCOPE_SECRET_KEY of %s without echoing it", async (_what, value) => {
      let message = "";
      try {
        await prepareSecretKey(configWith({ TWSCOPE_SECRET_KEY: value }), db);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/TWSCOPE_SECRET_KEY must hold base64 of exactly 32 bytes/);
      if (value) expect(message).not.toContain(value);
      expect(await db.get("SELECT COUNT(*) AS n FROM settings")).toEqual({ n: 0 });
    });

    it("refuses a key file that does not hold 32 bytes", async () => {
      fs.mkdirSync(path.dirname(keyFile()), { recursive: true });
      fs.writeFileSync(keyFile(), "c2hvcnQ=\n", { mode: 0o600 });
      await expect(prepareSecretKey(configWith({ TWSCOPE_SECRET_KEY_FILE: keyFile() }), db)).rejects.toThrow(
        /secret key file .* must hold base64 of exactly 32 bytes/,
      );
    });

    it("uses TWSCOPE_SECRET_KEY over the key file, which it then never creates", async () => {
      const value = crypto.randomBytes(32).toString("base64");
      expect(
        (await secretKeyFor(db, configWith({ TWSCOPE_SECRET_KEY: value, TWSCOPE_SECRET_KEY_FILE: keyFile() }))).toString("base64"),
      ).toBe(value);
      expect(fs.existsSync(keyFile())).toBe(false);
    });
  });
});
