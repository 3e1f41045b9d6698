-- AlterTable
ALTER TABLE "WalletEntry" ADD COLUMN "tradeId" TEXT;

-- CreateTable
CREATE TABLE "PaymentTrade" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PaymentTrade_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PaymentNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "provider" TEXT NOT NULL,
    "outTradeNo" TEXT,
    "providerTradeNo" TEXT,
    "tradeStatus" TEXT,
    "amount" TEXT,
    "outcome" TEXT NOT NULL,
    "detail" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "PaymentTrade_outTradeNo_key" ON "PaymentTrade"("outTradeNo");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentTrade_providerTradeNo_key" ON "PaymentTrade"("providerTradeNo");

-- CreateIndex
CREATE INDEX "PaymentTrade_status_expiresAt_idx" ON "PaymentTrade"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "PaymentTrade_userId_createdAt_idx" ON "PaymentTrade"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "PaymentTrade_orderId_idx" ON "PaymentTrade"("orderId");

-- CreateIndex
CREATE INDEX "PaymentNotice_outTradeNo_idx" ON "PaymentNotice"("outTradeNo");

-- CreateIndex
CREATE INDEX "PaymentNotice_receivedAt_idx" ON "PaymentNotice"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WalletEntry_tradeId_key" ON "WalletEntry"("tradeId");
