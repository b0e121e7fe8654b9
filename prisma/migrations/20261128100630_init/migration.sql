-- CreateTable
CREATE TABLE "Municipality" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "formalName" TEXT NOT NULL,
    "population" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "StrengthArea" (
    "slug" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "keywords" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "InnovationEnvironment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "town" TEXT NOT NULL,
    "role" TEXT,
    "offer" TEXT NOT NULL,
    "crossCutting" BOOLEAN NOT NULL DEFAULT false,
    "sourceUrl" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "EnvironmentArea" (
    "environmentId" INTEGER NOT NULL,
    "areaSlug" TEXT NOT NULL,

    PRIMARY KEY ("environmentId", "areaSlug"),
    CONSTRAINT "EnvironmentArea_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "InnovationEnvironment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EnvironmentArea_areaSlug_fkey" FOREIGN KEY ("areaSlug") REFERENCES "StrengthArea" ("slug") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Need" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "municipalityId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "sector" TEXT,
    "contactUserId" TEXT NOT NULL,
    "recordedByUserId" TEXT NOT NULL,
    "originChannelId" TEXT,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "routedAt" DATETIME,
    "abstained" BOOLEAN,
    "modelVersion" TEXT,
    CONSTRAINT "Need_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NeedClassification" (
    "needId" INTEGER NOT NULL,
    "areaSlug" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "rank" INTEGER NOT NULL,
    "suggested" BOOLEAN NOT NULL,
    "terms" TEXT NOT NULL,
    "modelVersion" TEXT NOT NULL,

    PRIMARY KEY ("needId", "areaSlug"),
    CONSTRAINT "NeedClassification_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NeedClassification_areaSlug_fkey" FOREIGN KEY ("areaSlug") REFERENCES "StrengthArea" ("slug") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NeedEnvironment" (
    "needId" INTEGER NOT NULL,
    "environmentId" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "score" REAL NOT NULL,
    "reason" TEXT NOT NULL,

    PRIMARY KEY ("needId", "environmentId"),
    CONSTRAINT "NeedEnvironment_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NeedEnvironment_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "InnovationEnvironment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingExample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "TrainingLabel" (
    "exampleId" INTEGER NOT NULL,
    "areaSlug" TEXT NOT NULL,
    "positive" BOOLEAN NOT NULL,

    PRIMARY KEY ("exampleId", "areaSlug"),
    CONSTRAINT "TrainingLabel_exampleId_fkey" FOREIGN KEY ("exampleId") REFERENCES "TrainingExample" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrainingLabel_areaSlug_fkey" FOREIGN KEY ("areaSlug") REFERENCES "StrengthArea" ("slug") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SuggestionPost" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "needId" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "messageTs" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "postedAt" DATETIME,
    CONSTRAINT "SuggestionPost_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "eventId" TEXT NOT NULL PRIMARY KEY,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "Municipality_name_key" ON "Municipality"("name");

-- CreateIndex
CREATE UNIQUE INDEX "InnovationEnvironment_name_key" ON "InnovationEnvironment"("name");

-- CreateIndex
CREATE INDEX "Need_recordedAt_idx" ON "Need"("recordedAt");

-- CreateIndex
CREATE INDEX "Need_routedAt_idx" ON "Need"("routedAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingExample_key_key" ON "TrainingExample"("key");

-- CreateIndex
CREATE UNIQUE INDEX "SuggestionPost_needId_channelId_key" ON "SuggestionPost"("needId", "channelId");

-- CreateIndex
CREATE UNIQUE INDEX "SuggestionPost_channelId_messageTs_key" ON "SuggestionPost"("channelId", "messageTs");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
