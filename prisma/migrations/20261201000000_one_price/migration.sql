-- AlterTable
ALTER TABLE "Listing" ADD COLUMN "landedAt" DATETIME;
ALTER TABLE "Listing" ADD COLUMN "landedFen" INTEGER;
ALTER TABLE "Listing" ADD COLUMN "landedLineCode" TEXT;
ALTER TABLE "Listing" ADD COLUMN "landedStatus" TEXT;

-- AlterTable
ALTER TABLE "Quote" ADD COLUMN "customsRuleSetId" TEXT;

-- CreateTable
CREATE TABLE "CustomsRuleSet" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "effectiveFrom" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "postalParcelLimit" TEXT NOT NULL,
    "postalParcelLimitByOrigin" TEXT NOT NULL DEFAULT '{}',
    "postalTaxWaiver" TEXT NOT NULL,
    "cbecSingleLimit" TEXT NOT NULL,
    "cbecAnnualLimit" TEXT NOT NULL,
    "cbecTaxShare" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "GuaranteeCost" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "agentId" TEXT,
    "storeName" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "GuaranteeSettings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'default',
    "priceToleranceFen" INTEGER NOT NULL DEFAULT 2000,
    "refundApprovalFen" INTEGER NOT NULL DEFAULT 10000
);

-- CreateTable
CREATE TABLE "ReturnAddress" (
    "country" TEXT NOT NULL PRIMARY KEY,
    "address" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- AlterTable (added columns only: no table rebuild)
ALTER TABLE "Order" ADD COLUMN "priceCheck" TEXT;
ALTER TABLE "Order" ADD COLUMN "purchaseEvidence" TEXT;
ALTER TABLE "Order" ADD COLUMN "pendingRefundFen" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Order" ADD COLUMN "refundState" TEXT NOT NULL DEFAULT 'NONE';
ALTER TABLE "Order" ADD COLUMN "refundDecidedById" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "CustomsRuleSet_effectiveFrom_key" ON "CustomsRuleSet"("effectiveFrom");

-- CreateIndex
CREATE INDEX "GuaranteeCost_createdAt_idx" ON "GuaranteeCost"("createdAt");

-- CreateIndex
CREATE INDEX "GuaranteeCost_orderId_idx" ON "GuaranteeCost"("orderId");

-- CreateIndex
CREATE INDEX "Listing_status_landedFen_idx" ON "Listing"("status", "landedFen");


-- The default guarantee settings row.
INSERT INTO "GuaranteeSettings" ("id") VALUES ('default');
