-- CreateTable
CREATE TABLE "StoreHostSlot" (
    "host" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "holder" TEXT,
    "leaseUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StoreHostSlot_pkey" PRIMARY KEY ("host","slot")
);

-- CreateTable
CREATE TABLE "StoreHostPace" (
    "host" TEXT NOT NULL,
    "nextStartAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StoreHostPace_pkey" PRIMARY KEY ("host")
);
