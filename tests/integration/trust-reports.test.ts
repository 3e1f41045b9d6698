import { beforeAll, describe, expect, test } from "vitest";
import { action as queueAction, loader as queueLoader } from "~/routes/agent.reports";
import { action as reportAction, loader as reportLoader } from "~/routes/listings.$id_.report";
import { action as storesAction } from "~/routes/admin.stores";
import { action as trustAction, loader as trustLoader } from "~/routes/admin.trust";
import { loader as storeLoader } from "~/routes/stores.$slug";
import { loader as listingLoader } from "~/routes/listings.$id";
import { OPEN_REPORTS_PER_USER } from "~/services/listing-reports.server";
import { db } from "~/utils/db.server";
import { formRequest, getRequest, respond } from "./helpers";
import { createListing, seedOrderWorld, sessionUser } from "./order-fixtures";
import { args, type Person } from "./returns-fixtures";

// Wrong-information reports from anyone signed in, decided once by an agent with a reason (the
// reporter is told, the listing says when it was checked); store verification and the trust rules
// by admins only. Bad input is a 4xx with the field's message, and writes nothing.

let world: Awaited<ReturnType<typeof seedOrderWorld>>;
let shopper: Person;
let other: Person;
let agent: Person;
let admin: Person;

beforeAll(async () => {
  world = await seedOrderWorld();
  [shopper, other, agent, admin] = await Promise.all([
    sessionUser("SHOPPER"),
    sessionUser("SHOPPER"),
    sessionUser("AGENT"),
    sessionUser("ADMIN"),
  ]);
});

const fileReport = (listingId: string, fields: Record<string, string>, cookie?: string) =>
  respond(() => reportAction(args(formRequest(`/listings/${listingId}/report`, fields, { cookie }), { id: listingId })));
const decide = (fields: Record<string, string>, cookie = agent.cookie) =>
  respond(() => queueAction(args(formRequest("/agent/reports", fields, { cookie }))));
const body = async (response: Response) => (await response.json()) as { errors: Record<string, string[]> };

describe("reporting wrong information", () => {
  test("a visitor is sent to log in and back", async () => {
    const response = await respond(() => reportLoader(args(getRequest(`/listings/${world.listingId}/report`), { id: world.listingId })));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toContain(encodeURIComponent(`/listings/${world.listingId}/report`));
  });

  test("bad input is refused with the field's message and files nothing", async () => {
    const short = await fileReport(world.listingId, { field: "WEIGHT", description: "no" }, shopper.cookie);
    expect(short.status).toBe(400);
    expect((await body(short)).errors.description).toEqual(["trust:errors.descriptionTooShort"]);
    const field = await fileReport(world.listingId, { field: "COLOUR", description: "The colour is wrong" }, shopper.cookie);
    expect(field.status).toBe(400);
    expect((await body(field)).errors.field).toEqual(["trust:errors.fieldRequired"]);
    expect(await db.listingReport.count()).toBe(0);
  });

  test("a report is filed once per listing and field while open, and only on a published listing", async () => {
    const filed = await fileReport(world.listingId, { field: "WEIGHT", description: "The store says 1.2 kg, not 500 g" }, shopper.cookie);
    expect(filed.status).toBe(302);
    const again = await fileReport(world.listingId, { field: "WEIGHT", description: "Still wrong weight" }, shopper.cookie);
    expect(again.status).toBe(409);
    expect((await body(again)).errors[""]).toEqual(["trust:errors.reportDuplicate"]);
    expect((await fileReport("missing", { field: "PRICE", description: "Price is wrong" }, shopper.cookie)).status).toBe(404);
    const mine = await respond(() =>
      reportLoader(args(getRequest(`/listings/${world.listingId}/report`, shopper.cookie), { id: world.listingId })),
    );
    const data = (await mine.json()) as { reports: { field: string; status: string }[] };
    expect(data.reports).toEqual([expect.objectContaining({ field: "WEIGHT", status: "OPEN" })]);
    // Another person's reports are not shown to them.
    const theirs = await respond(() =>
      reportLoader(args(getRequest(`/listings/${world.listingId}/report`, other.cookie), { id: world.listingId })),
    );
    expect(((await theirs.json()) as { reports: unknown[] }).reports).toEqual([]);
  });

  test("one person has a bounded number of open reports", async () => {
    const listings = await Promise.all(
      Array.from({ length: OPEN_REPORTS_PER_USER + 1 }, () => createListing(world.storeId, { price: "5.00", weightGrams: 50 })),
    );
    const statuses: number[] = [];
    for (const listing of listings)
      statuses.push((await fileReport(listing.id, { field: "PRICE", description: "Price is wrong" }, other.cookie)).status);
    expect(statuses.slice(0, OPEN_REPORTS_PER_USER).every((status) => status === 302)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("an agent deciding a report", () => {
  test("shoppers cannot open the queue", async () => {
    expect((await respond(() => queueLoader(args(getRequest("/agent/reports", shopper.cookie))))).status).toBe(403);
    expect((await decide({ reportId: "x", decision: "REJECTED", resolution: "no" }, shopper.cookie)).status).toBe(403);
  });

  test("a decision needs a reason; it is recorded once, the listing says it was checked, the reporter is told", async () => {
    const report = await db.listingReport.findFirstOrThrow({ where: { userId: shopper.id }, select: { id: true } });
    const queue = (await (await respond(() => queueLoader(args(getRequest("/agent/reports", agent.cookie))))).json()) as {
      reports: { id: string }[];
    };
    expect(queue.reports.map((row) => row.id)).toContain(report.id);
    const blank = await decide({ reportId: report.id, decision: "CORRECTED", resolution: " " });
    expect(blank.status).toBe(400);
    expect((await db.listingReport.findUniqueOrThrow({ where: { id: report.id } })).status).toBe("OPEN");

    const [first, second] = await Promise.all([
      decide({ reportId: report.id, decision: "CORRECTED", resolution: "Weight set to 1.2 kg" }),
      decide({ reportId: report.id, decision: "REJECTED", resolution: "Weight is right" }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const row = await db.listingReport.findUniqueOrThrow({ where: { id: report.id } });
    expect(row.resolvedById).toBe(agent.id);
    const listing = await respond(() => listingLoader(args(getRequest(`/listings/${world.listingId}`), { id: world.listingId })));
    expect(((await listing.json()) as { listing: { verifiedAt: string | null } }).listing.verifiedAt).not.toBeNull();
    const notices = await db.notification.findMany({ where: { userId: shopper.id }, select: { kind: true } });
    expect(notices.map((notice) => notice.kind)).toEqual([
      row.status === "CORRECTED" ? "LISTING_REPORT_CORRECTED" : "LISTING_REPORT_REJECTED",
    ]);
    expect(await db.emailOutbox.count({ where: { to: shopper.email } })).toBe(1);
    if (row.status === "CORRECTED") {
      const store = await respond(() => storeLoader(args(getRequest("/stores/us-audio"), { slug: "us-audio" })));
      expect(((await store.json()) as { reports: { upheld: number } }).reports.upheld).toBe(1);
    }
  });
});

describe("store verification", () => {
  const verify = (fields: Record<string, string>, cookie = admin.cookie) =>
    respond(() => storesAction(args(formRequest("/admin/stores", { storeId: world.storeId, ...fields }, { cookie }))));
  const store = async () =>
    (await (await respond(() => storeLoader(args(getRequest("/stores/us-audio"), { slug: "us-audio" })))).json()) as {
      store: {
        verificationStatus: string;
        verification: { officialDomain: string; registration: string; note: string } | null;
        verifiedAt: string | null;
      };
    };

  test("only admins verify", async () => {
    expect((await verify({ intent: "verify", officialDomain: "us-audio.example", registration: "HRB 1" }, agent.cookie)).status).toBe(403);
  });

  test("a domain that is not the store's, or no registration, is refused", async () => {
    const wrong = await verify({ intent: "verify", officialDomain: "other.example", registration: "" });
    expect(wrong.status).toBe(400);
    expect((await body(wrong)).errors).toEqual({
      officialDomain: ["trust:errors.domainNotStore"],
      registration: ["trust:errors.registrationRequired"],
    });
    expect((await store()).store.verificationStatus).toBe("UNVERIFIED");
  });

  test("a verification says what was checked and when; revoking needs a reason; both are audited", async () => {
    expect(
      (await verify({ intent: "verify", officialDomain: "https://us-audio.example/", registration: "EIN 12-3456789, Delaware" })).status,
    ).toBe(200);
    const verified = await store();
    expect(verified.store).toMatchObject({
      verificationStatus: "VERIFIED",
      verification: { officialDomain: "us-audio.example", registration: "EIN 12-3456789, Delaware" },
    });
    expect(verified.store.verifiedAt).not.toBeNull();
    expect((await verify({ intent: "revoke" })).status).toBe(400);
    expect((await verify({ intent: "revoke", note: "Registration expired" })).status).toBe(200);
    expect((await store()).store).toMatchObject({ verificationStatus: "REVOKED", verification: { note: "Registration expired" } });
    expect(await db.auditLog.count({ where: { entity: "Store", entityId: world.storeId } })).toBe(2);
    expect((await verify({ intent: "verify", storeId: "missing", officialDomain: "us-audio.example", registration: "HRB 1" })).status).toBe(
      404,
    );
  });
});

describe("trust rules", () => {
  const save = (fields: Record<string, string>, cookie = admin.cookie) =>
    respond(() => trustAction(args(formRequest("/admin/trust", fields, { cookie }))));
  const good = {
    procurementTargetHours: "24",
    dispatchTargetHours: "36",
    complaintAnswerHours: "12",
    reviewEditDays: "15",
    minimumSample: "5",
  };

  test("an admin sets them; bad numbers are refused and change nothing", async () => {
    expect((await save({ ...good, minimumSample: "0x10" })).status).toBe(400);
    expect((await save({ ...good, reviewEditDays: "-1" })).status).toBe(400);
    expect((await save(good, shopper.cookie)).status).toBe(403);
    expect((await save(good)).status).toBe(200);
    const settings = (await (await respond(() => trustLoader(args(getRequest("/admin/trust", admin.cookie))))).json()) as {
      settings: Record<string, number>;
    };
    expect(settings.settings).toEqual({
      procurementTargetHours: 24,
      dispatchTargetHours: 36,
      complaintAnswerHours: 12,
      reviewEditDays: 15,
      minimumSample: 5,
    });
    expect(await db.auditLog.count({ where: { entity: "TrustSettings" } })).toBe(1);
  });
});
