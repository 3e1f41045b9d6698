-- AlterTable
ALTER TABLE "FeeSchedule" ADD COLUMN "defaultShippingLineCode" TEXT;
