-- AlterTable
ALTER TABLE "ShippingLine" ADD COLUMN     "extraProtectionFee" TEXT NOT NULL DEFAULT '12.00',
ADD COLUMN     "freeStorageDays" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "removeBoxesFee" TEXT NOT NULL DEFAULT '5.00';

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "arrivedAt" TIMESTAMP(3),
ADD COLUMN     "freeStorageDays" INTEGER,
ADD COLUMN     "packedAt" TIMESTAMP(3),
ADD COLUMN     "packedDimensionsCm" TEXT,
ADD COLUMN     "packedWeightGrams" INTEGER,
ADD COLUMN     "storageRemindedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Order_status_storageRemindedAt_idx" ON "Order"("status", "storageRemindedAt");
