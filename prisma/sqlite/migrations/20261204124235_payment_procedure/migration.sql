-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Payment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "insuredId" TEXT NOT NULL,
    "paidOn" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'paid',
    "ibanMasked" TEXT,
    "procedureId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Payment_insuredId_fkey" FOREIGN KEY ("insuredId") REFERENCES "Insured" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Payment_procedureId_fkey" FOREIGN KEY ("procedureId") REFERENCES "Procedure" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Payment" ("amount", "createdAt", "ibanMasked", "id", "insuredId", "kind", "paidOn", "reference", "status") SELECT "amount", "createdAt", "ibanMasked", "id", "insuredId", "kind", "paidOn", "reference", "status" FROM "Payment";
DROP TABLE "Payment";
ALTER TABLE "new_Payment" RENAME TO "Payment";
CREATE UNIQUE INDEX "Payment_reference_key" ON "Payment"("reference");
CREATE INDEX "Payment_insuredId_paidOn_idx" ON "Payment"("insuredId", "paidOn");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
