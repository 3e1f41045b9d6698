-- AlterTable
ALTER TABLE "WalletEntry" ADD COLUMN "returnId" TEXT;

-- CreateTable
CREATE TABLE "ReturnRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "fault" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "computation" TEXT NOT NULL,
    "quotedRefundFen" INTEGER NOT NULL,
    "inspectedRefundFen" INTEGER,
    "refundedFen" INTEGER NOT NULL DEFAULT 0,
    "cbecTaxDeadline" DATETIME,
    "storeAccepted" BOOLEAN,
    "labelReference" TEXT,
    "carrier" TEXT,
    "trackingNumber" TEXT,
    "rejectionReason" TEXT,
    "disputeStatus" TEXT,
    "disputeNote" TEXT,
    "disputeDecision" TEXT,
    "disputeDecidedById" TEXT,
    "lastEventAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReturnRequest_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ReturnRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReturnItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "returnId" TEXT NOT NULL,
    "orderItemId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "condition" TEXT,
    "conditionNote" TEXT,
    "conditionPhotos" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "ReturnItem_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "ReturnRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReturnEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "returnId" TEXT NOT NULL,
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
    CONSTRAINT "ReturnEvent_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "ReturnRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReturnEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReturnSettings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'default',
    "shopperFaultDays" INTEGER NOT NULL DEFAULT 7,
    "platformFaultDays" INTEGER NOT NULL DEFAULT 30,
    "restockingRate" TEXT NOT NULL DEFAULT '0',
    "cbecTaxReturnDays" INTEGER NOT NULL DEFAULT 30,
    "excludedCategories" TEXT NOT NULL DEFAULT '["food","cosmetics_premium","alcohol"]',
    "returnAddress" TEXT NOT NULL DEFAULT ''
);

-- CreateIndex
CREATE UNIQUE INDEX "ReturnRequest_number_key" ON "ReturnRequest"("number");

-- CreateIndex
CREATE INDEX "ReturnRequest_orderId_idx" ON "ReturnRequest"("orderId");

-- CreateIndex
CREATE INDEX "ReturnRequest_userId_createdAt_idx" ON "ReturnRequest"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ReturnRequest_status_lastEventAt_idx" ON "ReturnRequest"("status", "lastEventAt");

-- CreateIndex
CREATE INDEX "ReturnItem_returnId_idx" ON "ReturnItem"("returnId");

-- CreateIndex
CREATE INDEX "ReturnItem_orderItemId_idx" ON "ReturnItem"("orderItemId");

-- CreateIndex
CREATE INDEX "ReturnEvent_returnId_createdAt_idx" ON "ReturnEvent"("returnId", "createdAt");


-- The default return policy of the spec (shared/specs/returns.md); admins edit it.
INSERT INTO "ReturnSettings" ("id") VALUES ('default');
