-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Need" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "municipalityId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "sector" TEXT,
    "contactUserId" TEXT,
    "municipalContact" TEXT,
    "recordedByUserId" TEXT,
    "originChannelId" TEXT,
    "source" TEXT NOT NULL,
    "submissionKey" TEXT,
    "sourceLabel" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "withdrawnAt" DATETIME,
    "claimedByUserId" TEXT,
    "claimedAt" DATETIME,
    "resolvedAt" DATETIME,
    "correctedAreas" TEXT,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "routedAt" DATETIME,
    "abstained" BOOLEAN,
    "modelVersion" TEXT,
    "searchText" TEXT,
    CONSTRAINT "Need_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Need" ("abstained", "claimedAt", "claimedByUserId", "contactUserId", "correctedAreas", "description", "id", "modelVersion", "municipalContact", "municipalityId", "originChannelId", "recordedAt", "recordedByUserId", "resolvedAt", "routedAt", "searchText", "sector", "source", "sourceLabel", "status", "submissionKey", "title", "withdrawnAt") SELECT "abstained", "claimedAt", "claimedByUserId", "contactUserId", "correctedAreas", "description", "id", "modelVersion", "municipalContact", "municipalityId", "originChannelId", "recordedAt", "recordedByUserId", "resolvedAt", "routedAt", "searchText", "sector", "source", "sourceLabel", "status", "submissionKey", "title", "withdrawnAt" FROM "Need";
DROP TABLE "Need";
ALTER TABLE "new_Need" RENAME TO "Need";
CREATE UNIQUE INDEX "Need_submissionKey_key" ON "Need"("submissionKey");
CREATE INDEX "Need_recordedAt_idx" ON "Need"("recordedAt");
CREATE INDEX "Need_routedAt_idx" ON "Need"("routedAt");
CREATE INDEX "Need_status_recordedAt_idx" ON "Need"("status", "recordedAt");
CREATE INDEX "Need_municipalityId_recordedAt_idx" ON "Need"("municipalityId", "recordedAt");
CREATE INDEX "Need_status_resolvedAt_idx" ON "Need"("status", "resolvedAt");
CREATE INDEX "Need_recordedByUserId_recordedAt_idx" ON "Need"("recordedByUserId", "recordedAt");
CREATE INDEX "Need_contactUserId_recordedAt_idx" ON "Need"("contactUserId", "recordedAt");
CREATE INDEX "Need_claimedByUserId_recordedAt_idx" ON "Need"("claimedByUserId", "recordedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
