-- AlterTable
ALTER TABLE "Need" ADD COLUMN     "correctedAreas" TEXT;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "generation" INTEGER NOT NULL DEFAULT 0;
