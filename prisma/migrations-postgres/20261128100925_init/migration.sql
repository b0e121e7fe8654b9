-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Municipality" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "formalName" TEXT NOT NULL,
    "population" INTEGER NOT NULL,

    CONSTRAINT "Municipality_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StrengthArea" (
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "keywords" TEXT NOT NULL,

    CONSTRAINT "StrengthArea_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "InnovationEnvironment" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "town" TEXT NOT NULL,
    "role" TEXT,
    "offer" TEXT NOT NULL,
    "crossCutting" BOOLEAN NOT NULL DEFAULT false,
    "sourceUrl" TEXT NOT NULL,

    CONSTRAINT "InnovationEnvironment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnvironmentArea" (
    "environmentId" INTEGER NOT NULL,
    "areaSlug" TEXT NOT NULL,

    CONSTRAINT "EnvironmentArea_pkey" PRIMARY KEY ("environmentId","areaSlug")
);

-- CreateTable
CREATE TABLE "Need" (
    "id" SERIAL NOT NULL,
    "municipalityId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "sector" TEXT,
    "contactUserId" TEXT NOT NULL,
    "recordedByUserId" TEXT NOT NULL,
    "originChannelId" TEXT,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "claimedByUserId" TEXT,
    "claimedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "routedAt" TIMESTAMP(3),
    "abstained" BOOLEAN,
    "modelVersion" TEXT,

    CONSTRAINT "Need_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NeedClassification" (
    "needId" INTEGER NOT NULL,
    "areaSlug" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "rank" INTEGER NOT NULL,
    "suggested" BOOLEAN NOT NULL,
    "terms" TEXT NOT NULL,
    "modelVersion" TEXT NOT NULL,

    CONSTRAINT "NeedClassification_pkey" PRIMARY KEY ("needId","areaSlug")
);

-- CreateTable
CREATE TABLE "NeedEnvironment" (
    "needId" INTEGER NOT NULL,
    "environmentId" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "NeedEnvironment_pkey" PRIMARY KEY ("needId","environmentId")
);

-- CreateTable
CREATE TABLE "TrainingExample" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingExample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingLabel" (
    "exampleId" INTEGER NOT NULL,
    "areaSlug" TEXT NOT NULL,
    "positive" BOOLEAN NOT NULL,

    CONSTRAINT "TrainingLabel_pkey" PRIMARY KEY ("exampleId","areaSlug")
);

-- CreateTable
CREATE TABLE "SuggestionPost" (
    "id" SERIAL NOT NULL,
    "needId" INTEGER NOT NULL,
    "channelId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "messageTs" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "postedAt" TIMESTAMP(3),

    CONSTRAINT "SuggestionPost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" SERIAL NOT NULL,
    "needId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NeedEvent" (
    "id" SERIAL NOT NULL,
    "needId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "userId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NeedEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "eventId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("eventId")
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

-- CreateIndex
CREATE INDEX "Feedback_createdAt_idx" ON "Feedback"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_needId_userId_kind_key" ON "Feedback"("needId", "userId", "kind");

-- CreateIndex
CREATE INDEX "NeedEvent_kind_at_idx" ON "NeedEvent"("kind", "at");

-- AddForeignKey
ALTER TABLE "EnvironmentArea" ADD CONSTRAINT "EnvironmentArea_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "InnovationEnvironment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnvironmentArea" ADD CONSTRAINT "EnvironmentArea_areaSlug_fkey" FOREIGN KEY ("areaSlug") REFERENCES "StrengthArea"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Need" ADD CONSTRAINT "Need_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedClassification" ADD CONSTRAINT "NeedClassification_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedClassification" ADD CONSTRAINT "NeedClassification_areaSlug_fkey" FOREIGN KEY ("areaSlug") REFERENCES "StrengthArea"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedEnvironment" ADD CONSTRAINT "NeedEnvironment_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedEnvironment" ADD CONSTRAINT "NeedEnvironment_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "InnovationEnvironment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingLabel" ADD CONSTRAINT "TrainingLabel_exampleId_fkey" FOREIGN KEY ("exampleId") REFERENCES "TrainingExample"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingLabel" ADD CONSTRAINT "TrainingLabel_areaSlug_fkey" FOREIGN KEY ("areaSlug") REFERENCES "StrengthArea"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SuggestionPost" ADD CONSTRAINT "SuggestionPost_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedEvent" ADD CONSTRAINT "NeedEvent_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;
