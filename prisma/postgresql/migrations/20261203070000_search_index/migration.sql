-- The search index (#14, app/services/search-index.server.ts): one row per published listing with its
-- stable order key (available first, then newest) and tsvectors the app writes from its own tokens
-- (doc: weights A titles, B variants/category/store, C descriptions, D title characters; titles: the
-- titles and their characters). Replaces the trigram index.
DROP INDEX IF EXISTS "Listing_search_trgm_idx";
DROP INDEX IF EXISTS "Listing_search_titles_idx";

CREATE TABLE "ListingSearchQueue" ("listingId" TEXT NOT NULL PRIMARY KEY);

CREATE TABLE "ListingSearchEntry" (
    "listingId" TEXT NOT NULL PRIMARY KEY,
    "key" BIGINT NOT NULL,
    "doc" TSVECTOR NOT NULL,
    "titles" TSVECTOR NOT NULL
);
CREATE INDEX "ListingSearchEntry_key_idx" ON "ListingSearchEntry"("key" DESC, "listingId" DESC);
CREATE INDEX "ListingSearchEntry_doc_idx" ON "ListingSearchEntry" USING gin ("doc");
-- The titles and their characters alone, unweighted: title tiers re-check this small vector.
CREATE INDEX "ListingSearchEntry_titles_idx" ON "ListingSearchEntry" USING gin ("titles");

CREATE FUNCTION "listing_search_enqueue"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'Listing' THEN
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO "ListingSearchQueue" ("listingId") VALUES (NEW."id") ON CONFLICT DO NOTHING;
        ELSE
            INSERT INTO "ListingSearchQueue" ("listingId") VALUES (OLD."id") ON CONFLICT DO NOTHING;
        END IF;
    ELSIF TG_TABLE_NAME = 'ListingVariant' THEN
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO "ListingSearchQueue" ("listingId") VALUES (NEW."listingId") ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP <> 'INSERT' THEN
            INSERT INTO "ListingSearchQueue" ("listingId") VALUES (OLD."listingId") ON CONFLICT DO NOTHING;
        END IF;
    ELSIF TG_TABLE_NAME = 'Category' THEN
        INSERT INTO "ListingSearchQueue" ("listingId") SELECT "id" FROM "Listing" WHERE "categorySlug" = NEW."slug" ON CONFLICT DO NOTHING;
    ELSIF TG_TABLE_NAME = 'Store' THEN
        INSERT INTO "ListingSearchQueue" ("listingId") SELECT "id" FROM "Listing" WHERE "storeId" = NEW."id" ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "Listing_search_queue_insert" AFTER INSERT OR DELETE ON "Listing" FOR EACH ROW EXECUTE FUNCTION "listing_search_enqueue"();
CREATE TRIGGER "Listing_search_queue_update" AFTER UPDATE OF "title", "titleZh", "description", "descriptionZh", "available", "status", "categorySlug", "storeId", "createdAt" ON "Listing" FOR EACH ROW EXECUTE FUNCTION "listing_search_enqueue"();
CREATE TRIGGER "ListingVariant_search_queue" AFTER INSERT OR DELETE OR UPDATE OF "title", "titleZh", "listingId" ON "ListingVariant" FOR EACH ROW EXECUTE FUNCTION "listing_search_enqueue"();
CREATE TRIGGER "Category_search_queue_update" AFTER UPDATE OF "nameZh", "nameEn" ON "Category" FOR EACH ROW EXECUTE FUNCTION "listing_search_enqueue"();
CREATE TRIGGER "Store_search_queue_update" AFTER UPDATE OF "name" ON "Store" FOR EACH ROW EXECUTE FUNCTION "listing_search_enqueue"();

INSERT INTO "ListingSearchQueue" ("listingId") SELECT "id" FROM "Listing";
