-- Returns show one truth (issue #11, point 6).
-- Each returned line keeps its refund after inspection and every unit's record (condition, refund
-- adjustment, note), so the return page can show per line what comes back and why.
ALTER TABLE "ReturnItem" ADD COLUMN "inspectedRefundFen" INTEGER;
ALTER TABLE "ReturnItem" ADD COLUMN "inspection" TEXT NOT NULL DEFAULT '[]';
-- How a shopper reaches the platform (a complaint, a return the agent cannot help with); admins edit it.
ALTER TABLE "ReturnSettings" ADD COLUMN "platformContact" TEXT NOT NULL DEFAULT '';
