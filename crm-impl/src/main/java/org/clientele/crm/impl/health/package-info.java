/** MicroProfile Health checks for what this module owns: the database and its schema. */
package org.clientele.crm.impl.health;
