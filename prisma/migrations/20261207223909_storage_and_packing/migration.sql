-- AlterTable
ALTER TABLE "Order" ADD COLUMN "arrivedAt" DATETIME;
ALTER TABLE "Order" ADD COLUMN "freeStorageDays" INTEGER;
ALTER TABLE "Order" ADD COLUMN "packedAt" DATETIME;
ALTER TABLE "Order" ADD COLUMN "packedDimensionsCm" TEXT;
ALTER TABLE "Order" ADD COLUMN "packedWeightGrams" INTEGER;
ALTER TABLE "Order" ADD COLUMN "storageRemindedAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ShippingLine" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "originCountry" TEXT NOT NULL,
    "customsRegime" TEXT NOT NULL,
    "firstWeightGrams" INTEGER NOT NULL,
    "firstWeightPrice" TEXT NOT NULL,
    "additionalWeightGrams" INTEGER NOT NULL,
    "additionalWeightPrice" TEXT NOT NULL,
    "volumetricDivisor" INTEGER,
    "handlingFee" TEXT NOT NULL,
    "removeBoxesFee" TEXT NOT NULL DEFAULT '5.00',
    "extraProtectionFee" TEXT NOT NULL DEFAULT '12.00',
    "freeStorageDays" INTEGER NOT NULL DEFAULT 30,
    "etaDaysMin" INTEGER NOT NULL,
    "etaDaysMax" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "isDefault" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_ShippingLine" ("active", "additionalWeightGrams", "additionalWeightPrice", "code", "customsRegime", "etaDaysMax", "etaDaysMin", "firstWeightGrams", "firstWeightPrice", "handlingFee", "isDefault", "nameEn", "nameZh", "originCountry", "volumetricDivisor") SELECT "active", "additionalWeightGrams", "additionalWeightPrice", "code", "customsRegime", "etaDaysMax", "etaDaysMin", "firstWeightGrams", "firstWeightPrice", "handlingFee", "isDefault", "nameEn", "nameZh", "originCountry", "volumetricDivisor" FROM "ShippingLine";
DROP TABLE "ShippingLine";
ALTER TABLE "new_ShippingLine" RENAME TO "ShippingLine";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Order_status_storageRemindedAt_idx" ON "Order"("status", "storageRemindedAt");
