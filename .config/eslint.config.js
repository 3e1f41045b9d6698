import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "app/generated/**", "node_modules/**", "tests/.tmp/**", "tests/bench/results/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["**/generated/prisma/*", "~/generated/*"], message: "Import Prisma only through app/utils/db.server.ts." }],
          paths: [
            { name: "@conform-to/zod", importNames: ["parseWithZod"], message: "Parse forms with ~/utils/parse-form (strict numbers)." },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='request'][callee.property.name='formData']",
          message: "Read forms with readForm (~/utils/request-form.server): bounded names, 415/400 for broken bodies.",
        },
      ],
    },
  },
  {
    files: ["app/utils/db.server.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // The one reader of form bodies and the one conform parser.
    files: ["app/utils/request-form.server.ts", "app/utils/parse-form.ts"],
    rules: { "no-restricted-syntax": "off", "no-restricted-imports": "off" },
  },
  {
    // The domain is pure: no database, network or framework inside.
    files: ["app/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/services/*", "~/utils/*.server", "~/integrations/*", "@remix-run/*", "node:*"],
              message: "app/domain stays pure.",
            },
          ],
        },
      ],
    },
  },
);
