// Only what the type checker cannot see: promises nobody awaits, and promises where a value is expected.
// Storage is asynchronous (server/db/db.ts), so a forgotten `await` would silently drop an error or race a write.
import tseslint from "typescript-eslint";
import noUntranslatedText from "./scripts/eslint/no-untranslated-text.mjs";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "test-results/**", "bench-results/**", "data/**", "**/*.mjs", "**/*.js"] },
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "@typescript-eslint": tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false, attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
    },
  },
  {
    // Every sentence a user reads comes from the catalogues, in the reader's language.
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    plugins: { twscope: { rules: { "no-untranslated-text": noUntranslatedText } } },
    rules: { "twscope/no-untranslated-text": "error" },
  },
);
