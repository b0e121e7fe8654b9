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
    "recordedByUserId" TEXT NOT NULL,
    "originChannelId" TEXT,
    "source" TEXT NOT NULL,
    "submissionKey" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "claimedByUserId" TEXT,
    "claimedAt" DATETIME,
    "resolvedAt" DATETIME,
    "correctedAreas" TEXT,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "routedAt" DATETIME,
    "abstained" BOOLEAN,
    "modelVersion" TEXT,
    CONSTRAINT "Need_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Need" ("abstained", "claimedAt", "claimedByUserId", "contactUserId", "correctedAreas", "description", "id", "modelVersion", "municipalityId", "originChannelId", "recordedAt", "recordedByUserId", "resolvedAt", "routedAt", "sector", "source", "status", "submissionKey", "title") SELECT "abstained", "claimedAt", "claimedByUserId", "contactUserId", "correctedAreas", "description", "id", "modelVersion", "municipalityId", "originChannelId", "recordedAt", "recordedByUserId", "resolvedAt", "routedAt", "sector", "source", "status", "submissionKey", "title" FROM "Need";
DROP TABLE "Need";
ALTER TABLE "new_Need" RENAME TO "Need";
CREATE UNIQUE INDEX "Need_submissionKey_key" ON "Need"("submissionKey");
CREATE INDEX "Need_recordedAt_idx" ON "Need"("recordedAt");
CREATE INDEX "Need_routedAt_idx" ON "Need"("routedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
