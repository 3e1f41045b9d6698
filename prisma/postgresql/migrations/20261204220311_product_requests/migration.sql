-- AlterTable
ALTER TABLE "Listing" ADD COLUMN     "domesticShipping" TEXT,
ADD COLUMN     "oneOffUserId" TEXT;

-- CreateTable
CREATE TABLE "ProductRequest" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "storeName" TEXT NOT NULL,
    "link" TEXT,
    "description" TEXT NOT NULL,
    "variant" TEXT,
    "quantity" INTEGER NOT NULL,
    "budgetFen" INTEGER,
    "photos" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "version" INTEGER NOT NULL DEFAULT 0,
    "agentId" TEXT,
    "title" TEXT,
    "price" TEXT,
    "currency" TEXT,
    "domesticShipping" TEXT,
    "weightGrams" INTEGER,
    "dimensionsCm" TEXT,
    "taxCategory" TEXT,
    "originCountry" TEXT,
    "quoteId" TEXT,
    "quoteCount" INTEGER NOT NULL DEFAULT 0,
    "quotedAt" TIMESTAMP(3),
    "declineReason" TEXT,
    "declinedBy" TEXT,
    "listingId" TEXT,
    "acceptedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProductRequest_listingId_key" ON "ProductRequest"("listingId");

-- CreateIndex
CREATE INDEX "ProductRequest_userId_createdAt_idx" ON "ProductRequest"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ProductRequest_status_updatedAt_idx" ON "ProductRequest"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "Listing_oneOffUserId_idx" ON "Listing"("oneOffUserId");

-- AddForeignKey
ALTER TABLE "ProductRequest" ADD CONSTRAINT "ProductRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
