-- AlterTable
ALTER TABLE "Need" ADD COLUMN     "municipalContact" TEXT,
ALTER COLUMN "contactUserId" DROP NOT NULL;
