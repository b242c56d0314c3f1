// Rewrites tests/fixtures/reference-windows.txt and reference-windows.zh.txt from the reference documents (TWSCOPE_SHARED_DIR,
// else ../shared beside the repository), after they change: `npx tsx scripts/reference-digest.ts`.
import { writeFileSync } from "node:fs";
import {
  DIGEST_FILE,
  digestFromDocuments,
  IDEOGRAPH_DIGEST_FILE,
  ideographHashes,
  referenceDir,
  referencesPresent,
} from "../tests/support/reference-windows";

if (!referencesPresent()) {
  console.error(`reference documents not found under ${referenceDir()}; set TWSCOPE_SHARED_DIR`);
  process.exit(2);
}
for (const [file, digest] of [
  [DIGEST_FILE, digestFromDocuments()],
  [IDEOGRAPH_DIGEST_FILE, digestFromDocuments(ideographHashes)],
] as const) {
  writeFileSync(file, digest);
  console.log(`${file}: ${digest.trim().split("\n").length} window hashes`);
}
