-- CreateTable
CREATE TABLE "ReconciliationRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "provider" TEXT NOT NULL,
    "billDate" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "billRows" INTEGER NOT NULL DEFAULT 0,
    "ledgerRows" INTEGER NOT NULL DEFAULT 0,
    "matched" INTEGER NOT NULL DEFAULT 0,
    "differences" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ReconciliationDifference" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "entry" TEXT NOT NULL,
    "outTradeNo" TEXT NOT NULL,
    "providerTradeNo" TEXT,
    "refundRequestNo" TEXT,
    "billAmountFen" INTEGER,
    "ledgerAmountFen" INTEGER,
    "billFinishedAt" TEXT,
    "ledgerAt" DATETIME,
    "tradeId" TEXT,
    "resolvedAt" DATETIME,
    "resolvedById" TEXT,
    "note" TEXT,
    CONSTRAINT "ReconciliationDifference_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ReconciliationRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReconciliationRun_billDate_idx" ON "ReconciliationRun"("billDate");

-- CreateIndex
CREATE UNIQUE INDEX "ReconciliationRun_provider_billDate_key" ON "ReconciliationRun"("provider", "billDate");

-- CreateIndex
CREATE INDEX "ReconciliationDifference_runId_kind_idx" ON "ReconciliationDifference"("runId", "kind");
