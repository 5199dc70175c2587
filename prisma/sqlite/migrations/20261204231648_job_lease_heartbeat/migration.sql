-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN "leaseUntil" DATETIME;
