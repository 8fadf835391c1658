package org.clientele.crm.ejb;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.clientele.crm.api.FieldViolation;
import org.clientele.crm.api.segment.MemberCount;
import org.clientele.crm.api.segment.MemberImport;
import org.clientele.crm.api.segment.MemberImportResult;
import org.clientele.crm.api.segment.Segment;
import org.clientele.crm.api.segment.SegmentChange;
import org.clientele.crm.api.segment.SegmentDefinition;
import org.clientele.crm.api.segment.SegmentEvaluation;
import org.clientele.crm.api.segment.SegmentMemberPage;
import org.clientele.crm.api.segment.SegmentMembership;
import org.clientele.crm.api.segment.SegmentPreview;
import org.clientele.crm.api.segment.SegmentRule;
import org.clientele.crm.api.segment.SegmentationService;

/** {@code java:global/clientele/crm-ejb/SegmentationServiceBean!org.clientele.crm.api.segment.SegmentationService} */
@Stateless
@Local(SegmentationService.class)
@Typed
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SegmentationServiceBean implements SegmentationService {

  @Inject SegmentationService delegate;

  @Override
  public Segment define(SegmentDefinition definition) {
    return delegate.define(definition);
  }

  @Override
  public Segment update(String key, SegmentChange change, Long expectedVersion) {
    return delegate.update(key, change, expectedVersion);
  }

  @Override
  public void delete(String key, Long expectedVersion) {
    delegate.delete(key, expectedVersion);
  }

  @Override
  public Segment find(String key) {
    return delegate.find(key);
  }

  @Override
  public List<Segment> list() {
    return delegate.list();
  }

  @Override
  public List<FieldViolation> validate(String key, SegmentRule rule) {
    return delegate.validate(key, rule);
  }

  @Override
  public SegmentPreview preview(SegmentRule rule, int sampleSize) {
    return delegate.preview(rule, sampleSize);
  }

  @Override
  public SegmentEvaluation evaluate(String key) {
    return delegate.evaluate(key);
  }

  @Override
  public List<SegmentEvaluation> evaluateAll() {
    return delegate.evaluateAll();
  }

  @Override
  public SegmentMemberPage members(String key, Long afterCustomerId, int limit) {
    return delegate.members(key, afterCustomerId, limit);
  }

  @Override
  public boolean isMember(String key, long customerId) {
    return delegate.isMember(key, customerId);
  }

  @Override
  public List<SegmentMembership> segmentsOf(long customerId, boolean history) {
    return delegate.segmentsOf(customerId, history);
  }

  @Override
  public List<MemberCount> memberCounts(String key, Instant from, Instant to, int points) {
    return delegate.memberCounts(key, from, to, points);
  }

  @Override
  public List<Long> addMembers(String key, List<Long> customerIds) {
    return delegate.addMembers(key, customerIds);
  }

  @Override
  public List<Long> removeMembers(String key, List<Long> customerIds) {
    return delegate.removeMembers(key, customerIds);
  }

  @Override
  public MemberImportResult importMembers(String key, MemberImport memberImport) {
    return delegate.importMembers(key, memberImport);
  }
}
