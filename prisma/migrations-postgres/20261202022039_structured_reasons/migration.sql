-- AlterTable
ALTER TABLE "EnvironmentArea" ADD COLUMN     "coordinator" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "NeedEnvironment" ADD COLUMN     "reasonData" TEXT;
