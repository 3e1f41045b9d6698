-- CreateTable
CREATE TABLE "PaymentRefund" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settledAt" DATETIME,
    CONSTRAINT "PaymentRefund_tradeId_fkey" FOREIGN KEY ("tradeId") REFERENCES "PaymentTrade" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PaymentTrade" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "provider" TEXT NOT NULL,
    "outTradeNo" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "orderId" TEXT,
    "amountFen" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'CREATED',
    "providerTradeNo" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME NOT NULL,
    "paidAt" DATETIME,
    "checkedAt" DATETIME,
    "refundableFen" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PaymentTrade_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PaymentTrade" ("amountFen", "checkedAt", "createdAt", "expiresAt", "id", "orderId", "outTradeNo", "paidAt", "provider", "providerTradeNo", "purpose", "status", "userId", "version") SELECT "amountFen", "checkedAt", "createdAt", "expiresAt", "id", "orderId", "outTradeNo", "paidAt", "provider", "providerTradeNo", "purpose", "status", "userId", "version" FROM "PaymentTrade";
DROP TABLE "PaymentTrade";
ALTER TABLE "new_PaymentTrade" RENAME TO "PaymentTrade";
CREATE UNIQUE INDEX "PaymentTrade_outTradeNo_key" ON "PaymentTrade"("outTradeNo");
CREATE UNIQUE INDEX "PaymentTrade_providerTradeNo_key" ON "PaymentTrade"("providerTradeNo");
CREATE INDEX "PaymentTrade_status_expiresAt_idx" ON "PaymentTrade"("status", "expiresAt");
CREATE INDEX "PaymentTrade_userId_createdAt_idx" ON "PaymentTrade"("userId", "createdAt");
CREATE INDEX "PaymentTrade_orderId_idx" ON "PaymentTrade"("orderId");
CREATE TABLE "new_Order" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "agentId" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "quoteId" TEXT NOT NULL,
    "storeName" TEXT NOT NULL,
    "storeId" TEXT,
    "currency" TEXT NOT NULL,
    "shippingLineCode" TEXT NOT NULL,
    "customsRegime" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "previousStatus" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "totalFen" INTEGER NOT NULL,
    "paidFen" INTEGER NOT NULL DEFAULT 0,
    "dutiableFen" INTEGER NOT NULL DEFAULT 0,
    "address" TEXT NOT NULL,
    "identityCipher" TEXT,
    "identityMasked" TEXT,
    "foreignOrderNumber" TEXT,
    "actualCost" TEXT,
    "weightGrams" INTEGER,
    "dimensionsCm" TEXT,
    "carrier" TEXT,
    "trackingNumber" TEXT,
    "exceptionQuoteId" TEXT,
    "exceptionExtraFen" INTEGER,
    "absorbedFen" INTEGER NOT NULL DEFAULT 0,
    "priceCheck" TEXT,
    "purchaseEvidence" TEXT,
    "pendingRefundFen" INTEGER NOT NULL DEFAULT 0,
    "refundState" TEXT NOT NULL DEFAULT 'NONE',
    "refundDecidedById" TEXT,
    "refundQuoteId" TEXT,
    "refundTo" TEXT NOT NULL DEFAULT 'WALLET',
    "paidAt" DATETIME,
    "deliveredAt" DATETIME,
    "lastEventAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "nudgedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Order_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Order_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Order" ("absorbedFen", "actualCost", "address", "agentId", "carrier", "createdAt", "currency", "customsRegime", "deliveredAt", "dimensionsCm", "dutiableFen", "exceptionExtraFen", "exceptionQuoteId", "foreignOrderNumber", "id", "idempotencyKey", "identityCipher", "identityMasked", "lastEventAt", "nudgedAt", "number", "paidAt", "paidFen", "pendingRefundFen", "previousStatus", "priceCheck", "purchaseEvidence", "quoteId", "refundDecidedById", "refundQuoteId", "refundState", "shippingLineCode", "status", "storeId", "storeName", "totalFen", "trackingNumber", "updatedAt", "userId", "version", "weightGrams") SELECT "absorbedFen", "actualCost", "address", "agentId", "carrier", "createdAt", "currency", "customsRegime", "deliveredAt", "dimensionsCm", "dutiableFen", "exceptionExtraFen", "exceptionQuoteId", "foreignOrderNumber", "id", "idempotencyKey", "identityCipher", "identityMasked", "lastEventAt", "nudgedAt", "number", "paidAt", "paidFen", "pendingRefundFen", "previousStatus", "priceCheck", "purchaseEvidence", "quoteId", "refundDecidedById", "refundQuoteId", "refundState", "shippingLineCode", "status", "storeId", "storeName", "totalFen", "trackingNumber", "updatedAt", "userId", "version", "weightGrams" FROM "Order";
DROP TABLE "Order";
ALTER TABLE "new_Order" RENAME TO "Order";
CREATE UNIQUE INDEX "Order_number_key" ON "Order"("number");
CREATE UNIQUE INDEX "Order_quoteId_key" ON "Order"("quoteId");
CREATE INDEX "Order_userId_createdAt_idx" ON "Order"("userId", "createdAt");
CREATE INDEX "Order_agentId_status_idx" ON "Order"("agentId", "status");
CREATE INDEX "Order_status_lastEventAt_idx" ON "Order"("status", "lastEventAt");
CREATE INDEX "Order_storeId_status_idx" ON "Order"("storeId", "status");
CREATE UNIQUE INDEX "Order_userId_idempotencyKey_key" ON "Order"("userId", "idempotencyKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "PaymentRefund_outRequestNo_key" ON "PaymentRefund"("outRequestNo");

-- CreateIndex
CREATE INDEX "PaymentRefund_status_nextAttemptAt_idx" ON "PaymentRefund"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "PaymentRefund_orderId_idx" ON "PaymentRefund"("orderId");

-- An order's Alipay payment can take refunds back: the trades that paid their order (the same
-- transaction stamped both paidAt) may refund up to what they paid.
UPDATE "PaymentTrade" SET "refundableFen" = "amountFen"
WHERE "purpose" = 'ORDER' AND "status" = 'PAID'
  AND EXISTS (SELECT 1 FROM "Order" WHERE "Order"."id" = "PaymentTrade"."orderId" AND "Order"."paidAt" = "PaymentTrade"."paidAt");
