-- CreateTable
CREATE TABLE "NeedSimilar" (
    "needId" INTEGER NOT NULL,
    "similarNeedId" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "foundAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NeedSimilar_pkey" PRIMARY KEY ("needId","similarNeedId")
);

-- CreateIndex
CREATE INDEX "NeedSimilar_similarNeedId_idx" ON "NeedSimilar"("similarNeedId");

-- CreateIndex
CREATE INDEX "NeedSimilar_foundAt_idx" ON "NeedSimilar"("foundAt");

-- AddForeignKey
ALTER TABLE "NeedSimilar" ADD CONSTRAINT "NeedSimilar_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedSimilar" ADD CONSTRAINT "NeedSimilar_similarNeedId_fkey" FOREIGN KEY ("similarNeedId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;
