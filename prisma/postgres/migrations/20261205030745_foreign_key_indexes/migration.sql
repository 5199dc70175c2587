-- CreateIndex
CREATE INDEX "Payment_procedureId_idx" ON "Payment"("procedureId");

-- CreateIndex
CREATE INDEX "Upload_messageId_idx" ON "Upload"("messageId");
