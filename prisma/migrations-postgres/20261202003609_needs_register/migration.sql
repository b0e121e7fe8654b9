-- DropIndex
DROP INDEX "Feedback_needId_userId_kind_key";

-- AlterTable
ALTER TABLE "Feedback" ADD COLUMN     "scope" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Need" ADD COLUMN     "searchText" TEXT,
ADD COLUMN     "withdrawnAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "NeedArea" (
    "needId" INTEGER NOT NULL,
    "areaSlug" TEXT NOT NULL,

    CONSTRAINT "NeedArea_pkey" PRIMARY KEY ("needId","areaSlug")
);

-- CreateTable
CREATE TABLE "UserPreference" (
    "userId" TEXT NOT NULL,
    "areas" TEXT,
    "filters" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserPreference_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "NeedArea_areaSlug_needId_idx" ON "NeedArea"("areaSlug", "needId");

-- CreateIndex
CREATE INDEX "Feedback_userId_idx" ON "Feedback"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_needId_userId_kind_scope_key" ON "Feedback"("needId", "userId", "kind", "scope");

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

-- AddForeignKey
ALTER TABLE "NeedArea" ADD CONSTRAINT "NeedArea_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedArea" ADD CONSTRAINT "NeedArea_areaSlug_fkey" FOREIGN KEY ("areaSlug") REFERENCES "StrengthArea"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Data: 👍/👎 are unique per channel now, a claim or ✅ stays one per person.
UPDATE "Feedback" SET "scope" = "channelId" WHERE "kind" IN ('up', 'down');

-- Data: each need's current areas — a person's correction (comma-separated slugs), else the
-- classifier's suggestion.
INSERT INTO "NeedArea" ("needId", "areaSlug")
SELECT "needId", "areaSlug" FROM "NeedClassification"
WHERE "suggested" AND "needId" IN (SELECT "id" FROM "Need" WHERE "correctedAreas" IS NULL);
INSERT INTO "NeedArea" ("needId", "areaSlug")
SELECT "Need"."id", "StrengthArea"."slug" FROM "Need" JOIN "StrengthArea"
  ON position(',' || "StrengthArea"."slug" || ',' IN ',' || "Need"."correctedAreas" || ',') > 0
WHERE "Need"."correctedAreas" IS NOT NULL;
