-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "job" TEXT NOT NULL,
    "scheduledFor" DATETIME NOT NULL,
    "trigger" TEXT NOT NULL,
    "actorUserId" TEXT,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "durationMs" INTEGER,
    "nextAttemptAt" DATETIME,
    "error" TEXT,
    "summary" TEXT,
    "owner" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "userId" TEXT,
    "insuredId" TEXT,
    "template" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'fr',
    "status" TEXT NOT NULL DEFAULT 'queued',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "claimToken" TEXT,
    "claimedAt" DATETIME,
    "lastError" TEXT
);
INSERT INTO "new_OutboxMessage" ("body", "channel", "createdAt", "deliveredAt", "id", "insuredId", "locale", "recipient", "status", "subject", "template", "userId") SELECT "body", "channel", "createdAt", "deliveredAt", "id", "insuredId", "locale", "recipient", "status", "subject", "template", "userId" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE INDEX "OutboxMessage_insuredId_createdAt_idx" ON "OutboxMessage"("insuredId", "createdAt");
CREATE INDEX "OutboxMessage_status_createdAt_idx" ON "OutboxMessage"("status", "createdAt");
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt");

-- CreateIndex
CREATE INDEX "JobRun_status_nextAttemptAt_idx" ON "JobRun"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_job_scheduledFor_key" ON "JobRun"("job", "scheduledFor");
