import { checkVerification, type StoreVerificationInput } from "~/domain/trust/store-verification";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

// Admins verify a foreign store (its official domain and business registration evidence) or revoke a
// verification; the store page's badge says what was checked and when. Every change is audited.

export function listStoresForVerification() {
  return db.store.findMany({
    select: {
      id: true,
      slug: true,
      name: true,
      country: true,
      baseUrl: true,
      verificationStatus: true,
      verification: true,
      verifiedAt: true,
    },
    orderBy: [{ verificationStatus: "asc" }, { name: "asc" }],
    take: 500,
  });
}

export type VerifyStoreResult =
  { ok: true } | { ok: false; reason: "notFound" } | { ok: false; reason: "invalid"; errors: Record<string, string[]> };

export async function verifyStore(
  admin: Pick<SessionUser, "id">,
  input: StoreVerificationInput,
  now = new Date(),
): Promise<VerifyStoreResult> {
  const store = await db.store.findUnique({
    where: { id: input.storeId },
    select: { id: true, baseUrl: true, verificationStatus: true, verification: true, verifiedAt: true },
  });
  if (!store) return { ok: false, reason: "notFound" };
  const refused = checkVerification(input, store.baseUrl);
  if (Object.keys(refused).length > 0)
    return { ok: false, reason: "invalid", errors: Object.fromEntries(Object.entries(refused).map(([field, key]) => [field, [key]])) };
  const after =
    input.intent === "verify"
      ? {
          verificationStatus: "VERIFIED",
          verification: JSON.stringify({ officialDomain: input.officialDomain, registration: input.registration, note: input.note }),
          verifiedAt: now,
          verifiedById: admin.id,
        }
      : {
          verificationStatus: "REVOKED",
          verification: JSON.stringify({ officialDomain: "", registration: "", note: input.note }),
          verifiedAt: now,
          verifiedById: admin.id,
        };
  await db.$transaction([
    db.store.update({ where: { id: store.id }, data: after }),
    db.auditLog.create({
      data: {
        actorId: admin.id,
        entity: "Store",
        entityId: store.id,
        action: input.intent,
        before: JSON.stringify({
          verificationStatus: store.verificationStatus,
          verification: store.verification,
          verifiedAt: store.verifiedAt,
        }),
        after: JSON.stringify(after),
      },
    }),
  ]);
  return { ok: true };
}
