-- AlterTable
ALTER TABLE "ListingWatch" ADD COLUMN "restockAlertedAt" DATETIME;

-- CreateTable
CREATE TABLE "RevisitSettings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'default',
    "checkInDays" INTEGER NOT NULL DEFAULT 3
);

-- CreateTable
CREATE TABLE "CategoryCadence" (
    "categorySlug" TEXT NOT NULL PRIMARY KEY,
    "days" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SentReminder" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "SentReminder_userId_createdAt_idx" ON "SentReminder"("userId", "createdAt");
