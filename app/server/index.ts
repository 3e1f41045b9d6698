// The web server's main module: `remix build` compiles it with the whole app into build/index.js
// (remix.config.js `server`), and `npm start` runs that file with plain node.
import { housekeepingSettings } from "../services/housekeeping-settings.server";
import { EnvError, getEnv } from "../utils/env.server";

// Validate configuration before anything else touches it, and say exactly what is wrong. The app's
// modules read the environment as they load, so they are imported only after this check.
let env;
try {
  env = getEnv();
  housekeepingSettings();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const { startWebServer } = await import("./web-server");
startWebServer(env);
