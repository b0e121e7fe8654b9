-- CreateTable
CREATE TABLE "WeeklySummaryClaim" (
    "channelId" TEXT NOT NULL,
    "isoWeek" TEXT NOT NULL,
    "areas" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "fileId" TEXT,

    CONSTRAINT "WeeklySummaryClaim_pkey" PRIMARY KEY ("channelId","isoWeek")
);
