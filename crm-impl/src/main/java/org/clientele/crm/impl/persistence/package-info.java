/** Persistence infrastructure shared by every context: schema migrations and JPA conversions. */
package org.clientele.crm.impl.persistence;
