-- AlterTable
ALTER TABLE "PaymentTrade" ADD COLUMN     "refundableFen" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "refundTo" TEXT NOT NULL DEFAULT 'WALLET';

-- CreateTable
CREATE TABLE "PaymentRefund" (
    "id" TEXT NOT NULL,
    "tradeId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "returnId" TEXT,
    "outRequestNo" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "version" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settledAt" TIMESTAMP(3),

    CONSTRAINT "PaymentRefund_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PaymentRefund_outRequestNo_key" ON "PaymentRefund"("outRequestNo");

-- CreateIndex
CREATE INDEX "PaymentRefund_status_nextAttemptAt_idx" ON "PaymentRefund"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "PaymentRefund_orderId_idx" ON "PaymentRefund"("orderId");

-- AddForeignKey
ALTER TABLE "PaymentRefund" ADD CONSTRAINT "PaymentRefund_tradeId_fkey" FOREIGN KEY ("tradeId") REFERENCES "PaymentTrade"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An order's Alipay payment can take refunds back: the trades that paid their order (the same
-- transaction stamped both paidAt) may refund up to what they paid.
UPDATE "PaymentTrade" SET "refundableFen" = "amountFen"
WHERE "purpose" = 'ORDER' AND "status" = 'PAID'
  AND EXISTS (SELECT 1 FROM "Order" WHERE "Order"."id" = "PaymentTrade"."orderId" AND "Order"."paidAt" = "PaymentTrade"."paidAt");
