-- AlterTable
ALTER TABLE "Need" ALTER COLUMN "recordedByUserId" DROP NOT NULL;
