-- AlterTable
ALTER TABLE "Upload" ADD COLUMN "verdict" TEXT;
ALTER TABLE "Upload" ADD COLUMN "verdictAt" DATETIME;
ALTER TABLE "Upload" ADD COLUMN "verdictById" TEXT;
ALTER TABLE "Upload" ADD COLUMN "verdictReason" TEXT;

-- CreateTable
CREATE TABLE "FileNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "insuredId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "occurredOn" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FileNote_insuredId_fkey" FOREIGN KEY ("insuredId") REFERENCES "Insured" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FileNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "FileNote_insuredId_occurredOn_idx" ON "FileNote"("insuredId", "occurredOn");
