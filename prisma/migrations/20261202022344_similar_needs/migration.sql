-- CreateTable
CREATE TABLE "NeedSimilar" (
    "needId" INTEGER NOT NULL,
    "similarNeedId" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "score" REAL NOT NULL,
    "foundAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("needId", "similarNeedId"),
    CONSTRAINT "NeedSimilar_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NeedSimilar_similarNeedId_fkey" FOREIGN KEY ("similarNeedId") REFERENCES "Need" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "NeedSimilar_similarNeedId_idx" ON "NeedSimilar"("similarNeedId");

-- CreateIndex
CREATE INDEX "NeedSimilar_foundAt_idx" ON "NeedSimilar"("foundAt");
