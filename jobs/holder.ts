import os from "node:os";

/** Names this process in JobLease and logs, so an admin can tell which machine holds a job. */
export function processHolder(role: "worker" | "web" | "cli") {
  return `${role}@${os.hostname()}:${process.pid}`;
}
