-- CreateTable
CREATE TABLE "Question" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "submitKey" TEXT NOT NULL,
    "listingId" TEXT,
    "orderId" TEXT,
    "text" TEXT NOT NULL,
    "publishConsent" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredAt" DATETIME,
    "hiddenAt" DATETIME,
    "hiddenById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Question_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Question_listingId_fkey" FOREIGN KEY ("listingId") REFERENCES "Listing" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Question_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Question_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContactSettings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'default',
    "inSite" BOOLEAN NOT NULL DEFAULT true,
    "email" TEXT,
    "wechatId" TEXT,
    "wechatUrl" TEXT,
    "phone" TEXT,
    "hoursStart" TEXT NOT NULL DEFAULT '09:00',
    "hoursEnd" TEXT NOT NULL DEFAULT '21:00',
    "hoursDays" TEXT NOT NULL DEFAULT '1234567',
    "answerSlaHours" INTEGER NOT NULL DEFAULT 12
);

-- CreateIndex
CREATE INDEX "Question_status_createdAt_idx" ON "Question"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Question_listingId_status_idx" ON "Question"("listingId", "status");

-- CreateIndex
CREATE INDEX "Question_userId_createdAt_idx" ON "Question"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Question_userId_submitKey_key" ON "Question"("userId", "submitKey");
