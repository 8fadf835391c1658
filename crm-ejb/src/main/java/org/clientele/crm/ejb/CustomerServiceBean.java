package org.clientele.crm.ejb;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.clientele.crm.api.customer.ConsentChannel;
import org.clientele.crm.api.customer.ConsentDecision;
import org.clientele.crm.api.customer.ConsentPurpose;
import org.clientele.crm.api.customer.CustomerPage;
import org.clientele.crm.api.customer.CustomerProfile;
import org.clientele.crm.api.customer.CustomerQuery;
import org.clientele.crm.api.customer.CustomerService;
import org.clientele.crm.api.customer.CustomerUpdate;
import org.clientele.crm.api.customer.ExternalIdentity;
import org.clientele.crm.api.customer.NewCustomer;
import org.clientele.crm.api.customer.Registration;

/** {@code java:global/clientele/crm-ejb/CustomerServiceBean!org.clientele.crm.api.customer.CustomerService} */
@Stateless
@Local(CustomerService.class)
@Typed
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class CustomerServiceBean implements CustomerService {

  @Inject CustomerService delegate;

  @Override
  public Registration register(NewCustomer customer) {
    return delegate.register(customer);
  }

  @Override
  public List<Registration> registerAll(List<NewCustomer> customers) {
    return delegate.registerAll(customers);
  }

  @Override
  public CustomerProfile get(long customerId) {
    return delegate.get(customerId);
  }

  @Override
  public Optional<CustomerProfile> findByIdentity(ExternalIdentity identity) {
    return delegate.findByIdentity(identity);
  }

  @Override
  public Optional<CustomerProfile> findByEmail(String email) {
    return delegate.findByEmail(email);
  }

  @Override
  public Optional<CustomerProfile> findByPhone(String phone) {
    return delegate.findByPhone(phone);
  }

  @Override
  public CustomerProfile update(long customerId, long expectedVersion, CustomerUpdate update) {
    return delegate.update(customerId, expectedVersion, update);
  }

  @Override
  public CustomerProfile addIdentity(long customerId, ExternalIdentity identity) {
    return delegate.addIdentity(customerId, identity);
  }

  @Override
  public CustomerPage search(CustomerQuery query) {
    return delegate.search(query);
  }

  @Override
  public CustomerProfile recordConsent(long customerId, ConsentDecision decision) {
    return delegate.recordConsent(customerId, decision);
  }

  @Override
  public List<ConsentDecision> consentHistory(long customerId) {
    return delegate.consentHistory(customerId);
  }

  @Override
  public boolean mayContact(long customerId, ConsentChannel channel, ConsentPurpose purpose) {
    return delegate.mayContact(customerId, channel, purpose);
  }

  @Override
  public CustomerProfile clearAttention(long customerId) {
    return delegate.clearAttention(customerId);
  }
}
