-- DropIndex
DROP INDEX "Need_claimedByUserId_idx";

-- DropIndex
DROP INDEX "Need_contactUserId_idx";

-- DropIndex
DROP INDEX "Need_recordedByUserId_idx";

-- CreateIndex
CREATE INDEX "Need_status_resolvedAt_idx" ON "Need"("status", "resolvedAt");

-- CreateIndex
CREATE INDEX "Need_recordedByUserId_recordedAt_idx" ON "Need"("recordedByUserId", "recordedAt");

-- CreateIndex
CREATE INDEX "Need_contactUserId_recordedAt_idx" ON "Need"("contactUserId", "recordedAt");

-- CreateIndex
CREATE INDEX "Need_claimedByUserId_recordedAt_idx" ON "Need"("claimedByUserId", "recordedAt");
