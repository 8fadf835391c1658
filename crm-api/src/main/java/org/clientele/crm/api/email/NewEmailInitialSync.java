package org.clientele.crm.api.email;

/**
 * An initial sync to start.
 *
 * @param chunkSize customers per chunk, each one platform batch (1 to 5000; default from configuration)
 */
public record NewEmailInitialSync(Integer chunkSize) {}
