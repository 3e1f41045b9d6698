import fs from "node:fs";
import path from "node:path";
import { createMigratedDatabase, TMP_DIR } from "../db-template";

export default function setup() {
  fs.rmSync(path.join(TMP_DIR, "integration"), { recursive: true, force: true });
  createMigratedDatabase(path.join(TMP_DIR, "template.db"));
}
