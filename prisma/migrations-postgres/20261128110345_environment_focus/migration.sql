-- AlterTable
ALTER TABLE "InnovationEnvironment" ADD COLUMN     "focus" TEXT NOT NULL DEFAULT '';
