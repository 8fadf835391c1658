package org.clientele.crm.impl.system;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores the nodes' heartbeats. */
@ApplicationScoped
public class JpaClusterNodeRepository {

  @PersistenceContext(unitName = "clientele")
  EntityManager em;

  public Optional<ClusterNode> find(String name) {
    return Optional.ofNullable(em.find(ClusterNode.class, name));
  }

  public List<ClusterNode> findSeenSince(Instant since) {
    return em.createNamedQuery("ClusterNode.seenSince", ClusterNode.class).setParameter("since", since).getResultList();
  }

  public void store(ClusterNode node) {
    em.persist(node);
  }
}
