-- AlterTable
ALTER TABLE "Listing" ADD COLUMN "domesticShipping" TEXT;
ALTER TABLE "Listing" ADD COLUMN "oneOffUserId" TEXT;

-- CreateTable
CREATE TABLE "ProductRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "quotedAt" DATETIME,
    "declineReason" TEXT,
    "declinedBy" TEXT,
    "listingId" TEXT,
    "acceptedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ProductRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ProductRequest_listingId_key" ON "ProductRequest"("listingId");

-- CreateIndex
CREATE INDEX "ProductRequest_userId_createdAt_idx" ON "ProductRequest"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ProductRequest_status_updatedAt_idx" ON "ProductRequest"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "Listing_oneOffUserId_idx" ON "Listing"("oneOffUserId");
