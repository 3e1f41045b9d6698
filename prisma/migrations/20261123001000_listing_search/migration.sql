-- AlterTable
ALTER TABLE "Listing" ADD COLUMN "priceCnyFen" INTEGER;

-- CreateIndex
CREATE INDEX "Listing_status_priceCnyFen_idx" ON "Listing"("status", "priceCnyFen");

-- CreateIndex
CREATE INDEX "Listing_status_createdAt_idx" ON "Listing"("status", "createdAt");


-- Full-text search over Chinese and original words, substrings included (trigram tokenizer).
-- SQLite-only: on PostgreSQL the same role falls to pg_trgm GIN indexes (see README).
-- Kept in sync by triggers, so every write path (services, seed, jobs) updates it.
-- Rows share the listing's rowid, so updates and deletes are index lookups. A later migration that
-- redefines "Listing" (Prisma's new_Listing copy) drops these triggers and may renumber rowids:
-- it must rebuild this table (DELETE, then the INSERT … SELECT below) and create the triggers again.
CREATE VIRTUAL TABLE "ListingSearch" USING fts5(
    "listingId" UNINDEXED,
    "title",
    "titleZh",
    "description",
    "descriptionZh",
    tokenize = 'trigram'
);

INSERT INTO "ListingSearch" ("rowid", "listingId", "title", "titleZh", "description", "descriptionZh")
SELECT "rowid", "id", "title", "titleZh", "description", "descriptionZh" FROM "Listing";

CREATE TRIGGER "Listing_search_insert" AFTER INSERT ON "Listing" BEGIN
    INSERT INTO "ListingSearch" ("rowid", "listingId", "title", "titleZh", "description", "descriptionZh")
    VALUES (new."rowid", new."id", new."title", new."titleZh", new."description", new."descriptionZh");
END;

CREATE TRIGGER "Listing_search_delete" AFTER DELETE ON "Listing" BEGIN
    DELETE FROM "ListingSearch" WHERE "rowid" = old."rowid";
END;

CREATE TRIGGER "Listing_search_update" AFTER UPDATE OF "title", "titleZh", "description", "descriptionZh" ON "Listing" BEGIN
    DELETE FROM "ListingSearch" WHERE "rowid" = old."rowid";
    INSERT INTO "ListingSearch" ("rowid", "listingId", "title", "titleZh", "description", "descriptionZh")
    VALUES (new."rowid", new."id", new."title", new."titleZh", new."description", new."descriptionZh");
END;

-- The home page's featured listings, newest first, without walking the whole catalog.
CREATE INDEX "Listing_status_featured_createdAt_idx" ON "Listing"("status", "featured", "createdAt");

-- Short search terms (most Chinese words) are matched with LIKE over the titles: this index covers
-- that scan, newest first, without touching the table.
CREATE INDEX "Listing_search_titles_idx" ON "Listing"("status", "createdAt", "titleZh", "title");
