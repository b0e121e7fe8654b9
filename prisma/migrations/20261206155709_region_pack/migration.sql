-- CreateTable
CREATE TABLE "Region" (
    "slug" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_StrengthArea" (
    "slug" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "shortName" TEXT,
    "shortNameEn" TEXT,
    "description" TEXT NOT NULL,
    "keywords" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "retiredAt" DATETIME
);
INSERT INTO "new_StrengthArea" ("description", "keywords", "name", "nameEn", "slug") SELECT "description", "keywords", "name", "nameEn", "slug" FROM "StrengthArea";
DROP TABLE "StrengthArea";
ALTER TABLE "new_StrengthArea" RENAME TO "StrengthArea";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
