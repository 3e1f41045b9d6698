-- CreateTable
CREATE TABLE "ReconciliationRun" (
    "id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "billDate" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "billRows" INTEGER NOT NULL DEFAULT 0,
    "ledgerRows" INTEGER NOT NULL DEFAULT 0,
    "matched" INTEGER NOT NULL DEFAULT 0,
    "differences" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ReconciliationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReconciliationDifference" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "entry" TEXT NOT NULL,
    "outTradeNo" TEXT NOT NULL,
    "providerTradeNo" TEXT,
    "refundRequestNo" TEXT,
    "billAmountFen" INTEGER,
    "ledgerAmountFen" INTEGER,
    "billFinishedAt" TEXT,
    "ledgerAt" TIMESTAMP(3),
    "tradeId" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "note" TEXT,

    CONSTRAINT "ReconciliationDifference_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReconciliationRun_billDate_idx" ON "ReconciliationRun"("billDate");

-- CreateIndex
CREATE UNIQUE INDEX "ReconciliationRun_provider_billDate_key" ON "ReconciliationRun"("provider", "billDate");

-- CreateIndex
CREATE INDEX "ReconciliationDifference_runId_kind_idx" ON "ReconciliationDifference"("runId", "kind");

-- AddForeignKey
ALTER TABLE "ReconciliationDifference" ADD CONSTRAINT "ReconciliationDifference_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ReconciliationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
