-- AlterTable
ALTER TABLE "CardOrder" ADD COLUMN "idempotencyKey" TEXT;
ALTER TABLE "CardOrder" ADD COLUMN "inProgressKey" TEXT;

-- AlterTable
ALTER TABLE "Procedure" ADD COLUMN "idempotencyKey" TEXT;
ALTER TABLE "Procedure" ADD COLUMN "openKey" TEXT;

-- AlterTable
ALTER TABLE "Upload" ADD COLUMN "height" INTEGER;
ALTER TABLE "Upload" ADD COLUMN "uploadedById" TEXT;
ALTER TABLE "Upload" ADD COLUMN "width" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "CardOrder_idempotencyKey_key" ON "CardOrder"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "CardOrder_inProgressKey_key" ON "CardOrder"("inProgressKey");

-- CreateIndex
CREATE UNIQUE INDEX "Procedure_idempotencyKey_key" ON "Procedure"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Procedure_openKey_key" ON "Procedure"("openKey");
