-- CreateTable
CREATE TABLE "WeeklySummaryClaim" (
    "channelId" TEXT NOT NULL,
    "isoWeek" TEXT NOT NULL,
    "areas" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "claimedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    "fileId" TEXT,

    PRIMARY KEY ("channelId", "isoWeek")
);
