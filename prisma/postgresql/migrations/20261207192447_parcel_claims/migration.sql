-- AlterTable
ALTER TABLE "WalletEntry" ADD COLUMN     "claimId" TEXT;

-- CreateTable
CREATE TABLE "ParcelClaim" (
    "id" TEXT NOT NULL,
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
    "decidedAt" TIMESTAMP(3),
    "paidAt" TIMESTAMP(3),
    "lastEventAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ParcelClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ParcelClaimEvent" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ParcelClaimEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClaimSettings" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "uninsuredCapFen" INTEGER NOT NULL DEFAULT 50000,

    CONSTRAINT "ClaimSettings_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "ParcelClaim" ADD CONSTRAINT "ParcelClaim_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParcelClaim" ADD CONSTRAINT "ParcelClaim_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParcelClaimEvent" ADD CONSTRAINT "ParcelClaimEvent_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "ParcelClaim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParcelClaimEvent" ADD CONSTRAINT "ParcelClaimEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
