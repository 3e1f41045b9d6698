// `node --import ./record-modules.mjs build/index.js`: writes the URL of every ES module the process
// loads, one a line, to RECORD_MODULES_FILE. The one-copy test reads it to prove the server loads the
// build once and never a source file of the app.
import { register } from "node:module";

register("./record-modules-hooks.mjs", import.meta.url, { data: { file: process.env.RECORD_MODULES_FILE } });
