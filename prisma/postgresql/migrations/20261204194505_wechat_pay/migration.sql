-- AlterTable
ALTER TABLE "PaymentTrade" ADD COLUMN     "codeUrl" TEXT;
