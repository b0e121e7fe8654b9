-- AlterTable
ALTER TABLE "StrengthArea" ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "retiredAt" TIMESTAMP(3),
ADD COLUMN     "shortName" TEXT,
ADD COLUMN     "shortNameEn" TEXT;

-- CreateTable
CREATE TABLE "Region" (
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("slug")
);
