-- Personalization: the fields a listing declares, what the shopper typed on the cart line (part of its
-- identity) and on the order item. Added columns rather than a table rebuild, so "Listing" keeps its search
-- triggers (20261123001000_listing_search).
ALTER TABLE "Listing" ADD COLUMN "personalization" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "OrderItem" ADD COLUMN "personalization" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "CartItem" ADD COLUMN "personalization" TEXT NOT NULL DEFAULT '';
DROP INDEX "CartItem_userId_listingId_variantId_key";
CREATE UNIQUE INDEX "CartItem_userId_listingId_variantId_personalization_key" ON "CartItem"("userId", "listingId", "variantId", "personalization");
