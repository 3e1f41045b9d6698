-- AlterTable
ALTER TABLE "ListingWatch" ADD COLUMN     "restockAlertedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RevisitSettings" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "checkInDays" INTEGER NOT NULL DEFAULT 3,

    CONSTRAINT "RevisitSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CategoryCadence" (
    "categorySlug" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CategoryCadence_pkey" PRIMARY KEY ("categorySlug")
);

-- CreateTable
CREATE TABLE "SentReminder" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SentReminder_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SentReminder_userId_createdAt_idx" ON "SentReminder"("userId", "createdAt");
