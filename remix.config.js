/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  // The web server is compiled with the app into build/index.js, so the process holds one copy of
  // every module (not the bundle's plus the sources' under tsx). `node build/index.js` runs it.
  server: "app/server/index.ts",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // remix-i18next and i18next ship ESM only.
  serverDependenciesToBundle: [/^remix-i18next.*/],
  browserNodeBuiltinsPolyfill: { modules: {} },
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
