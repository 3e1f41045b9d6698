-- The quote an order is re-based on when a refund from the agent's figures is paid (held while the
-- refund waits for an admin's approval).
ALTER TABLE "Order" ADD COLUMN "refundQuoteId" TEXT;

-- EXCEPTION is gone (after PURCHASED the platform never asks for more). Orders the old flow left
-- waiting there go back to the step they came from: bought ones with the difference absorbed by the
-- platform, unbought ones to PURCHASING, where the agent records a price check before buying.
UPDATE "Order" SET "absorbedFen" = "absorbedFen" + COALESCE("exceptionExtraFen", 0)
  WHERE "status" = 'EXCEPTION' AND "previousStatus" IN ('PURCHASED', 'AT_WAREHOUSE', 'IN_CUSTOMS');
UPDATE "Order" SET "status" = COALESCE("previousStatus", 'PURCHASING'), "previousStatus" = NULL, "exceptionQuoteId" = NULL, "exceptionExtraFen" = NULL, "version" = "version" + 1
  WHERE "status" = 'EXCEPTION';
