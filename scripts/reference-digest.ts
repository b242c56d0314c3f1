// Rewrites tests/fixtures/reference-windows.txt from the reference documents (TWSCOPE_SHARED_DIR,
// else ../shared beside the repository), after they change: `npx tsx scripts/reference-digest.ts`.
import { writeFileSync } from "node:fs";
import { DIGEST_FILE, digestFromDocuments, referenceDir, referencesPresent } from "../tests/support/reference-windows";

if (!referencesPresent()) {
  console.error(`reference documents not found under ${referenceDir()}; set TWSCOPE_SHARED_DIR`);
  process.exit(2);
}
const digest = digestFromDocuments();
writeFileSync(DIGEST_FILE, digest);
console.log(`${DIGEST_FILE}: ${digest.trim().split("\n").length} window hashes`);
