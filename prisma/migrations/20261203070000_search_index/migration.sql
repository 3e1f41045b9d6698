-- The search index (#14, app/services/search-index.server.ts): our own tokens per field in an FTS5
-- table whose rowid is the listing's stable order key (available first, then newest), so every tier
-- of a search streams in that order and stops at the page. It replaces the trigram table.
DROP TRIGGER IF EXISTS "Listing_search_insert";
DROP TRIGGER IF EXISTS "Listing_search_delete";
DROP TRIGGER IF EXISTS "Listing_search_update";
DROP TABLE IF EXISTS "ListingSearch";
DROP INDEX IF EXISTS "Listing_search_titles_idx";

-- Listings whose searchable text, order or visibility changed: the triggers below fill it, the search
-- service and the search-index job drain it.
CREATE TABLE "ListingSearchQueue" ("listingId" TEXT NOT NULL PRIMARY KEY);

-- One row per indexed (published) listing: its order key, which is also its FTS5 rowid.
CREATE TABLE "ListingSearchEntry" (
    "listingId" TEXT NOT NULL PRIMARY KEY,
    "key" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "ListingSearchEntry_key_key" ON "ListingSearchEntry"("key");

-- The ascii tokenizer splits on ASCII spaces and punctuation only: the columns hold tokens the app
-- made (app/domain/search/tokens.ts), CJK pairs and words, space-joined.
CREATE VIRTUAL TABLE "ListingSearchFts" USING fts5(
    "listingId" UNINDEXED,
    "titles",
    "extra",
    "body",
    "chars",
    tokenize = 'ascii'
);

-- A later migration that redefines one of these tables (Prisma's new_Listing copy) drops its
-- triggers: it must create them again.
CREATE TRIGGER "Listing_search_queue_insert" AFTER INSERT ON "Listing" BEGIN
    INSERT OR IGNORE INTO "ListingSearchQueue" ("listingId") VALUES (new."id");
END;
CREATE TRIGGER "Listing_search_queue_update" AFTER UPDATE OF "title", "titleZh", "description", "descriptionZh", "available", "status", "categorySlug", "storeId", "createdAt" ON "Listing" BEGIN
    INSERT OR IGNORE INTO "ListingSearchQueue" ("listingId") VALUES (new."id");
END;
CREATE TRIGGER "Listing_search_queue_delete" AFTER DELETE ON "Listing" BEGIN
    INSERT OR IGNORE INTO "ListingSearchQueue" ("listingId") VALUES (old."id");
END;
CREATE TRIGGER "ListingVariant_search_queue_insert" AFTER INSERT ON "ListingVariant" BEGIN
    INSERT OR IGNORE INTO "ListingSearchQueue" ("listingId") VALUES (new."listingId");
END;
CREATE TRIGGER "ListingVariant_search_queue_update" AFTER UPDATE OF "title", "titleZh", "listingId" ON "ListingVariant" BEGIN
    INSERT OR IGNORE INTO "ListingSearchQueue" ("listingId") VALUES (new."listingId");
    INSERT OR IGNORE INTO "ListingSearchQueue" ("listingId") VALUES (old."listingId");
END;
CREATE TRIGGER "ListingVariant_search_queue_delete" AFTER DELETE ON "ListingVariant" BEGIN
    INSERT OR IGNORE INTO "ListingSearchQueue" ("listingId") VALUES (old."listingId");
END;
CREATE TRIGGER "Category_search_queue_update" AFTER UPDATE OF "nameZh", "nameEn" ON "Category" BEGIN
    INSERT OR IGNORE INTO "ListingSearchQueue" ("listingId") SELECT "id" FROM "Listing" WHERE "categorySlug" = new."slug";
END;
CREATE TRIGGER "Store_search_queue_update" AFTER UPDATE OF "name" ON "Store" BEGIN
    INSERT OR IGNORE INTO "ListingSearchQueue" ("listingId") SELECT "id" FROM "Listing" WHERE "storeId" = new."id";
END;

-- Every existing listing is indexed by the next drain (the seed and the search-index job drain it).
INSERT INTO "ListingSearchQueue" ("listingId") SELECT "id" FROM "Listing";
