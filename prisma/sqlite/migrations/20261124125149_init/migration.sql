-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "regimeCode" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "addressLine1" TEXT NOT NULL,
    "addressLine2" TEXT,
    "postalCode" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "englishPhone" TEXT,
    "email" TEXT,
    "openingHours" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ReceptionPoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "addressLine1" TEXT NOT NULL,
    "addressLine2" TEXT,
    "postalCode" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "phone" TEXT,
    "byAppointment" BOOLEAN NOT NULL DEFAULT true,
    "slotMinutes" INTEGER NOT NULL DEFAULT 30,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReceptionPoint_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OpeningHour" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "receptionPointId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "opens" TEXT NOT NULL,
    "closes" TEXT NOT NULL,
    CONSTRAINT "OpeningHour_receptionPointId_fkey" FOREIGN KEY ("receptionPointId") REFERENCES "ReceptionPoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClosedDay" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "receptionPointId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    CONSTRAINT "ClosedDay_receptionPointId_fkey" FOREIGN KEY ("receptionPointId") REFERENCES "ReceptionPoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Insured" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "nir" TEXT NOT NULL,
    "nirKey" TEXT NOT NULL,
    "nirKind" TEXT NOT NULL,
    "sex" INTEGER NOT NULL,
    "birthName" TEXT NOT NULL,
    "usualName" TEXT,
    "firstNames" TEXT NOT NULL,
    "birthDate" TEXT NOT NULL,
    "birthPlace" TEXT,
    "birthCountry" TEXT NOT NULL DEFAULT 'FR',
    "nationality" TEXT NOT NULL DEFAULT 'FR',
    "addressLine1" TEXT NOT NULL,
    "addressLine2" TEXT,
    "postalCode" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "country" TEXT NOT NULL DEFAULT 'FR',
    "email" TEXT,
    "phone" TEXT,
    "preferredLocale" TEXT NOT NULL DEFAULT 'fr',
    "iban" TEXT,
    "bic" TEXT,
    "bankHolder" TEXT,
    "regime" TEXT NOT NULL,
    "managementCode" TEXT NOT NULL DEFAULT '10',
    "organisationId" TEXT NOT NULL,
    "affiliationStatus" TEXT NOT NULL DEFAULT 'active',
    "rightsFrom" TEXT NOT NULL,
    "rightsTo" TEXT,
    "amcCode" TEXT,
    "mutuelleName" TEXT,
    "complementaryKind" TEXT NOT NULL DEFAULT 'none',
    "mutuelleOverrunPercent" INTEGER,
    "doctorId" TEXT,
    "doctorDeclaredOn" TEXT,
    "employerName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Insured_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Insured_doctorId_fkey" FOREIGN KEY ("doctorId") REFERENCES "HealthProfessional" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Beneficiary" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "firstNames" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "birthDate" TEXT NOT NULL,
    "sex" INTEGER NOT NULL,
    "ownNir" TEXT,
    "ownNirKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BeneficiaryLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "beneficiaryId" TEXT NOT NULL,
    "insuredId" TEXT NOT NULL,
    "rank" TEXT NOT NULL,
    "relationship" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT,
    CONSTRAINT "BeneficiaryLink_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Beneficiary" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BeneficiaryLink_insuredId_fkey" FOREIGN KEY ("insuredId") REFERENCES "Insured" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CoveragePeriod" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "insuredId" TEXT NOT NULL,
    "beneficiaryId" TEXT,
    "kind" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT,
    "label" TEXT,
    "monthlyParticipation" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CoveragePeriod_insuredId_fkey" FOREIGN KEY ("insuredId") REFERENCES "Insured" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CoveragePeriod_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Beneficiary" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "role" TEXT NOT NULL,
    "insuredId" TEXT,
    "email" TEXT,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT,
    "organisationId" TEXT,
    "receptionPointId" TEXT,
    "failedLoginCount" INTEGER NOT NULL DEFAULT 0,
    "lockedAt" DATETIME,
    "lockedReason" TEXT,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "accessCodeHash" TEXT,
    "accessCodeExpiresAt" DATETIME,
    "accessCodeAttempts" INTEGER NOT NULL DEFAULT 0,
    "lastLoginAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_insuredId_fkey" FOREIGN KEY ("insuredId") REFERENCES "Insured" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "User_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "User_receptionPointId_fkey" FOREIGN KEY ("receptionPointId") REFERENCES "ReceptionPoint" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HealthProfessional" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rpps" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'person',
    "title" TEXT,
    "firstName" TEXT,
    "lastName" TEXT NOT NULL,
    "specialty" TEXT NOT NULL,
    "sector" TEXT NOT NULL DEFAULT '1',
    "addressLine1" TEXT,
    "postalCode" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RuleParameter" (
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
    CONSTRAINT "RuleParameter_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Claim" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "insuredId" TEXT NOT NULL,
    "beneficiaryId" TEXT,
    "professionalId" TEXT,
    "source" TEXT NOT NULL,
    "careDate" TEXT NOT NULL,
    "receivedOn" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'received',
    "rejectReason" TEXT,
    "tiersPayant" BOOLEAN NOT NULL DEFAULT false,
    "totalCharged" INTEGER NOT NULL DEFAULT 0,
    "totalAmoPaid" INTEGER NOT NULL DEFAULT 0,
    "totalComplementary" INTEGER NOT NULL DEFAULT 0,
    "totalPatient" INTEGER NOT NULL DEFAULT 0,
    "enteredById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Claim_insuredId_fkey" FOREIGN KEY ("insuredId") REFERENCES "Insured" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Claim_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Beneficiary" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Claim_professionalId_fkey" FOREIGN KEY ("professionalId") REFERENCES "HealthProfessional" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClaimLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "claimId" TEXT NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "careDate" TEXT NOT NULL,
    "act" TEXT NOT NULL,
    "careType" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "feeCharged" INTEGER NOT NULL,
    "sector" TEXT NOT NULL DEFAULT '1',
    "pathway" TEXT NOT NULL DEFAULT 'coordinated',
    "situations" TEXT NOT NULL DEFAULT '',
    "label" TEXT,
    "base" INTEGER NOT NULL,
    "rate" INTEGER NOT NULL,
    "amoGross" INTEGER NOT NULL,
    "localRegime" INTEGER NOT NULL DEFAULT 0,
    "participation" INTEGER NOT NULL DEFAULT 0,
    "franchise" INTEGER NOT NULL DEFAULT 0,
    "carriedForward" INTEGER NOT NULL DEFAULT 0,
    "amoPaid" INTEGER NOT NULL,
    "complementary" INTEGER NOT NULL DEFAULT 0,
    "patient" INTEGER NOT NULL,
    "steps" TEXT NOT NULL DEFAULT '[]',
    "paymentId" TEXT,
    "paidOn" TEXT,
    "disputedAt" DATETIME,
    CONSTRAINT "ClaimLine_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClaimLine_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeductionCarryOver" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "insuredId" TEXT NOT NULL,
    "beneficiaryId" TEXT,
    "kind" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "originLineId" TEXT NOT NULL,
    "settledAt" DATETIME,
    "settledByLineId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeductionCarryOver_insuredId_fkey" FOREIGN KEY ("insuredId") REFERENCES "Insured" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "insuredId" TEXT NOT NULL,
    "paidOn" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'paid',
    "ibanMasked" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Payment_insuredId_fkey" FOREIGN KEY ("insuredId") REFERENCES "Insured" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SickLeave" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "insuredId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "prescription" TEXT NOT NULL DEFAULT 'initial',
    "prescriberId" TEXT,
    "employerName" TEXT,
    "salary1" INTEGER,
    "salary2" INTEGER,
    "salary3" INTEGER,
    "waitingDays" INTEGER NOT NULL DEFAULT 3,
    "dailyGross" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'received',
    "enteredById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SickLeave_insuredId_fkey" FOREIGN KEY ("insuredId") REFERENCES "Insured" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DailyAllowance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sickLeaveId" TEXT NOT NULL,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "dailyGross" INTEGER NOT NULL,
    "gross" INTEGER NOT NULL,
    "csg" INTEGER NOT NULL,
    "crds" INTEGER NOT NULL,
    "net" INTEGER NOT NULL,
    "taxable" INTEGER NOT NULL,
    "paymentId" TEXT,
    "paidOn" TEXT,
    CONSTRAINT "DailyAllowance_sickLeaveId_fkey" FOREIGN KEY ("sickLeaveId") REFERENCES "SickLeave" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DailyAllowance_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IssuedDocument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "insuredId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "verificationCode" TEXT NOT NULL,
    "scope" TEXT,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "validUntil" TEXT,
    "revokedAt" DATETIME,
    "revokedReason" TEXT,
    "issuedById" TEXT,
    "snapshot" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "IssuedDocument_insuredId_fkey" FOREIGN KEY ("insuredId") REFERENCES "Insured" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Upload" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "insuredId" TEXT,
    "procedureId" TEXT,
    "messageId" TEXT,
    "kind" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Upload_insuredId_fkey" FOREIGN KEY ("insuredId") REFERENCES "Insured" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Upload_procedureId_fkey" FOREIGN KEY ("procedureId") REFERENCES "Procedure" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Upload_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Card" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "insuredId" TEXT NOT NULL,
    "beneficiaryId" TEXT,
    "serialNumber" TEXT NOT NULL,
    "issuedOn" TEXT NOT NULL,
    "validUntil" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "blockedAt" DATETIME,
    "blockedReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Card_insuredId_fkey" FOREIGN KEY ("insuredId") REFERENCES "Insured" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Card_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Beneficiary" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CardOrder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "insuredId" TEXT NOT NULL,
    "beneficiaryId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "rejectReason" TEXT,
    "departureDate" TEXT,
    "estimatedDelivery" TEXT,
    "shippingAddress" TEXT NOT NULL,
    "photoUploadId" TEXT,
    "identityUploadId" TEXT,
    "cardId" TEXT,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CardOrder_insuredId_fkey" FOREIGN KEY ("insuredId") REFERENCES "Insured" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CardOrder_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Beneficiary" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CardOrder_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CardOrderEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cardOrderId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" TEXT,
    "note" TEXT,
    CONSTRAINT "CardOrderEvent_cardOrderId_fkey" FOREIGN KEY ("cardOrderId") REFERENCES "CardOrder" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Procedure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "insuredId" TEXT,
    "beneficiaryId" TEXT,
    "organisationId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "payload" TEXT NOT NULL DEFAULT '{}',
    "applicantBirthDate" TEXT,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "estimatedCompletion" TEXT,
    "closedAt" DATETIME,
    "assignedToId" TEXT,
    "decisionReason" TEXT,
    "requestedDocument" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Procedure_insuredId_fkey" FOREIGN KEY ("insuredId") REFERENCES "Insured" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Procedure_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Beneficiary" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Procedure_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Procedure_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProcedureEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "procedureId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" TEXT,
    "note" TEXT,
    CONSTRAINT "ProcedureEvent_procedureId_fkey" FOREIGN KEY ("procedureId") REFERENCES "Procedure" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AppointmentSlot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "receptionPointId" TEXT NOT NULL,
    "advisorId" TEXT,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "capacity" INTEGER NOT NULL DEFAULT 1,
    "bookedCount" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'open',
    CONSTRAINT "AppointmentSlot_receptionPointId_fkey" FOREIGN KEY ("receptionPointId") REFERENCES "ReceptionPoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AppointmentSlot_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Appointment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,
    "insuredId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'booked',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" DATETIME,
    "reminderSentAt" DATETIME,
    CONSTRAINT "Appointment_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "AppointmentSlot" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Appointment_insuredId_fkey" FOREIGN KEY ("insuredId") REFERENCES "Insured" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MessageThread" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "insuredId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "assignedToId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastMessageAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MessageThread_insuredId_fkey" FOREIGN KEY ("insuredId") REFERENCES "Insured" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MessageThread_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "MessageThread_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "threadId" TEXT NOT NULL,
    "authorUserId" TEXT NOT NULL,
    "authorRole" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME,
    CONSTRAINT "Message_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "MessageThread" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Message_authorUserId_fkey" FOREIGN KEY ("authorUserId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" TEXT,
    "actorRole" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "insuredId" TEXT,
    "outcome" TEXT NOT NULL DEFAULT 'success',
    "ip" TEXT,
    "userAgent" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "AuditEvent_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
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
    "deliveredAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_code_key" ON "Organisation"("code");

-- CreateIndex
CREATE INDEX "Organisation_department_idx" ON "Organisation"("department");

-- CreateIndex
CREATE INDEX "ReceptionPoint_organisationId_idx" ON "ReceptionPoint"("organisationId");

-- CreateIndex
CREATE INDEX "ReceptionPoint_postalCode_idx" ON "ReceptionPoint"("postalCode");

-- CreateIndex
CREATE INDEX "OpeningHour_receptionPointId_weekday_idx" ON "OpeningHour"("receptionPointId", "weekday");

-- CreateIndex
CREATE UNIQUE INDEX "ClosedDay_receptionPointId_date_key" ON "ClosedDay"("receptionPointId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "Insured_nir_key" ON "Insured"("nir");

-- CreateIndex
CREATE INDEX "Insured_organisationId_idx" ON "Insured"("organisationId");

-- CreateIndex
CREATE INDEX "Insured_birthName_birthDate_idx" ON "Insured"("birthName", "birthDate");

-- CreateIndex
CREATE INDEX "Insured_usualName_idx" ON "Insured"("usualName");

-- CreateIndex
CREATE UNIQUE INDEX "Beneficiary_ownNir_key" ON "Beneficiary"("ownNir");

-- CreateIndex
CREATE INDEX "BeneficiaryLink_beneficiaryId_idx" ON "BeneficiaryLink"("beneficiaryId");

-- CreateIndex
CREATE UNIQUE INDEX "BeneficiaryLink_insuredId_beneficiaryId_key" ON "BeneficiaryLink"("insuredId", "beneficiaryId");

-- CreateIndex
CREATE INDEX "CoveragePeriod_insuredId_kind_idx" ON "CoveragePeriod"("insuredId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "User_insuredId_key" ON "User"("insuredId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_organisationId_role_idx" ON "User"("organisationId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "HealthProfessional_rpps_key" ON "HealthProfessional"("rpps");

-- CreateIndex
CREATE INDEX "HealthProfessional_lastName_idx" ON "HealthProfessional"("lastName");

-- CreateIndex
CREATE INDEX "HealthProfessional_postalCode_idx" ON "HealthProfessional"("postalCode");

-- CreateIndex
CREATE INDEX "RuleParameter_key_idx" ON "RuleParameter"("key");

-- CreateIndex
CREATE UNIQUE INDEX "RuleParameter_key_from_key" ON "RuleParameter"("key", "from");

-- CreateIndex
CREATE UNIQUE INDEX "Claim_reference_key" ON "Claim"("reference");

-- CreateIndex
CREATE INDEX "Claim_insuredId_careDate_idx" ON "Claim"("insuredId", "careDate");

-- CreateIndex
CREATE INDEX "Claim_insuredId_status_idx" ON "Claim"("insuredId", "status");

-- CreateIndex
CREATE INDEX "ClaimLine_paymentId_idx" ON "ClaimLine"("paymentId");

-- CreateIndex
CREATE INDEX "ClaimLine_careDate_idx" ON "ClaimLine"("careDate");

-- CreateIndex
CREATE UNIQUE INDEX "ClaimLine_claimId_lineNo_key" ON "ClaimLine"("claimId", "lineNo");

-- CreateIndex
CREATE INDEX "DeductionCarryOver_insuredId_settledAt_idx" ON "DeductionCarryOver"("insuredId", "settledAt");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_reference_key" ON "Payment"("reference");

-- CreateIndex
CREATE INDEX "Payment_insuredId_paidOn_idx" ON "Payment"("insuredId", "paidOn");

-- CreateIndex
CREATE UNIQUE INDEX "SickLeave_reference_key" ON "SickLeave"("reference");

-- CreateIndex
CREATE INDEX "SickLeave_insuredId_startDate_idx" ON "SickLeave"("insuredId", "startDate");

-- CreateIndex
CREATE INDEX "DailyAllowance_sickLeaveId_idx" ON "DailyAllowance"("sickLeaveId");

-- CreateIndex
CREATE INDEX "DailyAllowance_paidOn_idx" ON "DailyAllowance"("paidOn");

-- CreateIndex
CREATE UNIQUE INDEX "IssuedDocument_verificationCode_key" ON "IssuedDocument"("verificationCode");

-- CreateIndex
CREATE INDEX "IssuedDocument_insuredId_kind_idx" ON "IssuedDocument"("insuredId", "kind");

-- CreateIndex
CREATE INDEX "Upload_procedureId_idx" ON "Upload"("procedureId");

-- CreateIndex
CREATE INDEX "Upload_insuredId_idx" ON "Upload"("insuredId");

-- CreateIndex
CREATE UNIQUE INDEX "Card_serialNumber_key" ON "Card"("serialNumber");

-- CreateIndex
CREATE INDEX "Card_insuredId_kind_status_idx" ON "Card"("insuredId", "kind", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CardOrder_reference_key" ON "CardOrder"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "CardOrder_cardId_key" ON "CardOrder"("cardId");

-- CreateIndex
CREATE INDEX "CardOrder_insuredId_kind_status_idx" ON "CardOrder"("insuredId", "kind", "status");

-- CreateIndex
CREATE INDEX "CardOrderEvent_cardOrderId_at_idx" ON "CardOrderEvent"("cardOrderId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Procedure_reference_key" ON "Procedure"("reference");

-- CreateIndex
CREATE INDEX "Procedure_organisationId_status_submittedAt_idx" ON "Procedure"("organisationId", "status", "submittedAt");

-- CreateIndex
CREATE INDEX "Procedure_insuredId_status_idx" ON "Procedure"("insuredId", "status");

-- CreateIndex
CREATE INDEX "Procedure_type_status_idx" ON "Procedure"("type", "status");

-- CreateIndex
CREATE INDEX "ProcedureEvent_procedureId_at_idx" ON "ProcedureEvent"("procedureId", "at");

-- CreateIndex
CREATE INDEX "AppointmentSlot_receptionPointId_startsAt_idx" ON "AppointmentSlot"("receptionPointId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "AppointmentSlot_receptionPointId_advisorId_startsAt_key" ON "AppointmentSlot"("receptionPointId", "advisorId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Appointment_reference_key" ON "Appointment"("reference");

-- CreateIndex
CREATE INDEX "Appointment_insuredId_status_idx" ON "Appointment"("insuredId", "status");

-- CreateIndex
CREATE INDEX "Appointment_slotId_idx" ON "Appointment"("slotId");

-- CreateIndex
CREATE INDEX "MessageThread_insuredId_lastMessageAt_idx" ON "MessageThread"("insuredId", "lastMessageAt");

-- CreateIndex
CREATE INDEX "MessageThread_organisationId_status_idx" ON "MessageThread"("organisationId", "status");

-- CreateIndex
CREATE INDEX "Message_threadId_createdAt_idx" ON "Message"("threadId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_insuredId_at_idx" ON "AuditEvent"("insuredId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorUserId_at_idx" ON "AuditEvent"("actorUserId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- CreateIndex
CREATE INDEX "OutboxMessage_insuredId_createdAt_idx" ON "OutboxMessage"("insuredId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_createdAt_idx" ON "OutboxMessage"("status", "createdAt");
