-- AlterTable
ALTER TABLE "Need" ADD COLUMN     "submissionKey" TEXT;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "attemptStartedAt" TIMESTAMP(3),
ADD COLUMN     "lane" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "HealthProbe" (
    "id" INTEGER NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HealthProbe_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Need_submissionKey_key" ON "Need"("submissionKey");
