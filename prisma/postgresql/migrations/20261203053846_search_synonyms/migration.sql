-- The admin-editable shopping thesaurus catalog search expands queries with. Its rows come from the seed
-- (prisma/seed-data/search-synonyms.ts) and admins' edits at /admin/search-synonyms.
-- CreateTable
CREATE TABLE "SearchSynonym" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    "words" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "SearchSynonym_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchSynonym_updatedAt_idx" ON "SearchSynonym"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SearchSynonym_kind_term_key" ON "SearchSynonym"("kind", "term");
