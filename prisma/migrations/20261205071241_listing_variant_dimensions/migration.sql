-- AlterTable
ALTER TABLE "ListingVariant" ADD COLUMN "heightCm" REAL;
ALTER TABLE "ListingVariant" ADD COLUMN "lengthCm" REAL;
ALTER TABLE "ListingVariant" ADD COLUMN "widthCm" REAL;
