-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN     "leaseUntil" TIMESTAMP(3);
