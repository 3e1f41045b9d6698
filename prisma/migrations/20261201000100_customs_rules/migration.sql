-- Customs rules are dated data (shared/specs/landed-cost.md): the two rule sets China published are
-- legal facts every database needs, production and tests alike, so a migration inserts them (not the
-- demo seed). Dates are stored as Prisma writes them: ISO 8601 in UTC.

-- The rule set's source as Chinese readers see it on the quote page (`source` is the canonical text
-- the quote's context carries).
ALTER TABLE "CustomsRuleSet" ADD COLUMN "sourceZh" TEXT NOT NULL DEFAULT '';

-- The admin page counts the quotes that used each rule set, and a used set may never be deleted.
CREATE INDEX "Quote_customsRuleSetId_idx" ON "Quote"("customsRuleSetId");

-- 2019-04-09 00:00 China time: the 2019 postal tax and CBEC retail import policy.
INSERT INTO "CustomsRuleSet" ("id", "effectiveFrom", "source", "sourceZh", "postalParcelLimit", "postalParcelLimitByOrigin", "postalTaxWaiver", "cbecSingleLimit", "cbecAnnualLimit", "cbecTaxShare", "createdById", "createdAt")
VALUES ('customs-2019-04-09', '2019-04-08T16:00:00.000+00:00', '2019 postal tax and CBEC policy', '2019 年行邮税及跨境电商零售进口政策', '1000.00', '{"HK":"800.00","MO":"800.00","TW":"800.00"}', '50.00', '5000.00', '26000.00', '0.7', NULL, '2026-12-01T00:01:00.000+00:00');

-- 2024-12-01 00:00 China time: GACC Announcement 2024 No. 176, 2,000 CNY a parcel from anywhere
-- abroad, Hong Kong, Macao and Taiwan included.
INSERT INTO "CustomsRuleSet" ("id", "effectiveFrom", "source", "sourceZh", "postalParcelLimit", "postalParcelLimitByOrigin", "postalTaxWaiver", "cbecSingleLimit", "cbecAnnualLimit", "cbecTaxShare", "createdById", "createdAt")
VALUES ('customs-2024-12-01', '2024-11-30T16:00:00.000+00:00', 'GACC Announcement 2024 No. 176', 'GACC 2024年第176号公告', '2000.00', '{}', '50.00', '5000.00', '26000.00', '0.7', NULL, '2026-12-01T00:01:00.000+00:00');
