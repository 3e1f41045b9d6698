import { z } from "zod";

// A job run's columns as the code knows them (JobRun.trigger, JobRun.outcome), for the services that
// write them and for reading them back through fromColumn (app/domain/stored.ts).

/** EVENT: started by a change (new rates, an admin editing pricing data), not by the clock or a person. */
export const JOB_TRIGGERS = ["SCHEDULE", "MANUAL", "CLI", "EVENT"] as const;
export const JOB_OUTCOMES = ["OK", "PARTIAL", "FAILED", "SKIPPED"] as const;
/** A JobRun row's outcome column: a queued ("run now") row, then RUNNING, then how it ended. */
export const JOB_RUN_STATES = ["QUEUED", "RUNNING", ...JOB_OUTCOMES] as const;

export const jobTriggerSchema = z.enum(JOB_TRIGGERS);
export const jobRunStateSchema = z.enum(JOB_RUN_STATES);

export type JobTrigger = (typeof JOB_TRIGGERS)[number];
export type JobOutcome = (typeof JOB_OUTCOMES)[number];
export type JobRunState = (typeof JOB_RUN_STATES)[number];
