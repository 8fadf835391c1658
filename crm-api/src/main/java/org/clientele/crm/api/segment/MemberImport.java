package org.clientele.crm.api.segment;

import jakarta.validation.constraints.NotNull;

/**
 * Members of a static segment as CSV (RFC 4180, UTF-8) with a header row naming how each row identifies a
 * customer: a {@code customerId} column, an {@code email} column, or {@code system} and {@code externalId}
 * columns (an identity from that system). Other columns are ignored. At most 100,000 rows.
 *
 * @param replace true: the file is the whole membership, so members not listed leave; false: listed
 *     customers are added
 */
public record MemberImport(@NotNull(message = "is required") String csv, boolean replace) {}
