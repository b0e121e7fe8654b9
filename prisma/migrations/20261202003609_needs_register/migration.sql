-- AlterTable
ALTER TABLE "Need" ADD COLUMN "searchText" TEXT;
ALTER TABLE "Need" ADD COLUMN "withdrawnAt" DATETIME;

-- CreateTable
CREATE TABLE "NeedArea" (
    "needId" INTEGER NOT NULL,
    "areaSlug" TEXT NOT NULL,

    PRIMARY KEY ("needId", "areaSlug"),
    CONSTRAINT "NeedArea_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NeedArea_areaSlug_fkey" FOREIGN KEY ("areaSlug") REFERENCES "StrengthArea" ("slug") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UserPreference" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "areas" TEXT,
    "filters" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Feedback" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "needId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Feedback_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Feedback" ("channelId", "createdAt", "id", "kind", "needId", "userId") SELECT "channelId", "createdAt", "id", "kind", "needId", "userId" FROM "Feedback";
DROP TABLE "Feedback";
ALTER TABLE "new_Feedback" RENAME TO "Feedback";
CREATE INDEX "Feedback_createdAt_idx" ON "Feedback"("createdAt");
CREATE INDEX "Feedback_userId_idx" ON "Feedback"("userId");
CREATE UNIQUE INDEX "Feedback_needId_userId_kind_scope_key" ON "Feedback"("needId", "userId", "kind", "scope");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "NeedArea_areaSlug_needId_idx" ON "NeedArea"("areaSlug", "needId");

-- CreateIndex
CREATE INDEX "Need_status_recordedAt_idx" ON "Need"("status", "recordedAt");

-- CreateIndex
CREATE INDEX "Need_municipalityId_recordedAt_idx" ON "Need"("municipalityId", "recordedAt");

-- CreateIndex
CREATE INDEX "Need_recordedByUserId_idx" ON "Need"("recordedByUserId");

-- CreateIndex
CREATE INDEX "Need_contactUserId_idx" ON "Need"("contactUserId");

-- CreateIndex
CREATE INDEX "Need_claimedByUserId_idx" ON "Need"("claimedByUserId");

-- Data: 👍/👎 are unique per channel now, a claim or ✅ stays one per person.
UPDATE "Feedback" SET "scope" = "channelId" WHERE "kind" IN ('up', 'down');

-- Data: each need's current areas — a person's correction (comma-separated slugs), else the
-- classifier's suggestion.
INSERT INTO "NeedArea" ("needId", "areaSlug")
SELECT "needId", "areaSlug" FROM "NeedClassification"
WHERE "suggested" = 1 AND "needId" IN (SELECT "id" FROM "Need" WHERE "correctedAreas" IS NULL);
INSERT INTO "NeedArea" ("needId", "areaSlug")
SELECT "Need"."id", "StrengthArea"."slug" FROM "Need" JOIN "StrengthArea"
  ON instr(',' || "Need"."correctedAreas" || ',', ',' || "StrengthArea"."slug" || ',') > 0
WHERE "Need"."correctedAreas" IS NOT NULL;
