-- CreateTable
CREATE TABLE "StoreHostSlot" (
    "host" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "holder" TEXT,
    "leaseUntil" DATETIME NOT NULL,

    PRIMARY KEY ("host", "slot")
);

-- CreateTable
CREATE TABLE "StoreHostPace" (
    "host" TEXT NOT NULL PRIMARY KEY,
    "nextStartAt" DATETIME NOT NULL
);
