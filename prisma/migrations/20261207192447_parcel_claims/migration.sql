-- AlterTable
ALTER TABLE "WalletEntry" ADD COLUMN "claimId" TEXT;

-- CreateTable
CREATE TABLE "ParcelClaim" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "positions" TEXT NOT NULL DEFAULT '[]',
    "insured" BOOLEAN NOT NULL,
    "payout" TEXT NOT NULL,
    "payoutFen" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "decisionNote" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "paidAt" DATETIME,
    "lastEventAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ParcelClaim_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ParcelClaim_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ParcelClaimEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "claimId" TEXT NOT NULL,
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
    CONSTRAINT "ParcelClaimEvent_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "ParcelClaim" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ParcelClaimEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClaimSettings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'default',
    "uninsuredCapFen" INTEGER NOT NULL DEFAULT 50000
);

-- CreateIndex
CREATE UNIQUE INDEX "ParcelClaim_number_key" ON "ParcelClaim"("number");

-- CreateIndex
CREATE INDEX "ParcelClaim_orderId_idx" ON "ParcelClaim"("orderId");

-- CreateIndex
CREATE INDEX "ParcelClaim_userId_createdAt_idx" ON "ParcelClaim"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ParcelClaim_status_createdAt_idx" ON "ParcelClaim"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ParcelClaimEvent_claimId_createdAt_idx" ON "ParcelClaimEvent"("claimId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WalletEntry_claimId_key" ON "WalletEntry"("claimId");
