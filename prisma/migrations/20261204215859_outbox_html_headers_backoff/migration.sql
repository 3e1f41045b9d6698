-- AlterTable
ALTER TABLE "EmailOutbox" ADD COLUMN "headers" TEXT;
ALTER TABLE "EmailOutbox" ADD COLUMN "html" TEXT;
ALTER TABLE "EmailOutbox" ADD COLUMN "nextAttemptAt" DATETIME;
