-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_InnovationEnvironment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "town" TEXT NOT NULL,
    "role" TEXT,
    "offer" TEXT NOT NULL,
    "focus" TEXT NOT NULL DEFAULT '',
    "crossCutting" BOOLEAN NOT NULL DEFAULT false,
    "sourceUrl" TEXT NOT NULL
);
INSERT INTO "new_InnovationEnvironment" ("crossCutting", "id", "name", "offer", "role", "sourceUrl", "town") SELECT "crossCutting", "id", "name", "offer", "role", "sourceUrl", "town" FROM "InnovationEnvironment";
DROP TABLE "InnovationEnvironment";
ALTER TABLE "new_InnovationEnvironment" RENAME TO "InnovationEnvironment";
CREATE UNIQUE INDEX "InnovationEnvironment_name_key" ON "InnovationEnvironment"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
