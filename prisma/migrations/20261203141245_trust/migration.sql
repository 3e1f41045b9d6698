-- AlterTable
ALTER TABLE "Listing" ADD COLUMN "verifiedAt" DATETIME;

-- AlterTable
ALTER TABLE "WalletEntry" ADD COLUMN "complaintId" TEXT;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN "storeId" TEXT;

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderItemId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "listingId" TEXT,
    "storeId" TEXT,
    "agentId" TEXT,
    "variantName" TEXT,
    "accuracy" INTEGER NOT NULL,
    "quality" INTEGER NOT NULL,
    "speed" INTEGER NOT NULL,
    "communication" INTEGER NOT NULL,
    "packaging" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "photos" TEXT NOT NULL DEFAULT '[]',
    "hiddenAt" DATETIME,
    "hiddenReason" TEXT,
    "hiddenById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Review_orderItemId_fkey" FOREIGN KEY ("orderItemId") REFERENCES "OrderItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Review_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "agentId" TEXT,
    "storeId" TEXT,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "photos" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "answerDueAt" DATETIME NOT NULL,
    "outcome" TEXT,
    "compensationFen" INTEGER NOT NULL DEFAULT 0,
    "decisionNote" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "lastEventAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Complaint_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Complaint_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ComplaintEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "complaintId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" TEXT,
    "actorRole" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "messageKey" TEXT,
    "params" TEXT NOT NULL DEFAULT '{}',
    "note" TEXT,
    "attachments" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ComplaintEvent_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ComplaintEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ListingReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "listingId" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "resolution" TEXT,
    "resolvedById" TEXT,
    "resolvedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ListingReport_listingId_fkey" FOREIGN KEY ("listingId") REFERENCES "Listing" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ListingReport_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrustSettings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'default',
    "procurementTargetHours" INTEGER NOT NULL DEFAULT 48,
    "dispatchTargetHours" INTEGER NOT NULL DEFAULT 48,
    "complaintAnswerHours" INTEGER NOT NULL DEFAULT 48,
    "reviewEditDays" INTEGER NOT NULL DEFAULT 30,
    "minimumSample" INTEGER NOT NULL DEFAULT 3
);

-- AlterTable (added in place, not by a table rebuild: a rebuild would drop Store's search-index triggers)
ALTER TABLE "Store" ADD COLUMN "verificationStatus" TEXT NOT NULL DEFAULT 'UNVERIFIED';
ALTER TABLE "Store" ADD COLUMN "verification" TEXT;
ALTER TABLE "Store" ADD COLUMN "verifiedAt" DATETIME;
ALTER TABLE "Store" ADD COLUMN "verifiedById" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Review_orderItemId_key" ON "Review"("orderItemId");

-- CreateIndex
CREATE INDEX "Review_listingId_createdAt_idx" ON "Review"("listingId", "createdAt");

-- CreateIndex
CREATE INDEX "Review_storeId_createdAt_idx" ON "Review"("storeId", "createdAt");

-- CreateIndex
CREATE INDEX "Review_agentId_idx" ON "Review"("agentId");

-- CreateIndex
CREATE INDEX "Review_userId_idx" ON "Review"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_number_key" ON "Complaint"("number");

-- CreateIndex
CREATE INDEX "Complaint_orderId_idx" ON "Complaint"("orderId");

-- CreateIndex
CREATE INDEX "Complaint_userId_createdAt_idx" ON "Complaint"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Complaint_agentId_status_idx" ON "Complaint"("agentId", "status");

-- CreateIndex
CREATE INDEX "Complaint_storeId_idx" ON "Complaint"("storeId");

-- CreateIndex
CREATE INDEX "Complaint_status_answerDueAt_idx" ON "Complaint"("status", "answerDueAt");

-- CreateIndex
CREATE INDEX "ComplaintEvent_complaintId_createdAt_idx" ON "ComplaintEvent"("complaintId", "createdAt");

-- CreateIndex
CREATE INDEX "ListingReport_status_createdAt_idx" ON "ListingReport"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ListingReport_listingId_status_idx" ON "ListingReport"("listingId", "status");

-- CreateIndex
CREATE INDEX "ListingReport_storeId_status_idx" ON "ListingReport"("storeId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "WalletEntry_complaintId_key" ON "WalletEntry"("complaintId");

-- CreateIndex
CREATE INDEX "Order_storeId_status_idx" ON "Order"("storeId", "status");

-- The store of every existing order: the store of its items' listings (a cart holds one store).
UPDATE "Order" SET "storeId" = (
    SELECT "Listing"."storeId" FROM "OrderItem" JOIN "Listing" ON "Listing"."id" = "OrderItem"."listingId"
    WHERE "OrderItem"."orderId" = "Order"."id" LIMIT 1
);

-- The store page reads a store's published listings in this order (replaces the index on storeId alone).
DROP INDEX "Listing_storeId_idx";
CREATE INDEX "Listing_storeId_status_available_createdAt_idx" ON "Listing"("storeId", "status", "available", "createdAt");
