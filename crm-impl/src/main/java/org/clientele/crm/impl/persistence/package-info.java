/** Persistence infrastructure shared by every context: schema migrations, JPA conversions, JDBC connections and SQL statement counting. */
package org.clientele.crm.impl.persistence;
