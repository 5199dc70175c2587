-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RuleParameter" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT,
    "source" TEXT NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'approved',
    "approvedById" TEXT,
    "approvedAt" DATETIME,
    "withdrawnById" TEXT,
    "withdrawnAt" DATETIME,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RuleParameter_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_RuleParameter" ("createdAt", "createdById", "from", "id", "key", "note", "source", "to", "unit", "value") SELECT "createdAt", "createdById", "from", "id", "key", "note", "source", "to", "unit", "value" FROM "RuleParameter";
DROP TABLE "RuleParameter";
ALTER TABLE "new_RuleParameter" RENAME TO "RuleParameter";
CREATE INDEX "RuleParameter_key_idx" ON "RuleParameter"("key");
CREATE UNIQUE INDEX "RuleParameter_key_from_key" ON "RuleParameter"("key", "from");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
