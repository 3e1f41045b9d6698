-- AlterTable
ALTER TABLE "EmailOutbox" ADD COLUMN     "headers" TEXT,
ADD COLUMN     "html" TEXT,
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3);
