import { z } from "zod";

// The /admin/jobs forms: run a job now, or confirm / reject a held rate snapshot.
const snapshotId = z.string().min(1).max(64);

export const jobsAdminActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("run"), job: z.string().min(1).max(40) }),
  z.object({ intent: z.literal("confirm"), id: snapshotId }),
  z.object({ intent: z.literal("reject"), id: snapshotId }),
]);

export type JobsAdminAction = z.infer<typeof jobsAdminActionSchema>;
