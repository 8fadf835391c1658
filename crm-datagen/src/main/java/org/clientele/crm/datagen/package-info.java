/**
 * The data generator: a deterministic synthetic CRM dataset, loaded into PostgreSQL by COPY or emitted as the ERP,
 * store and email-platform messages that would have created it (docs/data-generator.md). Never part of the EAR.
 */
package org.clientele.crm.datagen;
