-- AlterTable
ALTER TABLE "Quote" ADD COLUMN     "usedAt" TIMESTAMP(3);

-- Every quote an order charges or charged: its own, the one its checkout form showed (the order's
-- idempotency key is that quote's id, kept when a re-base moved quoteId on), and the ones its flow made.
UPDATE "Quote" SET "usedAt" = "createdAt"
WHERE "id" IN (SELECT "quoteId" FROM "Order")
   OR "id" IN (SELECT "idempotencyKey" FROM "Order")
   OR "id" IN (SELECT "exceptionQuoteId" FROM "Order" WHERE "exceptionQuoteId" IS NOT NULL)
   OR "id" IN (SELECT "refundQuoteId" FROM "Order" WHERE "refundQuoteId" IS NOT NULL);
