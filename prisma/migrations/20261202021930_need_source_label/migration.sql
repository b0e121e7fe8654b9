-- AlterTable
ALTER TABLE "Need" ADD COLUMN "sourceLabel" TEXT;
