-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "verdict" TEXT,
ADD COLUMN     "verdictAt" TIMESTAMP(3),
ADD COLUMN     "verdictById" TEXT,
ADD COLUMN     "verdictReason" TEXT;

-- CreateTable
CREATE TABLE "FileNote" (
    "id" TEXT NOT NULL,
    "insuredId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "occurredOn" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FileNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FileNote_insuredId_occurredOn_idx" ON "FileNote"("insuredId", "occurredOn");

-- AddForeignKey
ALTER TABLE "FileNote" ADD CONSTRAINT "FileNote_insuredId_fkey" FOREIGN KEY ("insuredId") REFERENCES "Insured"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FileNote" ADD CONSTRAINT "FileNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
