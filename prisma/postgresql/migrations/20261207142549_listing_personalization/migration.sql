-- DropIndex
DROP INDEX "CartItem_userId_listingId_variantId_key";

-- AlterTable
ALTER TABLE "Listing" ADD COLUMN     "personalization" TEXT NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "CartItem" ADD COLUMN     "personalization" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "OrderItem" ADD COLUMN     "personalization" TEXT NOT NULL DEFAULT '[]';

-- CreateIndex
CREATE UNIQUE INDEX "CartItem_userId_listingId_variantId_personalization_key" ON "CartItem"("userId", "listingId", "variantId", "personalization");
