-- AlterTable
ALTER TABLE "Need" ADD COLUMN "claimedAt" DATETIME;
ALTER TABLE "Need" ADD COLUMN "claimedByUserId" TEXT;
ALTER TABLE "Need" ADD COLUMN "resolvedAt" DATETIME;

-- CreateTable
CREATE TABLE "Feedback" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "needId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Feedback_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NeedEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "needId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "userId" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "NeedEvent_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Feedback_createdAt_idx" ON "Feedback"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_needId_userId_kind_key" ON "Feedback"("needId", "userId", "kind");

-- CreateIndex
CREATE INDEX "NeedEvent_kind_at_idx" ON "NeedEvent"("kind", "at");
