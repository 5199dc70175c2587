-- CreateTable
CREATE TABLE "PendingContactChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "insuredId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "newValue" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "PendingContactChange_insuredId_channel_key" ON "PendingContactChange"("insuredId", "channel");
