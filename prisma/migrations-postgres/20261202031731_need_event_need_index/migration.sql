-- CreateIndex
CREATE INDEX "NeedEvent_needId_kind_idx" ON "NeedEvent"("needId", "kind");
