-- AlterTable
ALTER TABLE "NeedEnvironment" ADD COLUMN "reasonData" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EnvironmentArea" (
    "environmentId" INTEGER NOT NULL,
    "areaSlug" TEXT NOT NULL,
    "coordinator" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("environmentId", "areaSlug"),
    CONSTRAINT "EnvironmentArea_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "InnovationEnvironment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EnvironmentArea_areaSlug_fkey" FOREIGN KEY ("areaSlug") REFERENCES "StrengthArea" ("slug") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_EnvironmentArea" ("areaSlug", "environmentId") SELECT "areaSlug", "environmentId" FROM "EnvironmentArea";
DROP TABLE "EnvironmentArea";
ALTER TABLE "new_EnvironmentArea" RENAME TO "EnvironmentArea";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
