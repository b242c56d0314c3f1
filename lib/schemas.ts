import { z } from "zod";
import { DEFAULT_RANGE, RANGES, type Range } from "./series/range";
import { MAX_BUNDLE_BYTES } from "./bundle/plain/command-sections";

const hostName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w.\-@:]+$/, "letters, digits and . _ - @ : only");
const address = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.\-:%[\]]+$/, "a hostname or an IP address");
const fingerprint = z
  .string()
  .trim()
  .regex(/^SHA256:[A-Za-z0-9+/]{43}$/, "a SHA256:… fingerprint as ssh-keygen -lf prints it");
/** A host tag (an inventory import turns groups into tags). */
export const tagSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\w.\-:=/]+$/, "letters, digits and . _ - : = / only");

const authMethod = z.enum(["key", "agent", "stored"]);

const MAX_PRIVATE_KEY_CHARS = 16 * 1024;

/**
 * A secret for twscope to store encrypted (write-only: no API returns it). Whether ssh2 can parse
 * the key is checked on the server, which has ssh2.
 */
export const hostSecretSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("private-key"),
      privateKey: z.string().min(1).max(MAX_PRIVATE_KEY_CHARS, "a private key of at most 16 KiB"),
      passphrase: z.string().min(1).max(1024).optional(),
    })
    .strict(),
  z.object({ kind: z.literal("password"), password: z.string().min(1).max(1024) }).strict(),
]);

/** Each field of a host is checked by one schema, whether the host is created, edited, tested or imported. */
const port = z.coerce.number().int().min(1).max(65535);
const sshUser = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z_][a-z0-9_.\-]*\$?$/i, "a Unix user name");
const keyPath = z
  .string()
  .trim()
  .min(1)
  .max(4096)
  .regex(/^[^\u0000-\u001f\u007f]+$/, "a file path without control characters");
const passphraseEnv = z
  .string()
  .trim()
  .regex(/^[A-Z_][A-Z0-9_]*$/, "an environment variable name");
/** The most tags a host keeps. */
export const MAX_TAGS = 20;
const tags = z.array(tagSchema).max(MAX_TAGS);
/** The zone whose collectors poll a host (`twscope collector --zone NAME`); none: the collectors started without a zone. */
export const zoneSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, "letters, digits, dot, dash and underscore, at most 40, starting with a letter or digit");

/** Connection settings of an SSH host, as a user enters them. */
const sshConnectionSchema = z
  .object({
    address,
    port: port.default(22),
    username: sshUser,
    authMethod: authMethod.default("key"),
    keyPath: keyPath.optional(),
    passphraseEnv: passphraseEnv.optional(),
    secret: hostSecretSchema.optional(),
  })
  .refine((c) => c.authMethod !== "key" || !!c.keyPath, { message: "keyPath is required for key authentication", path: ["keyPath"] });

export const hostCreateSchema = z
  .object({
    name: hostName,
    tags: tags.default([]),
    zone: zoneSchema.nullable().optional(),
    /** The host to reach it through (a jump host); null or absent: directly. */
    jumpHostId: z.number().int().positive().nullable().optional(),
    hostKeyFingerprint: fingerprint.optional(),
  })
  .and(sshConnectionSchema)
  .refine((h) => h.authMethod !== "stored" || !!h.secret, {
    message: "a key or password is required for stored authentication",
    path: ["secret"],
  });

/** The same fields as creation, each optional; `null` clears a key path or passphrase variable. */
export const hostUpdateSchema = z
  .object({
    name: hostName.optional(),
    address: address.optional(),
    port: port.optional(),
    username: sshUser.optional(),
    authMethod: authMethod.optional(),
    keyPath: keyPath.nullable().optional(),
    passphraseEnv: passphraseEnv.nullable().optional(),
    tags: tags.optional(),
    /** null moves the host back to the collectors without a zone. */
    zone: zoneSchema.nullable().optional(),
    /** null: reached directly again. */
    jumpHostId: z.number().int().positive().nullable().optional(),
    /** Sets or replaces the stored secret in the same request. */
    secret: hostSecretSchema.optional(),
  })
  .strict();

export const trustSchema = z.object({ fingerprint }).strict();

/** The most hosts one request fetches or trusts keys of. */
const MAX_KEY_BATCH = 1000;

/** `POST /api/hosts/keys/fetch`: poll these hosts (all waiting for a first key when omitted) to fetch the keys they present. */
export const keysFetchSchema = z.object({ ids: z.array(z.number().int().positive()).max(MAX_KEY_BATCH).optional() }).strict();

/** `POST /api/hosts/keys/trust`: pin each host's key, repeating the fingerprint the user was shown. */
export const keysTrustSchema = z
  .object({
    hosts: z
      .array(z.object({ id: z.number().int().positive(), fingerprint }).strict())
      .min(1)
      .max(MAX_KEY_BATCH),
  })
  .strict();

export const connectionTestSchema = z
  .object({
    hostKeyFingerprint: fingerprint.optional(),
    /** Test it through this jump host, as it will be polled. */
    jumpHostId: z.number().int().positive().optional(),
  })
  .and(sshConnectionSchema);

/** The largest inventory an import reads: an INI line a host, far beyond any fleet twscope serves. */
export const MAX_INVENTORY_CHARS = 1024 * 1024;

/** `POST /api/hosts/inventory`: preview (the default) or apply an Ansible inventory import. */
export const inventoryImportSchema = z
  .object({
    text: z.string().min(1).max(MAX_INVENTORY_CHARS),
    /** The inventory's name (its file name, say): importing the same name again updates the hosts it added. */
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[\w.\-/@+ ]+$/, "letters, digits, spaces and . _ - / @ + only"),
    format: z.enum(["ini", "yaml"]).optional(),
    /** For hosts without ansible_user. */
    defaultUser: sshUser.optional(),
    apply: z.boolean().default(false),
    /** Also remove the hosts this inventory added before and no longer lists. */
    removeGone: z.boolean().default(false),
  })
  .strict();
export type InventoryImportInput = z.input<typeof inventoryImportSchema>;

export const importSchema = z
  .object({
    config: z
      .string()
      .min(1)
      .max(256 * 1024),
    defaultUser: sshUser.optional(),
  })
  .strict();

export const seriesQuerySchema = z.object({
  range: z.enum(RANGES as [Range, ...Range[]]).default(DEFAULT_RANGE),
});

export type HostCreateInput = z.infer<typeof hostCreateSchema>;
export type HostUpdateInput = z.infer<typeof hostUpdateSchema>;
export type SshConnectionInput = z.infer<typeof sshConnectionSchema>;
export type HostSecretInput = z.infer<typeof hostSecretSchema>;

export const bundleImportSchema = z
  .object({
    name: hostName,
    text: z.string().min(1).max(MAX_BUNDLE_BYTES),
  })
  .strict();
